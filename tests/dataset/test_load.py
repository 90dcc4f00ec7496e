"""Loading: records with the line of every field, and text kept as it was written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from actorgraph.dataset.load import load_dataset

from tests.conftest import run


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("false", "false"),  # YAML 1.1 would read a boolean
        ("1:30", "1:30"),  # ... a sexagesimal number, 90
        ("0o17", "0o17"),  # ... an octal number
        ("0x1F", "0x1F"),  # ... a hex number
        ("2021-08-27", "2021-08-27"),  # ... a date
        ("1e3", "1e3"),
        ("yes", "yes"),
    ],
)
def test_a_text_field_keeps_the_characters_written(small: Path, written: str, kept: str) -> None:
    actors = small / "data" / "actors.yaml"
    new = f"name: {written}\n    aliases: [{written}x, 0x2A]"
    actors.write_text(actors.read_text().replace("name: Gamma Movement", new))
    data, problems = load_dataset(small / "data", small / "seeds")
    assert problems == []
    gamma = next(a for a in data.actors if a.id == "gamma")
    assert gamma.name == kept and gamma.aliases == (f"{written}x", "0x2A")
    listed = json.loads(run("list", "actors", "--format", "json").stdout)
    assert next(a for a in listed if a["id"] == "gamma")["name"] == kept


def test_each_field_remembers_its_line(small: Path) -> None:
    data, _ = load_dataset(small / "data", small / "seeds")
    edge = next(e for e in data.edges if e.type == "absorbed_fighters_from")
    assert edge.location.line == 30
    assert (edge.at("type").line, edge.at("since").line, edge.at("nonexistent").line) == (32, 33, 30)
    assert edge.evidence[0].at("doc").line == 35


def test_names_are_one_unicode_spelling(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("name: Gamma Movement", "name: Gamma Cafe\u0301"))
    data, _ = load_dataset(small / "data", small / "seeds")
    assert next(a for a in data.actors if a.id == "gamma").name == "Gamma Caf\u00e9"
