"""The answers of `path` and `show`: routes with their evidence, and an actor's card."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..network.records import actor_record
from ..network.routes import hop_json, route_text
from ..network.wording import WIDTH, contest_lines, evidence_lines, wrap
from . import Answer

if TYPE_CHECKING:
    import networkx as nx

    from ..network.claims import EvidenceFilter
    from ..network.query import Card, Filters
    from ..network.routes import Route


def routes_answer(g: nx.MultiDiGraph, routes: Sequence[Route]) -> Answer:
    def text() -> str:
        many = len(routes) > 1
        blocks = [route_text(r, f"Path {i} of {len(routes)}: " if many else "", g) for i, r in enumerate(routes, 1)]
        return "\n\n".join(blocks) + "\n"

    def data() -> list[list[dict[str, Any]]]:
        return [[hop_json(g, h) for h in edge_path] for route in routes for edge_path in route.edge_paths()]

    return Answer(text, data)


def no_path_text(
    g: nx.MultiDiGraph, source: str, target: str, filters: Filters, evidence: EvidenceFilter, within: int | None
) -> str:
    """Why there is no path, in one sentence: the filters that were on, and an actor that did not
    exist in the year asked for."""
    from ..network.query import exists
    from ..network.records import actor

    a, b = actor(g, source), actor(g, target)
    how = ", ".join(part for part in (filters.describe(), evidence.describe()) if part)
    text = (
        f"no path from {a.name} to {b.name}" + (f" within {within} hops" if within else "") + (f" {how}" if how else "")
    )
    if filters.as_of is not None:
        for end in (a, b):
            if not exists(end, filters.as_of):
                life = f"founded {end.founded}" if end.founded and not end.dissolved else ""
                if end.dissolved:
                    life = f"{end.founded or '?'} to {end.dissolved}"
                text += f" ({end.name} did not exist in {filters.as_of}: {life})"
    return text


# --- show --------------------------------------------------------------------------------------


def card_answer(g: nx.MultiDiGraph, c: Card) -> Answer:
    from ..network.records import dataset, kind_label

    data = dataset(g)

    def text() -> str:
        a = c.actor
        lines = [f"{a.name}  ({kind_label(data, a.kind)}; id: {a.id})"]
        if a.aliases:
            lines += wrap("Also: " + ", ".join(a.aliases), "", "      ")
        for value, label in ((a.region, "Region"), (a.founded, "Founded")):
            if value:
                lines.append(f"{label}: {value}")
        if a.description:
            lines += ["", *textwrap.wrap(a.description, WIDTH)]
        lines += ["", f"{c.count} relation{'s' if c.count != 1 else ''}"]
        for rtype, hops in c.relations.items():
            lines += ["", f"{rtype} ({len(hops)})"]
            lines += wrap(data.relation_types[rtype].definition, "  ", "  ")
            for hop in hops:
                lines += wrap(hop.relation.sentence, "  - ", "    ")
                lines += evidence_lines(hop.relation, indent=6)
                lines += contest_lines(g, hop.relation, indent=6)
        return "\n".join(lines) + "\n"

    def as_json() -> dict[str, Any]:
        return {
            "actor": actor_record(c.actor),
            "relations": [hop_json(g, h) for hops in c.relations.values() for h in hops],
        }

    return Answer(text, as_json)
