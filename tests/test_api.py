"""The Python API a notebook uses: load, the graph, frames with the CSV's columns, paths."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import actorgraph
import pytest
from actorgraph.network.records import ACTOR_COLUMNS, EVIDENCE_COLUMNS, RELATION_COLUMNS

from tests.conftest import FIXTURES, ROOT, run


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


def test_the_map_answers_what_the_commands_answer(small: Path) -> None:
    import json

    m = actorgraph.load(small)  # the map's own folder
    card = m.show("BB")
    shown = json.loads(run("show", "BB", "--format", "json").stdout)
    assert card.actor.id == shown["actor"]["id"] == "beta"
    assert [(h.relation.id, h.walk_to) for hops in card.relations.values() for h in hops] == [
        (r["relation"]["id"], r["to"]) for r in shown["relations"]
    ]
    listed = json.loads(run("list", "relations", "--type", "rival", "--format", "json").stdout)
    assert [r.id for r in m.relation_records(type="rival")] == [r["id"] for r in listed] == ["alpha/rival/beta"]
    assert [r.id for r in m.relation_records(actor="Gamma Movement")] == [
        "beta/absorbed_fighters_from/gamma",
        "alpha/allied/gamma",
    ]
    assert [s.id for s in m.sources()] == ["memo"]
    assert m.contested() == []


def test_a_filtered_map_answers_from_fewer_quotes(small: Path) -> None:
    m = actorgraph.load()
    strict = m.filtered(no_hedged=True)
    assert repr(strict) == "<actorgraph.Map: 3 actors, 2 relations (without hedged claims)>"
    assert [r.id for r in strict.relation_records()] == [r.id for r in m.relation_records()][:2]
    # The hedged alliance was the short way; without it the way runs through the Beta Brigade.
    assert [len(r.steps) for r in m.path("alpha", "gamma")] == [1]
    assert [[a.id for a in r.nodes] for r in strict.path("alpha", "gamma")] == [["alpha", "beta", "gamma"]]
    assert strict.filtered().graph.number_of_edges() == 3  # filters do not stack: each starts from every quote


def test_edits_from_python_write_the_files_and_the_map_follows(small: Path) -> None:
    m = actorgraph.load()
    m.add_relation(
        "gamma", "rival", "alpha", doc="memo", quote="when Gamma’s commanders defected", confidence="possible"
    )
    assert "gamma/rival/alpha" in [r.id for r in m.relation_records()]
    assert run("check").exit_code == 0
    m.edit_evidence("gamma", "rival", "alpha", doc="memo", quote="when Gamma’s commanders defected", confidence="")
    (rel,) = m.relation_records(type="rival", actor="gamma")
    assert rel.confidence is None
    m.edit_relation("gamma", "rival", "alpha", since="2019")
    (rel,) = m.relation_records(type="rival", actor="gamma")
    assert rel.period == "since 2019" and rel.quotes[0].confidence is None
    with pytest.raises(TypeError):
        m.edit_relation("gamma", "rival", "alpha", hedge="likely")  # a quote's, not the relation's
    m.remove_relation("gamma", "rival", "alpha")
    assert len(m.relation_records()) == 3
    with pytest.raises(actorgraph.DataError):
        m.retype("alpha", "rival", "beta", to="nonsense")
    assert [r.id for r in actorgraph.load().relation_records(type="rival")] == ["alpha/rival/beta"]


def test_machines_propose_and_a_person_decides_from_python(project: Callable[[Path], Path]) -> None:
    m = actorgraph.load(project(FIXTURES / "intake"))
    assert m.relation_records() == []
    done = m.propose()
    assert done.added and all(p.status == "open" for p in m.proposals())
    chosen = next(p for p in m.proposals() if (p.source, p.type, p.target) == ("alpha", "rival", "beta"))
    other = next(p for p in m.proposals() if p.id != chosen.id and p.type is None)
    m.accept(chosen.id)
    m.reject(other.id, reason="named together; the text relates them to no one")
    assert [r.id for r in m.relation_records()] == ["alpha/rival/beta"]
    statuses = {p.id: p.status for p in m.proposals()}
    assert (statuses[chosen.id], statuses[other.id]) == ("accepted", "rejected")
    assert run("check").exit_code == 0
    assert m.propose().added == ()  # proposing again adds nothing


def test_edit_methods_refuse_a_field_they_do_not_know(small: Path) -> None:
    m = actorgraph.load()
    edges = small / "data" / "edges.yaml"
    before = edges.read_text()
    with pytest.raises(TypeError, match="unknown field 'attributed'"):
        m.add_relation("gamma", "rival", "alpha", doc="memo", quote="when Gamma’s commanders defected", attributed="X")
    with pytest.raises(TypeError, match="unknown field 'sinse'"):
        m.add_relation("gamma", "rival", "alpha", doc="memo", quote="when Gamma’s commanders defected", sinse="2018")
    assert edges.read_text() == before


def test_edit_methods_take_the_command_lines_names_too(small: Path) -> None:
    m = actorgraph.load()
    m.add_evidence(
        "alpha", "rival", "beta", doc="memo", quote="they have fought over the northern valleys", hedge="possible"
    )
    m.add_evidence("alpha", "allied", "gamma", doc="memo", quote="The Alpha Front and the Beta Brigade", disputes=True)
    m.add_actor(id="delta", name="Delta Cell", kind="militant_group", alias=["DC"])
    quotes = {q.text: q for r in m.relation_records() for q in r.quotes}
    assert quotes["they have fought over the northern valleys"].confidence.id == "possible"  # type: ignore[union-attr]
    assert quotes["The Alpha Front and the Beta Brigade"].disputes
    assert m.show("DC").actor.id == "delta"
    m.edit_evidence("alpha", "rival", "beta", doc="memo", quote="they have fought over the northern valleys", hedge="")
    assert quotes["they have fought over the northern valleys"].text in {
        q.text for r in m.relation_records() for q in r.quotes if q.confidence is None
    }
