"""One table of exporters feeds the CLI's choices, its -o suffixes and its help."""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.outputs.registry import EXPORTERS, by_suffix

from tests.conftest import run


def test_every_exporter_is_a_choice_and_in_the_help() -> None:
    help_text = run("export", "--help").stdout
    for exporter in EXPORTERS.values():
        assert f"{exporter.name} ({exporter.target})" in " ".join(help_text.split())


@pytest.mark.parametrize(("name", "fmt"), [("a.JSON", "json"), ("x.graphml", "graphml"), ("b.stix.json", "stix")])
def test_the_suffix_picks_the_exporter(name: str, fmt: str) -> None:
    found = by_suffix(name)
    assert found is not None and found.name == fmt


def test_an_unknown_suffix_is_a_usage_error_naming_the_known_ones(small: Path) -> None:
    result = run("export", "-o", "graph.xlsx")
    assert result.exit_code == 2
    assert ".graphml" in result.stderr and not (small / "graph.xlsx").exists()


def test_the_csv_exporter_of_the_table_guards_formula_cells_unless_asked_for_raw_text() -> None:
    """The table's exporters, called from Python as the CLI calls them, give the CSV that is
    safe to open in a spreadsheet unless `raw` is asked for, as `table.export` does."""
    import csv
    import io

    from actorgraph.dataset.model import Actor
    from actorgraph.network.build import build_graph

    from tests.factories import HERE, dataset, edge

    actors = [Actor(id="a", name="=HYPERLINK(1)", kind="group", location=HERE)]
    g = build_graph(dataset([*actors, "b"], [edge("a", "allied", "b")]))
    (row,) = csv.DictReader(io.StringIO(EXPORTERS["csv"].export(g)))
    assert row["source_name"] == "'=HYPERLINK(1)"
    (row,) = csv.DictReader(io.StringIO(EXPORTERS["csv"].export(g, raw=True)))
    assert row["source_name"] == "=HYPERLINK(1)"
