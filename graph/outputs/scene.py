"""Where everything is drawn and how it looks, once, for the page and the static image alike.

Both pictures of a map must agree — an analyst who finds ISIS-K top left on the page
must find it there in the report's figure — so positions, sizes, the bend of each
parallel line and each type's colour and mark are computed here and only drawn by
`page` and `svg`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx

from ..network.records import Relation, actor, dataset, relations, vocabulary_records
from .layout import label_box, positions
from .style import kind_style, label_size, relation_style

BEND_STEP = 0.28  # how far apart parallel lines between two actors curve (vis-network's roundness)


@dataclass(frozen=True)
class Scene:
    """A map laid out: every actor's position, size and label size; every relation's bend
    (signed roundness from its source towards its target; positive bends clockwise, as
    vis-network's `curvedCW`; 0 straight); each relation type's and actor kind's style."""

    relations: list[Relation]
    positions: dict[Hashable, tuple[int, int]]
    sizes: dict[Hashable, float]
    label_sizes: dict[Hashable, float]
    bends: dict[str, float]
    pairs: dict[tuple[str, str], list[Relation]]  # related actors (in the graph's order): their relations
    type_style: dict[str, dict[str, str]]
    kind_style: dict[str, dict[str, str]]


def node_size(degree: int) -> float:
    """An actor's radius in px at zoom 1: larger with more relations, but slowly."""
    return 11 + 2.6 * degree**0.5


def scene(g: nx.MultiDiGraph) -> Scene:
    data = dataset(g)
    vocab = vocabulary_records(data)
    degree = dict(g.degree())
    sizes = {n: node_size(degree[n]) for n in g.nodes}
    lo, hi = (min(degree.values()), max(degree.values())) if degree else (0, 0)
    rels = list(relations(g))
    order = {n: i for i, n in enumerate(g.nodes)}
    pairs: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for rel in rels:
        u, v = sorted((rel.source.id, rel.target.id), key=order.__getitem__)
        pairs[(u, v)].append(rel)
    return Scene(
        relations=rels,
        positions=positions(g, {n: label_box(actor(g, n).name, sizes[n]) for n in g.nodes}),
        sizes=sizes,
        label_sizes={n: label_size(degree[n], lo, hi) for n in g.nodes},
        bends=_bends(pairs),
        pairs=dict(pairs),
        type_style={t: relation_style(i, a["sign"]) for i, (t, a) in enumerate(vocab["relation_types"].items())},
        kind_style={k: kind_style(i) for i, k in enumerate(vocab["actor_kinds"])},
    )


def _bends(pairs: dict[tuple[str, str], list[Relation]]) -> dict[str, float]:
    """Parallel relations between two actors curve apart, symmetrically, so each stays visible
    and clickable. A line drawn the other way round gets the opposite bend, to land on the
    same side."""
    bends: dict[str, float] = {}
    for (first, _), members in pairs.items():
        k = len(members)
        for j, rel in enumerate(members):
            offset = (j - (k - 1) / 2) * BEND_STEP if k > 1 else 0.0
            if rel.source.id != first:
                offset = -offset
            bends[rel.id] = round(offset, 3) + 0.0  # no -0.0
    return bends
