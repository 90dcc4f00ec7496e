"""Where a thing is written and what is wrong with it: the two values every stage reports with.

Kept apart from the model so that the lowest layers (reading YAML safely, the field
kinds) can report problems without importing the records they are read into.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a data file, as a curator would look for it in an editor."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with the data; validation collects all of them, not the first."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"
