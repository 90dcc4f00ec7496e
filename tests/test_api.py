"""The Python API a notebook uses: load, the graph, frames with the CSV's columns, paths."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import actorgraph
import pytest
from actorgraph.network.records import ACTOR_COLUMNS, EVIDENCE_COLUMNS, RELATION_COLUMNS

from tests.conftest import ROOT, run


def test_load_gives_the_graph_and_frames_with_the_csv_columns(small: Path) -> None:
    m = actorgraph.load()
    assert repr(m) == "<actorgraph.Map: 3 actors, 3 relations>"
    assert m.graph.number_of_edges() == 3
    relations = m.relations()
    assert tuple(relations.columns) == RELATION_COLUMNS
    assert tuple(m.actors().columns) == ACTOR_COLUMNS
    assert tuple(m.evidence().columns) == EVIDENCE_COLUMNS
    assert len(relations) == 3 and len(m.evidence()) == 3 and len(m.actors()) == 3
    import csv
    import io

    exported = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert list(relations["id"]) == [row["id"] for row in exported]
    allied = relations[relations["type"] == "allied"].iloc[0]
    assert (allied["confidence"], allied["attributed_to"]) == ("possible", "analysts")


def test_path_resolves_names_as_the_cli_does(small: Path) -> None:
    m = actorgraph.load("data", "seeds")
    (route,) = m.path("af", "GAMMA   movement")
    assert [a.id for a in route.nodes] == ["alpha", "gamma"]
    assert str(route) == run("path", "af", "GAMMA   movement").stdout.rstrip("\n")
    with pytest.raises(actorgraph.UsageError, match="did you mean 'Alpha Front'"):
        m.path("Alpah Front", "beta")


def test_bad_data_raises_data_error_with_every_problem(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("type: rival", "type: rivals").replace("target: gamma", "target: gama"))
    with pytest.raises(actorgraph.DataError) as caught:
        actorgraph.load()
    problems = [str(p) for p in caught.value.problems]
    assert problems == run("check").stderr.splitlines()[:-1]  # what `check` prints, but for its summary
    assert len(problems) == 3
    assert "unknown relation type 'rivals'" in str(caught.value)


def test_readme_notebook_example_runs_as_written(kabul: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks, "the README shows the Python API"
    done = subprocess.run([sys.executable, "-c", blocks[0]], cwd=kabul, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Hayat Tahrir al-Sham" in done.stdout


def test_importing_actorgraph_does_not_import_networkx_or_pandas() -> None:
    code = "import sys, actorgraph, actorgraph.cli; print(sorted({'networkx', 'pandas'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
