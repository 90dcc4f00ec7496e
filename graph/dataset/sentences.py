"""Where sentences are in a source text: shared by `coverage` and the page's quote contexts.

Sentence splitting is pySBD's (rule-based, tested on abbreviations such as
"U.S.", "Gen.", "a.k.a.", "lit.", on initials and on quotations), around two
things real texts add that it does not expect:

- citation markers (`[25]`, `[26]`, `[update]`, `[citation needed]`) are hidden
  from it, so "structures.[25][26] Most Taliban…" still ends a sentence;
- paragraphs: a blank line always ends a sentence, and a single line break only
  wraps a line (texts that put one paragraph per line end each with a full stop).

Offsets always refer to the original text, so spans found by `check` apply.
"""

from __future__ import annotations

import functools
import re

# A bracketed citation marker: a number, a letter or two, or a few words ("update",
# "citation needed", "note 3"), as encyclopedias print them after a sentence.
MARKER = re.compile(r"\[(?:\d{1,4}|[a-z]{1,2}|[A-Za-z][A-Za-z ]{2,30}?(?: \d{1,3})?)\]")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


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
        for piece in _segmenter().segment(block):  # type: ignore[attr-defined]
            lo, hi = start + piece.start, start + piece.end
            while lo < hi and text[lo].isspace():
                lo += 1
            while hi > lo and text[hi - 1].isspace():
                hi -= 1
            if hi > lo:
                spans.append((lo, hi))
        if m:
            start = m.end()
    return tuple(spans)
