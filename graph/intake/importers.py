"""`actorgraph propose --from FILE`: relations other tools extracted, behind the verifier.

Three forms, told apart by the file's name and first character:

- **LangExtract JSONL** (`.jsonl`): one annotated document per line, `{"document_id": ...,
  "extractions": [...]}`, or one extraction per line. An extraction whose `extraction_class` is a
  relation type (or `relation`, with `attributes.type`) is a relation: `extraction_text` its quote,
  `char_interval` (`start_pos`, `end_pos`) where it is, `attributes` its `source`, `target` and
  optionally `type`, `hedge` (or `confidence`), `attributed_to` (or `speaker`) and `doc`. Other
  classes (entities) are skipped.
- **W3C Web Annotation** (`.json`): an annotation, a list of them, or a collection (`items`, or
  `first.items`). `target.source` is the source's id or its registered `url`; a
  `TextQuoteSelector` (`exact`, `prefix`, `suffix`) gives the quote, a `TextPositionSelector`
  (`start`, `end`) where it is; `body` holds `source`, `relation` (or `value`: the relation
  type), `target`, `hedge`, `attributed_to`.
- **CSV** (`.csv`, a spreadsheet saved as CSV): columns `source, type, target, doc, quote` and
  optionally `hedge` (or `confidence`) and `attributed_to`.

Every row's quote is verified against its registered source: exactly as `check` finds quotes, or,
where offsets are given, at those offsets. A row that fails is refused with its row number (the
line of a JSONL or CSV file, the annotation's number in a JSON file) and the reason. A CSV is
kept by hand, so one bad row refuses the file and nothing is queued; an extractor's output is a
model's, so its verified rows are queued and the rest refused and counted.

A verified row is only words that are in the text; it need not say what the row claims. So
`--accept-verified` accepts a row only where its quote names both ends (as `propose` finds names)
and carries no qualifier the row leaves out: no negation or denial at all, no hedge cue unless the
row gives a hedge, no attribution unless it gives a speaker. Any other row is queued for review
with the reason it was held (`held_because`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..curation.edit import actor_id
from ..dataset.model import Dataset
from ..dataset.quotes import Folded, find_quote, fold
from ..dataset.suggest import hint
from ..errors import UsageError
from .cues import Rules, speakers_in
from .propose import Proposal, proposal_id

CSV_COLUMNS = ("source", "type", "target", "doc", "quote")


@dataclass(frozen=True)
class Row:
    """One relation as a file states it, before verification."""

    number: int  # line (JSONL, CSV) or annotation number (JSON), from 1
    doc: str | None
    source: str | None
    type: str | None
    target: str | None
    quote: str | None
    confidence: str | None = None
    attributed_to: str | None = None
    start: int | None = None  # offsets into the source's text, where the file gives them
    end: int | None = None


@dataclass(frozen=True)
class Imported:
    kind: str  # "LangExtract JSONL", "W3C Web Annotation", "CSV"
    rows: int
    proposals: tuple[Proposal, ...]
    refused: tuple[tuple[int, str], ...]  # (row, why)
    all_or_nothing: bool  # a hand-kept table: any refusal refuses the file


def read_file(path: Path, data: Dataset, default_doc: str | None = None) -> Imported:
    from ..errors import ReadError
    from ..files import read_text

    try:
        text = read_text(path)
    except ReadError as exc:
        raise UsageError(str(exc)) from None
    name = path.name.lower()
    if name.endswith(".csv"):
        kind, rows, strict = "CSV", list(_csv_rows(text)), True
    elif name.endswith(".jsonl") or name.endswith(".ndjson"):
        kind, rows, strict = "LangExtract JSONL", list(_jsonl_rows(text, path)), False
    elif name.endswith(".json") or text.lstrip().startswith(("{", "[")):
        kind, rows, strict = "W3C Web Annotation", list(_annotation_rows(text, path, data)), False
    else:
        raise UsageError(f"'{path}': cannot tell its form from its name; use .jsonl, .json or .csv")
    proposals: list[Proposal] = []
    refused: list[tuple[int, str]] = []
    folded: dict[str, Folded] = {}
    for row in rows:
        got = _verified(row, data, default_doc, folded, f"{path.name} row {row.number}", strict)
        if isinstance(got, str):
            refused.append((row.number, got))
        else:
            proposals.append(got)
    return Imported(kind, len(rows), tuple(proposals), tuple(refused), strict)


def _verified(
    row: Row, data: Dataset, default_doc: str | None, folded: dict[str, Folded], origin: str, strict: bool
) -> Proposal | str:
    """The row as a proposal, or why it is refused."""
    from ..dataset.validate import MIN_WORDS
    from ..network.cache import sentence_spans

    doc = row.doc or default_doc
    if not doc:
        return "no source given (a `doc` for the row, or --doc for the file)"
    source = data.sources.get(doc)
    if source is None:
        return f"unknown source '{doc}'{hint(doc, data.sources)}"
    if not row.quote or len(row.quote.split()) < MIN_WORDS:
        return f"the quote must hold at least {MIN_WORDS} words, not {row.quote!r}"
    if not row.source or not row.target:
        return "a relation needs a source and a target"
    if row.type is not None and row.type not in data.relation_types:
        return f"unknown relation type '{row.type}'{hint(row.type, data.relation_types)}"
    if row.confidence is not None and row.confidence not in data.confidence_levels:
        return f"unknown hedge '{row.confidence}'{hint(row.confidence, data.confidence_levels)}"
    text = source.text
    if row.start is not None and row.end is not None:
        if not (0 <= row.start < row.end <= len(text)) or fold(" ".join(text[row.start : row.end].split())) != fold(
            " ".join(row.quote.split())
        ):
            return f"the words at {row.start}..{row.end} of '{doc}' are not the quote \"{row.quote}\""
        # Blanks are folded in the comparison, so offsets may take in the blank before the quote;
        # the quote starts at its first word, which is what places it in its sentence.
        words = text[row.start : row.end]
        at = row.start + len(words) - len(words.lstrip())
    else:
        if doc not in folded:
            folded[doc] = Folded.of(text)
        spans = find_quote(row.quote, folded[doc])
        if spans is None:
            return f"quote not found in '{doc}' ({source.file}): \"{row.quote}\""
        at = spans[0][0]
    ids = {a.id for a in data.actors}
    ends = [actor_id(data.actors, row.source), actor_id(data.actors, row.target)]
    new = tuple(e for e in ends if e not in ids)
    if new and strict:
        known = [n for a in data.actors for n in a.names]
        return f"unknown actor '{new[0]}'{hint(new[0], known)}"
    if ends[0] == ends[1]:
        return "an actor cannot relate to itself"
    lo, hi = next(((s, e) for s, e in sentence_spans(text) if s <= at < e), (at, at + len(row.quote)))
    quote = row.quote
    return Proposal(
        id=proposal_id(doc, quote, ends[0], ends[1], row.type),
        doc=doc,
        start=lo,
        end=hi,
        source=ends[0],
        target=ends[1],
        type=row.type,
        quote=quote,
        confidence=row.confidence,
        attributed_to=row.attributed_to,
        score=1.0,
        new_actors=new,
        origin=origin,
    )


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _csv_rows(text: str) -> Iterator[Row]:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in CSV_COLUMNS if c not in columns]
    if missing:
        raise UsageError(f"the CSV needs the columns {', '.join(CSV_COLUMNS)}; it has no {', '.join(missing)}")
    reader.fieldnames = columns
    for raw in reader:
        row = {k: _cell(v) for k, v in raw.items() if k}
        yield Row(
            number=reader.line_num,
            doc=row.get("doc"),
            source=row.get("source"),
            type=row.get("type"),
            target=row.get("target"),
            quote=row.get("quote"),
            confidence=row.get("hedge") or row.get("confidence"),
            attributed_to=row.get("attributed_to") or row.get("speaker"),
        )


def _jsonl_rows(text: str, path: Path) -> Iterator[Row]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}:{number}: not JSON ({exc.msg})") from None
        if not isinstance(value, dict):
            raise UsageError(f"{path}:{number}: expected a JSON object (a document or an extraction)")
        doc = value.get("document_id")
        items = value.get("extractions") if "extractions" in value else [value]
        if not isinstance(items, list):
            raise UsageError(f"{path}:{number}: 'extractions' must be a list")
        for item in items:
            if isinstance(item, dict):
                row = _extraction(item, number, doc)
                if row is not None:
                    yield row


def _extraction(item: Mapping[str, Any], number: int, doc: Any) -> Row | None:
    found = item.get("attributes")
    attributes: dict[str, Any] = found if isinstance(found, dict) else {}
    klass = _cell(item.get("extraction_class"))
    rtype = _cell(attributes.get("type")) or (klass if klass != "relation" else None)
    if not (attributes.get("source") or attributes.get("target")):
        return None  # an entity, not a relation
    found = item.get("char_interval")
    interval: dict[str, Any] = found if isinstance(found, dict) else {}
    start, end = interval.get("start_pos"), interval.get("end_pos")
    return Row(
        number=number,
        doc=_cell(attributes.get("doc")) or _cell(doc),
        source=_cell(attributes.get("source")),
        type=rtype,
        target=_cell(attributes.get("target")),
        quote=_cell(item.get("extraction_text")),
        confidence=_cell(attributes.get("hedge") or attributes.get("confidence")),
        attributed_to=_cell(attributes.get("attributed_to") or attributes.get("speaker")),
        start=start if isinstance(start, int) else None,
        end=end if isinstance(end, int) else None,
    )


def _annotation_rows(text: str, path: Path, data: Dataset) -> Iterator[Row]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}:{exc.lineno}: not JSON ({exc.msg})") from None
    if isinstance(value, dict) and "first" in value and isinstance(value["first"], dict):
        value = value["first"].get("items", [])
    elif isinstance(value, dict) and "items" in value:
        value = value["items"]
    items = value if isinstance(value, list) else [value]
    by_url = {s.url: s.id for s in data.sources.values() if s.url}
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise UsageError(f"{path}: annotation {number} is not a JSON object")
        target = item.get("target")
        target = target[0] if isinstance(target, list) and target else target
        body = item.get("body")
        body = body[0] if isinstance(body, list) and body else body
        if not isinstance(target, dict) or not isinstance(body, dict):
            yield Row(number, None, None, None, None, None)
            continue
        selectors = target.get("selector")
        selectors = selectors if isinstance(selectors, list) else [selectors]
        exact = start = end = None
        for sel in selectors:
            if isinstance(sel, dict) and sel.get("type") == "TextQuoteSelector":
                exact = _cell(sel.get("exact"))
            if isinstance(sel, dict) and sel.get("type") == "TextPositionSelector":
                start, end = sel.get("start"), sel.get("end")
        named = _cell(target.get("source"))
        yield Row(
            number=number,
            doc=by_url.get(named or "", named),
            source=_cell(body.get("source")),
            type=_cell(body.get("relation") or body.get("value")),
            target=_cell(body.get("target")),
            quote=exact,
            confidence=_cell(body.get("hedge") or body.get("confidence")),
            attributed_to=_cell(body.get("attributed_to")),
            start=start if isinstance(start, int) else None,
            end=end if isinstance(end, int) else None,
        )


def held_because(p: Proposal, data: Dataset, compiled: Rules) -> str | None:
    """Why a verified row may not be accepted without review (every reason, joined), or None: its
    quote must name both ends by a name or alias the map knows, and hold no qualifier the row
    does not carry."""
    from ..curation.coverage import mentions, names

    quote = p.quote
    found = mentions(quote, names(data.actors))
    why: list[str] = []
    unnamed = [f"'{end}'" for end in (p.source, p.target) if end not in {ref for _, _, ref in found}]
    if unnamed:
        why.append(f"its quote does not name {' or '.join(unnamed)} by a name or alias the map knows")
    at = 0
    while (neg := compiled.negations.first(quote, at, len(quote), denials=True)) is not None:
        if not any(s <= neg.start() < e for s, e, _ in found):
            why.append(f"its quote holds “{neg.group()}”, a negation or denial")
            break
        at = neg.end()
    if p.confidence is None:
        hedged = [(h, m) for h in compiled.hedges if (m := h.pattern.search(quote))]
        if hedged:
            level, m = min(hedged, key=lambda f: f[1].start())
            why.append(f"its quote holds the hedge “{m.group()}” ({level.level}) but the row gives no hedge")
    if p.attributed_to is None:
        said = speakers_in(quote, compiled.speakers)
        if said:
            why.append(f"its quote holds “{said[0].words}” but the row gives no speaker")
    return "; ".join(why) or None
