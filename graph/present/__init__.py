"""How answers read: text for an 80-column terminal, and the JSON and CSV forms beside it.

Each command's result becomes an `Answer` that can be printed in the formats it
offers; the CLI picks one with `--format` and prints it through one helper.
Relations are always written through their record (`network.records`) and its
wording (`network.wording`): the sentence, the citation line and the JSON
object are never spelled out here. One module per kind of answer: `paths`
(path and show), `tables` (list), `analysis`, `contests`, `sources`,
`coverage`, `diff`.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..network.wording import WIDTH

Columns = Sequence[tuple[str, str]]  # (row key, column heading)


@dataclass(frozen=True)
class Answer:
    """A result in every form a command offers: text always; JSON and a table where they make sense."""

    text: Callable[[], str]
    data: Callable[[], Any] | None = None
    table: Callable[[], tuple[Sequence[str], Sequence[Mapping[str, Any]]]] | None = None
    other: Mapping[str, Callable[[], str]] = field(default_factory=dict)  # markdown, csl-json, ...

    @property
    def formats(self) -> tuple[str, ...]:
        return ("text",) + (("json",) if self.data else ()) + (("csv",) if self.table else ()) + tuple(self.other)

    def render(self, fmt: str) -> str:
        if fmt in self.other:
            return self.other[fmt]()
        if fmt == "json" and self.data is not None:
            return to_json(self.data())
        if fmt == "csv" and self.table is not None:
            from ..outputs.table import csv_text

            columns, rows = self.table()
            return csv_text(rows, columns)
        if fmt == "text":
            return self.text()
        raise ValueError(f"this answer has no {fmt} form")  # the CLI offers only what it has


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


LONG_WORD = 14  # characters: a longer word may be cut to fit a table's column


def table_text(rows: Sequence[Mapping[str, Any]], columns: Columns, empty: str, keep: str | None = None) -> str:
    """An aligned table fitted to 80 columns: the widest columns give way first, and cells
    that no longer fit wrap onto more lines rather than losing words. The `keep` column (a
    quote) holds on to up to half the width while the others give way."""
    if not rows:
        return empty + "\n"
    gap = 2
    cells = [[_cell(r.get(key)) for key, _ in columns] for r in rows]
    heads = [head for _, head in columns]
    widths = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(heads)]
    # A column gives way no further than its longest word (up to LONG_WORD): "Coordination" is
    # not cut into "Coordinatio" and "n", though a long table may then run past WIDTH.
    words = [max((len(word) for row in cells for word in row[i].split()), default=0) for i in range(len(heads))]
    floors = [
        min(w, WIDTH // 2) if key == keep else min(w, max(8, min(longest, LONG_WORD)))
        for w, longest, (key, _) in zip(widths, words, columns, strict=True)
    ]
    while sum(widths) + gap * (len(widths) - 1) > WIDTH:
        shrinkable = [i for i in range(len(widths)) if widths[i] > floors[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    lines = []
    rule = ["-" * w for w in widths]
    for row in [heads, rule, *cells]:
        wrapped = [textwrap.wrap(v, w, break_on_hyphens=True) or [""] for v, w in zip(row, widths, strict=True)]
        for k in range(max(len(cell) for cell in wrapped)):
            parts = [(cell[k] if k < len(cell) else "").ljust(w) for cell, w in zip(wrapped, widths, strict=True)]
            lines.append((" " * gap).join(parts).rstrip())
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
