"""The map as CSV files for Neo4j's bulk import (`neo4j-admin database import full`).

Nodes: actors (labelled `Actor` and their kind, e.g. `MilitantGroup`), claims (one per relation,
labelled `Claim`), quotes (`Quote`) and sources (`Source`). Relationships: each relation once more
as a typed edge between its actors (`RIVAL`, `ABSORBED_FIGHTERS_FROM`, ...) for traversals; each
claim to its actors (`SUBJECT`, `OBJECT`); each quote to the claim it `SUPPORTS` or `DISPUTES`,
and to the source it is `QUOTED_FROM`. A Neo4j relationship cannot be the end of another, which
is why the claim is a node: that is where quotes attach.

    neo4j-admin database import full --multiline-fields=true \\
        --nodes=actors.csv --nodes=claims.csv --nodes=quotes.csv --nodes=sources.csv \\
        --relationships=relations.csv --relationships=claim_actors.csv \\
        --relationships=quote_claims.csv --relationships=quote_sources.csv neo4j

Lists (aliases, a claim's sources) use Neo4j's default array delimiter `;`. Ids are the map's
own (a quote's as in the Parquet export), so the same data gives the same files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from ..network.records import actor, dataset, relations
from .parquet import quote_id

_FILES: dict[str, tuple[str, ...]] = {
    "actors.csv": ("id:ID(Actor)", "name", "kind", "aliases:string[]", "description", "region", "founded",
                   "dissolved", ":LABEL"),
    "claims.csv": ("id:ID(Claim)", "type", "label", "directed:boolean", "sign:int", "confidence", "attributed_to",
                   "since", "until", "contested:boolean", "sources:string[]", "note", "sentence", ":LABEL"),
    "quotes.csv": ("id:ID(Quote)", "quote", "doc", "confidence", "attributed_to", "stance", "note", "start:long",
                   "end:long", ":LABEL"),
    "sources.csv": ("id:ID(Source)", "file", "kind", "title", "author", "outlet", "url", "published", "accessed",
                    "licence", "language", ":LABEL"),
    "relations.csv": (":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "id", "directed:boolean", "sign:int",
                      "confidence", "contested:boolean"),
    "claim_actors.csv": (":START_ID(Claim)", ":END_ID(Actor)", ":TYPE"),
    "quote_claims.csv": (":START_ID(Quote)", ":END_ID(Claim)", ":TYPE"),
    "quote_sources.csv": (":START_ID(Quote)", ":END_ID(Source)", ":TYPE"),
}  # fmt: skip


def files(g: nx.MultiDiGraph) -> dict[str, str | bytes]:
    rows: dict[str, list[Sequence[Any]]] = {name: [] for name in _FILES}
    for node in g.nodes:
        a = actor(g, node)
        labels = ["Actor", *([_camel(a.kind)] if a.kind else [])]
        rows["actors.csv"].append(
            (a.id, a.name, a.kind, _list(a.aliases), a.description, a.region, a.founded, a.dissolved, _list(labels))
        )
    for rel in relations(g):
        level = rel.confidence.id if rel.confidence else None
        rows["claims.csv"].append(
            (rel.id, rel.key, rel.label, rel.directed, rel.sign, level, rel.attributed_to, rel.since, rel.until,
             rel.contested, _list(rel.sources), rel.note, rel.sentence, "Claim")
        )  # fmt: skip
        typed = rel.key.upper().replace("-", "_")
        rows["relations.csv"].append((rel.source.id, rel.target.id, typed, rel.id, rel.directed, rel.sign, level,
                                      rel.contested))  # fmt: skip
        rows["claim_actors.csv"] += [(rel.id, rel.source.id, "SUBJECT"), (rel.id, rel.target.id, "OBJECT")]
        for position, q in enumerate(rel.quotes):
            qid = quote_id(rel, q, position)
            start, end = (q.spans[0][0], q.spans[-1][1]) if q.spans else (None, None)
            rows["quotes.csv"].append(
                (qid, q.text, q.doc, q.confidence.id if q.confidence else None, q.attributed_to, q.stance, q.note,
                 start, end, "Quote")
            )  # fmt: skip
            rows["quote_claims.csv"].append((qid, rel.id, "DISPUTES" if q.disputes else "SUPPORTS"))
            rows["quote_sources.csv"].append((qid, q.doc, "QUOTED_FROM"))
    for s in dataset(g).sources.values():
        rows["sources.csv"].append(
            (s.id, s.file, s.kind, s.title, s.author, s.outlet, s.url, s.published, s.accessed, s.licence,
             s.language, "Source")
        )  # fmt: skip
    return {name: _csv(header, rows[name]) for name, header in _FILES.items()}


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()


def _cell(value: Any) -> str:
    """None as an empty field (no property), booleans as Neo4j writes them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _list(items: Iterable[str]) -> str | None:
    return ";".join(items) or None


def _camel(kind: str) -> str:
    """A kind as a Neo4j label: militant_group -> MilitantGroup."""
    return "".join(part.capitalize() for part in kind.replace("-", "_").split("_"))
