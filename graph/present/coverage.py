"""The answer of `coverage`: what the sources say that the data does not yet cite."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..network.wording import wrap
from . import Answer

if TYPE_CHECKING:
    from ..curation.coverage import Coverage
    from ..dataset.model import Dataset


def unregistered_text(seeds_dir: Path, name: str) -> str:
    from ..dataset.load import display_path

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
            lines += wrap(f"{doc} ({source.file}): {line(counts(doc))}", "", "    ")
            for s in shown:
                tag = "" if s.status == "open" else f"[{s.status}] "
                lines += wrap(f"{tag}“{s.text}”", "  - ", "    ")
                subject = data.sources[s.doc].about
                named = [names[a] for a in s.actors if a != subject or s.names_subject]
                about = f" (and the text's subject, {names[subject]})" if subject and not s.names_subject else ""
                lines += wrap("names: " + ", ".join(named) + about, "    ", "      ")
                if s.reason:
                    lines += wrap(f"reviewed: {s.reason}", "    ", "      ")
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
                }
                for s in report.sentences
            ],
        }

    return Answer(text, as_json)
