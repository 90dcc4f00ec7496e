"""`actorgraph review` in a terminal: one open proposal at a time, decided with a key.

Edits (type, direction, hedge, speaker) change what is shown and what an accept writes; skipping
leaves the proposal open and unchanged in the queue. Each decision is written at once, so
quitting half way keeps what was decided.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import click

from ..dataset.model import Dataset
from ..errors import DataError, UsageError
from .propose import Proposal
from .queue import load_queue
from .review import Change, accept, reject

KEYS = "atfhsrnq"  # accept, type, flip, hedge, speaker, reject, next (leave it open), quit


def walk(data_dir: Path, seeds_dir: Path, show: Callable[[Proposal, Dataset], str]) -> None:
    from ..dataset.load import load_dataset

    waiting = [p for p in load_queue(data_dir) if p.status == "open"]
    if not waiting:
        click.echo("No open proposals; run `actorgraph propose` first.")
        return
    prompt = "[a]ccept [t]ype [f]lip [h]edge [s]peaker [r]eject [n]ext [q]uit"
    decided = 0
    for number, original in enumerate(waiting, start=1):
        change = Change()
        while True:
            data, _ = load_dataset(data_dir, seeds_dir)
            p = change.apply(original)
            click.echo(f"\n[{number}/{len(waiting)}]")
            click.echo(show(p, data))
            key = click.prompt(prompt, type=click.Choice(list(KEYS)), show_choices=False, default="n")
            if key == "q":
                click.echo(f"{decided} decided; the rest stay open.")
                return
            if key == "n":
                break
            if key == "t":
                types = list(data.relation_types)
                chosen = click.prompt("type", type=click.Choice(types), default=p.type or types[0])
                change = replace(change, type=chosen)
            elif key == "f":
                change = replace(change, flip=not change.flip)
            elif key == "h":
                levels = ["none", *data.confidence_levels]
                chosen = click.prompt("hedge", type=click.Choice(levels), default=p.confidence or "none")
                change = replace(change, confidence="" if chosen == "none" else chosen)
            elif key == "s":
                said = click.prompt("speaker ('-' for the author's own)", default=p.attributed_to or "-")
                change = replace(change, attributed_to="" if said.strip() == "-" else said.strip())
            elif key in ("a", "r") and _decide(data_dir, seeds_dir, original, change, key == "a"):
                decided += 1
                break
    click.echo(f"\n{decided} decided; no open proposal left in this pass.")


def _decide(data_dir: Path, seeds_dir: Path, p: Proposal, change: Change, accepting: bool) -> bool:
    try:
        if accepting:
            (done,) = accept(data_dir, seeds_dir, [p.id], change)
            click.echo(f"accepted: {done.source} {done.type} {done.target}")
        else:
            reason = click.prompt("reason (why no relation)")
            reject(data_dir, seeds_dir, [p.id], reason)
            click.echo("rejected")
        return True
    except DataError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo("refused; nothing was written. Change it, or skip it.", err=True)
    except UsageError as exc:
        click.echo(f"error: {exc}", err=True)
    return False
