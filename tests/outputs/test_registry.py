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
