"""The commands as a user runs them: from the repository root, with no flags."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from tests.conftest import ROOT, run


def test_check_summarises_clean_data(small: Path) -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stdout == "3 actors, 3 relations, 3 quotes verified in 1 source\n"


def test_commands_take_data_and_seeds_dirs_from_elsewhere(small: Path, tmp_path: Path, monkeypatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run("check", "--data-dir", str(small / "data"), "--seeds-dir", str(small / "seeds"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("3 actors, 3 relations")


def test_missing_data_dir_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 2, result.output
    assert "folder 'data' not found; run actorgraph from the repository root or pass --data-dir" in result.stderr


@pytest.mark.parametrize("args", [["export", "--format", "yaml"], ["nonsense"], ["check", "--bogus"]])
def test_usage_errors_exit_2(small: Path, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_export_json_is_node_link_data_with_evidence(small: Path) -> None:
    result = run("export", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    g = nx.node_link_graph(data, edges="edges")
    assert isinstance(g, nx.MultiDiGraph)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["beta"] == {
        "id": "beta",
        "name": "Beta Brigade",
        "aliases": ["BB", "the Brigade"],
        "kind": "militant_group",
        "region": "The northern valleys",
    }
    allied = next(e for e in data["edges"] if e["type"] == "allied")
    assert allied == {
        "source": "alpha",
        "target": "gamma",
        "key": "allied",
        "type": "allied",
        "label": "allied",
        "directed": False,
        "sign": 1,
        "confidence": "possible",
        "attributed_to": "analysts",
        "evidence": [
            {
                "doc": "memo",
                "file": "memo.txt",
                "quote": 'Analysts say the Alpha Front "may be allied" with the Gamma Movement',
                "attributed_to": "analysts",
                "confidence": "possible",
            }
        ],
    }
    absorbed = next(e for e in data["edges"] if e["type"] == "absorbed_fighters_from")
    assert (absorbed["source"], absorbed["target"], absorbed["directed"], absorbed["since"]) == (
        "beta",
        "gamma",
        True,
        "2018",
    )


def test_export_graphml_opens_in_igraph_with_every_node_and_edge(small: Path, tmp_path: Path) -> None:
    igraph = pytest.importorskip("igraph", reason="python-igraph is part of the [test] extra")
    out = tmp_path / "g.graphml"
    result = run("export", "-o", str(out))  # format from the extension
    assert result.exit_code == 0, result.output
    g = igraph.Graph.Read_GraphML(str(out))
    assert sorted(g.vs["id"]) == ["alpha", "beta", "gamma"]
    assert sorted(g.vs["label"]) == ["Alpha Front", "Beta Brigade", "Gamma Movement"]
    assert g.ecount() == 3
    assert sorted(g.es["type"]) == ["absorbed_fighters_from", "allied", "rival"]
    assert "the Brigade" in g.vs.find(id="beta")["aliases"]
    evidence = json.loads(g.es.find(type="rival")["evidence"])
    assert evidence[0]["quote"] == "The Alpha Front and the Beta Brigade are bitter rivals"


def test_export_gexf_keeps_every_node_edge_and_direction(small: Path) -> None:
    result = run("export", "--format", "gexf")
    assert result.exit_code == 0, result.output
    g = nx.read_gexf(io.BytesIO(result.stdout.encode()))
    assert sorted(g.nodes) == ["alpha", "beta", "gamma"]
    edges = {(u, v, d["relation"]): d for u, v, d in g.edges(data=True)}
    assert set(edges) == {
        ("alpha", "beta", "rival"),
        ("beta", "gamma", "absorbed_fighters_from"),
        ("alpha", "gamma", "allied"),
    }
    assert edges["alpha", "beta", "rival"]["directed"] is False
    assert edges["alpha", "beta", "rival"]["label"] == "rival"
    assert "lastmodifieddate" not in result.stdout


def test_export_csv_has_one_row_per_edge(small: Path) -> None:
    result = run("export", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted((r["source"], r["type"], r["target"]) for r in rows) == [
        ("alpha", "allied", "gamma"),
        ("alpha", "rival", "beta"),
        ("beta", "absorbed_fighters_from", "gamma"),
    ]
    allied = next(r for r in rows if r["type"] == "allied")
    assert allied["confidence"] == "possible"
    assert allied["quotes"] == '[memo] Analysts say the Alpha Front "may be allied" with the Gamma Movement'


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv"])
def test_exports_are_byte_identical_across_runs(small: Path, fmt: str) -> None:
    first = subprocess.run(
        [sys.executable, "-m", "actorgraph", "export", "--format", fmt],
        capture_output=True,
        check=True,
        env={"PYTHONHASHSEED": "1"},
    )
    second = subprocess.run(
        [sys.executable, "-m", "actorgraph", "export", "--format", fmt],
        capture_output=True,
        check=True,
        env={"PYTHONHASHSEED": "2"},
    )
    assert first.stdout == second.stdout and first.stdout


def test_export_to_file_replaces_it_whole(small: Path) -> None:
    out = small / "out" / "graph.json"
    result = run("export", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["nodes"]
    assert [p.name for p in out.parent.iterdir()] == ["graph.json"]  # no temporary left behind


def test_build_writes_page_by_default_into_build(small: Path) -> None:
    result = run("build")
    assert result.exit_code == 0, result.output
    page = small / "build" / "graph.html"
    html = page.read_text()
    assert html.startswith("<html>") or html.lstrip().lower().startswith("<!doctype html") or "<html" in html[:200]
    for name in ("Alpha Front", "Beta Brigade", "Gamma Movement"):
        assert name in html
    assert "wrote build/graph.html (3 actors, 3 relations)" in result.stdout


def test_build_to_chosen_output(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "nested" / "page.html"
    result = run("build", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Gamma Movement" in out.read_text()


def test_python_dash_m_graph_is_the_same_cli(small: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "actorgraph", "check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "3 actors, 3 relations, 3 quotes verified in 1 source\n"


def test_every_command_has_help_with_an_example() -> None:
    from actorgraph.cli import cli

    for name, command in cli.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0, result.output
        assert "Example:" in result.output, f"{name} --help has no example"
        assert "--data-dir" in result.output and "--seeds-dir" in result.output
        assert command.help


def test_readme_documents_every_command() -> None:
    from actorgraph.cli import cli

    readme = (ROOT / "README.md").read_text()
    for name in cli.commands:
        assert f"actorgraph {name}" in readme, name
