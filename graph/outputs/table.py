"""CSV: one row per relation, and the one CSV writer every command uses.

Cells hold the relation row (`network.records.relation_row`): ids and names
side by side, quotes one per line in the `quotes` cell, each with its own
citation. Booleans are written `true`/`false` everywhere, and an empty value
is an empty cell.

Names and quotes come from curators and source texts, and analysts open CSV in
spreadsheets, which run a cell starting with =, +, -, @, a tab or a carriage
return as a formula. Such cells are prefixed with an apostrophe (OWASP's advice
on CSV injection) unless the caller asks for the raw text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from ..network.records import RELATION_COLUMNS, relation_row, relations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export(g: nx.MultiDiGraph, *, raw: bool = False) -> str:
    return csv_text([relation_row(rel) for rel in relations(g)], RELATION_COLUMNS, raw=raw)


def csv_text(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], *, raw: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c), raw) for c in columns])
    return out.getvalue()


def _cell(value: Any, raw: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if not raw and isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text  # a spreadsheet shows it as text instead of running it
    return text
