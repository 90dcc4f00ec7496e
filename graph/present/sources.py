"""The answer of `sources`: the bibliography as text, markdown, CSV, JSON and CSL-JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..network.wording import wrap
from ..outputs.csl import csl_item
from . import Answer, to_json

if TYPE_CHECKING:
    from ..dataset.model import Dataset


def sources_answer(data: Dataset) -> Answer:
    """The bibliography of a map: every source as people cite it, and as reference managers read it."""
    from ..network.records import SOURCE_FIELDS, bibliography_entry, source_record, source_row

    sources = list(data.sources.values())

    def text() -> str:
        lines: list[str] = []
        for s in sources:
            lines += wrap(f"{s.id}: {bibliography_entry(s)}", "", "    ")
        return "\n".join(lines) + "\n" if lines else "No sources yet (add one with `actorgraph add-source`).\n"

    def markdown() -> str:
        lines = [
            f"- **{s.id}**: {bibliography_entry(s, f'*{s.title}*' if s.title else f'untitled (`{s.file}`)')}"
            for s in sources
        ]
        return "\n".join(lines) + "\n" if lines else "No sources yet.\n"

    def csl() -> str:
        return to_json([csl_item(s, data) for s in sources])

    return Answer(
        text,
        lambda: [source_record(s) for s in sources],
        lambda: (SOURCE_FIELDS, [source_row(s) for s in sources]),
        {"markdown": markdown, "csl-json": csl},
    )
