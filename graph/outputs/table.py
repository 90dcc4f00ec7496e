"""CSV: one row per relation, and the one CSV writer every command uses.

Cells hold the relation row (`network.records.relation_row`): ids and names
side by side, quotes one per line in the `quotes` cell, each with its own
citation. Booleans are written `true`/`false` everywhere, and an empty value
is an empty cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from ..network.records import RELATION_COLUMNS, relation_row, relations


def export(g: nx.MultiDiGraph) -> str:
    return csv_text([relation_row(rel) for rel in relations(g)], RELATION_COLUMNS)


def csv_text(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
