"""JSON: NetworkX node-link data that loses nothing.

Nodes are actor records and edges are relation records, the same objects the
query commands print with `--format json`; `nx.node_link_graph(data,
edges="edges", key="type")` reads the file back into a MultiDiGraph.
"""

from __future__ import annotations

import json

import networkx as nx

from ..network.records import actor, actor_record, dataset, relation_record, relations, vocabulary_records


def export(g: nx.MultiDiGraph) -> str:
    data = {
        "directed": True,
        "multigraph": True,
        "graph": vocabulary_records(dataset(g)),
        "nodes": [actor_record(actor(g, n)) for n in g.nodes],
        "edges": [relation_record(rel) for rel in relations(g)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
