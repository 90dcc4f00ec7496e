"""How query results read: text for an 80-column terminal, JSON-able dicts, CSV tables.

Kept apart from the queries so that they stay plain data, and apart from the
CLI so that command functions stay one call and one print.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import networkx as nx

from .network.query import Hop

if TYPE_CHECKING:  # only for annotations: a path query should not pay to import diff or coverage
    from .curation.coverage import Coverage
    from .curation.diff import DataDiff, EdgeChange
    from .dataset.model import Dataset, Edge, Evidence
    from .network.analyze import Camps, Centrality, SharedEnemy, SignedTie
    from .network.query import Card, Route

WIDTH = 80


def name(g: nx.MultiDiGraph, node: str) -> str:
    return str(g.nodes[node]["name"])


def relation_text(g: nx.MultiDiGraph, source: str, target: str, attrs: Mapping[str, Any]) -> str:
    """A relation in its own direction: `ISIS-K —absorbed fighters from→ TTP`."""
    arrow = "→" if attrs["directed"] else "—"
    text = f"{name(g, source)} —{attrs['label']}{arrow} {name(g, target)}"
    extras = [attrs["confidence"]] if attrs.get("confidence") else []
    since, until = attrs.get("since"), attrs.get("until")
    if since and until:
        extras.append(f"{since} to {until}")
    elif since or until:
        extras.append(f"since {since}" if since else f"until {until}")
    return text + (f"  [{', '.join(extras)}]" if extras else "")


def evidence_lines(g: nx.MultiDiGraph, attrs: Mapping[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    for ev in attrs["evidence"]:
        source = g.graph["sources"][ev["doc"]]
        lines += textwrap.wrap(
            f"“{ev['quote']}”", WIDTH, initial_indent=pad, subsequent_indent=pad + " ", break_on_hyphens=False
        )
        cite = f"— {ev['doc']} ({source['file']})"
        if ev.get("attributed_to"):
            cite += f"; according to {ev['attributed_to']}"
        if ev.get("confidence"):
            cite += f"; {ev['confidence']}"
        lines += textwrap.wrap(cite, WIDTH, initial_indent=pad + "  ", subsequent_indent=pad + "    ")
    if attrs.get("note"):
        lines += textwrap.wrap(f"Note: {attrs['note']}", WIDTH, initial_indent=pad, subsequent_indent=pad + "  ")
    return lines


def hop_json(g: nx.MultiDiGraph, hop: Hop) -> dict[str, Any]:
    attrs = hop.attrs
    out: dict[str, Any] = {
        "source": hop.source,
        "target": hop.target,
        "source_name": name(g, hop.source),
        "target_name": name(g, hop.target),
        "type": hop.type,
        "label": hop.label,
        "directed": hop.directed,
        "direction": hop.direction,
        "sign": attrs["sign"],
    }
    for key in ("confidence", "attributed_to", "since", "until", "note"):
        if key in attrs:
            out[key] = attrs[key]
    out["evidence"] = list(attrs["evidence"])
    return out


# --- path --------------------------------------------------------------------------------------


def routes_text(g: nx.MultiDiGraph, routes: Sequence[Route]) -> str:
    blocks = []
    for i, route in enumerate(routes, start=1):
        hops = len(route.steps)
        ways = 1
        for step in route.steps:
            ways *= len(step.relations)
        head = " → ".join(name(g, n) for n in route.nodes)
        count = f"{hops} hop{'s' if hops != 1 else ''}" + (f", {ways} ways through" if ways > 1 else "")
        title = f"Path {i} of {len(routes)}: " if len(routes) > 1 else ""
        lines = textwrap.wrap(f"{title}{head}  ({count})", WIDTH, subsequent_indent="    ")
        for n, step in enumerate(route.steps, start=1):
            for j, hop in enumerate(step.relations):
                lead = f"{n:>3}. " if j == 0 else "  or "
                lines += textwrap.wrap(
                    relation_text(g, hop.source, hop.target, hop.attrs),
                    WIDTH,
                    initial_indent=lead,
                    subsequent_indent="       ",
                )
                lines += evidence_lines(g, hop.attrs, indent=7)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def routes_json(g: nx.MultiDiGraph, routes: Sequence[Route]) -> list[list[dict[str, Any]]]:
    return [[hop_json(g, h) for h in edge_path] for route in routes for edge_path in route.edge_paths()]


# --- show --------------------------------------------------------------------------------------


def card_text(g: nx.MultiDiGraph, c: Card) -> str:
    attrs = c.attrs
    kind = g.graph["actor_kinds"].get(attrs["kind"], {}).get("label", attrs["kind"])
    lines = [f"{attrs['name']}  ({kind}; id: {c.id})"]
    if attrs.get("aliases"):
        lines += textwrap.wrap("Also: " + ", ".join(attrs["aliases"]), WIDTH, subsequent_indent="      ")
    for key, label in (("region", "Region"), ("founded", "Founded")):
        if attrs.get(key):
            lines.append(f"{label}: {attrs[key]}")
    if attrs.get("description"):
        lines += ["", *textwrap.wrap(attrs["description"], WIDTH)]
    total = sum(len(h) for h in c.relations.values())
    lines += ["", f"{total} relation{'s' if total != 1 else ''}"]
    for rtype, hops in c.relations.items():
        definition = g.graph["relation_types"][rtype]["definition"]
        lines += ["", f"{rtype} ({len(hops)})"]
        lines += textwrap.wrap(definition, WIDTH, initial_indent="  ", subsequent_indent="  ")
        for hop in hops:
            lines += textwrap.wrap(
                relation_text(g, hop.source, hop.target, hop.attrs),
                WIDTH,
                initial_indent="  - ",
                subsequent_indent="    ",
            )
            lines += evidence_lines(g, hop.attrs, indent=6)
    return "\n".join(lines) + "\n"


def card_json(g: nx.MultiDiGraph, c: Card) -> dict[str, Any]:
    return {
        "id": c.id,
        **c.attrs,
        "relations": {t: [hop_json(g, h) for h in hops] for t, hops in c.relations.items()},
    }


# --- tables ------------------------------------------------------------------------------------


def table_text(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], empty: str) -> str:
    """An aligned table fitted to 80 columns: the widest columns give way first, and cells
    that no longer fit wrap onto more lines rather than losing words."""
    if not rows:
        return empty + "\n"
    gap = 2
    cells = [[_cell(r.get(c, "")) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    while sum(widths) + gap * (len(widths) - 1) > WIDTH:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= 8:
            break
        widths[widest] -= 1
    lines = []
    rule = ["-" * w for w in widths]
    for row in [list(columns), rule, *cells]:
        wrapped = [textwrap.wrap(v, w, break_on_hyphens=True) or [""] for v, w in zip(row, widths, strict=True)]
        for k in range(max(len(cell) for cell in wrapped)):
            parts = [(cell[k] if k < len(cell) else "").ljust(w) for cell, w in zip(wrapped, widths, strict=True)]
            lines.append((" " * gap).join(parts).rstrip())
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def table_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


# --- analyze -----------------------------------------------------------------------------------


def centrality_rows(g: nx.MultiDiGraph, rows: Iterable[Centrality]) -> list[dict[str, Any]]:
    return [
        {
            "actor": name(g, r.actor),
            "id": r.actor,
            "relations": r.relations,
            "degree": round(r.degree, 4),
            "betweenness": round(r.betweenness, 4),
        }
        for r in rows
    ]


def tie_json(g: nx.MultiDiGraph, t: SignedTie) -> dict[str, Any]:
    return hop_json(g, Hop(t.source, t.target, t.type, t.attrs, t.source, t.target))


def analysis_json(
    g: nx.MultiDiGraph, cent: Sequence[Centrality], split: Camps, enemies: Sequence[SharedEnemy]
) -> dict[str, Any]:
    return {
        "centrality": centrality_rows(g, cent),
        "camps": [list(c) for c in split.camps],
        "unaligned": list(split.unaligned),
        "signed_relations": split.signed,
        "breaking_relations": [tie_json(g, t) for t in split.breaking],
        "shared_enemies": [
            {
                "a": s.a,
                "b": s.b,
                "enemies": list(s.enemies),
                "cooperative": [tie_json(g, t) for t in s.cooperative],
                "evidence": [tie_json(g, t) for t in s.ties],
            }
            for s in enemies
        ],
    }


def analysis_text(
    g: nx.MultiDiGraph, cent: Sequence[Centrality], split: Camps, enemies: Sequence[SharedEnemy], limit: int
) -> str:
    out = ["Centrality (who brokers between others: high betweenness)", ""]
    out.append(
        table_text(
            centrality_rows(g, cent[:limit]), ("actor", "relations", "degree", "betweenness"), "No actors."
        ).rstrip()
    )
    if len(cent) > limit:
        out.append(f"... and {len(cent) - limit} more (--limit, or --format json for all)")
    out += ["", "Camps suggested by structural balance", ""]
    for i, members in enumerate(split.camps, start=1):
        out += textwrap.wrap(
            f"Camp {i} ({len(members)}): " + ", ".join(name(g, n) for n in members), WIDTH, subsequent_indent="    "
        )
    if split.unaligned:
        out += textwrap.wrap(
            "No cooperative or hostile relation: " + ", ".join(name(g, n) for n in split.unaligned),
            WIDTH,
            subsequent_indent="    ",
        )
    n_break = len(split.breaking)
    out += [
        "",
        f"{n_break} of {split.signed} signed relations break this split"
        + (":" if n_break else " (the network is balanced)."),
    ]
    for t in split.breaking[:limit]:
        out += textwrap.wrap(
            relation_text(g, t.source, t.target, t.attrs), WIDTH, initial_indent="  - ", subsequent_indent="    "
        )
    if n_break > limit:
        out.append(f"  ... and {n_break - limit} more")
    out += ["", "The enemy of my enemy: pairs that share an enemy and have no hostile relation", ""]
    if not enemies:
        out.append("None.")
    for s in enemies[:limit]:
        common = ", ".join(name(g, e) for e in s.enemies)
        head = f"{name(g, s.a)} and {name(g, s.b)} share the enemy {common}"
        if s.cooperative:
            head += (
                " (already: "
                + "; ".join(
                    t.attrs["label"] + (f", {t.attrs['confidence']}" if t.attrs.get("confidence") else "")
                    for t in s.cooperative
                )
                + ")"
            )
        out += textwrap.wrap(head, WIDTH, initial_indent="* ", subsequent_indent="  ")
        for t in _one_tie_each(s):
            out += textwrap.wrap(
                relation_text(g, t.source, t.target, t.attrs), WIDTH, initial_indent="  - ", subsequent_indent="    "
            )
            first = dict(t.attrs)
            first["evidence"] = t.attrs["evidence"][:1]
            first.pop("note", None)
            out += evidence_lines(g, first, indent=6)
    if len(enemies) > limit:
        out.append(f"... and {len(enemies) - limit} more pairs (--limit, or --format json for all)")
    return "\n".join(out) + "\n"


def _one_tie_each(s: SharedEnemy) -> list[SignedTie]:
    """For reading: one hostile relation per actor and enemy, a plainly stated one if there is."""
    chosen: dict[tuple[str, str], SignedTie] = {}
    for t in s.ties:
        for actor in (s.a, s.b):
            if actor in (t.source, t.target):
                key = (actor, t.target if t.source == actor else t.source)
                if key not in chosen or (chosen[key].attrs.get("confidence") and not t.attrs.get("confidence")):
                    chosen[key] = t
    return list(chosen.values())


def shared_enemy_rows(g: nx.MultiDiGraph, enemies: Iterable[SharedEnemy]) -> list[dict[str, Any]]:
    return [
        {
            "a": name(g, s.a),
            "b": name(g, s.b),
            "shared_enemies": "; ".join(name(g, e) for e in s.enemies),
            "already_cooperative": "; ".join(t.attrs["label"] for t in s.cooperative),
        }
        for s in enemies
    ]


# --- coverage ----------------------------------------------------------------------------------


def coverage_summary(report: Coverage) -> dict[str, Any]:
    return {
        "sentences": len(report.sentences),
        "cited": report.count("cited"),
        "reviewed": report.count("reviewed"),
        "open": report.count("open"),
        "share_covered": round(report.share, 4),
    }


def coverage_json(report: Coverage, data: Dataset) -> dict[str, Any]:
    return {
        "summary": coverage_summary(report),
        "sentences": [
            {
                "doc": s.doc,
                "file": data.sources[s.doc].file,
                "start": s.start,
                "end": s.end,
                "status": s.status,
                "actors": list(s.actors),
                "text": s.text,
                **({"reason": s.reason} if s.reason else {}),
            }
            for s in report.sentences
        ],
    }


def coverage_text(report: Coverage, data: Dataset, names: Mapping[str, str], show_all: bool) -> str:
    lines: list[str] = []
    for doc, source in data.sources.items():
        mine = [s for s in report.sentences if s.doc == doc]
        shown = mine if show_all else [s for s in mine if s.status == "open"]
        n_open = sum(1 for s in mine if s.status == "open")
        lines.append(f"{doc} ({source.file}): {n_open} open of {len(mine)}")
        for s in shown:
            tag = "" if s.status == "open" else f"[{s.status}] "
            lines += textwrap.wrap(f"{tag}“{s.text}”", WIDTH, initial_indent="  - ", subsequent_indent="    ")
            lines += textwrap.wrap(
                "names: " + ", ".join(names[a] for a in s.actors),
                WIDTH,
                initial_indent="    ",
                subsequent_indent="      ",
            )
            if s.reason:
                lines += textwrap.wrap(
                    f"reviewed: {s.reason}", WIDTH, initial_indent="    ", subsequent_indent="      "
                )
        lines.append("")
    summary = coverage_summary(report)
    lines.append(
        f"{summary['sentences']} sentences name two or more actors: {summary['cited']} cited, "
        f"{summary['reviewed']} reviewed, {summary['open']} open ({report.share:.0%} covered)"
    )
    return "\n".join(lines) + "\n"


# --- diff --------------------------------------------------------------------------------------


def _edge_line(data: Dataset, e: Edge) -> str:
    names = {a.id: a.name for a in data.actors}
    rtype = data.relation_types.get(e.type)
    label = rtype.label if rtype else e.type
    arrow = "→" if rtype is None or rtype.directed else "—"
    extras = [e.confidence] if e.confidence else []
    return f"{names.get(e.source, e.source)} —{label}{arrow} {names.get(e.target, e.target)}" + (
        f"  [{', '.join(extras)}]" if extras else ""
    )


def _quote_line(ev: Evidence) -> str:
    line = f"“{ev.quote}” — {ev.doc}"
    if ev.attributed_to:
        line += f"; according to {ev.attributed_to}"
    if ev.confidence:
        line += f"; {ev.confidence}"
    return line


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    return str(value)


def diff_json(d: DataDiff) -> dict[str, Any]:
    def edge(e: Edge) -> dict[str, Any]:
        out: dict[str, Any] = {"source": e.source, "target": e.target, "type": e.type}
        out.update({f: getattr(e, f) for f in ("confidence", "attributed_to", "since", "until") if getattr(e, f)})
        out["evidence"] = [_evidence_json(ev) for ev in e.evidence]
        return out

    def change(c: EdgeChange) -> dict[str, Any]:
        return {
            "kind": c.kind,
            "old": edge(c.old),
            "new": edge(c.new),
            "changes": {k: {"old": _jsonable(o), "new": _jsonable(n)} for k, (o, n) in c.changes.items()},
            "quotes_added": [_evidence_json(ev) for ev in c.quotes_added],
            "quotes_removed": [_evidence_json(ev) for ev in c.quotes_removed],
        }

    return {
        "old": {"version": d.old.label, "problems": d.old.problems},
        "new": {"version": d.new.label, "problems": d.new.problems},
        "actors": {
            "added": [{"id": a.id, "name": a.name, "kind": a.kind} for a in d.actors_added],
            "removed": [{"id": a.id, "name": a.name, "kind": a.kind} for a in d.actors_removed],
            "changed": [
                {
                    "id": c.id,
                    "changes": {k: {"old": _jsonable(o), "new": _jsonable(n)} for k, (o, n) in c.changes.items()},
                }
                for c in d.actors_changed
            ],
        },
        "relations": {
            "added": [edge(e) for e in d.edges_added],
            "removed": [edge(e) for e in d.edges_removed],
            "changed": [change(c) for c in d.edges_changed],
        },
    }


def _jsonable(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _evidence_json(ev: Evidence) -> dict[str, Any]:
    out = {"doc": ev.doc, "quote": ev.quote}
    out.update({f: getattr(ev, f) for f in ("attributed_to", "confidence") if getattr(ev, f)})
    return out


def diff_text(d: DataDiff, markdown: bool = False) -> str:
    """Text for a terminal, or markdown to paste into a pull-request comment."""
    out: list[str] = []

    def head(text: str) -> None:
        out.extend([f"### {text}", ""] if markdown else [text])

    def item(mark: str, text: str) -> None:
        if markdown:
            out.append(f"- **{ {'+': 'added', '-': 'removed', '~': 'changed'}[mark] }**: {text}")
        else:
            out.extend(textwrap.wrap(text, WIDTH, initial_indent=f"  {mark} ", subsequent_indent="      "))

    def detail(text: str) -> None:
        if markdown:
            out.append(f"  - {text}")
        else:
            out.extend(textwrap.wrap(text, WIDTH, initial_indent="      ", subsequent_indent="        "))

    def quote(text: str, prefix: str = "") -> None:
        if markdown:
            out.append(f"  > {prefix}{text}")
        else:
            out.extend(
                textwrap.wrap(
                    prefix + text, WIDTH, initial_indent="      ", subsequent_indent="        ", break_on_hyphens=False
                )
            )

    title = f"Changes from {d.old.label} to {d.new.label}"
    out.extend([f"## {title}", ""] if markdown else [title, ""])
    for v in (d.old, d.new):
        if v.problems:
            out.append(
                f"Note: {v.label} has {v.problems} problem(s) under `actorgraph check`; compared as far as it loads."
            )
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
        for e in d.edges_added:
            item("+", _edge_line(d.new.data, e))
            for ev in e.evidence:
                quote(_quote_line(ev))
        for e in d.edges_removed:
            item("-", _edge_line(d.old.data, e))
            for ev in e.evidence:
                quote(_quote_line(ev))
        for c in d.edges_changed:
            item("~", f"{_edge_line(d.new.data, c.new)} ({c.kind})")
            for k, (o, n) in c.changes.items():
                detail(f"{k}: {_show(o)} → {_show(n)}")
            for ev in c.quotes_added:
                quote(_quote_line(ev), "+ ")
            for ev in c.quotes_removed:
                quote(_quote_line(ev), "- ")
            if not (c.quotes_added or c.quotes_removed):
                for ev in c.new.evidence:
                    quote(_quote_line(ev))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
