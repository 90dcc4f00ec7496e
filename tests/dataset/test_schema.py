"""The JSON Schemas editors use: generated from the loader's specs, checked in, in step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from actorgraph.dataset.schema import render, schemas

from tests.conftest import FIXTURES, KABUL, ROOT

jsonschema = pytest.importorskip("jsonschema")

FILES = {
    "reviewed.schema.json": KABUL / "data" / "reviewed.yaml",
    "actors.schema.json": KABUL / "data" / "actors.yaml",
    "edges.schema.json": KABUL / "data" / "edges.yaml",
    "sources.schema.json": KABUL / "seeds" / "sources.yaml",
    "settings.schema.json": FIXTURES / "opencti" / "data" / "settings.yaml",
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_checked_in_schema_is_what_the_loader_enforces(name: str) -> None:
    on_disk = (ROOT / "schema" / name).read_text()
    assert on_disk == render(schemas()[name]), "run `python scripts/write_schemas.py` and commit the result"


@pytest.mark.parametrize(("name", "path"), sorted(FILES.items()))
def test_each_data_file_names_its_schema_and_passes_it(name: str, path: Path) -> None:
    text = path.read_text()
    first = text.splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schema/{name}"
    schema = json.loads((ROOT / "schema" / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(text), schema)


def test_schema_catches_what_check_catches() -> None:
    schema = schemas()["edges.schema.json"]
    data = yaml.safe_load((KABUL / "data" / "edges.yaml").read_text())
    data["edges"][0]["snice"] = 2015
    with pytest.raises(jsonschema.ValidationError, match="snice"):
        jsonschema.validate(data, schema)
    data["edges"][0].pop("snice")
    data["edges"][0]["evidence"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
