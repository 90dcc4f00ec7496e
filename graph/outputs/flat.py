"""The graph with scalar attributes only, for formats that cannot hold lists (GraphML, GEXF).

Nodes carry the actor row and edges the relation row (the CSV's columns), so
every tool sees the same fields; empty values are left out, and every edge gets
a unique id, because Gephi merges edges that share one and would silently drop
parallel relations.
"""

from __future__ import annotations

import json

import networkx as nx

from ..network.records import actor_row, dataset, relation_row, relations, vocabulary_records


def flat_graph(g: nx.MultiDiGraph, renamed: dict[str, str] | None = None) -> nx.MultiDiGraph:
    """`renamed` maps a row key to the attribute name a format needs instead."""
    # GraphML and GEXF give every edge an `id` of their own: the relation's goes under another name.
    renamed = {"id": "relation_id", **(renamed or {})}
    flat = nx.MultiDiGraph()
    for name, value in vocabulary_records(dataset(g)).items():
        flat.graph[name] = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for node in g.nodes:
        row = {k: v for k, v in actor_row(g, node).items() if v not in (None, "") and k != "id"}
        flat.add_node(node, label=row["name"], **row)
    for i, rel in enumerate(relations(g)):
        row = relation_row(rel)
        attrs = {renamed.get(k, k): v for k, v in row.items() if v not in (None, "") and k not in ("source", "target")}
        flat.add_edge(rel.source.id, rel.target.id, key=f"e{i}", **attrs)
    return flat
