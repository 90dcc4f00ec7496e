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
import functools
import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

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
    SOURCE_FIELDS,
    SOURCES_FILE,
    TOP_KEYS,
    VERBATIM,
)
from ..dataset.load import display_path
from ..dataset.model import Dataset, Location, Problem, name_key
from ..dataset.suggest import hint
from ..errors import ActorgraphError, DataError, ReadError, UsageError
from ..files import Unreadable, map_folder, read_inside

_T = TypeVar("_T")


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


def apply(
    data_dir: Path,
    seeds_dir: Path,
    target: Path,
    new_text: str,
    old_text: str = "",
    extra: Mapping[str, str] | None = None,
) -> None:
    """Write `new_text` to `target` (a file of the data or seeds folder) — with `extra` files
    (name -> text) beside it — if, and only if, the map then passes every check.

    The check runs on a scratch copy of that folder; its messages name the real files, as
    `check` would. A problem in lines the edit adds is reported as being in the new record,
    not at a line the file does not have.
    """
    from ..dataset.check import check_dataset
    from ..files import write_atomic

    folder = target.parent
    added = _added_lines(old_text, new_text)
    with tempfile.TemporaryDirectory(prefix="actorgraph-edit-") as tmp:
        scratch = Path(tmp) / folder.name
        try:
            shutil.copytree(folder, scratch)
        except (OSError, shutil.Error) as exc:
            raise ReadError(f"cannot read '{display_path(folder)}' to check the edit: {_reason(exc)}") from None
        (scratch / target.name).write_text(new_text, encoding="utf-8")
        for name, text in (extra or {}).items():
            (scratch / name).write_text(text, encoding="utf-8")
        in_seeds = folder.resolve() == seeds_dir.resolve()
        _, problems = check_dataset(data_dir if in_seeds else scratch, scratch if in_seeds else seeds_dir)
        scratch_name, real_name = display_path(scratch), display_path(folder)
        if problems:
            raise DataError(_renamed(p, scratch_name, real_name, target.name, added) for p in problems)
    raw = _raw(target)
    if raw.decode("utf-8-sig").replace("\r\n", "\n") != old_text:
        raise ActorgraphError(
            f"{display_path(target)} changed while the edit was being checked (an editor saved it?); "
            "nothing was written, run the command again"
        )
    written = []
    try:
        for name, text in (extra or {}).items():
            write_atomic(folder / name, text)
            written.append(folder / name)
        write_atomic(target, _encode(new_text, raw))
    except BaseException:
        for path in written:  # all or nothing: no text left behind that nothing registers
            path.unlink(missing_ok=True)
        raise


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


def _read(path: Path) -> str:
    """A data file's text as the edits work on it: without a byte-order mark, lines ending in
    "\n" (`_encode` puts the file's own back when it is written)."""
    return _raw(path).decode("utf-8-sig").replace("\r\n", "\n")


def _raw(path: Path) -> bytes:
    if not os.path.lexists(path):
        return b""
    try:
        raw = read_inside(path, (path.parent.resolve(),))
        raw.decode("utf-8-sig")
    except (Unreadable, UnicodeDecodeError) as exc:
        raise ReadError(f"cannot read '{display_path(path)}': {exc}; run `actorgraph check`") from None
    return raw


def _encode(text: str, like: bytes) -> bytes:
    """`text` in the conventions of the file it replaces: its byte-order mark and, when its lines
    end in CRLF (an editor on Windows), CRLF."""
    if like.replace(b"\r\n", b"").count(b"\n") < like.count(b"\r\n"):
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if like.startswith(b"\xef\xbb\xbf") else b"") + text.encode("utf-8")


LOCK_NAME = ".actorgraph-lock"
LOCK_WAIT = 60  # seconds another edit may hold the map before this one gives up


def locked(function: Callable[..., _T]) -> Callable[..., _T]:
    """Run an edit holding the map's lock, so two edits at once (two terminals, a script running
    ten in parallel) follow one another instead of each overwriting the other's record."""

    @functools.wraps(function)
    def wrapper(data_dir: Path, seeds_dir: Path, *args: Any, **kwargs: Any) -> _T:
        from filelock import FileLock, Timeout

        root = map_folder(data_dir, seeds_dir) or data_dir
        try:
            with FileLock(root / LOCK_NAME, timeout=LOCK_WAIT):
                return function(data_dir, seeds_dir, *args, **kwargs)
        except Timeout:
            raise ActorgraphError(
                f"another actorgraph edit has held the map for {LOCK_WAIT} s ({root / LOCK_NAME}); try again"
            ) from None

    return wrapper


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


@locked
def add_actor(data_dir: Path, seeds_dir: Path, **given: Any) -> Path:
    """Append an actor to actors.yaml; refused, with check's messages, if check would refuse it."""
    record = build_record(ACTOR_FIELDS, given, f"actor '{given.get('id')}'")
    return _append(data_dir, seeds_dir, ACTORS_FILE, "actors", record)


@locked
def add_relation(
    data_dir: Path, seeds_dir: Path, source: str, rtype: str, target: str, **given: Any
) -> tuple[Path, str, str]:
    """Append a relation with one quote to edges.yaml. `source` and `target` may be any name
    of an actor; refused, with check's messages, if check would refuse it. Returns the file
    and the two actors' ids."""
    from ..dataset.load import load_dataset

    data, _ = load_dataset(data_dir, seeds_dir)
    ends = {"source": actor_id(data.actors, source), "target": actor_id(data.actors, target), "type": rtype}
    path = data_dir / EDGES_FILE
    doc = _parsed(_read(path), path)
    edges: Any = doc.get("edges") if isinstance(doc, dict) else None
    found = _find_edge(edges, data, rtype, ends["source"], ends["target"])
    if found is not None:
        line = edges.lc.item(found)[0] + 1
        raise UsageError(
            f"{display_path(path)}:{line}: {ends['source']} already has a '{rtype}' relation with {ends['target']}; "
            f"add this quote to it with `actorgraph add-evidence {ends['source']} {rtype} {ends['target']} "
            "--doc ... --quote ...`"
        )
    # The hedge and the speaker belong to the quote, not the relation: on the relation they would
    # become the default of every quote added to it later, from any source.
    per_quote = ("confidence", "attributed_to")
    edge_keys = {k: v for k, v in given.items() if k in EDGE_FIELDS and k != "evidence" and k not in per_quote}
    subject = f"edge {ends['source']} -> {ends['target']}"
    record = build_record(EDGE_FIELDS, {**ends, **edge_keys}, subject)
    quote_keys = {k: given.get(k) for k in ("doc", "quote", *per_quote)}
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


def _append(
    data_dir: Path,
    seeds_dir: Path,
    file_name: str,
    list_key: str,
    record: dict[str, Any],
    extra: Mapping[str, str] | None = None,
) -> Path:
    folder = seeds_dir if file_name == SOURCES_FILE else data_dir
    path = folder / file_name
    text = _read(path)
    new_text = append_item(text, list_key, record_text(record, file_name, list_key), display_path(path))
    apply(data_dir, seeds_dir, path, new_text, text, extra)
    return path


def _parsed(text: str, path: Path) -> Any:
    """The file as ruamel reads it, for the line and column of each part."""
    from ruamel.yaml.error import YAMLError

    try:
        return _yaml().load(text)
    except YAMLError:
        raise ActorgraphError(
            f"{display_path(path)} does not parse as it is; run `actorgraph check` and fix it first"
        ) from None


def _block_end(lines: list[str], at: int) -> int:
    """Back up from line index `at` (where the next thing starts) over blank and comment lines:
    they belong to what follows."""
    while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
        at -= 1
    return at


@locked
def add_evidence(
    data_dir: Path, seeds_dir: Path, source: str, rtype: str, target: str, **given: Any
) -> tuple[Path, str, str]:
    """Add a quote to an existing relation in edges.yaml, after its last quote. Refused, with
    check's messages, if check would refuse it (a quote not in the text, an unknown source)."""
    from ..dataset.load import load_dataset

    data, _ = load_dataset(data_dir, seeds_dir)
    s_id, t_id = actor_id(data.actors, source), actor_id(data.actors, target)
    path = data_dir / EDGES_FILE
    text = _read(path)
    doc = _parsed(text, path)
    edges: Any = doc.get("edges") if isinstance(doc, dict) else None
    index = _find_edge(edges, data, rtype, s_id, t_id)
    if index is None:
        raise UsageError(
            f"no '{rtype}' relation from {s_id} to {t_id} in {display_path(path)}; "
            f"add it with `actorgraph add-relation {s_id} {rtype} {t_id} --doc ... --quote ...`"
        )
    edge = edges[index]
    subject = f"edge {edge['source']} -> {edge['target']}, evidence {len(edge.get('evidence') or []) + 1}"
    item = build_record(EVIDENCE_FIELDS, {k: given.get(k) for k in EVIDENCE_FIELDS}, subject)
    lines = text.splitlines(keepends=True)
    keys = list(edge)
    if "evidence" not in keys or not edge["evidence"]:
        raise UsageError(f"{subject}: the relation has no evidence list to add to; run `actorgraph check`")
    # The evidence list ends where the relation's next key, the next relation or the next
    # top-level key begins.
    after = keys[keys.index("evidence") + 1 :]
    if after:
        end = edge.lc.key(after[0])[0]
    elif index + 1 < len(edges):
        end = edges.lc.item(index + 1)[0]
    else:
        tops = list(doc)
        later = tops[tops.index("edges") + 1 :]
        end = doc.lc.key(later[0])[0] if later else len(lines)
    end = _block_end(lines, end)
    dash = edge["evidence"].lc.item(0)[1] - 2
    item_text = _indented(_yaml_dump({"evidence": [_normalised(item, EVIDENCE_FIELDS)]}), dash)
    head = "".join(lines[:end])
    new_text = head + ("" if head.endswith("\n") or not head else "\n") + item_text + "".join(lines[end:])
    apply(data_dir, seeds_dir, path, new_text, text)
    return path, str(edge["source"]), str(edge["target"])


def _find_edge(edges: Any, data: Dataset, rtype: str, source: str, target: str) -> int | None:
    """The position in the `edges` list of the relation of that type between those actors
    (either way round for a symmetric type), or None."""
    rt = data.relation_types.get(rtype)
    ends = {(source, target), (target, source)} if rt is not None and not rt.directed else {(source, target)}
    for i, e in enumerate(edges or []):
        if isinstance(e, dict) and e.get("type") == rtype and (e.get("source"), e.get("target")) in ends:
            return i
    return None


def _normalised(record: dict[str, Any], spec: Mapping[str, Field]) -> dict[str, Any]:
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap(record)
    _normalise(out, spec, FILES[EDGES_FILE])
    return out


def _indented(dumped: str, dash: int) -> str:
    """The list items of a one-key dump (`key:\n  - a: b\n    c: d`), re-indented so their dashes
    sit at column `dash`."""
    body = dumped.splitlines(keepends=True)[1:]
    now = len(body[0]) - len(body[0].lstrip(" "))
    shift = dash - now
    return "".join((" " * shift + line) if shift > 0 else line[-shift:] if line.strip() else line for line in body)


@locked
def add_alias(data_dir: Path, seeds_dir: Path, typed: str, alias: str) -> tuple[Path, str]:
    """Give an actor another name, keeping the file's layout: into its `aliases: [...]` list,
    or as a new `aliases:` line after its name. Refused, with check's message, when another
    actor already has that name."""
    from ..dataset.load import load_dataset

    data, _ = load_dataset(data_dir, seeds_dir)
    wanted = actor_id(data.actors, typed)
    path = data_dir / ACTORS_FILE
    text = _read(path)
    doc = _parsed(text, path)
    actors: Any = doc.get("actors") if isinstance(doc, dict) else None
    index = next((i for i, a in enumerate(actors or []) if isinstance(a, dict) and a.get("id") == wanted), None)
    if actors is None or index is None:
        raise UsageError(f"unknown actor '{typed}' in {display_path(path)} (try `actorgraph list actors`)")
    build_record({"aliases": ACTOR_FIELDS["aliases"]}, {"aliases": [alias]}, f"actor '{wanted}'")
    actor = actors[index]
    same = [n for n in (wanted, actor.get("name"), *(actor.get("aliases") or [])) if isinstance(n, str)]
    if name_key(alias) in {name_key(n) for n in same}:
        raise UsageError(
            f"'{alias}' is already a name of '{wanted}' (names are compared ignoring case and punctuation)"
        )
    lines = text.splitlines(keepends=True)
    shown = _scalar_text(alias)
    aliases = actor.get("aliases")
    if aliases is not None and getattr(aliases, "fa", None) is not None and aliases.fa.flow_style():
        row, _ = actor.lc.key("aliases")
        line = lines[row]
        close = line.rfind("]")
        if close < 0:  # a flow list over several lines: too unusual to edit by hand here
            raise UsageError(f"{display_path(path)}:{row + 1}: add '{alias}' to this list by hand")
        sep = ", " if line[:close].rstrip().endswith("[") is False else ""
        lines[row] = line[:close].rstrip() + sep + shown + line[close:]
    elif aliases:
        row, col = aliases.lc.item(len(aliases) - 1)
        lines.insert(row + 1, " " * (col - 2) + f"- {shown}\n")
    else:
        row, col = actor.lc.key("name") if "name" in actor else actors.lc.item(index)
        lines.insert(row + 1, " " * col + f"aliases: [{shown}]\n")
    new_text = "".join(lines)
    apply(data_dir, seeds_dir, path, new_text, text)
    return path, wanted


def _scalar_text(value: str) -> str:
    """A value as it is written inside a flow list: plain where YAML reads it back as the same
    text, double-quoted otherwise."""
    dumped = _yaml_dump({"x": [_plain(value)]}).strip()  # `x:\n  - value`
    written = dumped.split("- ", 1)[1]
    if any(ch in written for ch in ",[]{}#") and not written.startswith(('"', "'")):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return written


def slug(text: str) -> str:
    """An id from a title or file name: lowercase ASCII words joined by single hyphens."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > 48:
            break
        out = f"{out}-{word}" if out else word
    return out


@locked
def add_source(data_dir: Path, seeds_dir: Path, file: Path, **given: Any) -> tuple[Path, str]:
    """Copy a text into the seeds folder (UTF-8, line endings normalised, nothing else changed)
    and register it in sources.yaml. Refused when its id or its text is already there, or when
    `check` would refuse the record."""
    from ..dataset.load import load_dataset
    from ..files import read_text

    try:
        text = read_text(file).replace("\r\n", "\n").replace("\r", "\n")
    except ReadError as exc:  # the file named on the command line: the user's to mend
        raise UsageError(str(exc)) from None
    if not text.strip():
        raise UsageError(f"'{file}' is empty: there is nothing to quote")
    data, _ = load_dataset(data_dir, seeds_dir)
    kind = given.get("kind")
    if data.source_kinds and kind not in data.source_kinds:
        raise UsageError(f"unknown source kind '{kind}'{hint(str(kind), data.source_kinds)}")
    source_id = given.get("id") or slug(given.get("title") or "") or slug(file.stem)
    if not source_id:
        raise UsageError("cannot make an id from the title or the file name; give one with --id")
    if source_id in data.sources:
        raise UsageError(f"a source with the id '{source_id}' is already registered; pick another --id")
    for other in data.sources.values():
        if other.text.replace("\r\n", "\n") == text:
            raise UsageError(f"this text is already registered as '{other.id}' ({other.file})")
    name = f"{source_id}.txt"
    dest = seeds_dir / name
    if dest.exists():
        if _read(dest) != text:
            raise UsageError(f"'{display_path(dest)}' already exists with other content; pick another --id")
        extra: dict[str, str] = {}  # the same text is already in place, unregistered: register it
    else:
        extra = {name: text}
    record = build_record(SOURCE_FIELDS, {**given, "id": source_id, "file": name}, f"source '{source_id}'")
    return _append(data_dir, seeds_dir, SOURCES_FILE, "sources", record, extra), source_id


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


@locked
def reformat(data_dir: Path, seeds_dir: Path, *, write: bool) -> list[Reformat]:
    """The data files that are not in canonical layout; with `write`, rewrite them. A file whose
    canonical form would lose or move a comment is left alone and reported: a curator's note
    is worth more than a tidy layout."""
    from ruamel.yaml.error import YAMLError

    from ..files import write_atomic

    names = (ACTORS_FILE, EDGES_FILE, REVIEWED_FILE)
    paths = [data_dir / name for name in names] + [seeds_dir / SOURCES_FILE]
    changed = []
    for path in paths:
        if not os.path.lexists(path):
            continue
        raw = _raw(path)
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
        try:
            new = canonical(text, path.name)
        except YAMLError as exc:  # the file does not parse: `check` says where and why
            raise ActorgraphError(
                f"{display_path(path)}: cannot format a file that does not parse "
                f"({exc.__class__.__name__}); run `actorgraph check`"
            ) from None
        if new == text:
            continue
        lost = _lost_comment(text, new)
        if lost is not None:
            line, comment = lost
            raise ActorgraphError(
                f"{display_path(path)}:{line}: the canonical layout would lose or move the comment "
                f"'{comment}'; nothing was reformatted — lay this part out by hand (see `actorgraph fmt --check`)"
            )
        changed.append(Reformat(path, text, new))
        if write:
            if _raw(path) != raw:
                raise ActorgraphError(f"{display_path(path)} changed while it was being formatted; run fmt again")
            write_atomic(path, _encode(new, raw))
    return changed


_COMMENT = re.compile(r"(?:^|\s)#(.*)$")


def _anchors(text: str) -> list[tuple[str, str, int]]:
    """Each comment with what it is written on or above, and its line: the comparison that tells
    whether a layout kept every comment where it was."""

    def content(line: str) -> str:
        key, sep, value = line.strip().partition(": ")
        return key + sep + value.strip().strip("'\"")

    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("#"):
            after = next((ln for ln in lines[i + 1 :] if ln.strip() and not ln.strip().startswith("#")), "")
            out.append((stripped, "above " + content(after), i + 1))
            continue
        m = _COMMENT.search(_unquoted(line))
        if m:  # on a key: the key may move within its record ("- type: x" -> "type: x")
            out.append(("#" + m.group(1), "on " + content(line[: m.start()]).removeprefix("- "), i + 1))
    return out


def _unquoted(line: str) -> str:
    """The line with quoted text blanked out, so a # inside a quote is not taken for a comment."""
    return re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'', lambda m: " " * len(m.group()), line)


def _lost_comment(old: str, new: str) -> tuple[int, str] | None:
    """The first comment of `old` that `new` no longer has where it was, with its line."""
    kept = [(c, a) for c, a, _ in _anchors(new)]
    for comment, anchor, line in _anchors(old):
        if (comment, anchor) in kept:
            kept.remove((comment, anchor))
        else:
            return line, comment
    return None
