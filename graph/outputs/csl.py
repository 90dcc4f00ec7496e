"""A source as a CSL-JSON item: the bibliography format Zotero, pandoc and citeproc read.

Each source kind names the CSL item type its sources become (`csl:` in sources.yaml)."""

from __future__ import annotations

from typing import Any

from ..dataset.model import Dataset, Source


def csl_item(s: Source, data: Dataset) -> dict[str, Any]:
    """A source as a CSL-JSON item (Zotero, pandoc, citeproc)."""

    def date(value: str) -> dict[str, Any]:
        return {"date-parts": [[int(p) for p in value.split("-")]]}

    kind = data.source_kinds.get(s.kind)
    item: dict[str, Any] = {"id": s.id, "type": kind.csl if kind else "document"}
    item.update({k: v for k, v in (("title", s.title), ("container-title", s.outlet), ("URL", s.url)) if v})
    if s.author:
        item["author"] = [{"literal": s.author}]
    if s.published:
        item["issued"] = date(s.published)
    if s.accessed:
        item["accessed"] = date(s.accessed)
    if s.language:
        item["language"] = s.language
    if s.licence:
        item["license"] = s.licence
    return item
