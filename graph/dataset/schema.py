"""JSON Schemas for the three data files, generated from the loader's own field specs.

Editors that speak the YAML language server (VS Code, Neovim, JetBrains, ...)
validate and complete against these while the curator types; each data file
names its schema in its first line. The schemas come from the same specs the
loader enforces, and a test fails when the checked-in copies drift.

    python scripts/write_schemas.py   # rewrite schema/*.schema.json
"""

from __future__ import annotations

import json
from typing import Any

from . import load
from .model import ID_PATTERN, SOURCE_KINDS, STIX_ACTOR_TYPES, VOCAB_PATTERN

_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _field(kind: str) -> dict[str, Any]:
    if kind == "str":
        return {"type": ["string", "number"], "minLength": 1}
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "int":
        return {"type": "integer"}
    if kind == "sign":
        return {"enum": [-1, 0, 1]}
    if kind == "period":
        return {
            "description": 'A year (2015) or year-month ("2015-08").',
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 2999},
                {"type": "string", "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2]))?$"},
            ],
        }
    if kind == "strlist":
        return {"type": "array", "items": {"type": "string", "minLength": 1}}
    if kind == "list":
        return {"type": "array"}
    raise AssertionError(kind)  # pragma: no cover


def _record(spec: dict[str, load.Field], **overrides: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [k for k, f in spec.items() if f.required],
        "properties": {k: overrides.get(k, _field(f.kind)) for k, f in spec.items()},
    }


def _vocabulary(spec: dict[str, load.Field], what: str, **overrides: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "description": f"The {what} vocabulary: each key is a name used in the data.",
        "propertyNames": {"pattern": VOCAB_PATTERN},
        "additionalProperties": _record(spec, **overrides),
    }


def _document(title: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "$schema": _DRAFT,
        "title": title,
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for the three data files."""
    evidence = _record(load.EVIDENCE_FIELDS)
    edge = _record(load.EDGE_FIELDS, evidence={"type": "array", "minItems": 1, "items": evidence})
    actor = _record(load.ACTOR_FIELDS, id={"type": "string", "pattern": ID_PATTERN})
    source = _record(
        load.SOURCE_FIELDS, id={"type": "string", "pattern": ID_PATTERN}, kind={"enum": list(SOURCE_KINDS)}
    )
    return {
        "actors.schema.json": _document(
            "actorgraph actors (data/actors.yaml)",
            {
                "actor_kinds": _vocabulary(load.KIND_FIELDS, "actor kind", stix={"enum": list(STIX_ACTOR_TYPES)}),
                "actors": {"type": "array", "items": actor},
            },
            ["actor_kinds", "actors"],
        ),
        "edges.schema.json": _document(
            "actorgraph relations (data/edges.yaml)",
            {
                "relation_types": _vocabulary(load.RELATION_TYPE_FIELDS, "relation type"),
                "confidence_levels": _vocabulary(
                    load.CONFIDENCE_FIELDS,
                    "confidence level",
                    stix_confidence={"type": "integer", "minimum": 0, "maximum": 100},
                ),
                "edges": {"type": "array", "items": edge},
            },
            ["relation_types", "edges"],
        ),
        "reviewed.schema.json": _document(
            "actorgraph reviewed sentences (data/reviewed.yaml)",
            {"reviewed": {"type": "array", "items": _record(load.REVIEW_FIELDS)}},
            ["reviewed"],
        ),
        "sources.schema.json": _document(
            "actorgraph sources (seeds/sources.yaml)",
            {"sources": {"type": "array", "items": source}},
            ["sources"],
        ),
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
