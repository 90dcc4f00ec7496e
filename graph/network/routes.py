"""A walk through the map and how it reads: hops, steps and routes, as `actorgraph path` finds
and prints them. The route types and their wording live together so that the query module
(which finds routes) and the presentation (which prints every answer) both import this one,
and neither the other."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..dataset.model import Actor
from .records import Relation, relation_record
from .wording import contest_lines, evidence_lines, opposing, wrap

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class Hop:
    """One relation crossed by a walk, from `walk_from` to `walk_to`."""

    relation: Relation
    walk_from: str
    walk_to: str

    @property
    def direction(self) -> str:
        """ "both" for a symmetric relation, else "forward"/"backward" relative to the walk."""
        if not self.relation.directed:
            return "both"
        return "forward" if self.relation.source.id == self.walk_from else "backward"


@dataclass(frozen=True)
class Step:
    """Two neighbouring actors on a path and every relation that links them that way."""

    walk_from: str
    walk_to: str
    relations: tuple[Hop, ...]


@dataclass(frozen=True)
class Route:
    """A walk from one actor to another, each step with every relation that links it."""

    nodes: tuple[Actor, ...]
    steps: tuple[Step, ...]
    # The graph the route was found in, so that printing a route shows the other side of each
    # contested hop, as `actorgraph path` does.
    graph: nx.MultiDiGraph | None = field(default=None, compare=False, repr=False)

    def edge_paths(self) -> Iterator[tuple[Hop, ...]]:
        """Every way through the route, one relation per step (a path in the multigraph)."""
        return itertools.product(*(s.relations for s in self.steps))

    def __str__(self) -> str:
        return route_text(self, g=self.graph)


def route_text(route: Route, title: str = "", g: nx.MultiDiGraph | None = None) -> str:
    hops = len(route.steps)
    ways = 1
    for step in route.steps:
        ways *= len(step.relations)
    head = " → ".join(a.name for a in route.nodes)
    count = f"{hops} hop{'s' if hops != 1 else ''}" + (f", {ways} ways through" if ways > 1 else "")
    lines = wrap(f"{title}{head}  ({count})", "", "    ")
    for n, step in enumerate(route.steps, start=1):
        for j, hop in enumerate(step.relations):
            lines += wrap(hop.relation.sentence, f"{n:>3}. " if j == 0 else "  or ", "       ")
            lines += evidence_lines(hop.relation, indent=7)
            if g is not None:
                lines += contest_lines(g, hop.relation, indent=7)
    return "\n".join(lines)


def hop_json(g: nx.MultiDiGraph, hop: Hop) -> dict[str, Any]:
    """A relation crossed by a walk: the walk's ends and direction around the relation's record,
    and, when the sources disagree about it, the records of the claims it conflicts with."""
    return {
        "from": hop.walk_from,
        "to": hop.walk_to,
        "direction": hop.direction,
        "relation": relation_record(hop.relation),
        "contested_by": [relation_record(r) for r in opposing(g, hop.relation)],
    }
