"""The graph as a STIX 2.1 bundle, for threat-intelligence platforms (OpenCTI, MISP, ...).

Built with the OASIS `stix2` library so every object is valid by construction.
Ids are UUIDv5 of the project's own ids, and every timestamp is one fixed
instant (SOURCE_DATE_EPOCH when set, else the Unix epoch): the same data gives
the same bundle, byte for byte. The sources say nothing of when a relation was
*recorded*, so no timestamp here pretends to know.

Mapping: actors become the STIX type their kind names (`stix:` in
actor_kinds; threat-actor by default); each relation a `relationship` whose
type is the relation type with hyphens; its quotes `external_references`; its
`confidence` from the data's own scale (`stix_confidence` in edges.yaml and on
each hedge: 85, STIX's "High", for a plainly stated claim, less for a hedge,
and less again for a claim that rests only on someone else's words); its
sentence, with whose claim it is, the `description`; each source text a
`report` referring to the actors and relationships it supports.
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, date, datetime, time
from typing import Any

import networkx as nx

from ..dataset.model import StixConfidence, period_days
from ..network.records import Relation, actor, dataset, relations

_NAMESPACE = uuid.UUID("6f2b6f1e-6c7a-5e0c-9d55-61637461676a")  # actorgraph's own namespace


def _id(stix_type: str, *parts: str) -> str:
    return f"{stix_type}--{uuid.uuid5(_NAMESPACE, '/'.join((stix_type, *parts)))}"


def _instant() -> datetime:
    return datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), tz=UTC)


def export(g: nx.MultiDiGraph) -> str:
    import stix2

    data = dataset(g)
    when = _instant()
    stamp = {"created": when, "modified": when}
    objects: list[Any] = []
    ref: dict[str, str] = {}
    for node in g.nodes:
        a = actor(g, node)
        kind = data.actor_kinds.get(a.kind)
        stix_type = (kind.stix if kind else None) or "threat-actor"
        ref[node] = _id(stix_type, node)
        common: dict[str, Any] = {"id": ref[node], "name": a.name, **stamp}
        if a.description:
            common["description"] = a.description
        if stix_type == "identity":
            objects.append(stix2.Identity(identity_class="organization", **common))
        else:
            cls = stix2.ThreatActor if stix_type == "threat-actor" else stix2.IntrusionSet
            objects.append(cls(**common, **({"aliases": list(a.aliases)} if a.aliases else {})))

    cited: dict[str, dict[str, None]] = {doc: {} for doc in data.sources}  # ordered sets of refs
    for rel in relations(g):
        rel_id = _id("relationship", rel.source.id, rel.key, rel.target.id)
        refs = []
        for q in rel.quotes:
            ref_q = {"source_name": q.source.title or q.doc, "external_id": q.doc, "description": q.line}
            if q.source.url:
                ref_q["url"] = q.source.url
            refs.append(ref_q)
            cited[q.doc].update(dict.fromkeys((rel_id, ref[rel.source.id], ref[rel.target.id])))
        objects.append(
            stix2.Relationship(
                id=rel_id,
                source_ref=ref[rel.source.id],
                target_ref=ref[rel.target.id],
                relationship_type=rel.key.replace("_", "-"),
                description=_description(rel),
                confidence=confidence(rel, data.stix_confidence),
                external_references=refs,
                **stamp,
                **_times(rel),
            )
        )
    for doc, source in data.sources.items():
        if not cited[doc]:
            continue
        about = [f"kind: {source.kind}"]
        for field in ("author", "outlet", "published", "accessed", "licence", "language", "written"):
            if getattr(source, field):
                about.append(f"{field}: {getattr(source, field)}")
        published = _day(source.published) if source.published else None
        reference: dict[str, str] = {"source_name": source.title or doc, "external_id": doc}
        if source.url:
            reference["url"] = source.url
        description = "; ".join(about).rstrip(".") + "."
        if published is None:
            description += " Publication date not recorded; 'published' is a fixed placeholder."
        objects.append(
            stix2.Report(
                id=_id("report", doc),
                name=source.title or f"{doc} ({source.file})",
                description=description,
                published=published or when,
                report_types=["threat-actor"],
                object_refs=list(cited[doc]),
                external_references=[reference],
                created=published or when,
                modified=published or when,
            )
        )
    bundle = stix2.Bundle(objects, id=_id("bundle", *sorted(ref)), allow_custom=False)
    return _serialize(bundle)


def _serialize(bundle: Any) -> str:
    """The bundle as stix2 writes it, faster: stix2's pretty printer re-sorts keys with a lookup
    that grows with the square of the bundle (oasis-open/cti-python-stix2#241) and its flat
    one goes through simplejson. Here stix2's own encoder turns each object into a dict (it
    leaves out optional properties left at their defaults) and writes its timestamps; msgspec
    writes the JSON and indents it."""
    import msgspec
    from stix2.serialization import STIXJSONEncoder, format_datetime

    objects = STIXJSONEncoder()

    def plain(obj: Any) -> Any:
        if isinstance(obj, date):
            return format_datetime(obj)
        found = objects.default(obj)
        if isinstance(found, dict):  # msgspec would write datetimes in its own format
            return {k: format_datetime(v) if isinstance(v, date) else v for k, v in found.items()}
        return found

    flat = msgspec.json.encode(bundle, enc_hook=plain)
    return msgspec.json.format(flat, indent=4).decode("utf-8") + "\n"


def confidence(rel: Relation, scores: StixConfidence) -> int:
    """STIX's 0-100 for how surely the relation is claimed, from the data's own scale: a plainly
    stated claim scores `stated`, a hedged one its level's `stix_confidence` (half of `stated`
    when the level gives none); a claim that rests only on others' words is lowered in the
    proportion `attributed` bears to `stated`."""
    level = rel.confidence
    score = scores.stated
    if level is not None:
        score = level.stix_confidence if level.stix_confidence is not None else scores.stated // 2
    if rel.claimants and scores.stated:
        score = round(score * scores.attributed / scores.stated)
    return max(0, min(100, score))


def _description(rel: Relation) -> str:
    text = rel.sentence
    if not rel.directed:
        text += " (a symmetric relation: it holds both ways)"
    if rel.note:
        text += f". Curator's note: {rel.note}"
    return text


def _times(rel: Relation) -> dict[str, datetime]:
    out = {}
    if rel.since:
        out["start_time"] = _period(rel.since, end=False)
    if rel.until:
        # STIX wants stop after start: `check` refuses a `since` that begins after `until` ends,
        # and a start is a period's first instant and a stop its last, so this always holds.
        out["stop_time"] = _period(rel.until, end=True)
    return out


def _day(value: str) -> datetime:
    """A source's date (year, year-month or full date) as the first instant it covers."""
    year, month, day = ([int(p) for p in value.split("-")] + [1, 1])[:3]
    return datetime(year, month, day, tzinfo=UTC)


def _period(value: str, *, end: bool) -> datetime:
    """A year or year-month as the first (or, for an end, the last) instant it covers."""
    first, last = period_days(value)
    if not end:
        return datetime.combine(first, time.min, tzinfo=UTC)
    return datetime.combine(last, time(23, 59, 59), tzinfo=UTC)
