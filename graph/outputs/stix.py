"""The graph as a STIX 2.1 bundle, for threat-intelligence platforms (OpenCTI, MISP, ...).

Built with the OASIS `stix2` library so every object is valid by construction.
Ids are UUIDv5 of the project's own ids, and every timestamp is one fixed
instant (SOURCE_DATE_EPOCH when set, else the Unix epoch): the same data gives
the same bundle, byte for byte. The sources say nothing of when a relation was
*recorded*, so no timestamp here pretends to know.

Mapping: actors become the STIX type their kind names (`stix:` in
actor_kinds; threat-actor by default); each relation a `relationship` whose
type is the relation type with hyphens; its quotes `external_references`; a
hedge a lower `confidence` (`stix_confidence` of the level; 85, STIX's "High",
for a plainly stated claim); each source text a `report` referring to the
actors and relationships it supports.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime, time
from typing import Any

import networkx as nx

from ..dataset.model import period_days

STATED_CONFIDENCE = 85
_NAMESPACE = uuid.UUID("6f2b6f1e-6c7a-5e0c-9d55-61637461676a")  # actorgraph's own namespace


def _id(stix_type: str, *parts: str) -> str:
    return f"{stix_type}--{uuid.uuid5(_NAMESPACE, '/'.join((stix_type, *parts)))}"


def _instant() -> datetime:
    return datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), tz=UTC)


def to_stix(g: nx.MultiDiGraph) -> str:
    import stix2

    when = _instant()
    stamp = {"created": when, "modified": when}
    kinds = g.graph["actor_kinds"]
    levels = g.graph["confidence_levels"]
    sources = g.graph["sources"]
    objects: list[Any] = []
    ref: dict[str, str] = {}
    for node, attrs in g.nodes(data=True):
        stix_type = kinds.get(attrs["kind"], {}).get("stix", "threat-actor")
        ref[node] = _id(stix_type, node)
        common: dict[str, Any] = {"id": ref[node], "name": attrs["name"], **stamp}
        if attrs.get("description"):
            common["description"] = attrs["description"]
        if stix_type == "identity":
            objects.append(stix2.Identity(identity_class="organization", **common))
        else:
            aliases = list(attrs.get("aliases", ()))
            cls = stix2.ThreatActor if stix_type == "threat-actor" else stix2.IntrusionSet
            objects.append(cls(**common, **({"aliases": aliases} if aliases else {})))

    cited: dict[str, list[str]] = {doc: [] for doc in sources}
    for u, v, key, attrs in g.edges(keys=True, data=True):
        rel_id = _id("relationship", u, key, v)
        refs = []
        for ev in attrs["evidence"]:
            source = sources[ev["doc"]]
            said = f"“{ev['quote']}”"
            if ev.get("attributed_to"):
                said += f" (according to {ev['attributed_to']})"
            if ev.get("confidence"):
                said += f" [{ev['confidence']}]"
            refs.append(
                {"source_name": source.get("title") or ev["doc"], "external_id": ev["doc"], "description": said}
            )
            if rel_id not in cited[ev["doc"]]:
                cited[ev["doc"]] += [rel_id, ref[u], ref[v]]
        level = attrs.get("confidence")
        confidence = (
            levels.get(level, {}).get("stix_confidence", STATED_CONFIDENCE // 2) if level else STATED_CONFIDENCE
        )
        description = f"{g.nodes[u]['name']} {attrs['label']} {g.nodes[v]['name']}"
        if not attrs["directed"]:
            description += " (a symmetric relation: it holds both ways)"
        if attrs.get("note"):
            description += f". Curator's note: {attrs['note']}"
        extra: dict[str, Any] = {}
        if attrs.get("since"):
            extra["start_time"] = _period(attrs["since"], end=False)
        if attrs.get("until"):
            extra["stop_time"] = _period(attrs["until"], end=True)
        if extra.get("start_time") and extra.get("stop_time") and extra["stop_time"] <= extra["start_time"]:
            extra.pop("stop_time")  # STIX wants stop after start; a same-period relation keeps its start
        objects.append(
            stix2.Relationship(
                id=rel_id,
                source_ref=ref[u],
                target_ref=ref[v],
                relationship_type=key.replace("_", "-"),
                description=description,
                confidence=confidence,
                external_references=refs,
                **stamp,
                **extra,
            )
        )
    for doc, source in sources.items():
        if not cited[doc]:
            continue
        about = [f"kind: {source['kind']}"]
        for field in ("author", "outlet", "written"):
            if source.get(field):
                about.append(f"{field}: {source[field]}")
        objects.append(
            stix2.Report(
                id=_id("report", doc),
                name=source.get("title") or f"{doc} ({source['file']})",
                description="; ".join(about) + ". Publication date not recorded; 'published' is a fixed placeholder.",
                published=when,
                report_types=["threat-actor"],
                object_refs=list(dict.fromkeys(cited[doc])),
                external_references=[
                    {"source_name": "actorgraph seed", "external_id": doc, "description": source["file"]}
                ],
                **stamp,
            )
        )
    bundle = stix2.Bundle(objects, id=_id("bundle", *sorted(ref)), allow_custom=False)
    # stix2's pretty printer re-sorts keys with a lookup that grows with the square of the
    # bundle (oasis-open/cti-python-stix2#241): serialize flat, then indent with json.
    return json.dumps(json.loads(bundle.serialize()), indent=4, ensure_ascii=False) + "\n"


def _period(value: str, *, end: bool) -> datetime:
    """A year or year-month as the first (or, for an end, the last) instant it covers."""
    first, last = period_days(value)
    if not end:
        return datetime.combine(first, time.min, tzinfo=UTC)
    return datetime.combine(last, time(23, 59, 59), tzinfo=UTC)
