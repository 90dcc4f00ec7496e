"""Write the graph in formats other tools read.

JSON is NetworkX node-link data and loses nothing. GraphML and GEXF can hold
only scalars, so lists become text (aliases joined by "; ", evidence as a
JSON string) and every edge gets a unique id: Gephi merges edges that share
one, which would silently drop parallel relations.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

import networkx as nx

from ..dataset.model import period_days

FORMATS = ("json", "graphml", "gexf", "csv", "stix")


def export(g: nx.MultiDiGraph, fmt: str) -> str:
    if fmt == "stix":  # stix2 is slow to import; only this format needs it
        from .stix import to_stix

        return to_stix(g)
    writers: dict[str, Callable[[nx.MultiDiGraph], str]] = {
        "json": to_json,
        "graphml": to_graphml,
        "gexf": to_gexf,
        "csv": to_csv,
    }
    return writers[fmt](g)


def to_json(g: nx.MultiDiGraph) -> str:
    data = nx.node_link_data(g, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _flat(g: nx.MultiDiGraph, type_key: str) -> nx.MultiDiGraph:
    """A copy holding only scalars, with each node labelled by its name for viewers."""
    flat = nx.MultiDiGraph()
    for name, value in g.graph.items():
        flat.graph[name] = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for node, attrs in g.nodes(data=True):
        flat.add_node(node, label=attrs["name"], **{k: _scalar(k, v) for k, v in attrs.items()})
    for i, (u, v, attrs) in enumerate(g.edges(data=True)):
        values = {k: _scalar(k, val) for k, val in attrs.items()}
        values[type_key] = values.pop("type")
        values["evidence_count"] = len(attrs["evidence"])
        flat.add_edge(u, v, key=f"e{i}", **values)
    return flat


def _scalar(key: str, value: Any) -> Any:
    if key == "aliases":
        return "; ".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_graphml(g: nx.MultiDiGraph) -> str:
    flat = _flat(g, "type")
    return "\n".join(nx.generate_graphml(flat, prettyprint=True)) + "\n"


def to_gexf(g: nx.MultiDiGraph) -> str:
    # GEXF reserves an edge's `type` (directed/undirected) and `label` (display). Every edge
    # stays directed, as written, with a `directed` attribute: NetworkX refuses to read
    # per-edge undirected edges in a directed GEXF graph.
    # Dated relations become spells, so Gephi's timeline shows each only while it held.
    flat = _flat(g, "relation")
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


CSV_COLUMNS = (
    "source", "source_name", "target", "target_name", "type", "label", "directed", "sign",
    "confidence", "attributed_to", "since", "until", "note", "evidence_count", "docs", "quotes",
)  # fmt: skip


def to_csv(g: nx.MultiDiGraph) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for u, v, attrs in g.edges(data=True):
        evidence = attrs["evidence"]
        writer.writerow(
            {
                **{k: attrs.get(k, "") for k in CSV_COLUMNS if k in attrs},
                "source": u,
                "source_name": g.nodes[u]["name"],
                "target": v,
                "target_name": g.nodes[v]["name"],
                "directed": str(attrs["directed"]).lower(),
                "evidence_count": len(evidence),
                "docs": "; ".join(dict.fromkeys(ev["doc"] for ev in evidence)),
                "quotes": "\n".join(f"[{ev['doc']}] {ev['quote']}" for ev in evidence),
            }
        )
    return out.getvalue()
