"""Where sentences are in a source text: shared by `coverage` and the page's quote contexts.

Sentence splitting is pySBD's (rule-based, tested on abbreviations such as
"U.S.", "Gen.", "a.k.a.", "lit.", on initials and on quotations), around two
things real texts add that it does not expect:

- citation markers (`[25]`, `[26]`, `[update]`, `[citation needed]`) are hidden
  from it, so "structures.[25][26] Most Taliban…" still ends a sentence;
- paragraphs: a blank line always ends a sentence, and so does a line break after
  a sentence's closing punctuation (texts that put one paragraph per line); any
  other single line break only wraps a line.

pySBD's time grows much faster than the length of what it is given (150 KB of one
paragraph: 13 s), so it is never given more than `BLOCK` characters at once: a
longer paragraph is cut where a sentence plainly ends (closing punctuation, a
space, a capital), else at a space. Real paragraphs are far shorter; a hostile or
oddly laid out text costs time in proportion to its length.

Offsets always refer to the original text, so spans found by `check` apply.
"""

from __future__ import annotations

import functools
import re

# A bracketed citation marker: a number, a letter or two, or a few words ("update",
# "citation needed", "note 3"), as encyclopedias print them after a sentence.
MARKER = re.compile(r"\[(?:\d{1,4}|[a-z]{1,2}|[A-Za-z][A-Za-z ]{2,30}?(?: \d{1,3})?)\]")
# A blank line, or a line break right after a sentence's closing punctuation.
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*|(?<=[.!?\u2026])[\"'\u201d\u2019)\]]{0,3}[ \t]*\n\s*")
BLOCK = 4000  # the most characters pySBD is given at once
_PLAIN_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]{0,3}\s+(?=[\"\u201c(]?[A-Z])")


@functools.lru_cache(maxsize=1)
def _segmenter() -> object:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


@functools.lru_cache(maxsize=64)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every sentence, whitespace trimmed, in order."""
    masked = MARKER.sub(lambda m: " " * len(m.group()), text)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in [*_PARAGRAPH.finditer(masked), None]:
        end = m.start() if m else len(masked)
        block = masked[start:end].replace("\n", " ")  # a wrapped line: same length, same offsets
        for offset, chunk in _chunks(block):
            for piece in _segmenter().segment(chunk):  # type: ignore[attr-defined]
                lo, hi = start + offset + piece.start, start + offset + piece.end
                while lo < hi and text[lo].isspace():
                    lo += 1
                while hi > lo and text[hi - 1].isspace():
                    hi -= 1
                if hi > lo:
                    spans.append((lo, hi))
        if m:
            start = m.end()
    return tuple(spans)


def _chunks(block: str) -> list[tuple[int, str]]:
    """The block in pieces of at most `BLOCK` characters, each with its offset, cut where a
    sentence plainly ends (else at a space, else anywhere): linear, whatever the block."""
    out = []
    at = 0
    while len(block) - at > BLOCK:
        window = block[at : at + BLOCK]
        ends = [m.end() for m in _PLAIN_END.finditer(window)]
        cut = ends[-1] if ends else (window.rfind(" ") + 1 or BLOCK)
        out.append((at, block[at : at + cut]))
        at += cut
    out.append((at, block[at:]))
    return out
