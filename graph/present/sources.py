"""The answer of `sources`: the bibliography as text, markdown, CSV, JSON and CSL-JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..inert import markdown as md
from ..network.wording import wrap
from ..outputs.csl import csl_item
from . import Answer, to_json

if TYPE_CHECKING:
    from ..dataset.model import Dataset


_TITLE = "\x00title\x00"  # where the title goes: no value of a map holds a NUL


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
        """For a report or a pull-request comment: every value escaped (`inert.markdown`), so a
        source's fields cannot mention people, link, embed an image or hide the rest."""
        lines = []
        for s in sources:
            title = f"*{md(s.title)}*" if s.title else f"untitled ({md(s.file)})"
            entry = md(bibliography_entry(s, _TITLE)).replace(md(_TITLE), title)
            lines.append(f"- **{md(s.id)}**: {entry}")
        return "\n".join(lines) + "\n" if lines else "No sources yet.\n"

    def csl() -> str:
        return to_json([csl_item(s, data) for s in sources])

    return Answer(
        text,
        lambda: [source_record(s) for s in sources],
        lambda: (SOURCE_FIELDS, [source_row(s) for s in sources]),
        {"markdown": markdown, "csl-json": csl},
    )
