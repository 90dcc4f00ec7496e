"""What actorgraph writes for people stays text: in a terminal, in a public CI log, in a pull-request
comment.

A map arrives through pull requests, and its names, quotes and notes reach three readers who
obey what they read: a terminal (escape sequences, a carriage return that rewrites the line),
a GitHub Actions log (a line starting with `::` is a workflow command: `::error`,
`::stop-commands`, `::add-mask`) and a pull-request comment rendered as Markdown (mentions that
notify people, links and tracking images, `<!--` that hides the rest of the comment). So:

- `one_line` shows a value's line breaks and control characters as escapes (`\\n`, `\\u001b`),
  for a message that must stay one line (a `check` problem);
- `terminal` makes a whole output inert for a terminal and a CI log: control characters other
  than tabs and line breaks shown as escapes, and no line starting with `::`;
- `markdown` escapes a value for Markdown and HTML, and breaks mentions and references;
- `json_inert` escapes, inside JSON strings, what JSON leaves raw and a terminal obeys (C1
  controls, bidirectional overrides): the same JSON value, written inertly.

    >>> one_line("Alpha\\r\\n::error::x")
    'Alpha\\\\r\\\\n::error::x'
    >>> terminal("ok\\n  ::error::forged\\n")
    'ok\\n  \\\\::error::forged\\n'
    >>> markdown("@octocat <!-- [x](http://e.vil)")
    '@\\u2060octocat \\\\<\\\\!\\\\-\\\\- \\\\[x\\\\]\\\\(http\\\\://e\\\\.vil\\\\)'
"""

from __future__ import annotations

import re

# What a terminal obeys rather than shows: C0 controls but tab and line feed, DEL, C1 controls
# (0x9b is an eight-bit escape sequence), and the bidirectional marks, embeddings, overrides and
# isolates that reorder what a reader sees.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_OBEYED = "\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI
_STREAM = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + _BIDI + "]")  # as _OBEYED, but CR: see _LONE_CR
_LONE_CR = re.compile("\r(?!\n)")
_WORKFLOW = re.compile(r"^([ \t]*)::", re.MULTILINE)
_SHOWN = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    return _SHOWN.get(char) or f"\\u{ord(char):04x}"


def one_line(text: str) -> str:
    """The text on one line, every line break and control character shown as an escape."""
    return re.sub(f"[\n\t{_OBEYED}]", lambda m: _escape(m.group()), text)


def terminal(text: str) -> str:
    """A whole output made inert for a terminal and a CI log: control characters shown as escapes
    (tabs, line feeds and CRLF line ends stay), and a line that would start with `::` (a workflow
    command, once leading spaces are trimmed) starts with a backslash instead."""
    text = _LONE_CR.sub("\\\\r", text)
    text = _STREAM.sub(lambda m: _escape(m.group()), text)
    return _WORKFLOW.sub(r"\1\\::", text)


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&:=\"$])")
_REFERENCE = re.compile(r"([@#])(?=\w)")  # @mention, @org/team, #123: GitHub links them after rendering


def markdown(text: str) -> str:
    """A value as Markdown text that renders as itself and nothing more: on one line, every
    character Markdown or HTML would interpret backslash-escaped (emphasis, links, images,
    tables, HTML and comments, autolinks), and a word joiner (U+2060, invisible) after an `@` or
    `#` that starts a word, which GitHub would otherwise turn into a mention that notifies
    someone, or a link to an issue."""
    escaped = _MARKDOWN.sub(r"\\\1", one_line(text))
    return _REFERENCE.sub("\\1\u2060", escaped)


_JSON_OBEYED = re.compile("[\x7f-\x9f" + _BIDI + "]")  # what json.dumps(ensure_ascii=False) leaves raw


def json_inert(text: str) -> str:
    """JSON text with the characters a terminal obeys and JSON leaves raw written as `\\u` escapes:
    the same JSON value (they can only be inside strings)."""
    return _JSON_OBEYED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
