"""The answer of `coverage`: what the sources say that the data does not yet account for, and
what coverage could not see (names the map does not know, texts with no pair at all)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..network.wording import wrap
from . import Answer

if TYPE_CHECKING:
    from ..curation.coverage import Coverage, Sentence
    from ..dataset.model import Dataset

SHOWN_NAMES = 12  # unknown names listed in a summary line before "and N more"


def unregistered_text(seeds_dir: Path, name: str) -> str:
    from ..dataset.load import display_path

    return (
        f"{display_path(seeds_dir / name)}: no source in sources.yaml registers this text, so nothing "
        f"checks or covers it (register it with `actorgraph add-source {display_path(seeds_dir / name)}`)"
    )


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:SHOWN_NAMES])
    return shown + (f" and {len(names) - SHOWN_NAMES} more" if len(names) > SHOWN_NAMES else "")


def coverage_answer(
    report: Coverage, data: Dataset, show_all: bool, seeds_dir: Path, proposals: dict[str, int] | None = None
) -> Answer:
    """`proposals`: per source, how many proposals in the review queue are still undecided."""
    from ..curation.coverage import CITED, OPEN, REVIEWED, UNKNOWN

    names = {a.id: a.name for a in data.actors}
    waiting = proposals or {}

    def counts(doc: str | None = None) -> dict[str, Any]:
        paired = report.with_pairs(doc)
        pairs = [p for s in paired for p in s.pairs]
        share = report.share(doc)
        unknown = report.unknown_names(doc)
        return {
            "sentences": len(paired),
            "cited": sum(1 for s in paired if s.status == CITED),
            "reviewed": sum(1 for s in paired if s.status == REVIEWED),
            "open": report.count(OPEN, doc),
            "pairs": len(pairs),
            "open_pairs": sum(1 for p in pairs if p.status == OPEN),
            "share_covered": None if share is None else round(share, 4),
            "complete": report.complete(doc),
            "unknown_names": unknown,
            "sentences_with_unknown_names": sum(1 for s in report.mine(doc) if s.unknown and s.reason is None),
            "proposals_open": sum(waiting.values()) if doc is None else waiting.get(doc, 0),
        }

    def line(n: dict[str, Any]) -> str:
        if not n["sentences"] and not n["unknown_names"]:
            return "no sentence names two actors the map knows, and no name it does not know: nothing was seen to cover"
        head = (
            f"{_n(n['sentences'], 'sentence')} name two or more actors: {n['cited']} cited, {n['reviewed']} reviewed, "
            f"{n['open']} open ({n['open_pairs']} of {_n(n['pairs'], 'pair')} open)"
            if n["sentences"]
            else "no sentence names two actors the map knows"
        )
        if n["share_covered"] is not None:
            head += f" ({n['share_covered']:.0%} covered)"
        if n["unknown_names"]:
            head += (
                f"; not covered: {_n(len(n['unknown_names']), 'name')} the map does not know, in "
                f"{_n(n['sentences_with_unknown_names'], 'sentence')}, so what they relate is not seen"
            )
        if n["proposals_open"]:
            head += f"; {_n(n['proposals_open'], 'proposal')} to review (`actorgraph review`)"
        return head

    def sentence_lines(s: Sentence, subject: str | None) -> list[str]:
        tag = "" if s.status == OPEN else f"[{s.status}] " if s.status != UNKNOWN else "[unknown names] "
        out = wrap(f"{tag}“{s.text}”", "  - ", "    ")
        named = [names[a] for a in s.actors if a != subject or s.names_subject]
        about = f" (and the text's subject, {names[subject]})" if subject and not s.names_subject else ""
        if named or about:
            out += wrap("names: " + ", ".join(named) + about, "    ", "      ")
        if s.unknown:
            out += wrap("not known to the map: " + ", ".join(dict.fromkeys(s.unknown)), "    ", "      ")
        if len(s.pairs) > 1 or show_all:  # one pair is the sentence itself: no need to list it
            for p in s.pairs if show_all else s.open_pairs:
                pair = f"{names[p.actors[0]]} – {names[p.actors[1]]}: {p.status}"
                out += wrap(pair + (f" ({p.reason})" if p.reason and p.reason != s.reason else ""), "    · ", "      ")
        if s.reason:
            out += wrap(f"reviewed: {s.reason}", "    ", "      ")
        return out

    def text() -> str:
        lines: list[str] = []
        for doc, source in data.sources.items():
            mine = report.mine(doc)
            shown = mine if show_all else [s for s in mine if s.status in (OPEN, UNKNOWN)]
            lines += wrap(f"{doc} ({source.file}): {line(counts(doc))}", "", "    ")
            for s in shown:
                lines += sentence_lines(s, source.about)
            unknown = report.unknown_names(doc)
            if unknown:
                lines += wrap(
                    f"Names the map does not know: {_listed(unknown)} (an actor? `actorgraph add-actor` or "
                    "`add-alias`; not one? `actorgraph add-review` the sentence)",
                    "  ",
                    "    ",
                )
            lines.append("")
        for name in report.unregistered:
            lines += [*wrap(f"Not covered: {unregistered_text(seeds_dir, name)}", "", "    "), ""]
        lines += wrap("All sources: " + line(counts()), "", "    ")
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
                    "pairs": [{"actors": list(p.actors), "status": p.status, "reason": p.reason} for p in s.pairs],
                    "unknown_names": list(s.unknown),
                }
                for s in report.sentences
            ],
        }

    return Answer(text, as_json)
