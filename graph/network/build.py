"""The one place the graph is made: a checked `Dataset` becomes a NetworkX MultiDiGraph.

A MultiDiGraph, because two actors can stand in several relations at once
(ISIS-K both attacked and rivals the Taliban) and those must not overwrite
each other. Each node holds its `Actor` under "actor" and each edge its
`Relation` record under "relation" (see `records`); undirected relation types
are stored once, in the direction the curator wrote them, and their record
says they are symmetric. Edge keys are the relation type, unique per ordered
pair. The dataset itself rides along in `g.graph["dataset"]` for the
vocabularies and the source texts, and `g.graph["order"]` keeps the order the
relations were curated in, which NetworkX's own iteration does not. Relations
that sources disagree about are marked contested here (see `claims`).
"""

from __future__ import annotations

import dataclasses

import networkx as nx

from ..dataset.model import Dataset
from .claims import contests, edge_id, opposed_by
from .records import relation


def build_graph(data: Dataset, *, scope: str = "") -> nx.MultiDiGraph:
    """`scope` says in words what part of the map this is, when not all of it ("without hedged
    claims; the neighbourhood of Taliban, 1 step out"): pictures of it say so in their title."""
    order: dict[tuple[str, str, str], int] = {}
    found = contests(data)  # kept for the page and `contested`: they list them
    g = nx.MultiDiGraph(dataset=data, order=order, scope=scope, contests=found)
    actors = {a.id: a for a in data.actors}
    against = opposed_by(found)
    for actor in data.actors:
        g.add_node(actor.id, actor=actor)
    for i, edge in enumerate(data.edges):
        rel = relation(data, edge, actors)
        if edge_id(edge) in against:
            rel = dataclasses.replace(rel, contested=True, opposed_by=against[edge_id(edge)])
        g.add_edge(rel.source.id, rel.target.id, key=rel.key, relation=rel)
        order[(rel.source.id, rel.target.id, rel.key)] = i
    return g
