"""GraphML, for Gephi, igraph and yEd: every edge written source -> target as curated,
with a `directed` attribute saying whether its relation is symmetric."""

from __future__ import annotations

import networkx as nx

from .flat import flat_graph


def export(g: nx.MultiDiGraph) -> str:
    return "\n".join(nx.generate_graphml(flat_graph(g), prettyprint=True)) + "\n"
