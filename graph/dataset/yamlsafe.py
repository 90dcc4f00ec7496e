"""Read YAML into plain values that remember their line, refusing anything risky.

PyYAML's own loaders lose line numbers and silently keep the last of two equal
keys, which drops a curator's data without a word; its composer also recurses
once per nesting level, so 200,000 `[` crash the interpreter outright. So we
read libyaml's *event stream* (flat, never recursive) and build the values
ourselves with an explicit stack: duplicate keys, aliases (the "billion
laughs" vector), tags other than plain data (`!!python/...` is never
constructed) and absurd nesting all become `Problem`s with a file and line.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..files import Limits, TooLarge, Unreadable, read_inside
from .problems import Location, Problem

try:  # libyaml's C parser is several times faster; fall back where it is missing.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
MAX_BYTES = Limits().file_bytes  # ~50,000 relations with real-length quotes in one file (raise: settings)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class YMap(dict[str, Any]):
    """A mapping that knows its own line and the line of each key, and, for a plain scalar that
    YAML 1.1 reads as something other than text (`yes`, `1:30`, `0x1F`, `2021-08-27`), the
    characters actually written, so that a text field keeps them."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}
        self.raw: dict[str, str] = {}


class YList(list[Any]):
    """A sequence that knows its own line and the line of each item."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []
        self.raw: list[str | None] = []  # as YMap.raw, per item


Items = Mapping[str, Callable[[Any, int], Any]]  # top-level key -> what each item of its list becomes


def read_yaml(
    path: Path,
    display: str,
    roots: tuple[Path, ...] | None = None,
    limit: int = MAX_BYTES,
    advice: str = "",
    items: Items | None = None,
) -> tuple[Any, list[Problem]]:
    """Parse one file of the map (read only from inside `roots`, by default its own folder, and
    at most `limit` bytes; `advice` follows the message of a file past it); on any problem the
    value is None or partial, never a guess. `items` turns each item of a top-level list into
    its record as soon as the item is read (`items[key](item, line)`), so a large list is never
    held as YAML values and as records at once."""
    problems: list[Problem] = []
    try:
        raw = read_inside(path, roots or (path.parent.resolve(),), limit)
    except TooLarge as exc:
        return None, [Problem(Location(display), f"{exc}{advice}")]
    except Unreadable as exc:
        return None, [Problem(Location(display), str(exc))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(Location(display, line), f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded")]
    odd = odd_characters(text, display)
    if odd:
        return None, odd
    try:
        value = _Composer(display, problems, items).compose(text)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, display, text)]
    except yaml.YAMLError as exc:
        return None, [Problem(Location(display), f"YAML error: {exc}")]
    except _TooDeep as exc:
        message = f"nested more than {MAX_DEPTH} levels deep; is a bracket or indentation off?"
        return None, [Problem(Location(display, exc.line), message)]
    if value is None and not problems:
        return None, [Problem(Location(display), "file is empty")]
    return value, problems


# Characters YAML refuses or, worse, reads as line breaks (U+0085, U+2028, U+2029), which
# silently shifts every line number after them. Pasting from the web brings them in.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\x85\u2028\u2029\ufffe\uffff]")
# Characters of a source text that a terminal would obey rather than show (escape sequences
# that retitle the window, a bell, a NUL), should `check` quote the text around them: tabs,
# line breaks and form feeds (page breaks copied from a PDF) stay.
CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def odd_characters(
    text: str, display: str, pattern: re.Pattern[str] = _INVISIBLE, word: str = "invisible character"
) -> list[Problem]:
    """Where `pattern` finds a character in `text`, as `file:line:column` problems (ten at most)."""
    problems = []
    for m in pattern.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        code = f"U+{ord(m.group()):04X}"
        name = unicodedata.name(m.group(), "control character")
        named = "" if name == word else f" ({name})"
        problems.append(Problem(Location(display, line, column), f"{word} {code}{named}; delete it or use a space"))
        if len(problems) >= 10:
            break
    return problems


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str, text: str) -> Problem:
    what = exc.problem or "syntax error"
    if exc.context:
        what = f"{exc.context}: {what}" if exc.problem else exc.context
    # A scanner error ("while scanning a simple key") is detected past the fault; the context
    # mark is where the fault is. A parser error's context is a whole block: use the problem.
    tabs = "tab" in what
    scanning = bool(exc.context and exc.context.startswith("while scanning") and exc.context_mark and not tabs)
    mark = exc.context_mark if scanning else (exc.problem_mark or exc.context_mark)
    if mark is None:
        return Problem(Location(display), f"YAML syntax error: {what}")
    line, column = mark.line + 1, mark.column + 1
    lines = text.splitlines()
    source_line = lines[mark.line] if mark.line < len(lines) else ""
    if tabs or "\t" in source_line[: mark.column + 1]:
        what += " (YAML does not allow tabs for indentation; use spaces)"
    elif "could not find expected ':'" in what:
        what += " (is a colon missing after a key?)"
    else:
        opened = _unclosed_quote(lines, (exc.problem_mark or mark).line)
        if opened is not None:
            what += f" (is the quote opened on line {opened + 1} closed?)"
    return Problem(Location(display, line, column), f"YAML syntax error: {what}")


def _unclosed_quote(lines: list[str], upto: int) -> int | None:
    """The last line at or before `upto` with an odd number of double quotes, if any."""
    for i in range(min(upto, len(lines) - 1), max(-1, upto - 40), -1):
        stripped = lines[i].replace('\\"', "")
        if stripped.lstrip().startswith("#"):
            continue
        if stripped.count('"') % 2 == 1:
            return i
    return None


class _TooDeep(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


class _Composer:
    """Builds YMap/YList/scalars from parser events, reporting what it refuses."""

    def __init__(self, display: str, problems: list[Problem], items: Items | None = None) -> None:
        self.display = display
        self.problems = problems
        self.items = items or {}
        self.constructor = yaml.constructor.SafeConstructor()

    def report(self, mark: Any, message: str) -> None:
        self.problems.append(Problem(Location(self.display, mark.line + 1), message))

    def compose(self, text: str) -> Any:
        loader = _Loader(text)
        try:
            return self._run(loader)
        finally:
            loader.dispose()

    def _run(self, loader: Any) -> Any:
        # Each frame: [container, pending key or _NO_KEY, line of that key]
        stack: list[list[Any]] = []
        root: Any = None
        documents = 0
        while True:
            event: Any = loader.get_event()
            kind = event.__class__
            raw = None
            if kind is yaml.ScalarEvent:
                value, line = self._scalar(loader, event), event.start_mark.line + 1
                if value is not None and not isinstance(value, str):
                    raw = event.value  # `yes`, `1:30`, `0o17`: what was written, for text fields
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                value = stack.pop()[0]
                line = value.line  # where the finished container started
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _TooDeep(_line(event))
                is_map = kind is yaml.MappingStartEvent
                expected = _MAP_TAG if is_map else _SEQ_TAG
                if event.tag not in (None, "!", expected):
                    self._bad_tag(event.start_mark, event.tag)
                line = _line(event)
                stack.append([YMap(line) if is_map else YList(line), _NO_KEY, 0])
                continue
            elif kind is yaml.AliasEvent:
                self.report(event.start_mark, f"YAML aliases (*{event.anchor}) are not supported; write the value out")
                value, line = None, _line(event)
            elif kind is yaml.StreamEndEvent:
                return root
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.report(event.start_mark, "more than one YAML document (---); put everything in one")
                    return root
                continue
            else:  # stream start, document end
                continue
            if not stack:
                root = value
                continue
            if len(stack) == 2 and self.items and isinstance(stack[1][0], YList):
                top = stack[0]  # the document's mapping, its key pending while its list is read
                if isinstance(top[0], YMap) and top[1] in self.items:
                    value = self.items[top[1]](value, line)
            self._add(stack[-1], value, line, raw)

    def _add(self, frame: list[Any], value: Any, line: int, raw: str | None = None) -> None:
        container = frame[0]
        if isinstance(container, YList):
            container.append(value)
            container.item_lines.append(line)
            container.raw.append(raw)
            return
        if frame[1] is _NO_KEY:  # this value is a key: always the characters written
            if isinstance(value, (YMap, YList)) or value is None:
                self.problems.append(Problem(Location(self.display, line), "mapping keys must be plain words"))
                frame[1], frame[2] = _BAD_KEY, line
            else:
                # Interned: the same few keys recur in every record, and each record keeps them
                # (its values and the line of each) as long as the map is loaded.
                frame[1], frame[2] = sys.intern(raw if raw is not None else str(value)), line
            return
        key, key_line = frame[1], frame[2]
        frame[1] = _NO_KEY
        if key is _BAD_KEY:
            return
        if key in container:
            first = container.key_lines[key]
            self.problems.append(
                Problem(
                    Location(self.display, key_line),
                    f"duplicate key '{key}' (first given on line {first}); YAML would silently keep only the last",
                )
            )
            return
        container[key] = value
        container.key_lines[key] = key_line
        if raw is not None:
            container.raw[key] = raw

    def _scalar(self, loader: Any, event: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            value = event.value
            # Quoted and block scalars are always strings, and so is a plain one whose first
            # character starts no implicit type (most words): skip the resolver for them.
            if event.style or (value and value[0] not in loader.yaml_implicit_resolvers):
                return value
            tag = loader.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _STR_TAG:
            return event.value  # most values; the constructor would only copy it
        if tag not in _PLAIN_TAGS:
            self._bad_tag(event.start_mark, tag)
            return None
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError) as exc:
            self.report(event.start_mark, f"cannot read value {event.value!r}: {exc}")
            return None

    def _bad_tag(self, mark: Any, tag: str) -> None:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        self.report(mark, f"YAML tag '{shown}' is not allowed; only plain strings, numbers, lists and mappings are")


_NO_KEY = object()
_BAD_KEY = object()


def _line(event: Any) -> int:
    """1-based line where an event starts (libyaml always gives a mark; be safe if not)."""
    mark = getattr(event, "start_mark", None)
    return int(mark.line) + 1 if mark is not None else 0
