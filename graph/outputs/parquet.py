"""The map as Parquet tables, for analytical engines: DuckDB, pandas, Polars, Spark.

Four files in one folder: `actors`, `relations`, `evidence` (one row per quote, with where it
sits in its source's text) and `sources`. Every row has a stable id (the map's own ids; a
relation's is `source/type/target`, a quote's `relation@doc:offset`), and every column one type:
lists stay lists, flags booleans, offsets integers, and dates both as written (a year, a month or
a day) and as the first and last day they cover, so a query can compare them. The same data
gives the same bytes (with the same pyarrow).
"""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..dataset.model import period_days
from ..network.records import Quote, Relation, actor, dataset, evidence_rows, relation_record, relations, source_record

if TYPE_CHECKING:
    import pyarrow as pa


def files(g: nx.MultiDiGraph) -> dict[str, str | bytes]:
    return {f"{name}.parquet": _bytes(table) for name, table in tables(g).items()}


def tables(g: nx.MultiDiGraph) -> dict[str, pa.Table]:
    """The four tables, as Arrow tables with their schemas."""
    import pyarrow as pa

    text, flag, whole, day = pa.string(), pa.bool_(), pa.int64(), pa.date32()
    texts = pa.list_(text)
    span = pa.struct([("start", whole), ("end", whole)])
    schemas = {
        "actors": [("id", text), ("name", text), ("kind", text), ("kind_label", text), ("aliases", texts),
                   ("description", text), ("region", text), ("founded", text), ("dissolved", text),
                   ("founded_from", day), ("dissolved_to", day), ("relations", pa.int32())],
        "relations": [("id", text), ("source", text), ("target", text), ("type", text), ("label", text),
                      ("directed", flag), ("sign", pa.int8()), ("confidence", text), ("attributed_to", text),
                      ("claimants", texts), ("since", text), ("until", text), ("since_from", day),
                      ("until_to", day), ("contested", flag), ("opposed_by", texts), ("sources", texts),
                      ("quote_count", pa.int32()), ("note", text), ("sentence", text)],
        "evidence": [("id", text), ("relation", text), ("position", pa.int32()), ("source", text),
                     ("target", text), ("type", text), ("doc", text), ("quote", text), ("confidence", text),
                     ("attributed_to", text), ("stance", text), ("note", text), ("start", whole), ("end", whole),
                     ("spans", pa.list_(span)), ("line", pa.int32())],
        "sources": [("id", text), ("file", text), ("kind", text), ("title", text), ("author", text),
                    ("outlet", text), ("url", text), ("published", text), ("published_from", day),
                    ("accessed", text), ("accessed_from", day), ("licence", text), ("language", text),
                    ("about", text), ("written", text), ("characters", whole)],
    }  # fmt: skip
    rows = {"actors": _actors(g), "relations": _relations(g), "evidence": _evidence(g), "sources": _sources(g)}
    out = {}
    for name, columns in schemas.items():
        schema = pa.schema([pa.field(column, kind, nullable=column != "id") for column, kind in columns])
        out[name] = pa.Table.from_pylist(rows[name], schema=schema)
    return out


def _actors(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    kinds = dataset(g).actor_kinds
    out = []
    for node in g.nodes:
        a = actor(g, node)
        kind = kinds.get(a.kind)
        out.append(
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "kind_label": kind.label if kind else a.kind,
                "aliases": list(a.aliases),
                "description": a.description,
                "region": a.region,
                "founded": a.founded,
                "dissolved": a.dissolved,
                "founded_from": _first(a.founded),
                "dissolved_to": _last(a.dissolved),
                "relations": g.degree(node),
            }
        )
    return out


def _relations(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    out = []
    for rel in relations(g):
        record = relation_record(rel)
        record.update(
            claimants=list(rel.claimants),
            since_from=_first(rel.since),
            until_to=_last(rel.until),
            quote_count=len(rel.quotes),
        )
        out.append(record)
    return out


def _evidence(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    out = []
    for rel in relations(g):
        for position, (row, q) in enumerate(zip(evidence_rows(rel), rel.quotes, strict=True)):
            out.append(
                {
                    **row,
                    "id": quote_id(rel, q, position),
                    "position": position,
                    "start": q.spans[0][0] if q.spans else None,
                    "end": q.spans[-1][1] if q.spans else None,
                    "spans": [{"start": s, "end": e} for s, e in q.spans],
                    "line": q.location.line,  # in the edges file
                }
            )
    return out


def quote_id(rel: Relation, q: Quote, position: int) -> str:
    """A quote's stable id: its relation, its source and where its words begin there (a quote
    `check` has not located, on unchecked data, falls back to its place in the relation)."""
    return f"{rel.id}@{q.doc}:{q.spans[0][0] if q.spans else position}"


def _sources(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    return [
        {
            **source_record(s),
            "published_from": _day(s.published),
            "accessed_from": _day(s.accessed),
            "characters": len(s.text),
        }
        for s in dataset(g).sources.values()
    ]


def _first(period: str | None) -> date | None:
    return period_days(period)[0] if period else None


def _last(period: str | None) -> date | None:
    return period_days(period)[1] if period else None


def _day(value: str | None) -> date | None:
    """A source's date (a year, a month or a day) as the first day it covers."""
    if not value:
        return None
    year, month, day = ([int(p) for p in value.split("-")] + [1, 1])[:3]
    return date(year, month, day)


def _bytes(table: pa.Table) -> bytes:
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()
