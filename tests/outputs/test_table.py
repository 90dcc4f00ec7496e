"""CSV export: one row per relation, the same row as `list relations --format csv`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from actorgraph.network.records import RELATION_COLUMNS
from actorgraph.outputs.table import csv_text

from tests.conftest import run


def test_export_csv_has_one_row_per_relation_with_each_quotes_citation(small: Path) -> None:
    result = run("export", "--format", "csv")
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert tuple(reader.fieldnames or ()) == RELATION_COLUMNS
    rows = list(reader)
    assert sorted((r["source"], r["type"], r["target"]) for r in rows) == [
        ("alpha", "allied", "gamma"),
        ("alpha", "rival", "beta"),
        ("beta", "absorbed_fighters_from", "gamma"),
    ]
    allied = next(r for r in rows if r["type"] == "allied")
    assert (allied["confidence"], allied["attributed_to"], allied["directed"]) == ("possible", "analysts", "false")
    assert allied["quotes"] == (
        '“Analysts say the Alpha Front "may be allied" with the Gamma Movement” — memo; according to analysts; possible'
    )
    assert (allied["sources"], allied["quote_count"]) == ("memo", "1")
    assert result.stdout == run("list", "relations", "--format", "csv").stdout


def test_booleans_are_lowercase_and_empty_values_empty_cells() -> None:
    text = csv_text([{"a": True, "b": None, "c": 0}, {"a": False, "b": "x", "c": 1}], ["a", "b", "c"])
    assert text == "a,b,c\ntrue,,0\nfalse,x,1\n"


def test_the_csv_export_guards_formula_cells_unless_asked_for_raw_text() -> None:
    """Called from Python without `raw`, the export is the one safe to open in a spreadsheet."""
    from actorgraph.dataset.model import Actor
    from actorgraph.network.build import build_graph
    from actorgraph.outputs.table import export

    from tests.factories import HERE, dataset, edge

    actors = [
        Actor(id="a", name="=HYPERLINK(1)", kind="group", location=HERE),
        Actor(id="b", name="B", kind="group", location=HERE),
    ]
    g = build_graph(dataset(actors, [edge("a", "allied", "b")]))
    (row,) = csv.DictReader(io.StringIO(export(g)))
    assert row["source_name"] == "'=HYPERLINK(1)"
    (row,) = csv.DictReader(io.StringIO(export(g, raw=True)))
    assert row["source_name"] == "=HYPERLINK(1)"


def test_csv_text_guards_formula_cells_unless_asked_for_raw_text() -> None:
    rows = [{"name": "=1+1"}]
    assert csv_text(rows, ["name"]) == "name\n'=1+1\n"
    assert csv_text(rows, ["name"], raw=True) == "name\n=1+1\n"
