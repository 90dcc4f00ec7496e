"""JSON Schemas for the data files, written from the format's own field specs.

Editors that speak the YAML language server (VS Code, Neovim, JetBrains, ...)
validate and complete against these while the curator types; each data file
names its schema in its first line. Each field's schema comes from its kind
in the field registry, the same object the loader converts with, and a test
fails when the checked-in copies drift.

    python scripts/write_schemas.py   # rewrite schema/*.schema.json
"""

from __future__ import annotations

import json
from typing import Any

from .fields import VOCAB_PATTERN, Field
from .format import (
    ACTORS_FILE,
    EDGES_FILE,
    FILES,
    RECORD_FILES,
    REQUIRED_TOP,
    REVIEWED_FILE,
    SETTINGS_FILE,
    SOURCES_FILE,
    TOP_KEYS,
)

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_TITLES = {
    ACTORS_FILE: "actorgraph actors (data/actors.yaml)",
    EDGES_FILE: "actorgraph relations (data/edges.yaml)",
    REVIEWED_FILE: "actorgraph reviewed sentences (data/reviewed.yaml)",
    SOURCES_FILE: "actorgraph sources (seeds/sources.yaml)",
    SETTINGS_FILE: "actorgraph map settings (data/settings.yaml)",
}
_VOCABULARIES = {
    "actor_kinds": "actor kind",
    "relation_types": "relation type",
    "confidence_levels": "confidence level",
    "source_kinds": "source kind",
}


def _record(spec: dict[str, Field], nested: dict[str, Any] | None = None) -> dict[str, Any]:
    properties = {k: {**f.kind.schema(), **({"description": f.help} if f.help else {})} for k, f in spec.items()}
    properties.update(nested or {})
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [k for k, f in spec.items() if f.required],
        "properties": properties,
    }


def _schema(file_name: str) -> dict[str, Any]:
    if file_name in RECORD_FILES:
        return {"$schema": _DRAFT, "title": _TITLES[file_name], **_record(RECORD_FILES[file_name])}
    specs = FILES[file_name]
    properties: dict[str, Any] = {}
    for key in TOP_KEYS[file_name]:
        spec = specs[key]
        if key in _VOCABULARIES:
            properties[key] = {
                "type": "object",
                "description": f"The {_VOCABULARIES[key]} vocabulary: each key is a name used in the data.",
                "propertyNames": {"pattern": VOCAB_PATTERN},
                "additionalProperties": _record(spec),
            }
            continue
        if key == "stix_confidence":
            properties[key] = {
                **_record(spec),
                "description": "STIX confidence (0-100) of a plainly stated claim, and of one that rests "
                "only on others' words.",
            }
            continue
        nested = None
        if key == "edges":
            nested = {"evidence": {"type": "array", "minItems": 1, "items": _record(specs["evidence"])}}
        properties[key] = {"type": "array", "items": _record(spec, nested)}
    return {
        "$schema": _DRAFT,
        "title": _TITLES[file_name],
        "type": "object",
        "additionalProperties": False,
        "required": list(REQUIRED_TOP[file_name]),
        "properties": properties,
    }


def schemas() -> dict[str, dict[str, Any]]:
    """Schema file name -> schema, for every data file."""
    return {name.replace(".yaml", ".schema.json"): _schema(name) for name in sorted({*FILES, *RECORD_FILES})}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
