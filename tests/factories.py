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
    "allied": RelationType(
        id="allied", label="allied with", directed=False, sign=1, definition="cooperate", location=HERE
    ),
    "rival": RelationType(id="rival", label="rival of", directed=False, sign=-1, definition="compete", location=HERE),
    "attacked": RelationType(
        id="attacked", label="attacked", directed=True, sign=-1, definition="attacks", location=HERE
    ),
    "talked": RelationType(id="talked", label="talked with", directed=False, sign=0, definition="talks", location=HERE),
}
LEVELS = {
    "likely": ConfidenceLevel(
        id="likely", label="likely", definition="probably", rank=2, location=HERE, stix_confidence=50
    ),
    "possible": ConfidenceLevel(
        id="possible", label="possible", definition="maybe", rank=1, location=HERE, stix_confidence=15
    ),
}
TEXT = "The memo says many things about many groups."


def evidence(quote: str = "many things about", doc: str = "memo", *, confidence: str | None = None,
             attributed_to: str | None = None, stance: str = "supports") -> Evidence:  # fmt: skip
    return Evidence(
        doc=doc, quote=quote, location=HERE, attributed_to=attributed_to, confidence=confidence, stance=stance
    )


def edge(source: str, rtype: str, target: str, *quotes: Evidence, since: str | None = None,
         until: str | None = None, note: str | None = None) -> Edge:  # fmt: skip
    return Edge(
        source=source, target=target, type=rtype, evidence=tuple(quotes) or (evidence(),), location=HERE,
        since=since, until=until, note=note,
    )  # fmt: skip


def dataset(actors: Iterable[str] | Sequence[Actor], edges: Iterable[Edge] = (), text: str = TEXT) -> Dataset:
    """Actors given by id get the name of their id in capitals and the kind "group"."""
    built = [a if isinstance(a, Actor) else Actor(id=a, name=a.upper(), kind="group", location=HERE) for a in actors]
    return Dataset(
        sources={"memo": Source(id="memo", file="memo.txt", kind="report", text=text, location=HERE, title="The memo")},
        actor_kinds={"group": ActorKind(id="group", label="Group", definition="a group", location=HERE)},
        actors=tuple(built),
        relation_types=TYPES,
        confidence_levels=LEVELS,
        edges=tuple(edges),
    )
