"""Deciding proposals: accept (a relation or a quote through the edit path), reject (a reviewed
sentence or pair), or change one first (type, direction, hedge, speaker).

Every decision is one locked edit of the map: accepting writes edges.yaml exactly as
`add-relation` or `add-evidence` would (checked first, refused with check's message), then marks
the proposal accepted. Rejecting writes the reviewed pair (or sentence) once no proposal for that
pair in that sentence is still open or accepted, so that reviewed.yaml never says "no relation
between A and B" where the curator accepted one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..curation.edit import ReviewArgs, add_evidence, add_relation, add_reviews, find_edge
from ..curation.transaction import locked, read_data
from ..curation.yamltext import parsed
from ..dataset.format import EDGES_FILE
from ..dataset.model import name_key, prose_names
from ..dataset.suggest import hint
from ..errors import UsageError
from .propose import Proposal
from .queue import load_queue, save_queue


@dataclass(frozen=True)
class Change:
    """What a curator changed in a proposal before deciding it."""

    type: str | None = None
    flip: bool = False
    confidence: str | None = None  # "" clears it
    attributed_to: str | None = None  # "" clears it

    def apply(self, p: Proposal) -> Proposal:
        out = p
        if self.type is not None:
            out = replace(out, type=self.type)
        if self.flip:
            out = replace(out, source=out.target, target=out.source)
        if self.confidence is not None:
            out = replace(out, confidence=self.confidence or None)
        if self.attributed_to is not None:
            out = replace(out, attributed_to=self.attributed_to or None)
        return out


def find(queue: Sequence[Proposal], ids: Sequence[str]) -> list[Proposal]:
    by_id = {p.id: p for p in queue}
    missing = [i for i in ids if i not in by_id]
    if missing:
        suggestion = hint(missing[0], by_id)
        raise UsageError(f"no proposal '{missing[0]}' in the queue{suggestion} (see `actorgraph review --list`)")
    return [by_id[i] for i in ids]


@locked
def accept(data_dir: Path, seeds_dir: Path, ids: Sequence[str], change: Change = Change()) -> list[Proposal]:
    """Write each proposal (changed as asked) into edges.yaml, in order; stops at the first one
    refused, with the ones before it written and marked accepted."""
    done: list[Proposal] = []
    queue = load_queue(data_dir)
    try:
        for p in find(queue, ids):
            if p.status != "open":
                raise UsageError(f"proposal {p.id} is already {p.status}")
            decided = _write(data_dir, seeds_dir, change.apply(p))
            queue = [decided if q.id == p.id else q for q in queue]
            done.append(decided)
    finally:
        if done:
            save_queue(data_dir, queue)
    return done


def _write(data_dir: Path, seeds_dir: Path, p: Proposal) -> Proposal:
    from ..dataset.load import load_dataset

    data, _ = load_dataset(data_dir, seeds_dir)
    if p.type is None:
        known = ", ".join(data.relation_types)
        raise UsageError(f"proposal {p.id} names a pair but no relation: say which with --type ({known})")
    ids = {a.id for a in data.actors}
    ends = list(_ends(prose_names(data.actors), p))
    if ends[0] == ends[1] and ends[0] in ids:
        raise UsageError(
            f"proposal {p.id}: both its names are '{ends[0]}' in the map; reject it, or add the other actor"
        )
    for end in ends:
        if end not in ids:
            raise UsageError(
                f"proposal {p.id}: '{end}' is no actor of the map yet; add it first (`actorgraph add-actor "
                f'--id ... --name "{end}" --kind ...`, or `actorgraph add-alias ACTOR "{end}"`)'
            )
    edges = data_dir / EDGES_FILE
    doc = parsed(read_data(edges), edges)
    existing = find_edge(doc.get("edges") if isinstance(doc, dict) else None, data, p.type, ends[0], ends[1])
    quote = {"doc": p.doc, "quote": p.quote, "confidence": p.confidence, "attributed_to": p.attributed_to}
    write = add_evidence if existing is not None else add_relation
    write.__wrapped__(data_dir, seeds_dir, ends[0], p.type, ends[1], **quote)  # type: ignore[attr-defined]
    return replace(p, source=ends[0], target=ends[1], status="accepted", reason=None)


def _ends(known: Mapping[str, str], p: Proposal) -> tuple[str, str]:
    """The proposal's ends as actor ids. An end the map knew when it was proposed is an id
    already; a name it did not know is looked up in `known` (the map's `prose_names`: names and
    aliases, never ids): the text's "Mali" is not the actor whose id is `mali` and whose name is
    "Malian government" (an unknown name stays as written, and is refused or skipped as no actor)."""

    def one(end: str) -> str:
        return known.get(name_key(end), end) if end in p.new_actors else end

    return one(p.source), one(p.target)


@locked
def reject(data_dir: Path, seeds_dir: Path, ids: Sequence[str], reason: str) -> tuple[list[Proposal], int]:
    """Mark each proposal rejected with the reason; returns them and how many reviews were written."""
    from ..dataset.load import load_dataset

    queue = load_queue(data_dir)
    chosen = find(queue, ids)
    for p in chosen:
        if p.status != "open":
            raise UsageError(f"proposal {p.id} is already {p.status}")
    rejected = {p.id: replace(p, status="rejected", reason=reason) for p in chosen}
    queue = [rejected.get(q.id, q) for q in queue]
    data, _ = load_dataset(data_dir, seeds_dir)
    ids_known = {a.id for a in data.actors}
    known = prose_names(data.actors)
    reviews: list[ReviewArgs] = []
    pairs_done: set[tuple[str, int, frozenset[str]]] = set()
    for p in rejected.values():
        key = (p.doc, p.start, p.pair)
        siblings = [q for q in queue if (q.doc, q.start, q.pair) == key and q.status != "rejected"]
        ends = _ends(known, p)
        if siblings or key in pairs_done or not set(ends) <= ids_known or ends[0] == ends[1]:
            continue  # another proposal for the pair is open or accepted, or a name is no actor (or one) yet
        pairs_done.add(key)
        reviews.append((p.doc, p.quote, reason, ends))
    # One edit for the whole batch: every review written, or (check refusing one) none, and then
    # no proposal marked rejected either.
    _, _, written = add_reviews.__wrapped__(data_dir, seeds_dir, reviews)  # type: ignore[attr-defined]
    save_queue(data_dir, queue)
    return list(rejected.values()), written


@locked
def edit(data_dir: Path, seeds_dir: Path, pid: str, change: Change) -> Proposal:
    """Change an open proposal in the queue without deciding it."""
    queue = load_queue(data_dir)
    (p,) = find(queue, [pid])
    changed = change.apply(p)
    save_queue(data_dir, [changed if q.id == pid else q for q in queue])
    return changed
