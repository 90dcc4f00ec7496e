"""Claims, not lines: which evidence a question may use, and where sources disagree.

Two things analysts need that a drawn line hides. First, evidence filters: the
same question asked of stated claims only (`--no-hedged`), of the authors' own
words only (`--no-attributed`), or of some sources only (`--source`). A filter
acts on quotes; a relation stays when any of its supporting quotes passes, with
only those quotes, and everything derived from them (how surely, whose claim)
is derived again. Filtering the dataset before the build does all of that in
one place.

Second, contests: two claims about the same pair that cannot both hold — a
cooperative and a hostile relation at overlapping times (undated relations
overlap everything), or two types the vocabulary declares opposite — and any
relation a quote disputes (`stance: disputes`). A contest is not an error: the
sources disagree, and the map says so rather than picking a side.

Nothing here imports NetworkX: `check` lists contests without building a graph.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..dataset.model import Dataset, Edge, Evidence, RelationType, period_days
from ..dataset.suggest import hint
from ..errors import UsageError
from .records import Quote, Relation, relation_id


@dataclass(frozen=True)
class EvidenceFilter:
    """Which quotes a question may rest on. The default lets every quote through."""

    no_hedged: bool = False  # leave out quotes the text hedges ("may", "likely")
    no_attributed: bool = False  # leave out quotes the text puts in someone else's mouth
    sources: tuple[str, ...] = ()  # only quotes from these sources (all when empty)

    @property
    def active(self) -> bool:
        return self.no_hedged or self.no_attributed or bool(self.sources)

    def passes(self, ev: Evidence | Quote) -> bool:
        if self.no_hedged and ev.confidence is not None:
            return False
        if self.no_attributed and ev.attributed_to is not None:
            return False
        return not self.sources or ev.doc in self.sources

    def apply(self, data: Dataset) -> Dataset:
        """The dataset with only the quotes that pass; a relation none of whose supporting
        quotes passes is left out. Raises `UsageError` for a source the data does not have."""
        if not self.active:
            return data
        for doc in self.sources:
            if doc not in data.sources:
                raise UsageError(f"unknown source '{doc}'{hint(doc, data.sources)}")
        edges = []
        for edge in data.edges:
            kept = tuple(ev for ev in edge.evidence if self.passes(ev))
            if any(not ev.disputes for ev in kept):
                edges.append(dataclasses.replace(edge, evidence=kept))
        return dataclasses.replace(data, edges=tuple(edges))

    def describe(self) -> str:
        """The filter in words, for messages: "on stated claims only, from mir-nyt"."""
        parts = []
        if self.no_hedged and self.no_attributed:
            parts.append("on the authors' own plainly stated claims only")
        elif self.no_hedged:
            parts.append("without hedged claims")
        elif self.no_attributed:
            parts.append("without claims attributed to others")
        if self.sources:
            parts.append("from " + ", ".join(self.sources) + " only")
        return ", ".join(parts)


# --- contests ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contest:
    """What the sources disagree about between one pair of actors: claims that cannot all hold,
    relations a source disputes, or both."""

    pair: tuple[str, str]  # the two actors' ids, sorted
    edges: tuple[Edge, ...]  # every relation involved, in curated order
    conflicts: tuple[tuple[str, str], ...]  # ids of the relations that cannot both hold
    reason: str  # in words: why


def edge_id(edge: Edge) -> str:
    """The id its relation record has (`Relation.id`), from the curated edge."""
    return relation_id(edge.source, edge.type, edge.target)


def _span(edge: Edge) -> tuple[date, date]:
    start = period_days(edge.since)[0] if edge.since else date.min
    end = period_days(edge.until)[1] if edge.until else date.max
    return start, end


def _overlap(a: Edge, b: Edge) -> bool:
    (a0, a1), (b0, b1) = _span(a), _span(b)
    return a0 <= b1 and b0 <= a1


def _supported(edge: Edge) -> bool:
    return any(not ev.disputes for ev in edge.evidence)


def contests(data: Dataset) -> list[Contest]:
    """Every contested pair in the data, ordered as its first relation is curated."""
    types = data.relation_types
    by_pair: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    for edge in data.edges:
        if edge.type in types and _supported(edge):
            by_pair[(min(edge.source, edge.target), max(edge.source, edge.target))].append(edge)
    order = {id(e): i for i, e in enumerate(data.edges)}
    found: list[Contest] = []
    for pair, edges in by_pair.items():
        involved: dict[int, Edge] = {}
        conflicts: list[tuple[str, str]] = []
        opposites: list[str] = []
        for a, b in _candidate_pairs(edges, types):
            ta, tb = types[a.type], types[b.type]
            opposed = ta.opposite == b.type or tb.opposite == a.type
            if (opposed or {ta.sign, tb.sign} == {1, -1}) and _overlap(a, b):
                involved[id(a)], involved[id(b)] = a, b
                conflicts.append((edge_id(a), edge_id(b)))
                if opposed:
                    opposites.append(f"'{ta.label}' and '{tb.label}' are declared opposite")
        disputed = [e for e in edges if any(ev.disputes for ev in e.evidence)]
        involved.update((id(e), e) for e in disputed)
        if not involved:
            continue
        sides = tuple(sorted(involved.values(), key=lambda e: order[id(e)]))
        conflicting = {i for c in conflicts for i in c}
        reasons = _reason([e for e in involved.values() if edge_id(e) in conflicting], types)
        parts = [p for p in (reasons, *dict.fromkeys(opposites), *(_disputed(e, types) for e in disputed)) if p]
        found.append(Contest(pair, sides, tuple(conflicts), "; ".join(parts)))
    found.sort(key=lambda c: min(order[id(e)] for e in c.edges))
    return found


def _candidate_pairs(edges: Sequence[Edge], types: Mapping[str, RelationType]) -> Iterable[tuple[Edge, Edge]]:
    """The pairs of a pair's relations that may conflict, in curated order: a cooperative and a
    hostile one, or two whose types are declared opposite. Only these are looked at: between
    one pair of actors, thousands of relations of one sign would otherwise be compared with
    each other for nothing."""
    signs = [types[e.type].sign for e in edges]
    cooperative = [i for i, sign in enumerate(signs) if sign == 1]
    hostile = [i for i, sign in enumerate(signs) if sign == -1]
    pairs = {(min(i, j), max(i, j)) for i in cooperative for j in hostile}
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(edges):
        by_type[e.type].append(i)
    for i, e in enumerate(edges):
        opposite = types[e.type].opposite
        pairs.update((min(i, j), max(i, j)) for j in (by_type.get(opposite, ()) if opposite else ()))
    return [(edges[i], edges[j]) for i, j in sorted(pairs)]


def _disputed(edge: Edge, types: Mapping[str, RelationType]) -> str:
    """ "a quote from X (according to Y) says 'allied with' does not hold"."""
    who = []
    for ev in edge.evidence:
        if ev.disputes:
            who.append(ev.doc + (f" (according to {ev.attributed_to})" if ev.attributed_to else ""))
    said = " and ".join(dict.fromkeys(who))
    return f"{said} {'says' if len(set(who)) == 1 else 'say'} that '{types[edge.type].label}' does not hold"


def _reason(sides: Sequence[Edge], types: Mapping[str, RelationType]) -> str:
    """Why the claims conflict, in words: the cooperative against the hostile ones."""

    def labels(sign: int) -> str:
        return ", ".join(dict.fromkeys(f"'{types[e.type].label}'" for e in sides if types[e.type].sign == sign))

    if labels(1) and labels(-1):
        return f"cooperative ({labels(1)}) and hostile ({labels(-1)}) claims at overlapping times"
    return ""


def opposed_by(found: Iterable[Contest]) -> dict[str, tuple[str, ...]]:
    """For each contested relation's id, the ids of the relations that cannot hold with it (empty
    for one that is contested only because a source disputes it). Relations that agree — two
    hostile claims about the same pair — are not each other's opponents."""
    out: dict[str, dict[str, None]] = defaultdict(dict)  # an ordered set each: no list scanned per id
    for contest in found:
        for e in contest.edges:
            out.setdefault(edge_id(e), {})
        for a, b in contest.conflicts:
            out[a][b] = None
            out[b][a] = None
    return {k: tuple(v) for k, v in out.items()}


def contest_record(c: Contest) -> dict[str, Any]:
    """A contest as JSON: the pair, why, its relations' ids and which of them conflict."""
    return {
        "pair": list(c.pair),
        "reason": c.reason,
        "relations": [edge_id(e) for e in c.edges],
        "conflicts": [list(p) for p in c.conflicts],
    }


MAX_SOURCE_SUBSETS = 5  # a relation cited by more sources gets views for all of them and each alone


def views(rel: Relation) -> dict[tuple[int, ...], Relation]:
    """The relation as each evidence filter leaves it, keyed by the positions of the quotes that
    pass: what a page with the same filters as controls needs to show the right sentence without
    deriving anything itself. Filters that leave no supporting quote are absent (the relation is
    hidden); the unfiltered relation is the key of all its quotes."""
    if len(rel.quotes) == 1:  # every filter keeps its one quote or hides the relation
        return {(0,): rel} if rel.supporting else {}
    docs = list(dict.fromkeys(q.doc for q in rel.quotes))
    if len(docs) == 1 and all(q.confidence is None and q.attributed_to is None for q in rel.quotes):
        return {tuple(range(len(rel.quotes))): rel} if rel.supporting else {}  # no filter takes a quote
    subsets: list[tuple[str, ...]] = [tuple(docs)]
    if len(docs) <= MAX_SOURCE_SUBSETS:
        subsets = [c for n in range(1, len(docs) + 1) for c in itertools.combinations(docs, n)]
    else:
        subsets += [(d,) for d in docs]
    out: dict[tuple[int, ...], Relation] = {}
    for no_hedged, no_attributed in itertools.product((False, True), repeat=2):
        for chosen in subsets:
            evidence = EvidenceFilter(no_hedged, no_attributed, chosen)
            keep = tuple(i for i, q in enumerate(rel.quotes) if evidence.passes(q))
            if keep not in out and any(not rel.quotes[i].disputes for i in keep):
                whole = len(keep) == len(rel.quotes)
                out[keep] = rel if whole else dataclasses.replace(rel, quotes=tuple(rel.quotes[i] for i in keep))
    return out
