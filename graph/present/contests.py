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


# What `contests` looks for, in words: each kind of disagreement it can see, and what it cannot.
CHECKED = (
    "a cooperative and a hostile relation between the same two actors at overlapping times "
    "(undated relations overlap everything)",
    "two relations between them whose types the vocabulary declares opposite, at overlapping times",
    "a quote that disputes a relation (stance: disputes)",
)
UNSEEN = (
    "It cannot see other disagreement: sources that give different dates, directions or perpetrators "
    "for the same relation, types that exclude each other without being declared opposite, relations "
    "of neither sign (talks, a truce) unless declared opposite, or what a source says that the map does "
    "not record (see `actorgraph coverage`)."
)
BRIEF = "cooperative and hostile claims at overlapping times, types declared opposite, or a disputing quote"


def checked_lines() -> list[str]:
    """What was looked for and what cannot be seen, for the end of a list of contests."""
    lines = wrap("Looked for, between each pair of actors:", "", "")
    for kind in CHECKED:
        lines += wrap(kind + ";" if kind != CHECKED[-1] else kind + ".", "  - ", "    ")
    return lines + wrap(UNSEEN, "", "")


def contests_text(data: Dataset, found: Sequence[Contest], *, brief: bool = False) -> str:
    """The pairs the sources disagree about: each side's sentence, with its quotes unless `brief`
    (`check`'s summary, which names the kinds of disagreement it looked for in one line)."""
    from ..network.records import relation

    actors = {a.id: a for a in data.actors}
    n = len(found)
    plural = "s" if n != 1 else ""
    lines = ["", *wrap(f"{n} contested pair{plural} ({BRIEF}; see `actorgraph contested`):", "", "")]
    if not brief:
        lines = [f"{n} contested pair{plural}"]
    for contest in found:
        a, b = (actors[i].name if i in actors else i for i in contest.pair)
        lines += [""] if not brief else []
        lines += wrap(f"{a} and {b}: {contest.reason}", "* ", "  ")
        for edge in contest.edges:
            rel = relation(data, edge, actors)
            lines += wrap(rel.sentence, "  - ", "    ")
            if not brief:
                lines += evidence_lines(rel, indent=6)
    if not brief:
        lines += ["", *checked_lines()]
    return "\n".join(lines) + "\n"


def contests_answer(g: nx.MultiDiGraph, found: Sequence[Contest], evidence: EvidenceFilter) -> Answer:
    from ..network.claims import edge_id
    from ..network.records import dataset, find

    data = dataset(g)

    def as_json() -> dict[str, Any]:
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
        return {"checked": list(CHECKED), "cannot_see": UNSEEN, "contests": out}

    def text() -> str:
        if found:
            return contests_text(data, found)
        among = f" among the claims used ({evidence.describe()})" if evidence.active else ""
        lines = [f"No contested pairs{among} of the kinds looked for.", "", *checked_lines()]
        return "\n".join(lines) + "\n"

    return Answer(text, as_json)
