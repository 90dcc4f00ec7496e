"""How answers read: text for an 80-column terminal, and the JSON and CSV forms beside it.

Each command's result becomes an `Answer` that can be printed in the formats it
offers; the CLI picks one with `--format` and prints it through one helper.
Relations are always written through their record (`network.records`): the
sentence, the citation line and the JSON object are never spelled out here.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .network.records import Quote, Relation, actor_record, relation_record

if TYPE_CHECKING:  # only for annotations: a path query should not pay to import diff or coverage
    import networkx as nx

    from .curation.coverage import Coverage
    from .curation.diff import DataDiff, EdgeChange, Version
    from .dataset.model import Dataset, Edge, Evidence, Source
    from .network.analyze import Analysis, Centrality, SharedEnemy
    from .network.claims import Contest, EvidenceFilter
    from .network.query import Card, Filters, Hop, Route

WIDTH = 80

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
            from .outputs.table import csv_text

            columns, rows = self.table()
            return csv_text(rows, columns)
        if fmt == "text":
            return self.text()
        raise ValueError(f"this answer has no {fmt} form")  # the CLI offers only what it has


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _wrap(text: str, first: str, rest: str, *, hyphens: bool = True) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=hyphens)


def quote_lines(q: Quote, indent: int) -> list[str]:
    pad = " " * indent
    lines = _wrap(f"“{q.text}”", pad, pad + " ", hyphens=False) + _wrap(q.citation, pad + "  ", pad + "    ")
    return lines + (_wrap(f"Note: {q.note}", pad + "  ", pad + "    ") if q.note else [])


def evidence_lines(
    rel: Relation, indent: int, *, quotes: Iterable[Quote] | None = None, note: bool = True
) -> list[str]:
    """The quotes under a relation, each with its citation, then the curator's note."""
    lines = [line for q in (rel.quotes if quotes is None else quotes) for line in quote_lines(q, indent)]
    if note and rel.note:
        pad = " " * indent
        lines += _wrap(f"Note: {rel.note}", pad, pad + "  ")
    return lines


def hop_json(g: nx.MultiDiGraph, hop: Hop) -> dict[str, Any]:
    """A relation crossed by a walk: the walk's ends and direction around the relation's record,
    and, when the sources disagree about it, the records of the claims it conflicts with."""
    return {
        "from": hop.walk_from,
        "to": hop.walk_to,
        "direction": hop.direction,
        "relation": relation_record(hop.relation),
        "contested_by": [relation_record(r) for r in _opposing(g, hop.relation)],
    }


def _opposing(g: nx.MultiDiGraph, rel: Relation) -> list[Relation]:
    from .network.records import find

    return [r for r in (find(g, i) for i in rel.opposed_by) if r is not None]


def contest_lines(g: nx.MultiDiGraph, rel: Relation, indent: int) -> list[str]:
    """Under a contested relation: the other side of the disagreement, so neither is read alone."""
    if not rel.contested:
        return []
    pad = " " * indent
    lines = []
    for other in _opposing(g, rel):
        lines += _wrap(f"Contested by: {other.sentence}", pad, pad + "  ")
        lines += evidence_lines(other, indent + 2, note=False)
    if rel.disputing:
        lines += _wrap("Contested: a source disputes it (the quotes marked “disputes it” above).", pad, pad + "  ")
    return lines


# --- path --------------------------------------------------------------------------------------


def route_text(route: Route, title: str = "", g: nx.MultiDiGraph | None = None) -> str:
    hops = len(route.steps)
    ways = 1
    for step in route.steps:
        ways *= len(step.relations)
    head = " → ".join(a.name for a in route.nodes)
    count = f"{hops} hop{'s' if hops != 1 else ''}" + (f", {ways} ways through" if ways > 1 else "")
    lines = _wrap(f"{title}{head}  ({count})", "", "    ")
    for n, step in enumerate(route.steps, start=1):
        for j, hop in enumerate(step.relations):
            lines += _wrap(hop.relation.sentence, f"{n:>3}. " if j == 0 else "  or ", "       ")
            lines += evidence_lines(hop.relation, indent=7)
            if g is not None:
                lines += contest_lines(g, hop.relation, indent=7)
    return "\n".join(lines)


def routes_answer(g: nx.MultiDiGraph, routes: Sequence[Route]) -> Answer:
    def text() -> str:
        many = len(routes) > 1
        blocks = [route_text(r, f"Path {i} of {len(routes)}: " if many else "", g) for i, r in enumerate(routes, 1)]
        return "\n\n".join(blocks) + "\n"

    def data() -> list[list[dict[str, Any]]]:
        return [[hop_json(g, h) for h in edge_path] for route in routes for edge_path in route.edge_paths()]

    return Answer(text, data)


def no_path_text(
    g: nx.MultiDiGraph, source: str, target: str, filters: Filters, evidence: EvidenceFilter, within: int | None
) -> str:
    """Why there is no path, in one sentence: the filters that were on, and an actor that did not
    exist in the year asked for."""
    from .network.query import exists
    from .network.records import actor

    a, b = actor(g, source), actor(g, target)
    how = ", ".join(part for part in (filters.describe(), evidence.describe()) if part)
    text = (
        f"no path from {a.name} to {b.name}" + (f" within {within} hops" if within else "") + (f" {how}" if how else "")
    )
    if filters.as_of is not None:
        for end in (a, b):
            if not exists(end, filters.as_of):
                life = f"founded {end.founded}" if end.founded and not end.dissolved else ""
                if end.dissolved:
                    life = f"{end.founded or '?'} to {end.dissolved}"
                text += f" ({end.name} did not exist in {filters.as_of}: {life})"
    return text


# --- show --------------------------------------------------------------------------------------


def card_answer(g: nx.MultiDiGraph, c: Card) -> Answer:
    from .network.records import dataset, kind_label

    data = dataset(g)

    def text() -> str:
        a = c.actor
        lines = [f"{a.name}  ({kind_label(data, a.kind)}; id: {a.id})"]
        if a.aliases:
            lines += _wrap("Also: " + ", ".join(a.aliases), "", "      ")
        for value, label in ((a.region, "Region"), (a.founded, "Founded")):
            if value:
                lines.append(f"{label}: {value}")
        if a.description:
            lines += ["", *textwrap.wrap(a.description, WIDTH)]
        lines += ["", f"{c.count} relation{'s' if c.count != 1 else ''}"]
        for rtype, hops in c.relations.items():
            lines += ["", f"{rtype} ({len(hops)})"]
            lines += _wrap(data.relation_types[rtype].definition, "  ", "  ")
            for hop in hops:
                lines += _wrap(hop.relation.sentence, "  - ", "    ")
                lines += evidence_lines(hop.relation, indent=6)
                lines += contest_lines(g, hop.relation, indent=6)
        return "\n".join(lines) + "\n"

    def as_json() -> dict[str, Any]:
        return {
            "actor": actor_record(c.actor),
            "relations": [hop_json(g, h) for hops in c.relations.values() for h in hops],
        }

    return Answer(text, as_json)


# --- tables ------------------------------------------------------------------------------------


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
    floors = [min(w, WIDTH // 2) if key == keep else min(w, 8) for w, (key, _) in zip(widths, columns, strict=True)]
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
    from .network.records import ACTOR_COLUMNS, actor, actor_row

    rows = [actor_row(g, n) for n in nodes]
    records = [actor_record(actor(g, n)) for n in nodes]
    return Answer(
        lambda: table_text(rows, ACTOR_TEXT, "No actors match."), lambda: records, lambda: (ACTOR_COLUMNS, rows)
    )


def relations_answer(rels: Sequence[Relation]) -> Answer:
    """Relations as a table to read (each with every qualifier its sentence has), as records, as CSV."""
    from .network.records import RELATION_COLUMNS, relation_row

    rows = [relation_row(r) for r in rels]
    shown = [{**row, "qualifiers": ", ".join(w for _, w in r.qualifiers)} for row, r in zip(rows, rels, strict=True)]
    return Answer(
        lambda: table_text(shown, RELATION_TEXT, "No relations match."),
        lambda: [relation_record(r) for r in rels],
        lambda: (RELATION_COLUMNS, rows),
    )


def evidence_answer(rels: Sequence[Relation]) -> Answer:
    """Quotes, one row each: to read with their citation (source, speaker, hedge, stance)."""
    from .network.records import EVIDENCE_COLUMNS, evidence_rows

    pairs = [(row, q) for r in rels for row, q in zip(evidence_rows(r), r.quotes, strict=True)]
    rows = [row for row, _ in pairs]
    shown = [{**row, "line": q.line} for row, q in pairs]
    return Answer(
        lambda: table_text(shown, EVIDENCE_TEXT, "No quotes match.", "line"),
        lambda: rows,
        lambda: (EVIDENCE_COLUMNS, rows),
    )


# --- analyze -----------------------------------------------------------------------------------


def _centrality_rows(g: nx.MultiDiGraph, rows: Iterable[Centrality]) -> list[dict[str, Any]]:
    from .network.records import actor

    return [
        {
            "id": r.actor,
            "name": actor(g, r.actor).name,
            "relations": r.relations,
            "degree": round(r.degree, 4),
            "betweenness": round(r.betweenness, 4),
        }
        for r in rows
    ]


SHARED_ENEMY_COLUMNS = (
    "a", "a_name", "b", "b_name", "shared_enemies", "already_cooperative", "rests_on_stated_claims",
)  # fmt: skip


WEAK = "*"  # placed by hedged or attributed claims only
MOVED = "†"  # the authors' own stated claims alone would place it on the other side


def analysis_answer(g: nx.MultiDiGraph, result: Analysis, limit: int, evidence: EvidenceFilter) -> Answer:
    from .network.records import actor

    def name(node: str) -> str:
        return actor(g, node).name

    def marked(node: str) -> str:
        return name(node) + (WEAK if node in result.weak else MOVED if node in result.moved else "")

    cent, split, enemies = result.centrality, result.camps, result.shared_enemies
    strict = evidence.no_hedged and evidence.no_attributed

    def text() -> str:
        out = []
        if evidence.active:
            out += [*_wrap(f"Using the evidence {evidence.describe()}.", "", ""), ""]
        out += ["Centrality (who brokers between others: high betweenness)", ""]
        columns = (("name", "actor"), ("relations", "relations"), ("degree", "degree"), ("betweenness", "betweenness"))
        out.append(table_text(_centrality_rows(g, cent[:limit]), columns, "No actors.").rstrip())
        if len(cent) > limit:
            out.append(f"... and {len(cent) - limit} more (--limit, or --format json for all)")
        out += ["", "Camps suggested by structural balance", ""]
        for i, members in enumerate(split.camps, start=1):
            out += _wrap(f"Camp {i} ({len(members)}): " + ", ".join(marked(n) for n in members), "", "    ")
        shown = {n for c in split.camps for n in c}
        if not strict and shown & result.weak:
            out += _wrap(
                f"{WEAK} placed by hedged or attributed claims only: the authors' own plainly stated claims "
                "give it no camp (run with --no-hedged --no-attributed for that picture).",
                "  ",
                "    ",
            )
            if split.focus in result.weak:  # one actor asked about: show what places it
                for rel in _signed_relations(g, split.focus):
                    out += _wrap(rel.sentence, "    - ", "      ")
        if shown & result.moved:
            out += _wrap(
                f"{MOVED} the authors' own plainly stated claims alone place it on the other side.", "  ", "    "
            )
        if split.unaligned:
            out += _wrap(
                "No cooperative or hostile relation recorded: " + ", ".join(name(n) for n in split.unaligned),
                "",
                "    ",
            )
        n_break = len(split.breaking)
        whose = f" of {name(split.focus)}" if split.focus else ""
        verdict = ":" if n_break else ("." if split.focus else " (the recorded relations are balanced).")
        out += ["", f"{n_break} of {split.signed} signed relations{whose} break this split{verdict}"]
        for rel in split.breaking[:limit]:
            out += _wrap(rel.sentence, "  - ", "    ")
        if n_break > limit:
            out.append(f"  ... and {n_break - limit} more")
        if result.contested:
            out += [
                "",
                f"{result.contested} pair{'s' if result.contested != 1 else ''} of actors contested: "
                "the sources disagree (see `actorgraph contested`).",
            ]
        out += ["", "The enemy of my enemy: pairs with a common enemy, no hostile relation recorded", ""]
        if not enemies:
            out.append("None.")
        for s in enemies[:limit]:
            head = f"{name(s.a)} and {name(s.b)} share the enemy {', '.join(name(e) for e in s.enemies)}"
            if s.cooperative:
                head += " (already: " + "; ".join(rel.sentence for rel in s.cooperative) + ")"
            if (s.a, s.b) in result.weak_pairs and not strict:
                head += f" {WEAK}"
            out += _wrap(head, "* ", "  ")
            for rel in _one_tie_each(s):
                out += _wrap(rel.sentence, "  - ", "    ")
                out += evidence_lines(rel, indent=6, quotes=rel.supporting[:1], note=False)
        if not strict and any((s.a, s.b) in result.weak_pairs for s in enemies[:limit]):
            out += _wrap(f"{WEAK} shown by hedged or attributed claims only.", "  ", "    ")
        if len(enemies) > limit:
            out.append(f"... and {len(enemies) - limit} more pairs (--limit, or --format json for all)")
        return "\n".join(out) + "\n"

    def data() -> dict[str, Any]:
        return {
            "evidence": {
                "no_hedged": evidence.no_hedged,
                "no_attributed": evidence.no_attributed,
                "sources": list(evidence.sources),
            },
            "centrality": _centrality_rows(g, cent),
            "camps": [list(c) for c in split.camps],
            "placed_by_hedged_or_attributed_only": sorted(n for c in split.camps for n in c if n in result.weak),
            "placed_otherwise_by_stated_claims": sorted(n for c in split.camps for n in c if n in result.moved),
            "unaligned": list(split.unaligned),
            "signed_relations": split.signed,  # of the focus actor, when there is one
            "breaking_relations": [relation_record(r) for r in split.breaking],
            "contested_pairs": result.contested,
            "shared_enemies": [
                {
                    "a": s.a,
                    "b": s.b,
                    "enemies": list(s.enemies),
                    "rests_on_stated_claims": (s.a, s.b) not in result.weak_pairs,
                    "cooperative": [relation_record(r) for r in s.cooperative],
                    "evidence": [relation_record(r) for r in s.ties],
                }
                for s in enemies
            ],
        }

    def table() -> tuple[Sequence[str], list[dict[str, Any]]]:
        rows = [
            {
                "a": s.a,
                "a_name": name(s.a),
                "b": s.b,
                "b_name": name(s.b),
                "shared_enemies": "; ".join(s.enemies),
                "already_cooperative": "; ".join(r.id for r in s.cooperative),
                "rests_on_stated_claims": (s.a, s.b) not in result.weak_pairs,
            }
            for s in enemies
        ]
        return SHARED_ENEMY_COLUMNS, rows

    return Answer(text, data, table)


def _signed_relations(g: nx.MultiDiGraph, node: str) -> list[Relation]:
    from .network.records import relations

    return [r for r in relations(g) if r.sign and node in (r.source.id, r.target.id)]


def _one_tie_each(s: SharedEnemy) -> list[Relation]:
    """For reading: one hostile relation per actor and enemy, a plainly stated one if there is."""
    chosen: dict[tuple[str, str], Relation] = {}
    for rel in s.ties:
        for who in (s.a, s.b):
            if who in (rel.source.id, rel.target.id):
                key = (who, rel.target.id if rel.source.id == who else rel.source.id)
                if key not in chosen or (chosen[key].confidence is not None and rel.confidence is None):
                    chosen[key] = rel
    return list(chosen.values())


# --- contests ----------------------------------------------------------------------------------


def contests_text(data: Dataset, found: Sequence[Contest], *, brief: bool = False) -> str:
    """The pairs the sources disagree about: each side's sentence, with its quotes unless `brief`."""
    from .network.records import relation

    actors = {a.id: a for a in data.actors}
    n = len(found)
    lines = ["", f"{n} contested pair{'s' if n != 1 else ''} (the sources disagree; see `actorgraph contested`):"]
    if not brief:
        lines = [f"{n} contested pair{'s' if n != 1 else ''}"]
    for contest in found:
        a, b = (actors[i].name if i in actors else i for i in contest.pair)
        lines += [""] if not brief else []
        lines += _wrap(f"{a} and {b}: {contest.reason}", "* ", "  ")
        for edge in contest.edges:
            rel = relation(data, edge, actors)
            lines += _wrap(rel.sentence, "  - ", "    ")
            if not brief:
                lines += evidence_lines(rel, indent=6)
    return "\n".join(lines) + "\n"


def contests_answer(g: nx.MultiDiGraph, found: Sequence[Contest], evidence: EvidenceFilter) -> Answer:
    from .network.claims import edge_id
    from .network.records import dataset, find

    data = dataset(g)

    def as_json() -> list[dict[str, Any]]:
        out = []
        for contest in found:
            rels = [find(g, edge_id(e)) for e in contest.edges]
            out.append(
                {
                    "pair": list(contest.pair),
                    "reason": contest.reason,
                    "relations": [relation_record(r) for r in rels if r is not None],
                }
            )
        return out

    def text() -> str:
        if found:
            return contests_text(data, found)
        if evidence.active:
            return f"No contested pairs among the claims used ({evidence.describe()}).\n"
        return "No contested pairs: the sources do not disagree.\n"

    return Answer(text, as_json)


# --- sources -----------------------------------------------------------------------------------

SOURCE_COLUMNS = (
    "id", "kind", "title", "author", "outlet", "published", "url", "accessed", "licence", "language", "about",
    "file", "written",
)  # fmt: skip


def sources_answer(data: Dataset) -> Answer:
    """The bibliography of a map: every source as people cite it, and as reference managers read it."""
    from .network.records import bibliography_entry, source_record

    sources = list(data.sources.values())

    def text() -> str:
        lines: list[str] = []
        for s in sources:
            lines += _wrap(f"{s.id}: {bibliography_entry(s)}", "", "    ")
        return "\n".join(lines) + "\n" if lines else "No sources yet (add one with `actorgraph add-source`).\n"

    def markdown() -> str:
        lines = [
            f"- **{s.id}**: {bibliography_entry(s, f'*{s.title}*' if s.title else f'untitled (`{s.file}`)')}"
            for s in sources
        ]
        return "\n".join(lines) + "\n" if lines else "No sources yet.\n"

    def csl() -> str:
        return to_json([_csl(s, data) for s in sources])

    return Answer(
        text,
        lambda: [source_record(s) for s in sources],
        lambda: (SOURCE_COLUMNS, [source_record(s) for s in sources]),
        {"markdown": markdown, "csl-json": csl},
    )


def _csl(s: Source, data: Dataset) -> dict[str, Any]:
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


# --- coverage ----------------------------------------------------------------------------------


def unregistered_text(seeds_dir: Path, name: str) -> str:
    from .dataset.load import display_path

    return (
        f"{display_path(seeds_dir / name)}: no source in sources.yaml registers this text, so nothing "
        f"checks or covers it (register it with `actorgraph add-source {display_path(seeds_dir / name)}`)"
    )


def coverage_answer(report: Coverage, data: Dataset, show_all: bool, seeds_dir: Path) -> Answer:
    names = {a.id: a.name for a in data.actors}

    def counts(doc: str | None = None) -> dict[str, Any]:
        mine = [s for s in report.sentences if doc is None or s.doc == doc]
        return {
            "sentences": len(mine),
            "cited": report.count("cited", doc),
            "reviewed": report.count("reviewed", doc),
            "open": report.count("open", doc),
            "share_covered": round(report.share(doc), 4),
        }

    def line(n: dict[str, Any]) -> str:
        return (
            f"{n['sentences']} sentences name two or more actors: {n['cited']} cited, {n['reviewed']} reviewed, "
            f"{n['open']} open ({n['share_covered']:.0%} covered)"
        )

    def text() -> str:
        lines: list[str] = []
        for doc, source in data.sources.items():
            mine = [s for s in report.sentences if s.doc == doc]
            shown = mine if show_all else [s for s in mine if s.status == "open"]
            lines += _wrap(f"{doc} ({source.file}): {line(counts(doc))}", "", "    ")
            for s in shown:
                tag = "" if s.status == "open" else f"[{s.status}] "
                lines += _wrap(f"{tag}“{s.text}”", "  - ", "    ")
                subject = data.sources[s.doc].about
                named = [names[a] for a in s.actors if a != subject or s.names_subject]
                about = f" (and the text's subject, {names[subject]})" if subject and not s.names_subject else ""
                lines += _wrap("names: " + ", ".join(named) + about, "    ", "      ")
                if s.reason:
                    lines += _wrap(f"reviewed: {s.reason}", "    ", "      ")
            lines.append("")
        for name in report.unregistered:
            lines += [*_wrap(f"Not covered: {unregistered_text(seeds_dir, name)}", "", "    "), ""]
        lines += _wrap("All sources: " + line(counts()), "", "    ")
        return "\n".join(lines) + "\n"

    def as_json() -> dict[str, Any]:
        return {
            "summary": counts(),
            "sources": {doc: counts(doc) for doc in data.sources},
            "unregistered": list(report.unregistered),
            "sentences": [
                {
                    "doc": s.doc,
                    "start": s.start,
                    "end": s.end,
                    "status": s.status,
                    "actors": list(s.actors),
                    "names_subject": s.names_subject,
                    "text": s.text,
                    "reason": s.reason,
                }
                for s in report.sentences
            ],
        }

    return Answer(text, as_json)


# --- diff --------------------------------------------------------------------------------------


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    return str(value)


def _jsonable(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _changes(changes: Mapping[str, tuple[Any, Any]]) -> dict[str, Any]:
    return {k: {"old": _jsonable(o), "new": _jsonable(n)} for k, (o, n) in changes.items()}


def _rel(version: Version, edge: Edge) -> Relation:
    """The record of an edge as that version of the data has it (which may fail `check`)."""
    from .network.records import relation

    return relation(version.data, edge, version.actors)


def _matching(rel: Relation, chosen: Iterable[Evidence]) -> list[Quote]:
    """The quotes of a relation's record that are the given pieces of evidence."""
    wanted = {(ev.doc, ev.quote) for ev in chosen}
    return [q for q in rel.quotes if (q.doc, q.text) in wanted]


def diff_answer(d: DataDiff, markdown: bool = False) -> Answer:
    from .network.claims import contest_record
    from .network.records import quote_record

    def change(c: EdgeChange) -> dict[str, Any]:
        old, new = _rel(d.old, c.old), _rel(d.new, c.new)
        return {
            "kind": c.kind,
            "old": relation_record(old),
            "new": relation_record(new),
            "changes": _changes(c.changes),
            "quotes_added": [quote_record(q) for q in _matching(new, c.quotes_added)],
            "quotes_removed": [quote_record(q) for q in _matching(old, c.quotes_removed)],
            "quotes_changed": [
                {"old": quote_record(a), "new": quote_record(b)}
                for a, b in zip(
                    _matching(old, [a for a, _ in c.quotes_changed]),
                    _matching(new, [b for _, b in c.quotes_changed]),
                    strict=True,
                )
            ],
        }

    def data() -> dict[str, Any]:
        return {
            "old": {"version": d.old.label, "problems": d.old.problems, "refused": list(d.old.refused)},
            "new": {"version": d.new.label, "problems": d.new.problems, "refused": list(d.new.refused)},
            "actors": {
                "added": [actor_record(a) for a in d.actors_added],
                "removed": [actor_record(a) for a in d.actors_removed],
                "changed": [{"id": c.id, "changes": _changes(c.changes)} for c in d.actors_changed],
            },
            "relations": {
                "added": [relation_record(_rel(d.new, e)) for e in d.edges_added],
                "removed": [relation_record(_rel(d.old, e)) for e in d.edges_removed],
                "changed": [change(c) for c in d.edges_changed],
            },
            "contests": {
                "opened": [contest_record(c) for c in d.contests_opened],
                "settled": [contest_record(c) for c in d.contests_settled],
            },
        }

    return Answer(lambda: diff_text(d, markdown), data)


def diff_text(d: DataDiff, markdown: bool = False) -> str:
    """Text for a terminal, or markdown to paste into a pull-request comment."""
    out: list[str] = []

    def head(text: str) -> None:
        out.extend([f"### {text}", ""] if markdown else [text])

    def item(mark: str, text: str) -> None:
        if markdown:
            out.append(f"- **{ {'+': 'added', '-': 'removed', '~': 'changed'}[mark] }**: {text}")
        else:
            out.extend(_wrap(text, f"  {mark} ", "      "))

    def detail(text: str) -> None:
        if markdown:
            out.append(f"  - {text}")
        else:
            out.extend(_wrap(text, "      ", "        "))

    def quote(text: str, prefix: str = "") -> None:
        if markdown:
            out.append(f"  > {prefix}{text}")
        else:
            out.extend(_wrap(prefix + text, "      ", "        ", hyphens=False))

    title = f"Changes from {d.old.label} to {d.new.label}"
    out.extend([f"## {title}", ""] if markdown else [title, ""])
    for v in (d.old, d.new):
        if v.problems:
            out.append(
                f"Note: {v.label} has {v.problems} problem(s) under `actorgraph check`; compared as far as it loads."
            )
        out += [f"Note: not read: {entry}" for entry in v.refused]
    if d.empty:
        out.append("No actor or relation changed.")
        return "\n".join(out) + "\n"
    n_a = (len(d.actors_added), len(d.actors_removed), len(d.actors_changed))
    if any(n_a):
        head(f"Actors: {n_a[0]} added, {n_a[1]} removed, {n_a[2]} changed")
        for a in d.actors_added:
            item("+", f"{a.name} ({a.id}, {a.kind})")
        for a in d.actors_removed:
            item("-", f"{a.name} ({a.id}, {a.kind})")
        for ac in d.actors_changed:
            item("~", ac.id)
            for k, (o, n) in ac.changes.items():
                detail(f"{k}: {_show(o)} → {_show(n)}")
        out.append("")
    n_e = (len(d.edges_added), len(d.edges_removed), len(d.edges_changed))
    if any(n_e):
        head(f"Relations: {n_e[0]} added, {n_e[1]} removed, {n_e[2]} changed")
        for mark, rel in [("+", _rel(d.new, e)) for e in d.edges_added] + [
            ("-", _rel(d.old, e)) for e in d.edges_removed
        ]:
            item(mark, rel.sentence)
            for q in rel.quotes:
                quote(q.line)
        for c in d.edges_changed:
            old, new = _rel(d.old, c.old), _rel(d.new, c.new)
            item("~", f"{new.sentence} ({c.kind})")
            for k, (o, n) in c.changes.items():
                detail(f"{k}: {_show(o)} → {_show(n)}")
            for q in _matching(new, c.quotes_added):
                quote(q.line, "+ ")
            for q in _matching(old, c.quotes_removed):
                quote(q.line, "- ")
            was = {(q.doc, q.text): q for q in _matching(old, [a for a, _ in c.quotes_changed])}
            for q in _matching(new, [b for _, b in c.quotes_changed]):
                quote(f"{q.line} (was {was[q.doc, q.text].citation.removeprefix('— ')})", "~ ")
            if not (c.quotes_added or c.quotes_removed or c.quotes_changed):
                for q in new.quotes:
                    quote(q.line)
        out.append("")
    if d.contests_opened or d.contests_settled:
        head(f"Contested pairs: {len(d.contests_opened)} new, {len(d.contests_settled)} settled")
        for mark, version, found in (("+", d.new, d.contests_opened), ("-", d.old, d.contests_settled)):
            names = {actor.id: actor.name for actor in version.data.actors}
            for contest in found:
                first, second = (names.get(i, i) for i in contest.pair)
                item(mark, f"{first} and {second}: {contest.reason}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
