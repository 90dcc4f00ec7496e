"""Neo4j bulk-import CSVs: compared with golden files, and checked as neo4j-admin would check them.

The golden files are the OpenCTI fixture's export, read and approved by hand. After an intended
change, rewrite them with ACTORGRAPH_UPDATE_GOLDEN=1 and read the diff before committing it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import run

if TYPE_CHECKING:
    from actorgraph.dataset.model import Dataset

GOLDEN = Path(__file__).with_name("golden") / "neo4j"
NAMES = ["actors.csv", "claim_actors.csv", "claims.csv", "quote_claims.csv", "quote_sources.csv",
         "quotes.csv", "relations.csv", "sources.csv"]  # fmt: skip


def _export(folder: Path) -> dict[str, str]:
    result = run("export", "--format", "neo4j", "-o", str(folder))
    assert result.exit_code == 0, result.output
    return {p.name: p.read_bytes().decode() for p in sorted(folder.iterdir())}  # line ends as written


@pytest.mark.parametrize("name", NAMES)
def test_the_files_are_the_golden_ones(name: str, opencti_map: Path, tmp_path: Path) -> None:
    written = _export(tmp_path / "n")
    assert sorted(written) == NAMES
    if os.environ.get("ACTORGRAPH_UPDATE_GOLDEN"):
        (GOLDEN / name).write_text(written[name])
    assert written[name] == (GOLDEN / name).read_bytes().decode()


def _rows(text: str) -> tuple[list[str], list[list[str]]]:
    header, *rows = list(csv.reader(io.StringIO(text)))
    return header, rows


def test_every_relationship_ends_at_a_node_of_its_id_space(kabul: Path, tmp_path: Path) -> None:
    """What neo4j-admin refuses: an end that names no node of the id space its header gives, a
    node id given twice in one space, a row with more or fewer fields than its header."""
    written = _export(tmp_path / "n")
    ids: dict[str, set[str]] = {}
    for name, text in written.items():
        header, rows = _rows(text)
        assert all(len(row) == len(header) for row in rows), name
        space = re.fullmatch(r"id:ID\((\w+)\)", header[0])
        if space:
            found = [row[0] for row in rows]
            assert len(found) == len(set(found)), name
            ids[space.group(1)] = set(found)
    ends = 0
    for name, text in written.items():
        header, rows = _rows(text)
        for column, field in enumerate(header):
            end = re.fullmatch(r":(?:START|END)_ID\((\w+)\)", field)
            if end:
                assert {row[column] for row in rows} <= ids[end.group(1)], (name, field)
                ends += len(rows)
    listed = run("list", "evidence", "--format", "json")
    assert len(_rows(written["quotes.csv"])[1]) == listed.stdout.count('"quote":')
    assert ends > 0


def test_claims_carry_the_quotes_that_support_and_dispute_them(opencti_map: Path, tmp_path: Path) -> None:
    written = _export(tmp_path / "n")
    _, rows = _rows(written["quote_claims.csv"])
    allied = sorted(kind for _, claim, kind in rows if claim == "alpha/allied/beta")
    assert allied == ["DISPUTES", "SUPPORTS"]
    _, typed = _rows(written["relations.csv"])
    assert ("gamma", "beta", "ABSORBED_FIGHTERS_FROM") in {tuple(r[:3]) for r in typed}


def _files(data: Dataset) -> dict[str, list[list[str]]]:
    from actorgraph.network.build import build_graph
    from actorgraph.outputs.neo4j import files

    return {name: _rows(str(text))[1] for name, text in files(build_graph(data)).items()}


def test_quotes_check_has_not_located_get_ids_by_their_place_and_no_offsets() -> None:
    """On a map built in memory without `check`, a quote has no place in its source's text: its
    id falls back to its place in the relation (two quotes of one source stay two nodes) and its
    start and end are left empty rather than invented."""
    from tests.factories import dataset, edge, evidence

    data = dataset(["a", "b"], [edge("a", "rival", "b", evidence("many things"), evidence("many groups"))])
    quotes = _files(data)["quotes.csv"]
    assert [(row[0], row[7], row[8]) for row in quotes] == [("a/rival/b@memo:0", "", ""), ("a/rival/b@memo:1", "", "")]


def test_kinds_and_types_become_neo4j_labels_and_relationship_types() -> None:
    """An actor kind becomes a label in CamelCase and a relation type a relationship type in
    capitals, hyphens and underscores alike joining words (armed-force -> ArmedForce, armed-by
    -> ARMED_BY); an actor without a kind (unchecked data) is labelled Actor alone."""
    from actorgraph.dataset.model import Actor, RelationType

    from tests.factories import HERE, TYPES, dataset, edge

    actors = [
        Actor(id="a", name="A", kind="armed-force", location=HERE),
        Actor(id="b", name="B", kind="", location=HERE),
    ]
    actors.append(Actor(id="c", name="C", kind="militant_group", location=HERE))
    armed = RelationType(id="armed-by", label="armed by", directed=True, sign=1, definition="arms", location=HERE)
    data = dataclasses.replace(
        dataset(actors, [edge("a", "armed-by", "b"), edge("c", "rival", "a")]),
        relation_types={**TYPES, "armed-by": armed},
    )
    written = _files(data)
    assert {row[0]: row[-1] for row in written["actors.csv"]} == {
        "a": "Actor;ArmedForce",
        "b": "Actor",
        "c": "Actor;MilitantGroup",
    }
    assert [row[2] for row in written["relations.csv"]] == ["ARMED_BY", "RIVAL"]
