"""The graph as a STIX 2.1 bundle that OpenCTI takes as it is.

One profile, OpenCTI's, because nothing is lost by it: OpenCTI creates only the relationship
types it models between two entity types (`cooperates-with` and `part-of` between groups,
`targets` toward an organisation, `related-to` anywhere), so each relation type says in the
vocabulary which one it becomes (`stix:`), falls back to `related-to` where OpenCTI has no such
relation between the two ends, and keeps the map's own type as a label and in the description
(the import reads it back from there). Everything else is plain STIX 2.1, which any platform
reads:

- actors: the STIX type their kind names (`stix:` in actor_kinds), labelled with the kind;
- each relation a `relationship` whose `confidence` comes from the data's own scale, whose
  description says whose claim it is, and whose supporting quotes are external references, each
  with its exact words and where they are in the source's text (`doc#char=start,end`);
- a quote that disputes a relation an `opinion` on it (strongly-disagree, or disagree when the
  denial is hedged); a curator's note a `note` on the relation (and on the quote, for a quote's);
- a `report` per source, holding what it claims and what it disputes;
- `created_by_ref` the map's maintainer and a TLP marking on every object, from
  data/settings.yaml; a statement marking per source licence on what quotes that source;
- `created`/`modified`: the dates of the sources behind an object (published, else accessed),
  and the git commit that last changed its record; the same commit gives the same bytes;
- one `note` carries the map's vocabularies and sources as JSON, so that a round trip through
  `actorgraph import` gives back the same map.

Ids are derived from the map's own ids, as UUIDs of version 4's form (STIX asks for UUIDv4 and
the validator's strict mode enforces it), so the same data keeps the same ids.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from typing import Any

import networkx as nx

from ..dataset.model import Actor, ConfidenceLevel, Dataset, Location, Source, StixConfidence, period_days
from ..network.records import Quote, Relation, actor, dataset, relations, vocabulary_records
from .history import record_times

_NAMESPACE = uuid.UUID("6f2b6f1e-6c7a-5e0c-9d55-61637461676a")  # actorgraph's own namespace

RELATED_TO = "related-to"  # the relationship OpenCTI creates between any two entities
# What OpenCTI creates between the STIX types an actor can become (a threat-actor is its
# Threat-Actor-Group, an identity of class organization its Organization): its
# stixCoreRelationshipsMapping, opencti-platform/opencti-graphql/src/database/stix.ts at commit
# 014e9c0661c4c3a23330ac36a16ba6aa9c882ed7. tests/outputs/opencti_relationships.csv holds the
# same rules, transcribed separately, and the tests check every exported relationship against it.
OPENCTI_RELATIONSHIPS: dict[tuple[str, str], frozenset[str]] = {
    ("threat-actor", "threat-actor"): frozenset({"part-of", "cooperates-with", "derived-from"}),
    ("threat-actor", "identity"): frozenset({"attributed-to", "impersonates", "targets"}),
    ("intrusion-set", "identity"): frozenset({"targets"}),
    ("intrusion-set", "threat-actor"): frozenset({"attributed-to"}),
    ("intrusion-set", "intrusion-set"): frozenset({"derived-from", "part-of"}),
    ("identity", "identity"): frozenset({"derived-from"}),
}
TLP_MARKINGS = {"clear": "TLP_WHITE", "green": "TLP_GREEN", "amber": "TLP_AMBER", "red": "TLP_RED"}  # stix2's

# What the import reads back: the notes' abstracts, the key that names an actor by its id, the
# fragment that locates a quote, and the "Key: value" lines that end a description.
VOCABULARY_NOTE = "actorgraph: the map's vocabularies and sources"
CURATORS_NOTE = "Curator's note"
ACTOR_ID_SOURCE = "actorgraph"
CHAR = "#char="
FACT_KEYS = ("Also known as", "Region", "Founded", "Dissolved", "Since", "Until", "Type", "Hedge", "According to")


def export(g: nx.MultiDiGraph) -> str:
    import stix2

    objects = _Bundle(g).objects()
    actor_ids = sorted(o.id for o in objects if o.type in ("threat-actor", "intrusion-set", "identity"))
    return _serialize(stix2.Bundle(objects, id=_id("bundle", *actor_ids), allow_custom=False))


class _Bundle:
    """The objects of one bundle, built in one pass over the graph."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.g = g
        self.data: Dataset = dataset(g)
        self.changed: Callable[[Location], datetime | None] = record_times(self.data, g.graph.get("folders"))
        self.fallback = _instant()
        self.scores: StixConfidence = self.data.stix_confidence
        self.cited = _cited_sources(g)
        self.out: list[Any] = []
        self.author: dict[str, str] = {}
        self.tlp: list[str] = []
        self.licence_marks: dict[str, str] = {}
        self.refs: dict[str, str] = {}  # actor id -> STIX id
        self.types: dict[str, str] = {}  # actor id -> STIX type

    def objects(self) -> list[Any]:
        self._settings()
        self._actors()
        by_source: dict[str, dict[str, None]] = {doc: {} for doc in self.cited}  # ordered sets of refs
        for rel in relations(self.g):
            self._relation(rel, by_source)
        self._reports(by_source)
        return self.out

    # --- dates ------------------------------------------------------------------------------

    def stamp(self, sources: Iterable[Source], location: Location | None) -> dict[str, datetime]:
        """`created`: the earliest date of the sources behind the object, else the commit that last
        changed its record; `modified`: the latest of those dates and that commit."""
        days = sorted({d for d in map(_source_day, sources) if d is not None})
        changed = self.changed(location) if location is not None else None
        created = days[0] if days else changed or self.fallback
        modified = max([created, *days[-1:], *([changed] if changed else [])])
        return {"created": created, "modified": modified}

    # --- who wrote it, and how it may be shared -------------------------------------------------

    def _settings(self) -> None:
        import stix2

        settings = self.data.settings
        if settings.tlp:
            tlp = getattr(stix2, TLP_MARKINGS[settings.tlp])
            self.out.append(tlp)
            self.tlp = [tlp.id]
        cited = [self.data.sources[doc] for doc in self.cited]
        if settings.maintainer:
            extra: dict[str, Any] = {}
            if settings.maintainer_class:
                extra["identity_class"] = settings.maintainer_class
            if settings.contact:
                extra["contact_information"] = settings.contact
            maintainer = stix2.Identity(
                id=_id("identity", "maintainer", settings.maintainer),
                name=settings.maintainer,
                description="Keeps this actorgraph map: the author of every object in this bundle.",
                object_marking_refs=self.tlp or None,
                **extra,
                **self.stamp(cited, settings.location),
            )
            self.out.append(maintainer)
            self.author = {"created_by_ref": maintainer.id}
        for licence in sorted({s.licence for s in cited if s.licence}):
            under = [s for s in cited if s.licence == licence]
            created = self.stamp(under, None)["created"]
            mark = stix2.MarkingDefinition(
                id=_id("marking-definition", licence, created.isoformat()),
                name=f"Licence: {licence}",
                created=created,
                definition_type="statement",
                definition=stix2.StatementMarking(
                    f"Holds verbatim quotes from texts published under {licence}; "
                    "its terms apply to them (each quote names its source)."
                ),
                **self.author,
            )
            self.out.append(mark)
            self.licence_marks[licence] = mark.id

    def markings(self, sources: Iterable[Source]) -> list[str] | None:
        licences = dict.fromkeys(s.licence for s in sources if s.licence)
        return [*self.tlp, *(self.licence_marks[lic] for lic in licences if lic)] or None

    # --- actors ----------------------------------------------------------------------------

    def _actors(self) -> None:
        import stix2

        for node in self.g.nodes:
            a = actor(self.g, node)
            kind = self.data.actor_kinds.get(a.kind)
            stix_type = (kind.stix if kind else None) or "threat-actor"
            self.refs[node], self.types[node] = _id(stix_type, node), stix_type
            behind = [q.source for u, v, r in self.g.edges(node, data="relation") for q in r.quotes]
            behind += [q.source for u, v, r in self.g.in_edges(node, data="relation") for q in r.quotes]
            common: dict[str, Any] = {
                "id": self.refs[node],
                "name": a.name,
                "labels": [a.kind],
                "external_references": [{"source_name": ACTOR_ID_SOURCE, "external_id": a.id}],
                "object_marking_refs": self.tlp or None,
                **self.author,
                **self.stamp(behind, a.location),
            }
            if stix_type == "identity":
                described = _actor_description(a, aliases=True)
                if described:
                    common["description"] = described
                self.out.append(stix2.Identity(identity_class="organization", **common))
                continue
            described = _actor_description(a, aliases=False)
            if described:
                common["description"] = described
            if a.aliases:
                common["aliases"] = list(a.aliases)
            if a.founded:
                common["first_seen"] = _period(a.founded, end=False)
            if a.dissolved:
                common["last_seen"] = _period(a.dissolved, end=True)
            cls = stix2.ThreatActor if stix_type == "threat-actor" else stix2.IntrusionSet
            self.out.append(cls(**common))

    # --- relations, the quotes that dispute them, the curators' notes on them ---------------

    def _relation(self, rel: Relation, by_source: dict[str, dict[str, None]]) -> None:
        import stix2

        s, t = rel.source.id, rel.target.id
        rel_id = _id("relationship", s, rel.key, t)
        supporting = [q.source for q in rel.supporting]
        stamp = self.stamp(supporting, rel.location)
        labels = [rel.key, *(["contested"] if rel.contested else [])]
        self.out.append(
            stix2.Relationship(
                id=rel_id,
                source_ref=self.refs[s],
                target_ref=self.refs[t],
                relationship_type=opencti_type(rel.type.stix, self.types[s], self.types[t]),
                description=_relation_description(rel),
                confidence=confidence(rel, self.scores),
                external_references=[quote_reference(q, rel) for q in rel.supporting],
                labels=labels,
                object_marking_refs=self.markings(supporting),
                **self.author,
                **stamp,
                **_times(rel),
            )
        )
        for q in rel.supporting:
            by_source[q.doc].update(dict.fromkeys((rel_id, self.refs[s], self.refs[t])))
        for q in rel.disputing:
            opinion = stix2.Opinion(
                id=_id("opinion", rel.id, q.doc, q.text),
                opinion="disagree" if q.confidence else "strongly-disagree",
                object_refs=[rel_id],
                explanation=f"{q.doc} says that '{rel.label}' does not hold: “{q.text}”",
                authors=[_speaker(q)],
                confidence=_score(q.confidence, q.attributed_to is not None, self.scores),
                external_references=[quote_reference(q, rel)],
                labels=[rel.key],
                object_marking_refs=self.markings([q.source]),
                **self.author,
                **self.stamp([q.source], rel.location),
            )
            self.out.append(opinion)
            by_source[q.doc][opinion.id] = None
        notes: list[tuple[Quote | None, str]] = [(None, rel.note)] if rel.note else []
        notes += [(q, q.note) for q in rel.quotes if q.note]
        for on, content in notes:
            sources = [on.source] if on else supporting
            extra: dict[str, Any] = {"external_references": [quote_reference(on, rel)]} if on else {}
            self.out.append(
                stix2.Note(
                    labels=[rel.key],
                    id=_id("note", rel.id, *((on.doc, on.text) if on else ())),
                    abstract=f"{CURATORS_NOTE} on a quote from {on.doc}" if on else CURATORS_NOTE,
                    content=content,
                    object_refs=[rel_id],
                    object_marking_refs=self.markings(sources),
                    **extra,
                    **self.author,
                    **self.stamp(sources, rel.location),
                )
            )

    # --- sources ----------------------------------------------------------------------------

    def _reports(self, by_source: dict[str, dict[str, None]]) -> None:
        import stix2

        report_ids = []
        for doc in self.cited:
            source = self.data.sources[doc]
            about = [f"kind: {source.kind}"]
            for field in ("author", "outlet", "published", "accessed", "licence", "language", "written"):
                if getattr(source, field):
                    about.append(f"{field}: {getattr(source, field)}")
            description = "; ".join(about).rstrip(".") + "."
            stamp = self.stamp([source], source.location)
            published = _source_day(source)
            if source.published is None:
                what = "the date it was accessed" if published else "when its record last changed, or a fixed date"
                description += f" Publication date not recorded; 'published' is {what}."
            reference: dict[str, str] = {"source_name": source.title or doc, "external_id": doc}
            if source.url:
                reference["url"] = source.url
            report = stix2.Report(
                id=_id("report", doc),
                name=source.title or f"{doc} ({source.file})",
                description=description,
                published=published or stamp["created"],
                report_types=["threat-actor"],
                object_refs=list(by_source[doc]),
                external_references=[reference],
                object_marking_refs=self.markings([source]),
                **self.author,
                **stamp,
            )
            self.out.append(report)
            report_ids.append(report.id)
        if report_ids:
            self.out.append(
                stix2.Note(
                    id=_id("note", "vocabulary"),
                    abstract=VOCABULARY_NOTE,
                    content=json.dumps(_vocabulary(self.data), indent=2, ensure_ascii=False),
                    object_refs=report_ids,
                    object_marking_refs=self.tlp or None,
                    **self.author,
                    **self.stamp([self.data.sources[d] for d in self.cited], None),
                )
            )


def opencti_type(wanted: str | None, source_type: str, target_type: str) -> str:
    """The relationship type to write: the one the vocabulary asks for where OpenCTI creates it
    between these two STIX types, else related-to."""
    if wanted and wanted in OPENCTI_RELATIONSHIPS.get((source_type, target_type), ()):
        return wanted
    return RELATED_TO


def quote_reference(q: Quote, rel: Relation) -> dict[str, str]:
    """A quote as an external reference: its source, where the words are in the source's text
    (OpenCTI tells references apart by source name and external id, so each quote is its own),
    and the exact words, followed by the relation type they back and their hedge and speaker.

    The type is there because OpenCTI makes one relationship of all those with the same type,
    ends and period: two relations of the map that both become related-to between the same
    actors are one in OpenCTI, with both labels and every quote, and each quote still says
    which relation it backs (`import` splits them again)."""
    where = ";".join(f"{start},{end}" for start, end in q.spans)
    facts = [("Type", rel.key), ("Hedge", q.confidence.id if q.confidence else None)]
    facts.append(("According to", q.attributed_to))
    return {
        "source_name": q.source.title or q.doc,
        "external_id": f"{q.doc}{CHAR}{where}" if where else q.doc,
        "description": with_facts(" ".join(q.text.split()), facts, separator="\n"),
    }


def with_facts(text: str, facts: Iterable[tuple[str, str | None]], separator: str = "\n\n") -> str:
    """A description ending in "Key: value" lines for what STIX has no property for."""
    lines = [f"{key}: {value}" for key, value in facts if value]
    return text + (separator + "\n".join(lines) if lines else "") if text else "\n".join(lines)


def read_facts(description: str) -> tuple[str, dict[str, str]]:
    """What `with_facts` wrote: the text before the "Key: value" lines, and those lines."""
    lines = description.split("\n")
    facts: dict[str, str] = {}
    while lines:
        key, sep, value = lines[-1].partition(": ")
        if not sep or key not in FACT_KEYS:
            break
        facts[key] = value
        lines.pop()
    return "\n".join(lines).strip(), facts


def _actor_description(a: Actor, *, aliases: bool) -> str:
    facts = [("Also known as", "; ".join(a.aliases) if aliases else None), ("Region", a.region)]
    facts += [("Founded", a.founded), ("Dissolved", a.dissolved)]
    return with_facts(a.description or "", facts)


def _relation_description(rel: Relation) -> str:
    text = f"{rel.sentence}. Its type in the map: '{rel.key}' ({rel.label}): {rel.type.definition}".rstrip(".") + "."
    if not rel.directed:
        text += " A symmetric relation: it holds both ways."
    return with_facts(text, [("Since", rel.since), ("Until", rel.until)])


def _speaker(q: Quote) -> str:
    """Whose words a quote is: its speaker, else its text's author, outlet or title."""
    s = q.source
    return q.attributed_to or s.author or s.outlet or s.title or s.id


def _cited_sources(g: nx.MultiDiGraph) -> list[str]:
    """The ids of the sources the graph's relations quote, in the order of the map's sources."""
    quoted = {q.doc for rel in relations(g) for q in rel.quotes}
    return [doc for doc in dataset(g).sources if doc in quoted]


def _vocabulary(data: Dataset) -> dict[str, Any]:
    """The vocabularies and sources as the import needs them to rebuild the map."""
    scale = data.stix_confidence
    return {**vocabulary_records(data), "stix_confidence": {"stated": scale.stated, "attributed": scale.attributed}}


def _id(stix_type: str, *parts: str) -> str:
    digest = uuid.uuid5(_NAMESPACE, "/".join((stix_type, *parts))).bytes
    return f"{stix_type}--{uuid.UUID(bytes=digest, version=4)}"


def _instant() -> datetime:
    """The date of last resort, for what neither a source nor a commit dates: SOURCE_DATE_EPOCH
    when set, else the Unix epoch."""
    return datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), tz=UTC)


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
    """STIX's 0-100 for how surely the relation is claimed, from the data's own scale: the score
    of its best-attested quote. Scored quote by quote, because a hedge and a speaker belong to
    one quote: a hedged quote of the author's beside a plain one of someone else's is not a
    plain statement of the author's."""
    return max((_score(q.confidence, q.attributed_to is not None, scores) for q in rel.supporting), default=0)


def _score(level: ConfidenceLevel | None, attributed: bool, scores: StixConfidence) -> int:
    """A plainly stated claim scores `stated`, a hedged one its level's `stix_confidence` (half
    of `stated` when the level gives none); a claim that rests only on others' words is lowered
    in the proportion `attributed` bears to `stated`."""
    score = scores.stated
    if level is not None:
        score = level.stix_confidence if level.stix_confidence is not None else scores.stated // 2
    if attributed and scores.stated:
        score = round(score * scores.attributed / scores.stated)
    return max(0, min(100, score))


def _times(rel: Relation) -> dict[str, datetime]:
    out = {}
    if rel.since:
        out["start_time"] = _period(rel.since, end=False)
    if rel.until:
        # STIX wants stop after start: `check` refuses a `since` that begins after `until` ends,
        # and a start is a period's first instant and a stop its last, so this always holds.
        out["stop_time"] = _period(rel.until, end=True)
    return out


def _source_day(source: Source) -> datetime | None:
    """A source's date: when it was published, else when it was read; None when neither is known."""
    value = source.published or source.accessed
    return _day(value) if value else None


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
