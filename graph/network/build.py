"""The one place the graph is made: a checked `Dataset` becomes a NetworkX MultiDiGraph.

A MultiDiGraph, because two actors can stand in several relations at once
(ISIS-K both attacked and rivals the Taliban) and those must not overwrite
each other. Undirected relation types are stored once, in the direction the
curator wrote them, and flagged `directed=False` so readers treat them as
symmetric; edge keys are the relation type, unique per ordered pair.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..dataset.model import Dataset, Edge


def build_graph(data: Dataset) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.graph["relation_types"] = {
        t.id: {"label": t.label, "directed": t.directed, "sign": t.sign, "definition": t.definition}
        for t in data.relation_types.values()
    }
    g.graph["actor_kinds"] = {
        k.id: {"label": k.label, "definition": k.definition, "stix": k.stix} for k in data.actor_kinds.values()
    }
    g.graph["confidence_levels"] = {
        c.id: _without_none(
            {"label": c.label, "definition": c.definition, "rank": c.rank, "stix_confidence": c.stix_confidence}
        )
        for c in data.confidence_levels.values()
    }
    g.graph["sources"] = {
        s.id: _without_none(
            {"id": s.id, "file": s.file, "kind": s.kind, "title": s.title, "author": s.author, "outlet": s.outlet,
             "written": s.written}
        )
        for s in data.sources.values()
    }  # fmt: skip
    for actor in data.actors:
        g.add_node(
            actor.id,
            **_without_none(
                {
                    "name": actor.name,
                    "aliases": list(actor.aliases),
                    "kind": actor.kind,
                    "description": actor.description,
                    "region": actor.region,
                    "founded": actor.founded,
                }
            ),
        )
    for edge in data.edges:
        g.add_edge(edge.source, edge.target, key=edge.type, **edge_attributes(data, edge))
    return g


def edge_attributes(data: Dataset, edge: Edge) -> dict[str, Any]:
    rtype = data.relation_types[edge.type]
    evidence = [
        _without_none(
            {
                "doc": ev.doc,
                "file": data.sources[ev.doc].file,
                "quote": ev.quote,
                "attributed_to": ev.attributed_to,
                "confidence": ev.confidence,
            }
        )
        for ev in edge.evidence
    ]
    return _without_none(
        {
            "type": edge.type,
            "label": rtype.label,
            "directed": rtype.directed,
            "sign": rtype.sign,
            "evidence": evidence,
            "confidence": data.effective_confidence(edge),
            "attributed_to": edge.attributed_to,
            "since": edge.since,
            "until": edge.until,
            "note": edge.note,
        }
    )


def _without_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}
