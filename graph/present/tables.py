"""The answers of `list`: actors, relations and quotes as aligned tables, records and CSV rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..network.records import Relation, actor_record, relation_record
from . import Answer, table_text

if TYPE_CHECKING:
    import networkx as nx

# What the text tables show; JSON and CSV carry every field.
ACTOR_TEXT = (("id", "id"), ("name", "name"), ("kind", "kind"), ("relations", "relations"), ("aliases", "aliases"))
RELATION_TEXT = (
    ("source_name", "source"),
    ("label", "relation"),
    ("target_name", "target"),
    ("qualifiers", "qualifiers"),
    ("quote_count", "quotes"),
)
EVIDENCE_TEXT = (("source_name", "source"), ("label", "relation"), ("target_name", "target"), ("line", "quote"))


def actors_answer(g: nx.MultiDiGraph, nodes: Sequence[str]) -> Answer:
    from ..network.records import ACTOR_COLUMNS, actor, actor_row

    rows = [actor_row(g, n) for n in nodes]
    records = [actor_record(actor(g, n)) for n in nodes]
    return Answer(
        lambda: table_text(rows, ACTOR_TEXT, "No actors match."), lambda: records, lambda: (ACTOR_COLUMNS, rows)
    )


def relations_answer(rels: Sequence[Relation]) -> Answer:
    """Relations as a table to read (each with every qualifier its sentence has), as records, as CSV."""
    from ..network.records import RELATION_COLUMNS, relation_row

    rows = [relation_row(r) for r in rels]
    shown = [{**row, "qualifiers": ", ".join(w for _, w in r.qualifiers)} for row, r in zip(rows, rels, strict=True)]
    return Answer(
        lambda: table_text(shown, RELATION_TEXT, "No relations match."),
        lambda: [relation_record(r) for r in rels],
        lambda: (RELATION_COLUMNS, rows),
    )


def evidence_answer(rels: Sequence[Relation]) -> Answer:
    """Quotes, one row each: to read with their citation (source, speaker, hedge, stance)."""
    from ..network.records import EVIDENCE_COLUMNS, evidence_rows

    pairs = [(row, q) for r in rels for row, q in zip(evidence_rows(r), r.quotes, strict=True)]
    rows = [row for row, _ in pairs]
    shown = [{**row, "line": q.line} for row, q in pairs]
    return Answer(
        lambda: table_text(shown, EVIDENCE_TEXT, "No quotes match.", "line"),
        lambda: rows,
        lambda: (EVIDENCE_COLUMNS, rows),
    )
