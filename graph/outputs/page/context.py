"""A quote in its context: the sentences around it, cut from the source text at build time.

Readers judge a quote by what surrounds it ("may be allied", said of whom, by
whom?), but a page that embedded every source in full would grow with the
corpus, not with the graph. So each quote carries only its own window: the
sentence or two either side, with the quoted words marked. Spans come from
`check` itself (each quote is located once, during validation), so the
highlight is exactly what was verified.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

from ...dataset.model import Spans
from ...network.cache import sentence_spans

_MIN_CONTEXT = 240  # below this many characters, widen to two sentences either side
_MAX_SIDE = 500  # never more than this many characters either side of the quote
_MAX_GAP = 320  # longer stretches between `...` fragments are elided
_GAP_KEEP = 110
_NEAR_WORD = 40  # a cut moves at most this far to fall between words
_SENTENCE_CLOSERS = ".!?\u2026\"'\u201d\u2019)]"


@dataclass(frozen=True, slots=True)
class _Prepared:
    starts: list[int]
    reading: str  # the text with wrapped lines joined: same length, same offsets


@functools.lru_cache(maxsize=64)
def _prepare(text: str) -> _Prepared:
    """What every quote from one source needs, computed once per source."""
    starts = sorted({0, *(lo for lo, _ in sentence_spans(text))})
    return _Prepared(starts, _reading_text(text))


def _reading_text(text: str) -> str:
    """Line breaks that only wrap a line become spaces; paragraph breaks stay.

    A break is a paragraph break after a blank line or after a sentence's end, the
    rule graph.sentences uses. The length is unchanged, so offsets still apply.
    """
    chars = list(text)
    for i, ch in enumerate(text):
        if ch != "\n":
            continue
        before = i - 1
        while before >= 0 and text[before] in " \t\r":
            before -= 1
        after = i + 1
        while after < len(text) and text[after] in " \t\r":
            after += 1
        blank = (before >= 0 and text[before] == "\n") or (after < len(text) and text[after] == "\n")
        ended = before >= 0 and text[before] in _SENTENCE_CLOSERS
        if not (blank or ended):
            chars[i] = " "
    return "".join(chars)


# A part of a context as offsets into the reading text: ("text", a, b), ("mark", a, b) for quoted
# words, ("gap", 0, 0) for text left out. The page carries each source's reading text once and
# cuts its quotes' contexts out of it.
Slice = tuple[str, int, int]


def reading_text(text: str) -> str:
    """The text as the page shows it: wrapped lines joined (same length, same offsets)."""
    return _prepare(text).reading


def quote_window(text: str, spans: Spans) -> list[Slice] | None:
    """The quote's sentence plus one (or, when short, two) either side, as slices of the reading
    text; `spans` are where `check` found the quote. None without spans."""
    if not spans:
        return None
    prepared = _prepare(text)
    starts = prepared.starts
    text = prepared.reading
    first, last = spans[0][0], spans[-1][1]
    lo_idx = bisect.bisect_right(starts, first) - 1
    hi_idx = bisect.bisect_right(starts, max(first, last - 1)) - 1

    def window(extra: int) -> tuple[int, int]:
        lo = starts[max(0, lo_idx - extra)]
        hi_next = hi_idx + extra + 1
        hi = starts[hi_next] if hi_next < len(starts) else len(text)
        return lo, hi

    lo, hi = window(1)
    if (first - lo) + (hi - last) < _MIN_CONTEXT:
        lo, hi = window(2)
    cut_before = lo < first - _MAX_SIDE
    cut_after = hi > last + _MAX_SIDE
    if cut_before:
        lo = _word_start(text, first - _MAX_SIDE)
    if cut_after:
        hi = _word_end(text, last + _MAX_SIDE)
    while lo < first and text[lo].isspace():
        lo += 1
    while hi > last and text[hi - 1].isspace():
        hi -= 1

    parts: list[Slice] = [("gap", 0, 0)] if cut_before else []
    parts.append(("text", lo, first))
    for i, (start, end) in enumerate(spans):
        parts.append(("mark", start, end))
        if i + 1 < len(spans):
            after, upto = end, spans[i + 1][0]
            if upto - after > _MAX_GAP:
                head = after + _word_end(text[after:upto], _GAP_KEEP)
                tail = after + _word_start(text[after:upto], upto - after - _GAP_KEEP)
                parts += [("text", after, head), ("gap", 0, 0), ("text", tail, upto)]
            else:
                parts.append(("text", after, upto))
    parts.append(("text", last, hi))
    if cut_after:
        parts.append(("gap", 0, 0))
    return [p for p in parts if p[0] == "gap" or p[2] > p[1]]


def _word_start(text: str, i: int) -> int:
    """Where the first word at or after i starts, so a cut splits no word; i itself when no
    space is near (Thai, Burmese or Chinese put none between words: such text is cut where it
    is, not searched to its end)."""
    for j in range(i, min(i + _NEAR_WORD, len(text))):
        if text[j - 1].isspace():
            return j
    return i


def _word_end(text: str, i: int) -> int:
    """Where the last word at or before i ends (the space after it), or i itself when no space
    is near."""
    for j in range(i, max(i - _NEAR_WORD, 0), -1):
        if text[j].isspace():
            return j
    return i
