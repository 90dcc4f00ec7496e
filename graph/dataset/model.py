"""The curated record as plain, immutable values.

Every record remembers where it was written — its first line and the line of
each of its fields — so that any later stage (validation, queries, exports)
can point a curator at the exact line to edit. Nothing here knows about YAML
or NetworkX; both sides of the pipeline depend on this module, never the
other way round.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

# Spans of a quote in its source's text: (start, end) character offsets, one per `...` fragment.
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a data file, as a curator would look for it in an editor."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with the data; validation collects all of them, not the first."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(frozen=True, slots=True)
class Source:
    """A text that relations quote, with what the text itself says about it."""

    id: str
    file: str
    kind: str
    text: str = field(repr=False)
    location: Location
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # year, year-month or full date
    accessed: str | None = None
    licence: str | None = None
    language: str | None = None
    about: str | None = None  # the actor the text is about, for coverage's co-mentions
    written: str | None = None
    written_quotes: tuple[tuple[str, Location], ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict)

    def at(self, key: str) -> Location:
        return _at(self.location, self.lines, key)


@dataclass(frozen=True, slots=True)
class SourceKind:
    id: str
    label: str
    definition: str
    location: Location
    csl: str = "document"  # the CSL item type a bibliography gives sources of this kind


@dataclass(frozen=True, slots=True)
class ActorKind:
    id: str
    label: str
    definition: str
    location: Location
    stix: str | None = None  # the STIX 2.1 object type actors of this kind become (None: not mapped)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    location: Location
    aliases: tuple[str, ...] = ()
    description: str | None = None
    region: str | None = None
    founded: str | None = None
    dissolved: str | None = None
    lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        """Every string that may name this actor: id, name and aliases."""
        return (self.id, self.name, *self.aliases)

    def at(self, key: str) -> Location:
        return _at(self.location, self.lines, key)


@dataclass(frozen=True, slots=True)
class RelationType:
    id: str
    label: str
    directed: bool
    sign: int  # +1 cooperative, -1 hostile, 0 neither
    definition: str
    location: Location
    opposite: str | None = None  # a type that cannot hold between the same pair at the same time
    stix: str | None = None  # the STIX relationship type it exports as (None: not mapped)


@dataclass(frozen=True, slots=True)
class ConfidenceLevel:
    """A hedge a claim can carry; absence of any level means the text states it as fact."""

    id: str
    label: str
    definition: str
    rank: int  # the higher, the surer
    location: Location
    stix_confidence: int | None = None  # 0-100 on STIX's scale


DISPUTES = "disputes"  # a quote's stance when the source says the relation does not hold


@dataclass(frozen=True, slots=True)
class Evidence:
    """Verbatim words from a source. `attributed_to`/`confidence` are already
    resolved against the edge's defaults, so each quote carries its own."""

    doc: str
    quote: str
    location: Location
    attributed_to: str | None = None
    confidence: str | None = None
    stance: str = "supports"  # or "disputes": the source says the relation does not hold
    note: str | None = None  # how this quote was read, if not obvious
    lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def disputes(self) -> bool:
        return self.stance == DISPUTES

    def at(self, key: str) -> Location:
        return _at(self.location, self.lines, key)


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    type: str
    evidence: tuple[Evidence, ...]
    location: Location
    since: str | None = None
    until: str | None = None
    confidence: str | None = None
    attributed_to: str | None = None
    note: str | None = None
    lines: Mapping[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        """How messages name the edge: the way it is written in the file."""
        return f"edge {self.source} -> {self.target}"

    def at(self, key: str) -> Location:
        return _at(self.location, self.lines, key)


@dataclass(frozen=True, slots=True)
class Review:
    """A sentence a curator read and judged to state no relation, with the reason why."""

    doc: str
    sentence: str
    reason: str
    location: Location


@dataclass(frozen=True, slots=True)
class StixConfidence:
    """How sure a claim is on STIX's 0-100 scale when the text states it plainly, and when it
    rests only on someone else's words; hedges have their own (`ConfidenceLevel`)."""

    stated: int = 85  # STIX's "High"
    attributed: int = 50  # "Medium": an analyst's, a report's or a group's claim, not the author's


@dataclass(frozen=True, slots=True)
class Settings:
    """The map's own settings (data/settings.yaml, optional): who keeps it and how it may be
    shared. Every field is optional; a map without the file has none of them."""

    location: Location | None = None
    maintainer: str | None = None  # a person, team or organisation: the STIX exports' author
    maintainer_class: str | None = None  # individual, group or organization
    contact: str | None = None
    tlp: str | None = None  # clear, green, amber or red: the marking on every STIX object


@dataclass(frozen=True, slots=True, repr=False)
class Dataset:
    """Everything the files hold, indexed by id; records that could not be read are absent."""

    sources: Mapping[str, Source] = field(default_factory=dict)
    source_kinds: Mapping[str, SourceKind] = field(default_factory=dict)
    actor_kinds: Mapping[str, ActorKind] = field(default_factory=dict)
    actors: tuple[Actor, ...] = ()
    relation_types: Mapping[str, RelationType] = field(default_factory=dict)
    confidence_levels: Mapping[str, ConfidenceLevel] = field(default_factory=dict)
    edges: tuple[Edge, ...] = ()
    reviews: tuple[Review, ...] = ()
    stix_confidence: StixConfidence = field(default_factory=lambda: StixConfidence())
    settings: Settings = field(default_factory=lambda: Settings())
    # Text files in the seeds folder that no source registers: a warning, not a problem.
    unregistered: tuple[str, ...] = ()
    # Files that could not be read at all: references into them are not reported as unknown.
    unreadable: frozenset[str] = frozenset()
    # Records whose id was readable but that could not be built ("actor:taliban", "type:allied",
    # "source:mir-nyt", ...): already reported, so references to them are not reported again.
    broken: frozenset[str] = frozenset()
    # Where validation found each quote: doc -> quote as written -> spans in the source's text.
    # Filled in by `check`, so the page and coverage reuse what check verified.
    located: Mapping[str, Mapping[str, Spans]] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (
            f"<Dataset: {len(self.actors)} actors, {len(self.edges)} relations, {self.quote_count} quotes, "
            f"{len(self.sources)} sources>"
        )

    @property
    def quote_count(self) -> int:
        """Quotes backing relations (the sources' own dating quotes are checked too, not counted)."""
        return sum(len(e.evidence) for e in self.edges)

    def spans(self, doc: str, quote: str) -> Spans:
        """Where `check` found a quote in its source; () for a quote it did not find."""
        return self.located.get(doc, {}).get(quote, ())


def _at(location: Location, lines: Mapping[str, int], key: str) -> Location:
    """The line of one field of a record, falling back to the record's first line."""
    line = lines.get(key)
    return location if line is None else Location(location.file, line)


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is exactly str.isalnum() plus "_"


def name_key(name: str) -> str:
    """How names are compared: case, spaces and punctuation ignored ("IS-K" == "is k")."""
    return _NOT_ALNUM.sub("", name.casefold())


def period_days(period: str) -> tuple[date, date]:
    """The first and last day a `since`/`until` value covers: "2015" is all of 2015,
    "2015-08" all of August 2015. Exports that need instants or dates start here."""
    year = int(period[:4])
    first_month, last_month = (int(period[5:7]),) * 2 if len(period) > 4 else (1, 12)
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def period_year(period: str) -> int:
    """The year a `since`/`until` value falls in."""
    return int(period[:4])
