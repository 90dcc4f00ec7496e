"""GEXF, for Gephi: dated relations become spells, so its timeline shows each only while it held.

GEXF reserves an edge's `type` (directed or undirected): the relation type goes
under `relation`. Every edge stays directed, as written, with a `directed`
attribute, because NetworkX refuses to read per-edge undirected edges in a
directed GEXF graph.
"""

from __future__ import annotations

import re

import networkx as nx

from ..dataset.model import period_days
from .flat import flat_graph


def export(g: nx.MultiDiGraph) -> str:
    flat = flat_graph(g, renamed={"type": "relation"})
    for _, _, key, attrs in flat.edges(keys=True, data=True):
        attrs["id"] = key
        if attrs.get("since") or attrs.get("until"):
            attrs["spells"] = [(_day(attrs.get("since"), end=False), _day(attrs.get("until"), end=True))]
    text = "\n".join(nx.generate_gexf(flat, prettyprint=True)) + "\n"
    # NetworkX stamps today's date; the same data must give the same bytes.
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)


def _day(period: str | None, *, end: bool) -> str | None:
    """A year or year-month as the first (or last) day it covers, as GEXF dates want."""
    if period is None:
        return None
    return period_days(period)[1 if end else 0].isoformat()
