"""The answers of `contested` and of `check`'s list of contests: what the sources disagree about."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..network.records import relation_record
from ..network.wording import evidence_lines, wrap
from . import Answer

if TYPE_CHECKING:
    import networkx as nx

    from ..dataset.model import Dataset
    from ..network.claims import Contest, EvidenceFilter


def contests_text(data: Dataset, found: Sequence[Contest], *, brief: bool = False) -> str:
    """The pairs the sources disagree about: each side's sentence, with its quotes unless `brief`."""
    from ..network.records import relation

    actors = {a.id: a for a in data.actors}
    n = len(found)
    lines = ["", f"{n} contested pair{'s' if n != 1 else ''} (the sources disagree; see `actorgraph contested`):"]
    if not brief:
        lines = [f"{n} contested pair{'s' if n != 1 else ''}"]
    for contest in found:
        a, b = (actors[i].name if i in actors else i for i in contest.pair)
        lines += [""] if not brief else []
        lines += wrap(f"{a} and {b}: {contest.reason}", "* ", "  ")
        for edge in contest.edges:
            rel = relation(data, edge, actors)
            lines += wrap(rel.sentence, "  - ", "    ")
            if not brief:
                lines += evidence_lines(rel, indent=6)
    return "\n".join(lines) + "\n"


def contests_answer(g: nx.MultiDiGraph, found: Sequence[Contest], evidence: EvidenceFilter) -> Answer:
    from ..network.claims import edge_id
    from ..network.records import dataset, find

    data = dataset(g)

    def as_json() -> list[dict[str, Any]]:
        out = []
        for contest in found:
            rels = [find(g, edge_id(e)) for e in contest.edges]
            out.append(
                {
                    "pair": list(contest.pair),
                    "reason": contest.reason,
                    "relations": [relation_record(r) for r in rels if r is not None],
                }
            )
        return out

    def text() -> str:
        if found:
            return contests_text(data, found)
        if evidence.active:
            return f"No contested pairs among the claims used ({evidence.describe()}).\n"
        return "No contested pairs: the sources do not disagree.\n"

    return Answer(text, as_json)
