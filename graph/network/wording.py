"""How relations read in an 80-column terminal: a quote with its citation, a relation's quotes,
the other side of a contest. Shared by every answer that prints relations (routes, cards,
analysis, contests, diffs), so each is written one way; the sentence and the citation line
themselves are the record's own (`records`)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import networkx as nx

from .records import Quote, Relation, find

WIDTH = 80


def wrap(text: str, first: str, rest: str, *, hyphens: bool = True) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=hyphens)


def quote_lines(q: Quote, indent: int) -> list[str]:
    pad = " " * indent
    lines = wrap(f"“{q.text}”", pad, pad + " ", hyphens=False) + wrap(q.citation, pad + "  ", pad + "    ")
    return lines + (wrap(f"Note: {q.note}", pad + "  ", pad + "    ") if q.note else [])


def evidence_lines(
    rel: Relation, indent: int, *, quotes: Iterable[Quote] | None = None, note: bool = True
) -> list[str]:
    """The quotes under a relation, each with its citation, then the curator's note."""
    lines = [line for q in (rel.quotes if quotes is None else quotes) for line in quote_lines(q, indent)]
    if note and rel.note:
        pad = " " * indent
        lines += wrap(f"Note: {rel.note}", pad, pad + "  ")
    return lines


def opposing(g: nx.MultiDiGraph, rel: Relation) -> list[Relation]:
    return [r for r in (find(g, i) for i in rel.opposed_by) if r is not None]


def contest_lines(g: nx.MultiDiGraph, rel: Relation, indent: int) -> list[str]:
    """Under a contested relation: the other side of the disagreement, so neither is read alone."""
    if not rel.contested:
        return []
    pad = " " * indent
    lines = []
    for other in opposing(g, rel):
        lines += wrap(f"Contested by: {other.sentence}", pad, pad + "  ")
        lines += evidence_lines(other, indent + 2, note=False)
    if rel.disputing:
        lines += wrap("Contested: a source disputes it (the quotes marked “disputes it” above).", pad, pad + "  ")
    return lines
