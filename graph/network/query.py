"""Questions analysts ask of the graph: who is this, how are these two connected, who sides with whom.

Functions take the graph first, return plain dataclasses and print nothing;
`graph.cli` formats them. A relation is always reported in its own direction
(ISIS-K absorbed fighters from TTP), whichever way a path walks over it.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..dataset.model import UsageProblem, name_key

MAX_PATHS = 1000


# --- names -----------------------------------------------------------------------------------


def resolve(g: nx.MultiDiGraph, typed: str) -> str:
    """The id of the actor a person means by `typed`: its id, name or any alias, in any case,
    with or without spaces and punctuation. Raises `UsageProblem` with the closest names."""
    key = name_key(typed)
    spellings: dict[str, tuple[str, str]] = {}  # key -> (actor id, display spelling)
    for node, attrs in g.nodes(data=True):
        for spelling in (node, attrs["name"], *attrs.get("aliases", ())):
            spellings.setdefault(name_key(spelling), (node, spelling))
    if key in spellings:
        return spellings[key][0]
    candidates: list[str] = []
    if len(key) >= 3:
        candidates += [g.nodes[nid]["name"] for k, (nid, _) in spellings.items() if key in k]
    candidates += [g.nodes[spellings[k][0]]["name"] for k in difflib.get_close_matches(key, spellings, n=5, cutoff=0.7)]
    names = list(dict.fromkeys(candidates))[:5]
    if not names:
        raise UsageProblem(f"unknown actor '{typed}' (try `actorgraph list actors`)")
    if len(names) == 1:
        raise UsageProblem(f"unknown actor '{typed}'; did you mean '{names[0]}'?")
    shown = ", ".join(f"'{n}'" for n in names)
    raise UsageProblem(f"unknown actor '{typed}'; did you mean one of: {shown}?")


def check_types(g: nx.MultiDiGraph, types: Iterable[str]) -> None:
    known = g.graph["relation_types"]
    for t in types:
        if t not in known:
            close = difflib.get_close_matches(t, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (known types: {', '.join(known)})"
            raise UsageProblem(f"unknown relation type '{t}'{hint}")


# --- relations as seen from a walk -------------------------------------------------------------


@dataclass(frozen=True)
class Hop:
    """One relation crossed by a path, from `walk_from` to `walk_to`."""

    source: str  # the relation's own source and target, as curated
    target: str
    type: str
    attrs: Mapping[str, Any] = field(repr=False)
    walk_from: str = ""
    walk_to: str = ""

    @property
    def label(self) -> str:
        return str(self.attrs["label"])

    @property
    def directed(self) -> bool:
        return bool(self.attrs["directed"])

    @property
    def direction(self) -> str:
        """ "both" for a symmetric relation, else "forward"/"backward" relative to the walk."""
        if not self.directed:
            return "both"
        return "forward" if self.source == self.walk_from else "backward"


@dataclass(frozen=True)
class Step:
    """Two neighbouring actors on a path and every relation that links them that way."""

    walk_from: str
    walk_to: str
    relations: tuple[Hop, ...]


@dataclass(frozen=True)
class Route:
    nodes: tuple[str, ...]
    steps: tuple[Step, ...]

    def edge_paths(self) -> Iterator[tuple[Hop, ...]]:
        """Every way through the route, one relation per step (a path in the multigraph)."""
        return itertools.product(*(s.relations for s in self.steps))


@dataclass(frozen=True)
class Filters:
    types: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    directed: bool = False
    as_of: int | None = None

    def allows(self, attrs: Mapping[str, Any]) -> bool:
        if self.types and attrs["type"] not in self.types:
            return False
        if attrs["type"] in self.exclude:
            return False
        return self.as_of is None or in_force(attrs, self.as_of)

    def describe(self) -> str:
        """The filters in words, for the sentence that says no path exists."""
        parts = []
        if self.types:
            parts.append("using only " + " or ".join(f"'{t}'" for t in self.types) + " relations")
        if self.exclude:
            parts.append("without " + " or ".join(f"'{t}'" for t in self.exclude) + " relations")
        if self.directed:
            parts.append("following directed relations only their own way")
        if self.as_of is not None:
            parts.append(f"as of {self.as_of}")
        return ", ".join(parts)


def in_force(attrs: Mapping[str, Any], year: int) -> bool:
    """Whether a relation held in `year`; an undated relation is taken to hold."""
    since, until = attrs.get("since"), attrs.get("until")
    return (since is None or int(since[:4]) <= year) and (until is None or int(until[:4]) >= year)


def _relation_order(g: nx.MultiDiGraph) -> dict[str, int]:
    return {t: i for i, t in enumerate(g.graph["relation_types"])}


def _links(g: nx.MultiDiGraph, x: str, y: str, filters: Filters) -> tuple[Hop, ...]:
    """Relations that let a walk go from x to y."""
    hops = []
    for u, v in ((x, y), (y, x)):
        for key, attrs in g.get_edge_data(u, v, default={}).items():
            if not filters.allows(attrs):
                continue
            if u == y and filters.directed and attrs["directed"]:
                continue  # a directed relation walked against its direction
            hops.append(Hop(u, v, key, attrs, x, y))
    order = _relation_order(g)
    return tuple(sorted(hops, key=lambda h: (order.get(h.type, 99), h.source != x)))


def _walk_graph(g: nx.MultiDiGraph, filters: Filters) -> nx.DiGraph:
    walk = nx.DiGraph()
    walk.add_nodes_from(g.nodes)
    for u, v, attrs in g.edges(data=True):
        if filters.allows(attrs):
            walk.add_edge(u, v)
            if not (filters.directed and attrs["directed"]):
                walk.add_edge(v, u)
    return walk


def paths(
    g: nx.MultiDiGraph, a: str, b: str, filters: Filters = Filters(), *, every: bool = False, max_hops: int = 4
) -> list[Route]:
    """Shortest routes from a to b (or, with `every`, all simple routes up to `max_hops`)."""
    if a == b:
        raise UsageProblem(f"'{g.nodes[a]['name']}' is the same actor at both ends; name two different actors")
    check_types(g, (*filters.types, *filters.exclude))
    walk = _walk_graph(g, filters)
    if every:
        seqs = list(itertools.islice(nx.all_simple_paths(walk, a, b, cutoff=max_hops), MAX_PATHS))
    else:
        try:
            seqs = list(itertools.islice(nx.all_shortest_paths(walk, a, b), MAX_PATHS))
        except nx.NetworkXNoPath:
            seqs = []
    names = {n: g.nodes[n]["name"].casefold() for n in g.nodes}
    seqs.sort(key=lambda seq: (len(seq), [names[n] for n in seq]))
    return [
        Route(tuple(seq), tuple(Step(x, y, _links(g, x, y, filters)) for x, y in itertools.pairwise(seq)))
        for seq in seqs
    ]


# --- an actor's card -----------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    id: str
    attrs: Mapping[str, Any]
    relations: dict[str, list[Hop]]  # relation type -> relations, seen from this actor


def card(g: nx.MultiDiGraph, actor: str) -> Card:
    grouped: dict[str, list[Hop]] = {t: [] for t in g.graph["relation_types"]}
    for u, v, key, attrs in itertools.chain(
        g.out_edges(actor, keys=True, data=True), g.in_edges(actor, keys=True, data=True)
    ):
        other = v if u == actor else u
        grouped[key].append(Hop(u, v, key, attrs, actor, other))
    names = {n: g.nodes[n]["name"].casefold() for n in g.nodes}
    for hops in grouped.values():
        hops.sort(key=lambda h: (h.direction, names[h.walk_to]))
    return Card(actor, g.nodes[actor], {t: hs for t, hs in grouped.items() if hs})


# --- tables --------------------------------------------------------------------------------


def actor_rows(g: nx.MultiDiGraph, *, kind: str | None = None, rtype: str | None = None) -> list[dict[str, Any]]:
    rows = []
    for node, attrs in g.nodes(data=True):
        if kind and attrs["kind"] != kind:
            continue
        edges = [*g.out_edges(node, keys=True), *g.in_edges(node, keys=True)]
        if rtype and not any(k == rtype for _, _, k in edges):
            continue
        rows.append(
            {
                "id": node,
                "name": attrs["name"],
                "kind": attrs["kind"],
                "relations": len(edges),
                "aliases": "; ".join(attrs.get("aliases", ())),
            }
        )
    return rows


def relation_rows(
    g: nx.MultiDiGraph, *, rtype: str | None = None, kind: str | None = None, actor: str | None = None
) -> list[dict[str, Any]]:
    rows = []
    for u, v, key, attrs in g.edges(keys=True, data=True):
        if rtype and key != rtype:
            continue
        if kind and kind not in (g.nodes[u]["kind"], g.nodes[v]["kind"]):
            continue
        if actor and actor not in (u, v):
            continue
        rows.append(
            {
                "source": g.nodes[u]["name"],
                "relation": attrs["label"],
                "target": g.nodes[v]["name"],
                "type": key,
                "directed": attrs["directed"],
                "confidence": attrs.get("confidence", ""),
                "since": attrs.get("since", ""),
                "until": attrs.get("until", ""),
                "quotes": len(attrs["evidence"]),
                "attributed_to": attrs.get("attributed_to", ""),
            }
        )
    return rows


def check_kind(g: nx.MultiDiGraph, kind: str | None) -> None:
    known = g.graph["actor_kinds"]
    if kind is not None and kind not in known:
        raise UsageProblem(f"unknown actor kind '{kind}' (known kinds: {', '.join(known)})")
