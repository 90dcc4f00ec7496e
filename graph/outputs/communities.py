"""The overview of a large map: its communities, each drawn as one disc, and the relations
between them as one link per pair of communities.

At tens of thousands of relations the page cannot draw every line and still answer at once,
nor could a reader read them: a map of 10,000 actors opens instead on its communities (igraph's
multilevel modularity, Louvain, seeded so the same data always gives the same bytes), each named
by its best connected members and sized by how many it holds, until the reader zooms, searches
or clicks into one. What is drawn stays honest: a community's disc says how many actors it
stands for and who the largest are; a link says how many relations it stands for and of which
types; the page says it is an overview and how to open it.

Only maps past OVERVIEW_RELATIONS get one. The threshold is measured (docs/benchmarks.md): the
whole map's first visible frame on this project's two-core machine took 0.70 s at 10,000
relations and 2.6 s at 50,000, passing issue 20's one second near 15,000.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..network.records import actor, dataset

if TYPE_CHECKING:
    from .scene import Scene

OVERVIEW_RELATIONS = 15_000  # a map with more relations than this opens on its communities
SEED = 20  # igraph's generator, for the same communities from the same data every time
NAMED_BY = 3  # members named in a community's label
SMALL = 5  # communities of fewer actors are drawn together, as one disc
RADIUS = 12.0  # a one-actor disc's radius, in the map's units; a disc's area grows with its actors
GAP = 1.15  # discs are kept this many times their radii apart


def overview(g: nx.MultiDiGraph, laid: Scene, *, above: int | None = None) -> dict[str, Any] | None:
    """The overview's data for the page, or None for a map small enough to draw whole (at most
    `above` relations, OVERVIEW_RELATIONS unless given).

    `of` gives each actor's community (an index into `communities`), in the order of the
    page's drawing (least connected first); each community its place on the overview (a
    layout of the communities themselves, over the map's own extent), its radius (growing with
    its size), its size, its largest members' names and the relations inside it; communities
    of fewer than SMALL actors (scattered pairs and loners, as a rule) are drawn as one disc
    that says how many groups it holds (`groups`). Each link gives the two communities, how
    many relations join them and how many of each type (most first), with the types' labels:
    what the page draws before the reader opens a community.
    """
    limit = OVERVIEW_RELATIONS if above is None else above
    if g.number_of_edges() <= limit:
        return None
    order = sorted(g.nodes, key=lambda n: g.degree(n))  # as the page's drawing lists them
    member_of = _communities(g, order)
    degree = dict(g.degree())
    found: dict[int, list[Hashable]] = {}
    for node in order:
        found.setdefault(member_of[node], []).append(node)
    groups = [ms for ms in found.values() if len(ms) >= SMALL]
    small = [ms for ms in found.values() if len(ms) < SMALL]
    # Largest first; ties by their best connected member's id, so the numbering is fixed.
    groups.sort(key=lambda ms: (-len(ms), str(max(ms, key=lambda n: (degree[n], str(n))))))
    if small:
        groups.append([n for ms in small for n in ms])
    index = {node: i for i, members in enumerate(groups) for node in members}
    inside: Counter[int] = Counter()
    between: dict[tuple[int, int], Counter[str]] = {}
    for u, v, key in g.edges(keys=True):
        a, b = sorted((index[u], index[v]))
        if a == b:
            inside[a] += 1
        else:
            between.setdefault((a, b), Counter())[key] += 1
    radii = [RADIUS * len(members) ** 0.5 for members in groups]
    places = _places(len(groups), between, radii, laid)
    communities = []
    for i, members in enumerate(groups):
        largest = sorted(members, key=lambda n: (-degree[n], str(n)))[:NAMED_BY]
        communities.append(
            {
                "id": f"community:{i}",
                "x": places[i][0],
                "y": places[i][1],
                "r": round(radii[i], 1),
                "size": len(members),
                "names": [actor(g, str(n)).name for n in largest],
                "relations": inside[i],
                "groups": len(small) if small and i == len(groups) - 1 else 1,
            }
        )
    links = [
        {"a": a, "b": b, "types": sorted(types.items(), key=lambda t: (-t[1], t[0]))}
        for (a, b), types in sorted(between.items())
    ]
    types = dataset(g).relation_types
    return {
        "relations": g.number_of_edges(),
        "actors": g.number_of_nodes(),
        "above": limit,
        "small": SMALL,
        "of": [index[n] for n in order],
        "communities": communities,
        "links": links,
        "types": {t: types[t].label if t in types else t for t in sorted({t for c in between.values() for t in c})},
    }


def _places(
    n: int, between: dict[tuple[int, int], Counter[str]], radii: list[float], laid: Scene
) -> list[tuple[float, float]]:
    """Where each community's disc goes: igraph's Kamada-Kawai over the communities (linked by
    the relations between them; deterministic, from a circle), spread until no two discs
    overlap, centred where the map's own actors are."""
    import igraph

    if n == 1:
        xy = [(0.0, 0.0)]
    else:
        graph = igraph.Graph(n=n, edges=sorted(between))
        xy = [(float(x), float(y)) for x, y in graph.layout_kamada_kawai().coords]
    spread = 1.0
    for i in range(n):
        for j in range(i + 1, n):
            d = ((xy[i][0] - xy[j][0]) ** 2 + (xy[i][1] - xy[j][1]) ** 2) ** 0.5
            spread = max(spread, GAP * (radii[i] + radii[j]) / max(d, 1e-6))
    xs = [x for x, _ in laid.positions.values()]
    ys = [y for _, y in laid.positions.values()]
    mx, my = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    ox = sum(x for x, _ in xy) / n
    oy = sum(y for _, y in xy) / n
    return [(round(mx + (x - ox) * spread, 1), round(my + (y - oy) * spread, 1)) for x, y in xy]


def _communities(g: nx.MultiDiGraph, order: list[Hashable]) -> dict[Hashable, int]:
    """Each actor's community by igraph's multilevel modularity (Louvain) over the relations as
    undirected links, weighted by how many relations join a pair; igraph draws its random
    numbers from a generator seeded here, and the `random` module, its default, is put back."""
    import random

    import igraph

    at = {n: i for i, n in enumerate(order)}
    weights: Counter[tuple[int, int]] = Counter()
    for u, v in g.edges():
        if u != v:
            weights[tuple(sorted((at[u], at[v])))] += 1  # type: ignore[index]
    pairs = sorted(weights)
    graph = igraph.Graph(n=len(order), edges=pairs)
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        found = graph.community_multilevel(weights=[weights[p] for p in pairs])
    finally:
        igraph.set_random_number_generator(random)
    return {n: found.membership[at[n]] for n in order}
