"""The answer of `diff`: what a change to the data changed, for a terminal or a pull request."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..inert import markdown as md
from ..network.records import (
    QUOTE_FIELDS,
    Quote,
    Relation,
    actor_record,
    bibliography_entry,
    relation_record,
    source_record,
)
from ..network.wording import wrap
from . import Answer

if TYPE_CHECKING:
    from ..curation.diff import ActorChange, DataDiff, EdgeChange, Version
    from ..dataset.model import Edge, Evidence, Review


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
    from ..network.records import relation

    return relation(version.data, edge, version.actors)


def _matching(rel: Relation, chosen: Iterable[Evidence]) -> list[Quote]:
    """The quotes of a relation's record that are the given pieces of evidence."""
    wanted = {(ev.doc, ev.quote) for ev in chosen}
    return [q for q in rel.quotes if (q.doc, q.text) in wanted]


def diff_answer(d: DataDiff, markdown: bool = False) -> Answer:
    from ..network.claims import contest_record
    from ..network.records import quote_record

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
            "sources": {
                "added": [source_record(s) for s in d.sources_added],
                "removed": [source_record(s) for s in d.sources_removed],
                "changed": [{"id": c.id, "changes": _changes(c.changes)} for c in d.sources_changed],
            },
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
            "settings": _changes(d.settings),
            "vocabularies": [
                {"vocabulary": c.vocabulary, "name": c.name, "kind": c.kind, "changes": _changes(c.changes)}
                for c in d.terms
            ],
            "reviewed": {
                "added": [_review_record(r) for r in d.reviews_added],
                "removed": [_review_record(r) for r in d.reviews_removed],
                "changed": [{"old": _review_record(a), "new": _review_record(b)} for a, b in d.reviews_changed],
            },
        }

    return Answer(lambda: diff_text(d, markdown), data)


def diff_text(d: DataDiff, markdown: bool = False) -> str:
    """Text for a terminal, or markdown to paste into a pull-request comment."""
    out: list[str] = []

    # In markdown every piece of text is escaped (`inert.markdown`): it is made of the map's names,
    # quotes and labels, which a pull request writes, and the comment is read by its reviewers.
    def head(text: str) -> None:
        out.extend([f"### {md(text)}", ""] if markdown else [text])

    def item(mark: str, text: str) -> None:
        if markdown:
            out.append(f"- **{ {'+': 'added', '-': 'removed', '~': 'changed'}[mark] }**: {md(text)}")
        else:
            out.extend(wrap(text, f"  {mark} ", "      "))

    def detail(text: str) -> None:
        if markdown:
            out.append(f"  - {md(text)}")
        else:
            out.extend(wrap(text, "      ", "        "))

    def quote(text: str, prefix: str = "") -> None:
        if markdown:
            out.append(f"  > {md(prefix + text)}")
        else:
            out.extend(wrap(prefix + text, "      ", "        ", hyphens=False))

    def note(text: str) -> None:
        out.append(md(text) if markdown else text)

    title = f"Changes from {d.old.label} to {d.new.label}"
    out.extend([f"## {md(title)}", ""] if markdown else [title, ""])
    for v in (d.old, d.new):
        if v.problems:
            note(f"Note: {v.label} has {v.problems} problem(s) under `actorgraph check`; compared as far as it loads.")
        for entry in v.refused:
            note(f"Note: not read: {entry}")
    if d.settings:
        head("Settings changed (check these first: what the map may hold, who keeps it, how it is shared)")
        for k, (o, n) in d.settings.items():
            item("~", f"{k}: {_show(o)} → {_show(n)}")
        out.append("")
    if d.empty:
        note("No actor or relation changed.")
        return "\n".join(out) + "\n"

    def changes(fields: Mapping[str, tuple[Any, Any]]) -> None:
        for k, (o, n) in fields.items():
            detail(f"{k}: {_show(o)} → {_show(n)}")

    if d.terms:
        head(f"Vocabularies: {len(d.terms)} entr{'ies' if len(d.terms) != 1 else 'y'} changed")
        for term in d.terms:
            item({"added": "+", "removed": "-", "changed": "~"}[term.kind], f"{term.vocabulary} '{term.name}'")
            changes(term.changes)
        out.append("")
    sections: list[tuple[str, Sequence[Any], Sequence[Any], Sequence[ActorChange], Callable[[Any], str]]] = [
        (
            "Sources",
            d.sources_added,
            d.sources_removed,
            d.sources_changed,
            lambda s: f"{s.id}: {bibliography_entry(s)}",
        ),
        ("Actors", d.actors_added, d.actors_removed, d.actors_changed, lambda a: f"{a.name} ({a.id}, {a.kind})"),
    ]
    for title, added, removed, changed, shown in sections:  # a record kind: added, removed, changed
        if added or removed or changed:
            head(f"{title}: {len(added)} added, {len(removed)} removed, {len(changed)} changed")
            for mark, records in (("+", added), ("-", removed)):
                for r in records:
                    item(mark, shown(r))
            for record_change in changed:
                item("~", record_change.id)
                changes(record_change.changes)
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
            if old.sentence != new.sentence:  # its hedge or speaker, as its quotes now leave it
                detail(f"was: {old.sentence}")
            changes(c.changes)
            for q in _matching(new, c.quotes_added):
                quote(q.line, "+ ")
            for q in _matching(old, c.quotes_removed):
                quote(q.line, "- ")
            was = {(q.doc, q.text): q for q in _matching(old, [a for a, _ in c.quotes_changed])}
            for q in _matching(new, [b for _, b in c.quotes_changed]):
                before = was[q.doc, q.text]
                quote(f"{q.line} (was {before.citation.removeprefix('— ')})", "~ ")
                fields = {k: (getattr(before.evidence, k), getattr(q.evidence, k)) for k in QUOTE_FIELDS}
                changes({k: (o, n) for k, (o, n) in fields.items() if o != n})  # a note shows in no citation
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
    n_r = (len(d.reviews_added), len(d.reviews_removed), len(d.reviews_changed))
    if any(n_r):
        head(f"Reviewed sentences: {n_r[0]} added, {n_r[1]} removed, {n_r[2]} changed")
        for mark, r in [("+", r) for r in d.reviews_added] + [("-", r) for r in d.reviews_removed]:
            item(mark, _review_line(r))
            detail(f"reason: {r.reason}")
        for old_r, new_r in d.reviews_changed:
            item("~", _review_line(new_r))
            detail(f"reason: {old_r.reason} → {new_r.reason}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _review_line(r: Review) -> str:
    pair = f"no relation between {r.pair[0]} and {r.pair[1]} in " if r.pair and len(r.pair) == 2 else ""
    return f"{pair}{r.doc}: “{r.sentence}”"


def _review_record(r: Review) -> dict[str, Any]:
    return {"doc": r.doc, "sentence": r.sentence, "pair": list(r.pair) if r.pair else None, "reason": r.reason}
