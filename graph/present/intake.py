"""How proposals read: one block per proposal for `review --list` and the interactive review, and
the summary `propose` prints."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..network.wording import wrap
from . import Answer

if TYPE_CHECKING:
    from ..dataset.model import Dataset
    from ..intake.propose import Proposal


def proposal_lines(p: Proposal, data: Dataset, known: Mapping[str, str] | None = None) -> list[str]:
    """A proposal as a curator reads it: what it claims, on which words, and why it was proposed.
    `known`: the map's `prose_names`, when many proposals are listed (made once, not per proposal)."""
    names = {a.id: a.name for a in data.actors}
    rtype = data.relation_types.get(p.type or "")
    if rtype is None:
        claim = f"{names.get(p.source, p.source)} and {names.get(p.target, p.target)}: named together, relation unknown"
    else:
        arrow = f"—{rtype.label}→" if rtype.directed else f"—{rtype.label}—"
        claim = f"{names.get(p.source, p.source)} {arrow} {names.get(p.target, p.target)}"
    qualifiers = [q for q in (p.confidence, f"according to {p.attributed_to}" if p.attributed_to else None) if q]
    status = "" if p.status == "open" else f" [{p.status}]"
    lines = wrap(f"{p.id}{status}  {claim}" + (f"  [{', '.join(qualifiers)}]" if qualifiers else ""), "", "    ")
    lines += wrap(f"“{p.quote}” — {p.doc}", "    ", "     ", hyphens=False)
    source = data.sources.get(p.doc)
    if source is not None and " ".join(source.text[p.start : p.end].split()) != p.quote:
        lines += wrap("in: " + " ".join(source.text[p.start : p.end].split()), "    ", "      ", hyphens=False)
    why = f"cue {p.cue}" if p.cue else ("no cue" if p.origin == "cues" else "")
    origin = "" if p.origin == "cues" else f"from {p.origin}"
    tail = "; ".join(x for x in (why, f"score {p.score:.2f}", origin) if x)
    lines += wrap(tail, "    ", "      ")
    if p.new_actors:  # as the map is now: a name may have become an actor's since it was proposed
        from ..dataset.model import name_key, prose_names

        known = prose_names(data.actors) if known is None else known
        still = [n for n in p.new_actors if name_key(n) not in known]
        since = [f"{n} ({known[name_key(n)]})" for n in p.new_actors if name_key(n) in known]
        if still:
            lines += wrap("not in the map yet: " + ", ".join(still), "    ", "      ")
        if since:
            lines += wrap("in the map since: " + ", ".join(since), "    ", "      ")
    if p.reason:
        lines += wrap(f"reason: {p.reason}", "    ", "      ")
    return lines


def queue_answer(queue: Sequence[Proposal], data: Dataset, show_all: bool) -> Answer:
    from ..intake.queue import record

    shown = [p for p in queue if show_all or p.status == "open"]

    def text() -> str:
        from ..dataset.model import prose_names

        lines: list[str] = []
        known = prose_names(data.actors)
        for p in shown:
            lines += [*proposal_lines(p, data, known), ""]
        counts = {s: sum(1 for p in queue if p.status == s) for s in ("open", "accepted", "rejected")}
        lines.append(
            f"{counts['open']} open, {counts['accepted']} accepted, {counts['rejected']} rejected; "
            "decide with `actorgraph review` (or --accept ID / --reject ID --reason ...)"
        )
        return "\n".join(lines) + "\n"

    def data_() -> list[dict[str, Any]]:
        return [record(p) for p in shown]

    return Answer(text, data_)
