"""The review queue: data/proposals.yaml, one record per proposal, kept in git beside the data.

Proposals are written in the order they were made and never reordered, so a diff of the file
shows what a `propose` run added and what a review decided. A proposal keeps its id (see
`propose.proposal_id`) however often it is proposed or imported again, so nothing is queued
twice; a decided one stays, with its status, so that proposing again does not bring it back.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..dataset.load import display_path
from ..errors import ActorgraphError
from .propose import Proposal

QUEUE_FILE = "proposals.yaml"
STATUSES = ("open", "accepted", "rejected")
HEADER = """\
# Relations proposed by `actorgraph propose` (from the cues in edges.yaml, or imported with
# --from), each quote verified against its source, waiting for `actorgraph review`. Accepting
# one writes it to edges.yaml as add-relation/add-evidence would; rejecting one records its
# sentence or pair in reviewed.yaml. `sentence`: the characters of its sentence in the text.
"""
_FIELDS = (
    "id", "status", "doc", "sentence", "source", "type", "target", "quote", "confidence", "attributed_to",
    "cue", "score", "new_actors", "origin", "reason",
)  # fmt: skip


def queue_path(data_dir: Path) -> Path:
    return data_dir / QUEUE_FILE


def load_queue(data_dir: Path) -> list[Proposal]:
    """The proposals in the queue, in order; [] when the map has no queue yet."""
    from ..dataset.yamlsafe import YList, YMap, read_yaml

    path = queue_path(data_dir)
    if not os.path.lexists(path):
        return []
    value, problems = read_yaml(path, display_path(path))
    if problems:
        raise ActorgraphError(f"{problems[0]} (the review queue; fix it by hand, or delete it and propose again)")
    items = value.get("proposals") if isinstance(value, YMap) else None
    if items is None:
        return []
    if not isinstance(items, YList):
        raise ActorgraphError(f"{display_path(path)}: expected `proposals:` with a list of proposals")
    out = []
    for item, line in zip(items, items.item_lines, strict=True):
        out.append(_proposal(item, f"{display_path(path)}:{line}"))
    return out


def _proposal(item: Any, where: str) -> Proposal:
    from ..dataset.yamlsafe import YMap

    if not isinstance(item, YMap):
        raise ActorgraphError(f"{where}: a proposal must be a mapping")
    unknown = [k for k in item if k not in _FIELDS]
    missing = [k for k in ("id", "status", "doc", "sentence", "source", "target", "quote") if item.get(k) is None]
    if unknown or missing:
        raise ActorgraphError(f"{where}: proposal with unknown keys {unknown} or without {missing}")
    sentence = item["sentence"]
    if item["status"] not in STATUSES or not (
        isinstance(sentence, list) and len(sentence) == 2 and all(isinstance(n, int) for n in sentence)
    ):
        raise ActorgraphError(f"{where}: status must be one of {', '.join(STATUSES)}; sentence two offsets")

    def text(key: str) -> str | None:
        value = item.get(key)
        return None if value is None else str(value)

    return Proposal(
        id=str(item["id"]),
        doc=str(item["doc"]),
        start=sentence[0],
        end=sentence[1],
        source=str(item["source"]),
        target=str(item["target"]),
        type=text("type"),
        quote=str(item["quote"]),
        confidence=text("confidence"),
        attributed_to=text("attributed_to"),
        cue=text("cue"),
        score=float(item.get("score") or 0),
        status=str(item["status"]),
        reason=text("reason"),
        new_actors=tuple(str(n) for n in item.get("new_actors") or ()),
        origin=text("origin") or "cues",
    )


def record(p: Proposal) -> dict[str, Any]:
    """A proposal as the queue file and `--format json` hold it."""
    values = {
        "id": p.id,
        "status": p.status,
        "doc": p.doc,
        "sentence": [p.start, p.end],
        "source": p.source,
        "type": p.type,
        "target": p.target,
        "quote": p.quote,
        "confidence": p.confidence,
        "attributed_to": p.attributed_to,
        "cue": p.cue,
        "score": p.score,
        "new_actors": list(p.new_actors) or None,
        "origin": p.origin,
        "reason": p.reason,
    }
    return {k: v for k, v in values.items() if v is not None or k == "type"}


_PLAIN = re.compile(r"[A-Za-z][\w\-. ]*[\w.]|[A-Za-z]")
_WORDS_YAML_READS = frozenset("y n yes no on off true false null".split())


def _scalar(value: object) -> str:
    """A value as YAML reads it back: plain where that is the same text, else JSON's double
    quotes (a JSON string is a YAML string), so writing a queue of thousands stays fast."""
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _WORDS_YAML_READS:
        return text
    return json.dumps(text, ensure_ascii=False)


def queue_text(proposals: Sequence[Proposal]) -> str:
    lines = [HEADER.rstrip("\n"), "proposals:" if proposals else "proposals: []"]
    for p in proposals:
        for i, (key, value) in enumerate(record(p).items()):
            if isinstance(value, list):
                shown = "[" + ", ".join(_scalar(v) for v in value) + "]"
            elif key == "quote":
                shown = json.dumps(value, ensure_ascii=False)
            else:
                shown = _scalar(value)
            lines.append(("  - " if i == 0 else "    ") + f"{key}: {shown}")
    return "\n".join(lines) + "\n"


def save_queue(data_dir: Path, proposals: Sequence[Proposal]) -> Path:
    from ..files import write_atomic

    path = queue_path(data_dir)
    write_atomic(path, queue_text(proposals))
    return path


def merged(queue: Sequence[Proposal], new: Iterable[Proposal]) -> tuple[list[Proposal], list[Proposal]]:
    """The queue with the proposals it does not hold yet appended, and those appended."""
    have = {p.id for p in queue}
    added = []
    for p in new:
        if p.id not in have:
            have.add(p.id)
            added.append(p)
    return [*queue, *added], added


def open_counts(queue: Sequence[Proposal]) -> dict[str, int]:
    """Per source, the proposals still undecided (what `coverage` reports beside its counts)."""
    out: dict[str, int] = {}
    for p in queue:
        if p.status == "open":
            out[p.doc] = out.get(p.doc, 0) + 1
    return out
