"""A relation as one typed record, from the build to every output.

A relation is what the curator wrote (its ends, type, period, note) plus its
evidence (each quote with its hedge, its speaker, its source and where it was
found) plus what follows from that evidence: how surely it is claimed overall,
and whether it rests only on other people's words. Every output — a path hop,
a line of `show`, a CSV row, a STIX object, a line on the page — is a view of
this record, and each view is written here, once:

- `Relation.sentence`: the relation in words ("ISIS-K —rival of— Taliban  [likely]");
- `Quote.citation`: the line under a quote ("— mir-nyt (001.txt); according to a UN report");
- `relation_record`: the JSON object (ids under `source`/`target`, names beside them);
- `relation_row` / `evidence_row` / `actor_row`: the flat rows of CSV, GraphML, GEXF and pandas.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..dataset.fields import CURATED, record_spec
from ..dataset.model import (
    DISPUTES,
    Actor,
    ActorKind,
    ConfidenceLevel,
    Dataset,
    Edge,
    Evidence,
    Location,
    RelationType,
    Source,
    SourceKind,
    Spans,
)

if TYPE_CHECKING:  # records are built without NetworkX too (`check` words its contests with them)
    import networkx as nx


@dataclass(frozen=True, slots=True)
class Quote:
    """One piece of evidence: the source's words, how the text hedges them and who says them.
    The curated quote (`evidence`) with what it refers to resolved: its source, its hedge's
    level, and where `check` found the words."""

    evidence: Evidence
    source: Source
    confidence: ConfidenceLevel | None = None  # None: the text states it plainly
    spans: Spans = ()  # where `check` found the words in the source's text

    @property
    def text(self) -> str:
        return self.evidence.quote

    @property
    def location(self) -> Location:
        return self.evidence.location

    @property
    def attributed_to(self) -> str | None:
        """Who in the text says these words; None: the text's author."""
        return self.evidence.attributed_to

    @property
    def stance(self) -> str:
        """ "disputes" when the source says the relation does not hold."""
        return self.evidence.stance

    @property
    def note(self) -> str | None:
        """The curator's reading of this quote."""
        return self.evidence.note

    @property
    def disputes(self) -> bool:
        return self.stance == DISPUTES

    @property
    def doc(self) -> str:
        return self.source.id

    @property
    def citation(self) -> str:
        """The line printed under the quote wherever it is shown: the source's id (what
        `--source` and `doc:` take), its outlet and date where known, who says it, the hedge."""
        about = ", ".join(part for part in (self.source.outlet, self.source.published) if part)
        line = f"— {self.source.id}" + (f" ({about})" if about else "")
        if self.disputes:
            line += "; disputes it"
        if self.attributed_to:
            line += f"; according to {self.attributed_to}"
        if self.confidence:
            line += f"; {self.confidence.label}"
        return line

    @property
    def line(self) -> str:
        """The quote and its citation on one line, for lists of quotes (a CSV cell, a diff)."""
        return f"“{self.text}” {self.citation}"


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed relation between two actors with its evidence; see the module docstring."""

    source: Actor
    target: Actor
    type: RelationType
    quotes: tuple[Quote, ...]
    edge: Edge  # as curated: its other fields (dates, note, any added later) are read from it
    # Set by the build: whether sources disagree about it, and the relations it conflicts with.
    contested: bool = False
    opposed_by: tuple[str, ...] = ()
    # Derived from the quotes once, when the record is made: outputs ask for them many times
    # (a page of 10,000 relations asked for the confidence 200,000 times).
    _supporting: tuple[Quote, ...] = field(init=False, repr=False, compare=False)
    _confidence: ConfidenceLevel | None = field(init=False, repr=False, compare=False)
    _claimants: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _either: bool = field(init=False, repr=False, compare=False)
    _qualifiers: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        supporting = tuple(q for q in self.quotes if not q.disputes)
        own = [q for q in supporting if q.attributed_to is None]
        plain = [q for q in supporting if q.confidence is None]
        either = False
        claimants: tuple[str, ...]
        if any(q.confidence is None for q in own):
            confidence, claimants = None, ()  # the author's own words say it plainly
        elif own and plain:
            # No quote is both: the author's own words hedge it, others' words state it. Neither
            # reading may be dropped, nor the two merged into a plain statement of the author's.
            confidence, claimants, either = _surest(own), _speakers(plain), True
        else:
            confidence = None if plain else _surest(supporting)
            # Plain, it rests on those who say it plainly: naming beside them one who only says
            # it may be so would put a plain claim in their mouth (the quotes keep their hedges).
            claimants = () if own else _speakers(plain or supporting)
        object.__setattr__(self, "_supporting", supporting)
        object.__setattr__(self, "_confidence", confidence)
        object.__setattr__(self, "_claimants", claimants)
        object.__setattr__(self, "_either", either)
        object.__setattr__(self, "_qualifiers", self._words_around())

    @property
    def location(self) -> Location:
        return self.edge.location

    @property
    def since(self) -> str | None:
        return self.edge.since

    @property
    def until(self) -> str | None:
        return self.edge.until

    @property
    def note(self) -> str | None:
        """The curator's remark on how the evidence was read."""
        return self.edge.note

    @property
    def id(self) -> str:
        """Stable across builds: its ends and type as curated ("isis-k/rival/taliban")."""
        return relation_id(self.source.id, self.key, self.target.id)

    @property
    def key(self) -> str:
        """The edge key in the graph: unique per ordered pair of actors."""
        return self.type.id

    @property
    def label(self) -> str:
        return self.type.label

    @property
    def directed(self) -> bool:
        return self.type.directed

    @property
    def sign(self) -> int:
        return self.type.sign

    # --- derived from the evidence ------------------------------------------------------------

    @property
    def supporting(self) -> tuple[Quote, ...]:
        """The quotes that claim the relation (the others dispute it)."""
        return self._supporting

    @property
    def disputing(self) -> tuple[Quote, ...]:
        return tuple(q for q in self.quotes if q.disputes)

    @property
    def confidence(self) -> ConfidenceLevel | None:
        """How surely the relation is claimed: None (stated as fact) as soon as one quote states it
        plainly in the author's own words (or, when every quote is someone else's, as soon as one
        states it plainly); else the surest hedge among them. When the author's own words only
        hedge it and others' state it plainly, the author's surest hedge (see `either`)."""
        return self._confidence

    @property
    def claimants(self) -> tuple[str, ...]:
        """Whose words the relation rests on when it rests only on others' words (every quote
        attributed); empty as soon as one quote is the author's own plain statement. When the
        author's own words only hedge it, those whose words state it plainly (see `either`)."""
        return self._claimants

    @property
    def stated_plainly(self) -> bool:
        """Whether one of its quotes is the author's own plain statement: only then may it be
        shown as a plain fact, with no hedge and no one else's name on it."""
        return self._confidence is None and not self._claimants

    @property
    def either(self) -> bool:
        """Whether the author's own words hedge it while only others state it plainly: then its
        hedge and its claimants are two readings, not one ("possible, or according to X")."""
        return self._either

    @property
    def attributed_to(self) -> str | None:
        return "; ".join(self.claimants) or None

    @property
    def sources(self) -> tuple[str, ...]:
        """The ids of the sources that claim it, in the order they are cited."""
        return tuple(dict.fromkeys(q.doc for q in self.supporting))

    @property
    def period(self) -> str | None:
        if self.since and self.until:
            return f"in {self.since}" if self.since == self.until else f"{self.since} to {self.until}"
        if self.since:
            return f"since {self.since}"
        return f"until {self.until}" if self.until else None

    # --- in words -------------------------------------------------------------------------

    @property
    def phrase(self) -> str:
        """The relation in its own direction: `ISIS-K —absorbed fighters from→ TTP`."""
        arrow = "→" if self.directed else "—"
        return f"{self.source.name} —{self.label}{arrow} {self.target.name}"

    @property
    def qualifiers(self) -> tuple[tuple[str, str], ...]:
        """What a reader must know before taking the phrase as fact, as (kind, words) pairs:
        its hedge ("hedge"), its period ("period") and whose claim it is ("claim")."""
        return self._qualifiers

    def _words_around(self) -> tuple[tuple[str, str], ...]:
        """The qualifiers, worked out once when the record is made (a page asks for them twice
        for every view of every relation)."""
        out = []
        if self._confidence is not None:
            out.append(("hedge", self._confidence.label))
        if self._claimants and self._either:  # "possible, or according to a UN report"
            out.append(("claim", f"or according to {' and '.join(self._claimants)}"))
        if period := self.period:
            out.append(("period", period))
        if self._claimants and not self._either:
            out.append(("claim", f"according to {' and '.join(self._claimants)}"))
        if self.contested:
            out.append(("contested", "contested"))
        return tuple(out)

    @property
    def sentence(self) -> str:
        """The one way a relation is written in text: phrase, then its qualifiers in brackets."""
        extras = [words for _, words in self.qualifiers]
        return self.phrase + (f"  [{', '.join(extras)}]" if extras else "")


def _surest(quotes: Iterable[Quote]) -> ConfidenceLevel | None:
    """The surest hedge among these quotes (None when there is none)."""
    levels = [q.confidence for q in quotes if q.confidence is not None]
    return max(levels, key=lambda lv: lv.rank) if levels else None


def _speakers(quotes: Iterable[Quote]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(q.attributed_to for q in quotes if q.attributed_to))


def relation_id(source: str, rtype: str, target: str) -> str:
    """The one spelling of a relation's id, for records and for curated edges alike."""
    return f"{source}/{rtype}/{target}"


# --- from the model ---------------------------------------------------------------------------


def relation(data: Dataset, edge: Edge, actors: Mapping[str, Actor]) -> Relation:
    """The record of one edge (`actors`: the dataset's actors by id). On checked data every
    reference resolves; `diff` also builds records from versions that fail the check, so
    anything unknown gets a stand-in that shows its raw id rather than failing."""

    def actor(actor_id: str) -> Actor:
        return actors.get(actor_id) or Actor(id=actor_id, name=actor_id, kind="", location=edge.location)

    rtype = data.relation_types.get(edge.type) or RelationType(
        id=edge.type, label=edge.type, directed=True, sign=0, definition="", location=edge.location
    )
    quotes = []
    for ev in edge.evidence:
        source = data.sources.get(ev.doc) or Source(id=ev.doc, file="", kind="", text="", location=ev.location)
        level = None
        if ev.confidence is not None:
            level = data.confidence_levels.get(ev.confidence) or ConfidenceLevel(
                id=ev.confidence, label=ev.confidence, definition="", rank=0, location=ev.location
            )
        quotes.append(Quote(ev, source, level, data.spans(ev.doc, ev.quote)))
    return Relation(actor(edge.source), actor(edge.target), rtype, tuple(quotes), edge)


# --- out of the graph -------------------------------------------------------------------------


def actor(g: nx.MultiDiGraph, node: str) -> Actor:
    return g.nodes[node]["actor"]  # type: ignore[no-any-return]


def relations(g: nx.MultiDiGraph) -> Iterator[Relation]:
    """Every relation, in the order the curator wrote them (NetworkX's own order follows the
    actors instead). Edges added to the graph by hand come after the curated ones."""
    order = g.graph.get("order", {})
    edges = sorted(g.edges(keys=True, data="relation"), key=lambda e: order.get(e[:3], len(order)))
    for *_, rel in edges:
        yield rel


def find(g: nx.MultiDiGraph, relation_id: str) -> Relation | None:
    """The relation with this id, if the graph (perhaps filtered) still has it."""
    source, _, rest = relation_id.partition("/")
    key, _, target = rest.partition("/")
    data = g.get_edge_data(source, target, key)
    return data["relation"] if data else None


def dataset(g: nx.MultiDiGraph) -> Dataset:
    return g.graph["dataset"]  # type: ignore[no-any-return]


# --- shapes ---------------------------------------------------------------------------------
#
# Every JSON object and flat row is its record's declared fields (`fields.record_spec`) plus what
# is derived from them, so a field added to a record reaches every output without another edit.

ACTOR_FIELDS = tuple(record_spec(Actor))
EDGE_FIELDS = tuple(k for k in record_spec(Edge, roles=(CURATED,)) if k != "evidence")  # since, until, note, ...
QUOTE_FIELDS = tuple(record_spec(Evidence))
SOURCE_FIELDS = tuple(record_spec(Source))


def _jsonable(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _flat(value: Any) -> Any:
    """A list as the text of one cell: its items joined by "; "."""
    return "; ".join(value) if isinstance(value, tuple) else value


def quote_record(q: Quote) -> dict[str, Any]:
    return {**{k: _jsonable(getattr(q.evidence, k)) for k in QUOTE_FIELDS}, "citation": q.citation}


def relation_record(rel: Relation) -> dict[str, Any]:
    """The JSON object of a relation, the same in every command and export. Ids under
    `source`/`target` (so NetworkX reads exports back), names in fields of their own; then
    what follows from its quotes, its curated fields, and its quotes."""
    return {
        "id": rel.id,
        "source": rel.source.id,
        "target": rel.target.id,
        "type": rel.key,
        "source_name": rel.source.name,
        "target_name": rel.target.name,
        "label": rel.label,
        "directed": rel.directed,
        "sign": rel.sign,
        "sentence": rel.sentence,
        "confidence": rel.confidence.id if rel.confidence else None,
        "attributed_to": rel.attributed_to,
        "stated_plainly": rel.stated_plainly,
        **{k: _jsonable(getattr(rel.edge, k)) for k in EDGE_FIELDS},
        "sources": list(rel.sources),
        "contested": rel.contested,
        "opposed_by": list(rel.opposed_by),
        "evidence": [quote_record(q) for q in rel.quotes],
    }


RELATION_COLUMNS = (
    "id", "source", "source_name", "type", "label", "target", "target_name", "directed", "sign",
    "confidence", "attributed_to", "stated_plainly", *EDGE_FIELDS, "contested", "opposed_by", "sources",
    "quote_count", "quotes",
)  # fmt: skip


def relation_row(rel: Relation) -> dict[str, Any]:
    """A relation as one flat row: CSV, GraphML and GEXF attributes, a pandas row. Lists become
    text: sources joined by "; ", quotes one per line, each with its own citation."""
    record = relation_record(rel)
    return {
        **{k: record[k] for k in RELATION_COLUMNS if k in record},
        **{k: _flat(getattr(rel.edge, k)) for k in EDGE_FIELDS},
        "sources": "; ".join(rel.sources),
        "opposed_by": "; ".join(rel.opposed_by),
        "quote_count": len(rel.quotes),
        "quotes": "\n".join(q.line for q in rel.quotes),
    }


EVIDENCE_COLUMNS = (
    "relation", "source", "source_name", "type", "label", "target", "target_name", *QUOTE_FIELDS, "citation",
    "location",
)  # fmt: skip


def evidence_rows(rel: Relation) -> list[dict[str, Any]]:
    """One row per quote, with the relation it backs."""
    head = {
        "relation": rel.id,
        "source": rel.source.id,
        "source_name": rel.source.name,
        "type": rel.key,
        "label": rel.label,
        "target": rel.target.id,
        "target_name": rel.target.name,
    }
    return [{**head, **quote_record(q), "location": str(q.location)} for q in rel.quotes]


def actor_record(a: Actor) -> dict[str, Any]:
    return {k: _jsonable(getattr(a, k)) for k in ACTOR_FIELDS}


ACTOR_COLUMNS = (*ACTOR_FIELDS, "relations")


def actor_row(g: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    a = actor(g, node)
    return {**{k: _flat(getattr(a, k)) for k in ACTOR_FIELDS}, "relations": g.degree(node)}


VOCABULARIES = (  # each vocabulary of a dataset, and its record
    ("relation_types", RelationType),
    ("actor_kinds", ActorKind),
    ("confidence_levels", ConfidenceLevel),
    ("source_kinds", SourceKind),
)


def vocabulary_records(data: Dataset) -> dict[str, Any]:
    """The vocabularies and sources as JSON, for exports that carry them beside the graph."""
    out: dict[str, Any] = {}
    for attribute, record in VOCABULARIES:
        fields = record_spec(record, roles=(CURATED,))
        entries = getattr(data, attribute)
        out[attribute] = {name: {k: _jsonable(getattr(e, k)) for k in fields} for name, e in entries.items()}
    out["sources"] = {s.id: source_record(s) for s in data.sources.values()}
    return out


def bibliography_entry(s: Source, title: str | None = None) -> str:
    """A source as a list of sources cites it: author, title, outlet, date, address, licence.
    `title` is the title as the output sets it (default: in curly quotes, or the file's name
    when the text has none)."""
    if title is None:
        title = f"“{s.title}”" if s.title else f"untitled ({s.file})"
    parts = [p for p in (s.author, title, s.outlet, s.published) if p]
    line = ". ".join(p.rstrip(".") for p in parts) + "."
    if s.url:
        line += f" {s.url}" + (f" (accessed {s.accessed})." if s.accessed else "")
    if s.licence:
        line += f" Licence: {s.licence}."
    return line


def source_record(s: Source) -> dict[str, Any]:
    return {k: _jsonable(getattr(s, k)) for k in SOURCE_FIELDS}


def source_row(s: Source) -> dict[str, Any]:
    return {k: _flat(getattr(s, k)) for k in SOURCE_FIELDS}


def kind_label(data: Dataset, kind: str) -> str:
    found = data.actor_kinds.get(kind)
    return found.label if found else kind
