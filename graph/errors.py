"""Every error a user, not a programmer, must act on: one hierarchy, one exit code each.

The library raises these and never prints or exits; the CLI turns them into a
message and an exit status in one place (`cli._Group.invoke`), and a notebook
gets them as ordinary exceptions. Anything else escaping is a bug in actorgraph.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dataset.problems import Problem


class ActorgraphError(Exception):
    """Base of actorgraph's own errors; `exit_code` is what the command line exits with."""

    exit_code = 1


class DataError(ActorgraphError):
    """The data has problems. `problems` holds every one of them, sorted by file and line,
    so a curator fixes them all in one pass instead of one per run."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=_problem_order)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the data"
        super().__init__("\n".join([head, *(str(p) for p in self.problems)]))


def _problem_order(p: Problem) -> tuple[str, int, int, str]:
    loc = p.location
    return (loc.file, loc.line or 0, loc.column or 0, p.message)


class UsageError(ActorgraphError):
    """The request names something that is not there (an unknown actor, type or revision)."""

    exit_code = 2


class ReadError(ActorgraphError):
    """A file the user named could not be read; says which, and why."""


class WriteError(ActorgraphError):
    """An output could not be written; says which, and why, in the user's terms."""
