"""Read YAML into plain values that remember their line, refusing anything risky.

PyYAML's own loaders lose line numbers and silently keep the last of two equal
keys, which drops a curator's data without a word. So we only *compose* the
document into nodes (which never runs constructors, so `!!python/...` tags are
inert) and turn the nodes into values ourselves: duplicate keys, anchors and
aliases (the "billion laughs" vector), unknown tags and absurd nesting all
become `Problem`s with a file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from graph.model import Location, Problem

try:  # libyaml's C parser is several times faster; fall back where it is missing.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
MAX_BYTES = 64 * 1024 * 1024

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class YMap(dict[str, Any]):
    """A mapping that knows its own line and the line of each key."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class YList(list[Any]):
    """A sequence that knows its own line and the line of each item."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


def read_yaml(path: Path, display: str) -> tuple[Any, list[Problem]]:
    """Parse one file; on any problem the value is None or partial, never a guess."""
    problems: list[Problem] = []
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(Location(display), "file not found")]
    except OSError as exc:
        return None, [Problem(Location(display), f"cannot read file: {exc.strerror or exc}")]
    if len(raw) > MAX_BYTES:
        size_mb = len(raw) // (1024 * 1024)
        limit = MAX_BYTES // (1024 * 1024)
        message = f"file is {size_mb} MB; the limit is {limit} MB"
        return None, [Problem(Location(display), message)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(Location(display, line), f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded")]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, [Problem(Location(display), "file is empty")]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, display, text)]
    except yaml.YAMLError as exc:
        return None, [Problem(Location(display), f"YAML error: {exc}")]
    except RecursionError:
        return None, [Problem(Location(display), "YAML nested too deeply")]
    if node is None:
        return None, [Problem(Location(display), "file is empty")]
    converter = _Converter(display, problems)
    value = converter.convert(node, 0)
    return value, problems


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or "syntax error"
    if exc.context:
        what = f"{exc.context}: {what}" if exc.problem else exc.context
    if mark is None:
        return Problem(Location(display), f"YAML syntax error: {what}")
    line, column = mark.line + 1, mark.column + 1
    lines = text.splitlines()
    source_line = lines[mark.line] if mark.line < len(lines) else ""
    if "\t" in what or "\t" in source_line[: mark.column + 1]:
        what += " (YAML does not allow tabs for indentation; use spaces)"
    return Problem(Location(display, line, column), f"YAML syntax error: {what}")


class _Converter:
    """Turns composed nodes into YMap/YList/scalars, reporting what it refuses."""

    def __init__(self, display: str, problems: list[Problem]) -> None:
        self.display = display
        self.problems = problems
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def here(self, node: yaml.Node) -> Location:
        return Location(self.display, node.start_mark.line + 1)

    def convert(self, node: yaml.Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self.problems.append(Problem(self.here(node), f"nested more than {MAX_DEPTH} levels deep"))
            return None
        if id(node) in self.seen:
            # The composer hands back the very same node for an alias (*name).
            self.problems.append(
                Problem(
                    self.here(node), "YAML anchors and aliases (&name, *name) are not supported; write the value out"
                )
            )
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, depth)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> YMap | None:
        if node.tag != _MAP_TAG:
            self._bad_tag(node)
            return None
        result = YMap(node.start_mark.line + 1)
        for key_node, value_node in node.value:
            key = self.convert(key_node, depth + 1)
            line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int, float, bool)) or key is None:
                self.problems.append(Problem(self.here(key_node), "mapping keys must be plain words"))
                continue
            key = str(key)
            value = self.convert(value_node, depth + 1)
            if key in result:
                first = result.key_lines[key]
                self.problems.append(
                    Problem(
                        Location(self.display, line),
                        f"duplicate key '{key}' (first given on line {first}); YAML would silently keep only the last",
                    )
                )
                continue
            result[key] = value
            result.key_lines[key] = line
        return result

    def _sequence(self, node: yaml.SequenceNode, depth: int) -> YList | None:
        if node.tag != _SEQ_TAG:
            self._bad_tag(node)
            return None
        result = YList(node.start_mark.line + 1)
        for item in node.value:
            result.append(self.convert(item, depth + 1))
            result.item_lines.append(item.start_mark.line + 1)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag not in _PLAIN_TAGS:
            self._bad_tag(node)
            return None
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError) as exc:
            self.problems.append(Problem(self.here(node), f"cannot read value {node.value!r}: {exc}"))
            return None

    def _bad_tag(self, node: yaml.Node) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problems.append(
            Problem(
                self.here(node), f"YAML tag '{tag}' is not allowed; only plain strings, numbers, lists and mappings are"
            )
        )
