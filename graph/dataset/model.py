"""The curated record as plain, immutable values.

Every record remembers where it was written — its first line and the line of
each of its fields — so that any later stage (validation, queries, exports)
can point a curator at the exact line to edit. Nothing here knows about NetworkX;
both sides of the pipeline depend on this module, never the other way round.

Each record's fields are declared here once, each with its kind (from the field
registry), its help text and its role (`fields.spec`): this is the one list of a
record's fields. The loader, the JSON Schemas, `fmt`'s key order, the JSON and CSV
shapes, `diff` and the edit commands' options all read it (`fields.record_spec`).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .fields import (
    DATE,
    FLAG,
    IDENTITY,
    KEY,
    LANGUAGE,
    PERIOD,
    RECORDS,
    SIGN,
    SLUG,
    TEXT,
    TEXT_LIST,
    URL,
    Choice,
    Integer,
    spec,
)
from .problems import Location, Problem

__all__ = ["Location", "Problem"]  # re-exported: every stage has always imported them from here

# Spans of a quote in its source's text: (start, end) character offsets, one per `...` fragment.
Spans = tuple[tuple[int, int], ...]


STIX_ACTOR_TYPES = ("threat-actor", "intrusion-set", "identity")
# The four Traffic Light Protocol levels STIX 2.1 defines marking objects for ("clear" is TLP
# 2.0's name for TLP:WHITE; AMBER+STRICT has no STIX 2.1 marking, so it is not offered).
TLP_LEVELS = ("clear", "green", "amber", "red")
IDENTITY_CLASSES = ("individual", "group", "organization")  # STIX 2.1's, for the map's maintainer
DISPUTES = "disputes"  # a quote's stance when the source says the relation does not hold
STANCES = ("supports", DISPUTES)
# CSL item types (citeproc, Zotero, pandoc) a source kind may map to, for `actorgraph sources`.
CSL_TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "book", "chapter",
    "document", "entry-encyclopedia", "interview", "post", "post-weblog", "report", "speech", "webpage",
)  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """A text that relations quote, with what the text itself says about it."""

    id: str = spec(SLUG, "A short slug that evidence cites (`doc:`).", required=True, role=IDENTITY)
    file: str = spec(TEXT, "The text's file name, in the seeds folder.", required=True)
    kind: str = spec(TEXT, "A source kind of the `source_kinds` vocabulary.", required=True)
    title: str | None = spec(TEXT, "The text's own title.")
    author: str | None = spec(TEXT, "Who wrote it, as the text says.")
    outlet: str | None = spec(TEXT, "Where it appeared: a newspaper, a site, a publisher.")
    url: str | None = spec(URL, "Where it can be read.")
    published: str | None = spec(DATE, "When it appeared.")
    accessed: str | None = spec(DATE, "When it was read online.")
    licence: str | None = spec(TEXT, "Its licence, for texts kept verbatim (e.g. CC BY-SA 4.0).")
    language: str | None = spec(LANGUAGE, 'Its language tag ("en", "fa-AF").')
    about: str | None = spec(TEXT, "The actor the text is about, if it is about one (an encyclopedia entry).")
    written: str | None = spec(TEXT, "What the text says about when it was written.")
    written_quotes: tuple[str, ...] = spec(
        TEXT_LIST, "The text's words that say when it was written; verified like evidence.", default=()
    )
    # Read, not written: the text itself, where the record is, the line of each field and of
    # each item of its lists.
    text: str = field(repr=False)
    location: Location
    lines: Mapping[str, int] = field(default_factory=dict)
    item_lines: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    def at(self, key: str) -> Location:
        return _at(self.location, self.lines, key)

    def item_at(self, key: str, index: int) -> Location:
        """Where the `index`-th item of a list field is written (else the field's own line)."""
        lines = self.item_lines.get(key, ())
        return Location(self.location.file, lines[index]) if index < len(lines) else self.at(key)


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceKind:
    id: str = spec(TEXT, "The kind's name, used in the data.", role=KEY)
    label: str = spec(TEXT, "How the kind is shown.", required=True)
    definition: str = spec(TEXT, "What a source of this kind is.", required=True)
    csl: str = spec(
        Choice(CSL_TYPES), "The CSL item type a bibliography gives sources of this kind.", default="document"
    )
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorKind:
    id: str = spec(TEXT, "The kind's name, used in the data.", role=KEY)
    label: str = spec(TEXT, "How the kind is shown.", required=True)
    definition: str = spec(TEXT, "What an actor of this kind is.", required=True)
    stix: str | None = spec(
        Choice(STIX_ACTOR_TYPES),
        "The STIX 2.1 object type actors of this kind become (without it: threat-actor, and check warns).",
    )
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    id: str = spec(SLUG, "A lowercase slug that edges refer to.", required=True, role=IDENTITY)
    name: str = spec(TEXT, "The name shown.", required=True)
    aliases: tuple[str, ...] = spec(TEXT_LIST, "Every other spelling people use.", default=(), option="alias")
    kind: str = spec(TEXT, "An actor kind of the `actor_kinds` vocabulary.", required=True)
    description: str | None = spec(TEXT, "One or two sentences, from the sources.")
    region: str | None = spec(TEXT, "Where it is active.")
    founded: str | None = spec(PERIOD, "When it was founded: a year, or year-month.")
    dissolved: str | None = spec(PERIOD, "When it ceased to exist: a year, or year-month.")
    location: Location
    lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        """Every string that may name this actor: id, name and aliases."""
        return (self.id, self.name, *self.aliases)

    def at(self, key: str) -> Location:
        return _at(self.location, self.lines, key)


@dataclass(frozen=True, slots=True, kw_only=True)
class RelationType:
    id: str = spec(TEXT, "The type's name, used in the data.", role=KEY)
    label: str = spec(TEXT, 'How the relation reads between two names ("rival of").', required=True)
    directed: bool = spec(FLAG, "Whether it runs one way (false: symmetric, stored once).", required=True)
    sign: int = spec(SIGN, "+1 cooperative, -1 hostile, 0 neither.", required=True)
    definition: str = spec(TEXT, "What the relation means, for curators and readers.", required=True)
    opposite: str | None = spec(TEXT, "A type that cannot hold between the same pair at the same time.")
    cues: tuple[str, ...] = spec(
        TEXT_LIST, "Words that suggest this type in a sentence, its source named first (`propose`).", default=()
    )
    passive_cues: tuple[str, ...] = spec(
        TEXT_LIST, 'Words that suggest it with its source named after them ("lost cadres to").', default=()
    )
    stix: str | None = spec(
        SLUG, "The STIX relationship type it exports as, one OpenCTI creates (without it: related-to, and check warns)."
    )
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfidenceLevel:
    """A hedge a claim can carry; absence of any level means the text states it as fact."""

    id: str = spec(TEXT, "The level's name, used in the data.", role=KEY)
    label: str = spec(TEXT, "How the hedge is shown.", required=True)
    definition: str = spec(TEXT, "Which words of a text make a claim this sure.", required=True)
    rank: int = spec(Integer(), "The higher, the surer.", required=True)
    stix_confidence: int | None = spec(Integer(0, 100), "Its confidence (0-100) in the STIX export.")
    cues: tuple[str, ...] = spec(TEXT_LIST, 'Words that hedge a claim this way ("may"), for `propose`.', default=())
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """Verbatim words from a source, with the qualifiers the text gives these words: how it hedges
    them and who says them. A qualifier belongs to its quote alone, never to its relation's other
    quotes."""

    doc: str = spec(TEXT, "The id of the source quoted.", required=True, role=IDENTITY)
    quote: str = spec(TEXT, "The source's exact words ('...' joins fragments in order).", required=True, role=IDENTITY)
    attributed_to: str | None = spec(TEXT, "Who in the text says these words, if not the author.")
    confidence: str | None = spec(TEXT, "Only where the text hedges these words: a confidence level.", option="hedge")
    stance: str = spec(
        Choice(STANCES), "disputes: the source says the relation does NOT hold (default: supports).", default="supports"
    )
    note: str | None = spec(TEXT, "How this quote was read, if not obvious.")
    location: Location
    lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def disputes(self) -> bool:
        return self.stance == DISPUTES

    def at(self, key: str) -> Location:
        return _at(self.location, self.lines, key)


@dataclass(frozen=True, slots=True, kw_only=True)
class Edge:
    source: str = spec(TEXT, "The id of the actor the relation runs from.", required=True, role=IDENTITY)
    target: str = spec(TEXT, "The id of the actor it runs to.", required=True, role=IDENTITY)
    type: str = spec(TEXT, "A relation type of the `relation_types` vocabulary.", required=True, role=IDENTITY)
    since: str | None = spec(PERIOD, "When it began, only where the text dates it: a year, or year-month.")
    until: str | None = spec(PERIOD, "When it ended, only where the text dates it: a year, or year-month.")
    note: str | None = spec(TEXT, "The curator's remark on how the evidence was read.")
    evidence: tuple[Evidence, ...] = spec(RECORDS, "The quotes that back it, one or more.", required=True)
    location: Location
    lines: Mapping[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        """How messages name the edge: the way it is written in the file."""
        return f"edge {self.source} -> {self.target}"

    def at(self, key: str) -> Location:
        return _at(self.location, self.lines, key)


@dataclass(frozen=True, slots=True, kw_only=True)
class Review:
    """A sentence a curator read and judged to state no relation, with the reason why; with a
    `pair`, only that pair of actors in it ("no relation between A and B")."""

    doc: str = spec(TEXT, "The id of the source the sentence is in.", required=True, role=IDENTITY)
    sentence: str = spec(TEXT, "Verbatim words of the sentence, checked like evidence.", required=True, role=IDENTITY)
    reason: str = spec(TEXT, "Why it states no relation to record.", required=True)
    pair: tuple[str, ...] | None = spec(TEXT_LIST, "Two actor ids: only this pair of the sentence is reviewed.")
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class StixConfidence:
    """How sure a claim is on STIX's 0-100 scale when the text states it plainly, and when it
    rests only on someone else's words; hedges have their own (`ConfidenceLevel`)."""

    stated: int = spec(Integer(0, 100), 'A plainly stated claim (STIX "High").', default=85)
    attributed: int = spec(
        Integer(0, 100), 'A plain claim that rests only on someone else\'s words ("Medium").', default=50
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """The map's own settings (data/settings.yaml, optional): who keeps it and how it may be
    shared, and how much of it is read. One record of optional fields; a map without the file has
    none of them. The limits bound what checking a map may cost (a map arrives through pull
    requests); the defaults admit 50,000 relations with real-length quotes in one file, and a
    map that grows past them raises them here, where a reviewer sees it (`diff` shows a change)."""

    maintainer: str | None = spec(TEXT, "Who keeps the map: the STIX export's author (created_by_ref).")
    maintainer_class: str | None = spec(
        Choice(IDENTITY_CLASSES), "What the maintainer is: individual, group or organization."
    )
    contact: str | None = spec(TEXT, "How to reach the maintainer.")
    tlp: str | None = spec(Choice(TLP_LEVELS), "The TLP marking on every STIX object: clear, green, amber or red.")
    max_file_mb: int | None = spec(Integer(1, 2048), "Largest data file read, in MB (default 64).")
    max_text_mb: int | None = spec(Integer(1, 2048), "Largest source text read, in MB (default 16).")
    max_map_mb: int | None = spec(Integer(1, 8192), "Most the map's files may hold together, in MB (default 256).")
    location: Location | None = None


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
    """How names are compared: case, spaces and punctuation ignored ("IS-K" == "is k"), and
    however the letters are encoded ("ā" typed as one character or as "a" and a macron)."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", name.casefold()))


def prose_names(actors: Iterable[Actor]) -> dict[str, str]:
    """Actor id by the key of each name and alias, not of ids: what a name written in a text
    (a proposal's new name) stands for. Built once per use: a map has thousands of names."""
    return {name_key(n): a.id for a in actors for n in (a.name, *a.aliases)}


def period_days(period: str) -> tuple[date, date]:
    """The first and last day a `since`/`until` value covers: "2015" is all of 2015,
    "2015-08" all of August 2015. Exports that need instants or dates start here."""
    year = int(period[:4])
    first_month, last_month = (int(period[5:7]),) * 2 if len(period) > 4 else (1, 12)
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def period_year(period: str) -> int:
    """The year a `since`/`until` value falls in."""
    return int(period[:4])
