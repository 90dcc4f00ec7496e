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

import difflib
import io
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as pyyaml

from ..dataset.fields import Field, Invalid
from ..dataset.format import (
    ACTOR_FIELDS,
    ACTORS_FILE,
    EDGE_FIELDS,
    EDGES_FILE,
    EVIDENCE_FIELDS,
    FILES,
    REVIEWED_FILE,
    SOURCES_FILE,
    TOP_KEYS,
    VERBATIM,
)
from ..dataset.load import display_path
from ..dataset.model import Location, Problem, name_key
from ..errors import ActorgraphError, DataError, ReadError, UsageError


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
    orders = FILES.get(file_name, {})
    if isinstance(doc, dict):
        _reorder(doc, list(TOP_KEYS.get(file_name, ())))
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


def _normalise(record: Any, spec: Mapping[str, Field], orders: Mapping[str, Mapping[str, Field]]) -> None:
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
        raise ActorgraphError(f"{name} does not parse as it is; run `actorgraph check` and fix it first") from None
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


def apply(data_dir: Path, seeds_dir: Path, file_name: str, new_text: str, old_text: str = "") -> None:
    """Write `new_text` as data_dir/file_name if, and only if, the data then passes every check.

    The check runs on a scratch copy; its messages name the real file, as `check` would. A
    problem in lines the edit adds is reported as being in the new record, not at a line the
    file does not have.
    """
    from ..dataset.check import check_dataset
    from ..files import write_atomic

    target = data_dir / file_name
    added = _added_lines(old_text, new_text)
    with tempfile.TemporaryDirectory(prefix="actorgraph-edit-") as tmp:
        scratch = Path(tmp) / "data"
        try:
            shutil.copytree(data_dir, scratch)
        except (OSError, shutil.Error) as exc:
            raise ReadError(f"cannot read '{display_path(data_dir)}' to check the edit: {_reason(exc)}") from None
        (scratch / file_name).write_text(new_text, encoding="utf-8")
        _, problems = check_dataset(scratch, seeds_dir)
        scratch_name, real_name = display_path(scratch), display_path(data_dir)
        if problems:
            raise DataError(_renamed(p, scratch_name, real_name, file_name, added) for p in problems)
    write_atomic(target, new_text)


def _added_lines(old_text: str, new_text: str) -> set[int]:
    """1-based numbers of the lines of `new_text` that `old_text` does not have."""
    matcher = difflib.SequenceMatcher(None, old_text.splitlines(), new_text.splitlines(), autojunk=False)
    return {j + 1 for tag, _, _, j1, j2 in matcher.get_opcodes() if tag in ("insert", "replace") for j in range(j1, j2)}


def _renamed(p: Problem, scratch_name: str, real_name: str, file_name: str, added: set[int]) -> Problem:
    file = p.location.file.replace(scratch_name, real_name, 1)
    if file.endswith(file_name) and p.location.line in added:
        return Problem(Location(file), f"in the new record: {p.message}")
    return Problem(Location(file, p.location.line, p.location.column), p.message)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list):
        first = exc.args[0][0]  # (source, destination, reason) per file that failed
        return f"{first[0]}: {first[2]}"
    return str(getattr(exc, "strerror", None) or exc)


# --- the edit commands ----------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A string YAML 1.1 would read as something else (`yes`, `1:30`, `0o17`) goes in quotes,
    so a value a command writes is read back as the same text."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, str):
        resolved = pyyaml.resolver.Resolver().resolve(pyyaml.ScalarNode, value, (True, False))
        if resolved != "tag:yaml.org,2002:str":
            return DoubleQuotedScalarString(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def build_record(spec: Mapping[str, Field], given: Mapping[str, Any], subject: str) -> dict[str, Any]:
    """A new record from command-line values, in the spec's order, each converted by its kind
    (so `--since 2015` is written as the year 2015). Raises `UsageError` for a value its
    field cannot hold, in the words `check` would use."""
    record: dict[str, Any] = {}
    for key, field in spec.items():
        value = given.get(key)
        if value is None or value == () or value == []:
            continue
        try:
            if isinstance(value, (list, tuple)):  # a repeatable option: checked as the list it becomes
                field.kind.convert(_as_ylist(list(value)))
                record[key] = list(value)
            else:
                record[key] = field.kind.from_text(str(value))
        except Invalid as exc:
            raise UsageError(f"{subject}: '{key}' must be {field.kind.expected}, not {exc}") from None
        record[key] = _plain(record[key])
    return record


def _as_ylist(items: list[Any]) -> Any:
    from ..dataset.yamlsafe import YList

    out = YList(0)
    out.extend(items)
    return out


def add_actor(data_dir: Path, seeds_dir: Path, **given: Any) -> Path:
    """Append an actor to actors.yaml; refused, with check's messages, if check would refuse it."""
    record = build_record(ACTOR_FIELDS, given, f"actor '{given.get('id')}'")
    return _append(data_dir, seeds_dir, ACTORS_FILE, "actors", record)


def add_relation(
    data_dir: Path, seeds_dir: Path, source: str, rtype: str, target: str, **given: Any
) -> tuple[Path, str, str]:
    """Append a relation with one quote to edges.yaml. `source` and `target` may be any name
    of an actor; refused, with check's messages, if check would refuse it. Returns the file
    and the two actors' ids."""
    from ..dataset.load import load_dataset

    data, _ = load_dataset(data_dir, seeds_dir)
    ends = {"source": actor_id(data.actors, source), "target": actor_id(data.actors, target), "type": rtype}
    edge_keys = {k: v for k, v in given.items() if k in EDGE_FIELDS and k != "evidence"}
    subject = f"edge {ends['source']} -> {ends['target']}"
    record = build_record(EDGE_FIELDS, {**ends, **edge_keys}, subject)
    quote_keys = {k: given.get(k) for k in ("doc", "quote")}
    record["evidence"] = [build_record(EVIDENCE_FIELDS, quote_keys, f"{subject}, evidence 1")]
    return _append(data_dir, seeds_dir, EDGES_FILE, "edges", record), ends["source"], ends["target"]


def actor_id(actors: Any, typed: str) -> str:
    """The id a person means, resolved like the query commands do; unknown names pass through
    unchanged so that the check reports them with its own suggestion."""
    key = name_key(typed)
    for actor in actors:
        if key in {name_key(n) for n in actor.names}:
            return str(actor.id)
    return typed


def _append(data_dir: Path, seeds_dir: Path, file_name: str, list_key: str, record: dict[str, Any]) -> Path:
    path = data_dir / file_name
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(f"cannot read '{display_path(path)}': {_reason(exc)}") from None
    new_text = append_item(text, list_key, record_text(record, file_name, list_key), display_path(path))
    apply(data_dir, seeds_dir, file_name, new_text, text)
    return path


# --- fmt ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reformat:
    """One data file whose layout is not canonical: its text now and as `fmt` writes it."""

    path: Path
    old: str
    new: str

    @property
    def diff(self) -> str:
        name = display_path(self.path)
        lines = difflib.unified_diff(
            self.old.splitlines(True), self.new.splitlines(True), f"{name} (now)", f"{name} (canonical)"
        )
        return "".join(lines)


def reformat(data_dir: Path, seeds_dir: Path, *, write: bool) -> list[Reformat]:
    """The data files that are not in canonical layout; with `write`, rewrite them."""
    from ruamel.yaml.error import YAMLError

    from ..files import write_atomic

    names = (ACTORS_FILE, EDGES_FILE, REVIEWED_FILE)
    paths = [data_dir / name for name in names] + [seeds_dir / SOURCES_FILE]
    changed = []
    for path in paths:
        if not path.exists():
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ReadError(f"cannot read '{display_path(path)}': {_reason(exc)}; run `actorgraph check`") from None
        try:
            new = canonical(text, path.name)
        except YAMLError as exc:  # the file does not parse: `check` says where and why
            raise ActorgraphError(
                f"{display_path(path)}: cannot format a file that does not parse "
                f"({exc.__class__.__name__}); run `actorgraph check`"
            ) from None
        if new == text:
            continue
        changed.append(Reformat(path, text, new))
        if write:
            write_atomic(path, new)
    return changed
