"""Questions analysts ask of the graph: who is this, and how are these two connected.

Functions take the graph first, return plain dataclasses of `Relation` records
and print nothing; `actorgraph.present` formats them (routes read as `routes` words them). A relation is always
reported in its own direction (ISIS-K absorbed fighters from TTP), whichever
way a path walks over it.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from ..dataset.model import Actor, Dataset, name_key, period_year
from ..dataset.suggest import closest, hint, offer
from ..errors import UsageError
from .claims import EvidenceFilter
from .records import Relation, actor, dataset, relations
from .routes import Hop, Route, Step

MAX_PATHS = 1000


# --- names -----------------------------------------------------------------------------------


def resolve(g: nx.MultiDiGraph, typed: str) -> str:
    """The id of the actor a person means by `typed`: its id, name or any alias, in any case,
    with or without spaces and punctuation. Raises `UsageError` with the closest names."""
    return resolve_among([actor(g, node) for node in g.nodes], typed)


def resolve_among(actors: Iterable[Actor], typed: str) -> str:
    """`resolve`, before there is a graph: among these actors, in this order."""
    key = name_key(typed)
    spellings: dict[str, str] = {}  # key -> actor id; the first actor to claim a spelling keeps it
    names: dict[str, str] = {}
    for a in actors:
        names[a.id] = a.name
        for spelling in a.names:
            spellings.setdefault(name_key(spelling), a.id)
    if key in spellings:
        return spellings[key]
    candidates: list[str] = []
    if len(key) >= 3:
        candidates += [names[nid] for k, nid in spellings.items() if key in k]
    candidates += [names[spellings[k]] for k in closest(key, spellings, n=5, cutoff=0.7)]
    offered = list(dict.fromkeys(candidates))[:5]
    if not offered:
        raise UsageError(f"unknown actor '{typed}'; no actor has a name like it (`actorgraph list actors` lists them)")
    raise UsageError(f"unknown actor '{typed}'; {offer(offered)}")


def check_types(g: nx.MultiDiGraph, types: Iterable[str]) -> None:
    known = dataset(g).relation_types
    for t in types:
        if t not in known:
            raise UsageError(f"unknown relation type '{t}'{hint(t, known)}")


def check_kind(g: nx.MultiDiGraph, kind: str | None) -> None:
    known = dataset(g).actor_kinds
    if kind is not None and kind not in known:
        raise UsageError(f"unknown actor kind '{kind}'{hint(kind, known)}")


# --- relations as seen from a walk -------------------------------------------------------------


@dataclass(frozen=True)
class Focus:
    """One actor's neighbourhood: the actors within `depth` relations of it, whichever way the
    relations run, and every relation among them (`--focus ACTOR --depth N`)."""

    actor: str | None = None  # as the user typed it
    depth: int = 1

    def centre(self, data: Dataset) -> str | None:
        """The id of the actor focused on (None without a focus); `UsageError` if unknown."""
        return None if self.actor is None else resolve_among(data.actors, self.actor)

    def apply(self, data: Dataset) -> Dataset:
        """The data cut down to the neighbourhood; sources and vocabularies stay whole."""
        centre = self.centre(data)
        if centre is None:
            return data
        skeleton = nx.Graph()
        skeleton.add_node(centre)
        skeleton.add_edges_from((e.source, e.target) for e in data.edges)
        near = nx.single_source_shortest_path_length(skeleton, centre, cutoff=self.depth)
        return dataclasses.replace(
            data,
            actors=tuple(a for a in data.actors if a.id in near),
            edges=tuple(e for e in data.edges if e.source in near and e.target in near),
        )

    def describe(self, data: Dataset) -> str:
        """ "the neighbourhood of Taliban, 2 steps out", for titles; empty without a focus."""
        centre = self.centre(data)
        if centre is None:
            return ""
        name = next(a.name for a in data.actors if a.id == centre)
        return f"the neighbourhood of {name}, {self.depth} step{'s' if self.depth != 1 else ''} out"


def scoped_graph(data: Dataset, evidence: EvidenceFilter, focus: Focus) -> nx.MultiDiGraph:
    """The graph of the data as the evidence filters and the focus leave it, saying so: what
    part of the map it is in words (`g.graph["scope"]`) and whom it centres on
    (`g.graph["focus"]`), for the titles of pictures of it."""
    from .build import build_graph

    shown = focus.apply(evidence.apply(data))
    g = build_graph(shown, scope="; ".join(part for part in (evidence.describe(), focus.describe(data)) if part))
    centre = focus.centre(data)
    if centre is not None:
        g.graph["focus"] = {"actor": centre, "depth": focus.depth}
    return g


@dataclass(frozen=True)
class Filters:
    """Which relations a question may use."""

    types: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    directed: bool = False
    as_of: int | None = None

    def allows(self, rel: Relation) -> bool:
        if self.types and rel.key not in self.types:
            return False
        if rel.key in self.exclude:
            return False
        if self.as_of is None:
            return True
        return in_force(rel, self.as_of) and exists(rel.source, self.as_of) and exists(rel.target, self.as_of)

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


def exists(a: Actor, year: int) -> bool:
    """Whether an actor existed in `year`: from its founding to its dissolution, where known."""
    return (a.founded is None or period_year(a.founded) <= year) and (
        a.dissolved is None or period_year(a.dissolved) >= year
    )


def in_force(rel: Relation, year: int) -> bool:
    """Whether a relation held in `year`; an undated relation is taken to hold."""
    since, until = rel.since, rel.until
    return (since is None or period_year(since) <= year) and (until is None or period_year(until) >= year)


def narrowed(g: nx.MultiDiGraph, filters: Filters) -> nx.MultiDiGraph:
    """The map with only the relations the filters allow, built again, so that what follows from
    the relations left (which pairs are contested) is worked out from them: as of 2015 a claim
    from 2017 contests nothing."""
    import dataclasses

    from .build import build_graph

    data = dataset(g)
    if filters == Filters(directed=filters.directed):
        return g
    order = g.graph["order"]  # relation -> its position among the dataset's edges
    kept = {order[(r.source.id, r.target.id, r.key)] for r in relations(g) if filters.allows(r)}
    return build_graph(dataclasses.replace(data, edges=tuple(e for i, e in enumerate(data.edges) if i in kept)))


def _links(g: nx.MultiDiGraph, x: str, y: str, filters: Filters, order: dict[str, int]) -> tuple[Hop, ...]:
    """Relations that let a walk go from x to y."""
    hops = []
    for u, v in ((x, y), (y, x)):
        for rel in g.get_edge_data(u, v, default={}).values():
            rel = rel["relation"]
            if not filters.allows(rel):
                continue
            if u == y and filters.directed and rel.directed:
                continue  # a directed relation walked against its direction
            hops.append(Hop(rel, x, y))
    return tuple(
        sorted(hops, key=lambda h: (*weight(h.relation), order.get(h.relation.key, 99), h.relation.source.id != x))
    )


def weight(rel: Relation) -> tuple[bool, bool, int, int]:
    """How to rank alternatives between the same two actors, best attested first: uncontested
    before contested, the sources' own words before others', stated before hedged (surer hedges
    first), more quotes before fewer."""
    rank = rel.confidence.rank if rel.confidence is not None else 1 << 30
    return (rel.contested, bool(rel.claimants), -rank, -len(rel.supporting))


def _walk_graph(g: nx.MultiDiGraph, filters: Filters) -> nx.DiGraph:
    walk = nx.DiGraph()
    walk.add_nodes_from(g.nodes)
    for rel in relations(g):
        if filters.allows(rel):
            walk.add_edge(rel.source.id, rel.target.id)
            if not (filters.directed and rel.directed):
                walk.add_edge(rel.target.id, rel.source.id)
    return walk


def paths(
    g: nx.MultiDiGraph, a: str, b: str, filters: Filters = Filters(), *, every: bool = False, max_hops: int = 4
) -> list[Route]:
    """Shortest routes from a to b (or, with `every`, all simple routes up to `max_hops`)."""
    if a == b:
        raise UsageError(f"'{actor(g, a).name}' is the same actor at both ends; name two different actors")
    check_types(g, (*filters.types, *filters.exclude))
    g = narrowed(g, filters)
    walk = _walk_graph(g, filters)
    if every:
        seqs = list(itertools.islice(nx.all_simple_paths(walk, a, b, cutoff=max_hops), MAX_PATHS))
    else:
        try:
            seqs = list(itertools.islice(nx.all_shortest_paths(walk, a, b), MAX_PATHS))
        except nx.NetworkXNoPath:
            seqs = []
    names = {n: actor(g, n).name.casefold() for n in g.nodes}
    seqs.sort(key=lambda seq: (len(seq), [names[n] for n in seq]))
    order = {t: i for i, t in enumerate(dataset(g).relation_types)}
    return [
        Route(
            tuple(actor(g, n) for n in seq),
            tuple(Step(x, y, _links(g, x, y, filters, order)) for x, y in itertools.pairwise(seq)),
            g,
        )
        for seq in seqs
    ]


# --- an actor's card -----------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    actor: Actor
    relations: dict[str, list[Hop]] = field(default_factory=dict)  # relation type -> relations, seen from it

    @property
    def count(self) -> int:
        return sum(len(h) for h in self.relations.values())


def card(g: nx.MultiDiGraph, node: str) -> Card:
    grouped: dict[str, list[Hop]] = {t: [] for t in dataset(g).relation_types}
    for u, v, rel in itertools.chain(g.out_edges(node, data="relation"), g.in_edges(node, data="relation")):
        other = v if u == node else u
        grouped[rel.key].append(Hop(rel, node, other))
    names = {n: actor(g, n).name.casefold() for n in g.nodes}
    for hops in grouped.values():
        hops.sort(key=lambda h: (h.direction, names[h.walk_to]))
    return Card(actor(g, node), {t: hs for t, hs in grouped.items() if hs})


# --- lists ---------------------------------------------------------------------------------


def select_actors(g: nx.MultiDiGraph, *, kind: str | None = None, rtype: str | None = None) -> list[str]:
    """Actor ids of a kind, or with a relation of a type, in the order they were curated."""
    check_kind(g, kind)
    if rtype:
        check_types(g, [rtype])
    out = []
    for node in g.nodes:
        if kind and actor(g, node).kind != kind:
            continue
        if rtype and not any(k == rtype for _, _, k in (*g.out_edges(node, keys=True), *g.in_edges(node, keys=True))):
            continue
        out.append(node)
    return out


def select_relations(
    g: nx.MultiDiGraph,
    *,
    rtype: str | None = None,
    kind: str | None = None,
    node: str | None = None,
    contested: bool = False,
) -> list[Relation]:
    """Relations of a type, touching an actor of a kind, involving one actor, or contested."""
    check_kind(g, kind)
    if rtype:
        check_types(g, [rtype])
    out = []
    for rel in relations(g):
        if rtype and rel.key != rtype:
            continue
        if kind and kind not in (rel.source.kind, rel.target.kind):
            continue
        if node and node not in (rel.source.id, rel.target.id):
            continue
        if contested and not rel.contested:
            continue
        out.append(rel)
    return out
