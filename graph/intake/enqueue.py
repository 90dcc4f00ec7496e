"""Putting proposals in the queue: from the map's own texts (`propose`) or from a file (`--from`),
one locked write of data/proposals.yaml each, never of the data itself (unless `--accept-verified`
asks for the verified rows to be accepted, through the same path as `review --accept`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..curation.transaction import locked
from ..dataset.load import display_path
from ..dataset.model import Dataset, Location, Problem
from ..dataset.suggest import hint
from ..errors import DataError, UsageError
from .cues import rules
from .importers import Imported, held_because, read_file
from .propose import Proposal, propose, with_status
from .queue import load_queue, merged, save_queue


@dataclass(frozen=True)
class Enqueued:
    added: tuple[Proposal, ...]
    already: int  # proposals made again that the queue already held (open or decided)
    dropped: int = 0  # drafted quotes that did not verify (propose), rows refused (--from)
    imported: Imported | None = None
    path: Path | None = None
    held: tuple[Proposal, ...] = ()  # with --accept-verified: queued for review, each with why


def _checked(data_dir: Path, seeds_dir: Path) -> Dataset:
    from ..dataset.check import load_checked

    return load_checked(data_dir, seeds_dir)  # proposing from a map that fails check would build on sand


@locked
def propose_into_queue(data_dir: Path, seeds_dir: Path, docs: Sequence[str] = ()) -> Enqueued:
    data = _checked(data_dir, seeds_dir)
    for doc in docs:
        if doc not in data.sources:
            raise UsageError(f"unknown source '{doc}'{hint(doc, data.sources)}")
    made, dropped = propose(data, docs, data_dir)
    before = load_queue(data_dir)
    queue, added = merged(before, made)
    path = save_queue(data_dir, queue) if added else None
    return Enqueued(tuple(added), _held(before, made), dropped, path=path)


@locked
def import_into_queue(
    data_dir: Path, seeds_dir: Path, file: Path, default_doc: str | None = None, accept_verified: bool = False
) -> Enqueued:
    """Verify every row of the file; queue the verified ones. A hand-kept table (CSV) with any
    refused row is refused whole: a DataError naming each row, nothing written. With
    `accept_verified`, a verified row whose quote does not carry what the row claims (see
    `importers.held_because`) is queued with the reason it was held, and listed in `held`; the
    caller accepts the rest."""
    data = _checked(data_dir, seeds_dir)
    if default_doc is not None and default_doc not in data.sources:
        raise UsageError(f"unknown source '{default_doc}'{hint(default_doc, data.sources)}")
    imported = read_file(file, data, default_doc)
    if imported.refused and imported.all_or_nothing:
        shown = display_path(file)
        raise DataError(Problem(Location(shown, row), why) for row, why in imported.refused)
    made = list(imported.proposals)
    held: list[Proposal] = []
    if accept_verified:
        compiled = rules(data, data_dir)
        for i, p in enumerate(made):
            why = held_because(p, data, compiled)
            if why is not None:
                made[i] = with_status(p, "open", f"held back from --accept-verified: {why}")
                held.append(made[i])
    before = load_queue(data_dir)
    queue, added = merged(before, made)
    path = save_queue(data_dir, queue) if added else None
    fresh = {p.id for p in added}
    return Enqueued(
        tuple(added),
        _held(before, made),
        len(imported.refused),
        imported,
        path,
        tuple(p for p in held if p.id in fresh),
    )


def _held(queue: Sequence[Proposal], made: Sequence[Proposal]) -> int:
    """How many of the proposals made the queue already held (the same words repeated in one
    text make one proposal, not several)."""
    have = {p.id for p in queue}
    return len({p.id for p in made if p.id in have})
