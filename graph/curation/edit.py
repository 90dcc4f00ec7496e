"""Edit the data files the way a careful curator would: comments, order and layout kept.

`fmt` gives each file one canonical layout — keys in the order of the format's
field specs, two-space indentation, verbatim text (quotes, sentences, titles)
double-quoted, everything else plain where YAML allows — using ruamel.yaml's
round trip, which keeps comments, flow lists and folded paragraphs.

`add-actor` and `add-relation` append a record as text after the last item of
the list, so nothing else in the file moves, and only then check the result:
in a scratch copy, with the same checks and messages as `actorgraph check`. A
record that check would refuse is refused, and the file is left as it was.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..dataset import load
from ..dataset.model import DataProblems, GraphDataError, Location, Problem

# Per file: the top-level keys in order, and for each list or vocabulary the field order.
_VERBATIM = {"quote", "sentence", "title"}
_ORDERS: dict[str, dict[str, Any]] = {
    load.ACTORS_FILE: {"": ["actor_kinds", "actors"], "actor_kinds": load.KIND_FIELDS, "actors": load.ACTOR_FIELDS},
    load.EDGES_FILE: {
        "": ["relation_types", "confidence_levels", "edges"],
        "relation_types": load.RELATION_TYPE_FIELDS,
        "confidence_levels": load.CONFIDENCE_FIELDS,
        "edges": load.EDGE_FIELDS,
        "evidence": load.EVIDENCE_FIELDS,
    },
    load.SOURCES_FILE: {"": ["sources"], "sources": load.SOURCE_FIELDS},
    load.REVIEWED_FILE: {"": ["reviewed"], "reviewed": load.REVIEW_FIELDS},
}


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: comments and styles survive
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap a quote
    yaml.preserve_quotes = False
    return yaml


def canonical(text: str, file_name: str) -> str:
    """The file's text in canonical layout (unknown file names only get the indentation)."""
    yaml = _yaml()
    doc = yaml.load(text)
    orders = _ORDERS.get(file_name, {})
    if isinstance(doc, dict):
        _reorder(doc, orders.get("", []))
        for key, value in doc.items():
            spec = orders.get(key)
            if spec is None:
                continue
            if isinstance(value, list):
                for item in value:
                    _normalise(item, spec, orders)
            elif isinstance(value, dict):
                for entry in value.values():
                    _normalise(entry, spec, orders)
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


def _normalise(record: Any, spec: Mapping[str, Any], orders: Mapping[str, Any]) -> None:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if not isinstance(record, dict):
        return
    _reorder(record, list(spec))
    for key, value in list(record.items()):
        if (
            key in _VERBATIM
            and isinstance(value, str)
            and not isinstance(value, (LiteralScalarString, FoldedScalarString))
        ):
            record[key] = _quoted(value)
        elif key == "written_quotes" and isinstance(value, list):
            for i, q in enumerate(value):
                if isinstance(q, str):
                    value[i] = _quoted(q)
        elif key == "evidence" and isinstance(value, list):
            for ev in value:
                _normalise(ev, orders["evidence"], orders)


def _quoted(text: str) -> Any:
    """Verbatim words in quotation marks: double, unless they hold double quotes themselves."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if '"' in text and "'" not in text:
        return SingleQuotedScalarString(text)
    return DoubleQuotedScalarString(text)


# --- appending records ------------------------------------------------------------------------


def record_text(record: Mapping[str, Any], file_name: str, list_key: str) -> str:
    """One new list item, laid out as `fmt` would lay it out inside the file."""
    from ruamel.yaml.comments import CommentedSeq

    item = dict(record)
    if isinstance(item.get("aliases"), list):
        aliases = CommentedSeq(item["aliases"])
        aliases.fa.set_flow_style()  # `aliases: [A, B]`, as the shipped files write them
        item["aliases"] = aliases
    text = canonical(_yaml_dump({list_key: [item]}), file_name)
    lines = text.splitlines(keepends=True)
    return "".join(lines[1:])  # without the `list_key:` line


def _yaml_dump(value: Any) -> str:
    yaml = _yaml()
    out = io.StringIO()
    yaml.dump(value, out)
    return out.getvalue()


def append_item(text: str, list_key: str, item_text: str, name: str = "the file") -> str:
    """`text` with `item_text` inserted after the last item of the top-level list `list_key`."""
    from ruamel.yaml.error import YAMLError

    yaml = _yaml()
    try:
        doc = yaml.load(text)
    except YAMLError:
        raise GraphDataError(f"{name} does not parse as it is; run `actorgraph check` and fix it first") from None
    keys = list(doc) if isinstance(doc, dict) else []
    if list_key not in keys:
        body = text if text.endswith("\n") or not text else text + "\n"
        return f"{body}{list_key}:\n{item_text}"
    after = keys[keys.index(list_key) + 1 :]
    lines = text.splitlines(keepends=True)
    if after:
        at = doc.lc.key(after[0])[0]  # the line of the next top-level key
        while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
            at -= 1  # keep that key's own comments and spacing with it
    else:
        at = len(lines)
    head = "".join(lines[:at])
    if head and not head.endswith("\n"):
        head += "\n"
    if f"\n\n{item_text[: item_text.index('-') + 1]}" in text and not head.endswith("\n\n"):
        head += "\n"  # the file separates its items with a blank line: so does the new one
    if doc[list_key] is None or len(doc[list_key]) == 0:
        # `actors: []` or `actors:` with nothing after it: rewrite that one line
        head = head.rstrip("\n")
        head = head[: head.rfind(list_key)] + f"{list_key}:\n"
    return head + item_text + "".join(lines[at:])


def apply(data_dir: Path, seeds_dir: Path, file_name: str, new_text: str) -> None:
    """Write `new_text` as data_dir/file_name if, and only if, the data then passes every check.

    The check runs on a scratch copy; its messages name the real file, as `check` would.
    """
    from ..dataset.check import check_dataset
    from ..dataset.load import display_path
    from ..outputs.files import write_atomic

    target = data_dir / file_name
    with tempfile.TemporaryDirectory(prefix="actorgraph-edit-") as tmp:
        scratch = Path(tmp) / "data"
        shutil.copytree(data_dir, scratch)
        (scratch / file_name).write_text(new_text, encoding="utf-8")
        _, problems = check_dataset(scratch, seeds_dir)
        scratch_name, real_name = display_path(scratch), display_path(data_dir)
        if problems:
            raise DataProblems(
                Problem(
                    Location(p.location.file.replace(scratch_name, real_name, 1), p.location.line, p.location.column),
                    p.message,
                )
                for p in problems
            )
    write_atomic(target, new_text)
