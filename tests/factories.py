"""Datasets built in code, for unit tests that need a particular shape rather than a file."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from actorgraph.dataset.model import (
    Actor,
    ActorKind,
    ConfidenceLevel,
    Dataset,
    Edge,
    Evidence,
    Location,
    RelationType,
    Source,
)

HERE = Location("test.yaml", 1)
TYPES = {
    "allied": RelationType("allied", "allied with", False, 1, "cooperate", HERE),
    "rival": RelationType("rival", "rival of", False, -1, "compete", HERE),
    "attacked": RelationType("attacked", "attacked", True, -1, "attacks", HERE),
    "talked": RelationType("talked", "talked with", False, 0, "talks", HERE),
}
LEVELS = {
    "likely": ConfidenceLevel("likely", "likely", "probably", 2, HERE, 50),
    "possible": ConfidenceLevel("possible", "possible", "maybe", 1, HERE, 15),
}
TEXT = "The memo says many things about many groups."


def evidence(quote: str = "many things about", doc: str = "memo", *, confidence: str | None = None,
             attributed_to: str | None = None, stance: str = "supports") -> Evidence:  # fmt: skip
    return Evidence(doc, quote, HERE, attributed_to, confidence, stance)


def edge(source: str, rtype: str, target: str, *quotes: Evidence, since: str | None = None,
         until: str | None = None, note: str | None = None) -> Edge:  # fmt: skip
    return Edge(source, target, rtype, tuple(quotes) or (evidence(),), HERE, since, until, note=note)


def dataset(actors: Iterable[str] | Sequence[Actor], edges: Iterable[Edge] = (), text: str = TEXT) -> Dataset:
    """Actors given by id get the name of their id in capitals and the kind "group"."""
    built = [a if isinstance(a, Actor) else Actor(a, a.upper(), "group", HERE) for a in actors]
    return Dataset(
        sources={"memo": Source("memo", "memo.txt", "report", text, HERE, title="The memo")},
        actor_kinds={"group": ActorKind("group", "Group", "a group", HERE)},
        actors=tuple(built),
        relation_types=TYPES,
        confidence_levels=LEVELS,
        edges=tuple(edges),
    )
