"""The data files as text a curator reads: the canonical layout `fmt` gives them, and the pieces
of text the edit commands insert or change, laid out as `fmt` would lay them out.

`fmt`'s canonical layout puts keys in the order of the format's field specs, with
two-space indentation, verbatim text (quotes, sentences, titles) double-quoted and
everything else plain where YAML allows, using ruamel.yaml's round trip, which
keeps comments, flow lists and folded paragraphs. Edits work on the text itself,
by the line and column ruamel reports for each part, so nothing else in a file moves.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml as pyyaml

from ..dataset.fields import Field
from ..dataset.format import EDGES_FILE, FILES, RETIRED, TOP_KEYS, VERBATIM
from ..dataset.load import display_path
from ..errors import ActorgraphError


def round_trip() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: comments and styles survive
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 2**31 - 1  # never fold a line: ruamel drops a space where it folds at a run of them
    yaml.preserve_quotes = False
    return yaml


def retired_keys(doc: Any) -> list[tuple[int, str]]:
    """Where relations carry a key they no longer take (`format.RETIRED`): (1-based line, key)."""
    edges = doc.get("edges") if isinstance(doc, dict) else None
    out = []
    for item in edges if isinstance(edges, list) else []:
        if isinstance(item, dict):
            out += [(item.lc.key(key)[0] + 1, key) for key in item if key in RETIRED["edge"]]  # type: ignore[attr-defined]
    return out


def inherited(old: str, new: str) -> list[tuple[int, str]]:
    """What `--migrate` wrote (`old` -> `new`) on quotes of a relation with more than one quote:
    each quote that took the relation's hedge or speaker, which earlier versions applied to every
    quote under it, from any source; by its line in `new`."""
    before, after = round_trip().load(old), round_trip().load(new)
    edges = before.get("edges") if isinstance(before, dict) else None
    out = []
    for index, item in enumerate(edges if isinstance(edges, list) else []):
        evidence = item.get("evidence") if isinstance(item, dict) else None
        if not isinstance(evidence, list) or len(evidence) < 2:
            continue
        for key in (k for k in item if k in RETIRED["edge"]):
            for i, ev in enumerate(evidence):
                if isinstance(ev, dict) and key not in ev:
                    row = after["edges"][index]["evidence"][i].lc.key(key)[0] + 1
                    what = "hedge" if key == "confidence" else "speaker"
                    out.append(
                        (
                            row,
                            f"the quote from '{ev.get('doc')}' took its relation's {what} "
                            f"({key}: {item[key]}), as earlier versions read it; check that it is this quote's",
                        )
                    )
    return sorted(out)


def _migrate(doc: Any) -> None:
    """Move each relation's retired qualifiers onto its quotes: a quote that has its own keeps it,
    the others get the relation's, which is what they were read as until now. Nothing changes in
    meaning; the qualifiers just stop applying to quotes added later. A comment on the moved line
    goes with it (onto the first quote that takes it); comment lines below it stay where they were."""
    edges = doc.get("edges") if isinstance(doc, dict) else None
    evidence_order = list(FILES[EDGES_FILE]["evidence"])
    for item in edges if isinstance(edges, list) else []:
        if not isinstance(item, dict):
            continue
        for key in [k for k in item if k in RETIRED["edge"]]:
            carried = _detach_comment(item, key)
            value = item.pop(key)
            for ev in item.get("evidence") or []:
                if isinstance(ev, dict) and key not in ev and value is not None:
                    _insert_in_order(ev, key, value, evidence_order, carried)
                    carried = None


def _detach_comment(mapping: Any, key: str) -> Any:
    """Before `key` leaves `mapping`: its end-of-line comment is returned to travel with it; the
    comment lines below it go to the key before it, so they stay where they were in the text."""
    keys = list(mapping)
    comment = mapping.ca.items.pop(key, None)
    token = comment[2] if comment is not None else None
    if token is None:
        return None
    own, _, below = token.value.partition("\n") if token.value.startswith("#") else ("", "", token.value[1:])
    if below.strip() and keys.index(key) > 0:
        before = mapping.ca.items.setdefault(keys[keys.index(key) - 1], [None, None, None, None])
        if before[2] is None:
            before[2] = _comment("\n" + below, token)
    return _comment(own + "\n", token) if own else None


def _comment(text: str, like: Any) -> Any:
    from ruamel.yaml.tokens import CommentToken

    return CommentToken(text, like.start_mark, None)


def _insert_in_order(mapping: Any, key: str, value: Any, order: list[str], comment: Any = None) -> None:
    """Add `key` where the canonical order puts it, with its own end-of-line `comment`; when it
    becomes the last key, the comment lines that followed the old last key (the blank line and
    section comment before the next record) move down with it."""
    later = [i for i, k in enumerate(mapping) if k in order and order.index(k) > order.index(key)]
    position = later[0] if later else len(mapping)
    last = list(mapping)[-1] if mapping else None
    mapping.insert(position, key, value)
    below = ""
    if position == len(mapping) - 1 and last is not None and last in mapping.ca.items:
        moved = mapping.ca.items[last][2]
        if moved is not None:
            own, _, rest = moved.value.partition("\n") if moved.value.startswith("#") else ("", "", moved.value[1:])
            below = rest
            mapping.ca.items[last][2] = _comment(own + "\n", moved) if own else None
    if comment is not None or below:
        text = (comment.value if comment is not None else "\n") + below
        mapping.ca.items[key] = [None, None, _comment(text, comment or moved), None]


def canonical(text: str, file_name: str, *, migrate: bool = False) -> str:
    """The file's text in canonical layout (unknown file names only get the indentation); with
    `migrate`, relations' retired keys moved where they belong now."""
    yaml = round_trip()
    doc = yaml.load(text)
    if migrate:
        _migrate(doc)
    orders = FILES.get(file_name, {})
    if isinstance(doc, dict):
        _reorder(doc, list(TOP_KEYS.get(file_name, ())))
        for key, value in doc.items():
            spec = orders.get(key)
            if spec is None:
                continue
            if isinstance(value, list):
                for item in value:
                    normalise(item, spec, orders)
            elif isinstance(value, dict):
                for entry in value.values():
                    normalise(entry, spec, orders)
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def _reorder(mapping: Any, order: list[str]) -> None:
    """Keys in `order` first, in that order, then any others as they were (check flags them)."""
    if not isinstance(mapping, dict):
        return
    wanted = [k for k in order if k in mapping] + [k for k in mapping if k not in order]
    if list(mapping) == wanted:
        return
    for key in wanted:  # re-inserting moves a key to the end; its comment entry goes with it
        value = mapping.pop(key)
        mapping[key] = value


def normalise(record: Any, spec: Mapping[str, Field], orders: Mapping[str, Mapping[str, Field]]) -> None:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if not isinstance(record, dict):
        return
    _reorder(record, list(spec))
    for key, value in list(record.items()):
        if (
            key in VERBATIM
            and isinstance(value, str)
            and not isinstance(value, (LiteralScalarString, FoldedScalarString))
        ):
            record[key] = quoted(value)
        elif key == "written_quotes" and isinstance(value, list):
            for i, q in enumerate(value):
                if isinstance(q, str):
                    value[i] = quoted(q)
        elif key == "evidence" and isinstance(value, list):
            for ev in value:
                normalise(ev, orders["evidence"], orders)


def quoted(text: str) -> Any:
    """Verbatim words in quotation marks: double, unless they hold double quotes themselves."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if '"' in text and "'" not in text:
        return SingleQuotedScalarString(text)
    return DoubleQuotedScalarString(text)


def record_text(record: Mapping[str, Any], file_name: str, list_key: str) -> str:
    """One new list item, laid out as `fmt` would lay it out inside the file."""
    from ruamel.yaml.comments import CommentedSeq

    item = dict(record)
    if isinstance(item.get("aliases"), list):
        aliases = CommentedSeq(item["aliases"])
        aliases.fa.set_flow_style()  # `aliases: [A, B]`, as the shipped files write them
        item["aliases"] = aliases
    text = canonical(yaml_dump({list_key: [item]}), file_name)
    lines = text.splitlines(keepends=True)
    return "".join(lines[1:])  # without the `list_key:` line


def yaml_dump(value: Any) -> str:
    yaml = round_trip()
    out = io.StringIO()
    yaml.dump(value, out)
    return out.getvalue()


def top_level(text: str, name: str = "the file") -> list[tuple[str, int, bool]]:
    """The file's top-level keys in order, each with its 0-based line and whether its value is
    empty (`key:`, `key: []`, `key: {}`). Read from libyaml's events, not by ruamel's round trip:
    appending to a file of twenty thousand actors must not cost a parse of every one of them
    into Python objects."""
    loader: Any = pyyaml.CSafeLoader(text) if hasattr(pyyaml, "CSafeLoader") else pyyaml.SafeLoader(text)
    out: list[tuple[str, int, bool]] = []
    try:
        depth = 0
        key: tuple[str, int] | None = None
        expect_key = True
        while True:
            event: Any = loader.get_event()
            if isinstance(event, pyyaml.StreamEndEvent):
                return out
            starts = isinstance(event, (pyyaml.MappingStartEvent, pyyaml.SequenceStartEvent))
            ends = isinstance(event, (pyyaml.MappingEndEvent, pyyaml.SequenceEndEvent))
            if depth == 1 and not ends:
                if expect_key:
                    key = (str(getattr(event, "value", "")), event.start_mark.line)
                elif key is not None:
                    scalar = isinstance(event, pyyaml.ScalarEvent) and not event.style
                    empty = scalar and event.value in ("", "~", "null")
                    if starts:
                        following = loader.peek_event()
                        empty = isinstance(following, (pyyaml.MappingEndEvent, pyyaml.SequenceEndEvent))
                    out.append((key[0], key[1], empty))
                expect_key = not expect_key
            if starts:
                depth += 1
            elif ends:
                depth -= 1
    except pyyaml.YAMLError:
        raise ActorgraphError(f"{name} does not parse as it is; run `actorgraph check` and fix it first") from None
    finally:
        loader.dispose()


def append_item(text: str, list_key: str, item_text: str, name: str = "the file") -> str:
    """`text` with `item_text` inserted after the last item of the top-level list `list_key`."""
    tops = top_level(text, name)
    keys = [k for k, _, _ in tops]
    if list_key not in keys:
        body = text if text.endswith("\n") or not text else text + "\n"
        return f"{body}{list_key}:\n{item_text}"
    index = keys.index(list_key)
    lines = text.splitlines(keepends=True)
    # Before the next key and the comments and spacing that introduce it, or before the comments
    # that close the file (`# end of actors`).
    at = block_end(lines, tops[index + 1][1] if index + 1 < len(tops) else len(lines))
    if tops[index][2]:
        # `actors: []` or `actors:` with nothing after it: rewrite that one line (a comment on it kept)
        row = tops[index][1]
        lines[row] = f"{list_key}:{end_comment(lines[row])}\n"
        at = max(at, row + 1)
    head = "".join(lines[:at])
    if head and not head.endswith("\n"):
        head += "\n"
    if f"\n\n{item_text[: item_text.index('-') + 1]}" in text and not tops[index][2]:
        head += "\n"  # the file separates its items with a blank line: so does the new one (`at` follows none)
    return head + item_text + "".join(lines[at:])


def append_entry(text: str, key: str, entry_text: str, name: str = "the file") -> str:
    """`text` with `entry_text` added as the last entry of the top-level mapping `key` (a
    vocabulary), before the next top-level key and the comments that introduce it."""
    from ruamel.yaml.error import YAMLError

    try:
        doc = round_trip().load(text)
    except YAMLError:
        raise ActorgraphError(f"{name} does not parse as it is; run `actorgraph check` and fix it first") from None
    keys = list(doc) if isinstance(doc, dict) else []
    if key not in keys or not doc[key]:
        lines = text.splitlines(keepends=True)
        if key in keys:  # `key: {}` or `key:` alone: rewrite that line (a comment on it kept)
            row = doc.lc.key(key)[0]
            lines[row] = f"{key}:{end_comment(lines[row])}\n"
            return "".join(lines[: row + 1]) + entry_text + "".join(lines[row + 1 :])
        body = text if text.endswith("\n") or not text else text + "\n"
        return f"{body}{key}:\n{entry_text}"
    lines = text.splitlines(keepends=True)
    after = keys[keys.index(key) + 1 :]
    at = block_end(lines, doc.lc.key(after[0])[0]) if after else len(lines)
    while at > 0 and not lines[at - 1].strip():
        at -= 1  # after the last entry's own lines, before the blank line that closes the mapping
    head = "".join(lines[:at])
    return head + ("" if head.endswith("\n") else "\n") + entry_text + "".join(lines[at:])


def plain(value: Any) -> Any:
    """A string YAML 1.1 would read as something else (`yes`, `1:30`, `0o17`) goes in quotes,
    so a value a command writes is read back as the same text."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, str):
        resolved = pyyaml.resolver.Resolver().resolve(pyyaml.ScalarNode, value, (True, False))
        if resolved != "tag:yaml.org,2002:str":
            return DoubleQuotedScalarString(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def scalar_text(value: str) -> str:
    """A value as it is written inside a flow list: plain where YAML reads it back as the same
    text, double-quoted otherwise."""
    dumped = yaml_dump({"x": [plain(value)]}).strip()  # `x:\n  - value`
    written = dumped.split("- ", 1)[1]
    if any(ch in written for ch in ",[]{}#") and not written.startswith(('"', "'")):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return written


def parsed(text: str, path: Path) -> Any:
    """The file as ruamel reads it, for the line and column of each part."""
    from ruamel.yaml.error import YAMLError

    try:
        return round_trip().load(text)
    except (YAMLError, RecursionError):  # ruamel recurses once per level of nesting; `check` does not
        raise ActorgraphError(
            f"{display_path(path)} does not parse as it is; run `actorgraph check` and fix it first"
        ) from None


def block_end(lines: list[str], at: int) -> int:
    """Back up from line index `at` (where the next thing starts) over blank and comment lines:
    they belong to what follows."""
    while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
        at -= 1
    return at


def normalised(record: dict[str, Any], spec: Mapping[str, Field]) -> dict[str, Any]:
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap(record)
    normalise(out, spec, FILES[EDGES_FILE])
    return out


def indented(dumped: str, dash: int) -> str:
    """The list items of a one-key dump (`key:\n  - a: b\n    c: d`), re-indented so their dashes
    sit at column `dash`. The dump's dashes are at column 2, and a list nested in a record (a
    relation's evidence) has its dashes at column 2 or further right: lines only ever move right."""
    body = dumped.splitlines(keepends=True)[1:]
    now = len(body[0]) - len(body[0].lstrip(" "))
    return "".join(" " * (dash - now) + line for line in body)


def unquoted(line: str) -> str:
    """The line with quoted text blanked out, so a # inside a quote is not taken for a comment."""
    return re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'', lambda m: " " * len(m.group()), line)


def end_comment(line: str) -> str:
    """A line's end-of-line comment with the spaces that set it off (`  # older reports`), or ""
    when it has none; a # inside quoted text does not start one. An edit that rewrites the line
    puts this back as it was."""
    cut = unquoted(line).find(" #")
    return line[len(line[:cut].rstrip()) :].rstrip("\n") if cut >= 0 else ""
