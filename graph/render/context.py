"""A quote in its context: the sentences around it, cut from the source text at build time.

Readers judge a quote by what surrounds it ("may be allied", said of whom, by
whom?), but a page that embedded every source in full would grow with the
corpus, not with the graph. So each quote carries only its own window: the
sentence or two either side, with the quoted words marked. Spans come from
`graph.quotes.find_quote`, the same matcher `check` uses, so the highlight is
exactly what was verified.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from graph.quotes import Folded, find_quote

# A part of a context: ("text", s), ("mark", s) for quoted words, or ("gap", "") for elided text.
Part = tuple[str, str]

_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s)")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
# Words that end in a full stop without ending a sentence ("Mr. Biden", "U.S. troops").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt st jr sr sen rep gov pres no vs etc e.g i.e u.s u.k u.n "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_MIN_CONTEXT = 240  # below this many characters, widen to two sentences either side
_MAX_SIDE = 500  # never more than this many characters either side of the quote
_MAX_GAP = 320  # longer stretches between `...` fragments are elided
_GAP_KEEP = 110


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences (and paragraphs) begin; always starts with 0."""
    starts = {0}
    for m in _SENTENCE_END.finditer(text):
        word = re.search(r"([\w.]+)[.!?\u2026]?$", text[max(0, m.start() - 12) : m.start() + 1])
        if m.group().startswith(".") and word and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS):
            continue
        if m.group().startswith(".") and word and len(word.group(1).rstrip(".")) == 1:
            continue  # an initial: "Abu M. al-..."
        nxt = _skip_space(text, m.end())
        if nxt < len(text) and not text[nxt].islower():
            starts.add(nxt)
    for m in _PARAGRAPH.finditer(text):
        nxt = _skip_space(text, m.end())
        if nxt < len(text):
            starts.add(nxt)
    return sorted(starts)


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def quote_context(text: str, quote: str, starts: Sequence[int] | None = None) -> list[Part] | None:
    """The quote's sentence plus one (or, when short, two) either side, as display parts.

    None when the quote is not in the text, which `check` has already ruled out
    for any dataset that reaches the renderer.
    """
    spans = find_quote(quote, Folded.of(text))
    if not spans:
        return None
    starts = list(starts) if starts is not None else sentence_starts(text)
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

    parts: list[Part] = []
    if cut_before:
        parts.append(("gap", ""))
    parts.append(("text", text[lo:first]))
    for i, (start, end) in enumerate(spans):
        parts.append(("mark", text[start:end]))
        if i + 1 < len(spans):
            between = text[end : spans[i + 1][0]]
            if len(between) > _MAX_GAP:
                head = between[: _word_end(between, _GAP_KEEP)]
                tail = between[_word_start(between, len(between) - _GAP_KEEP) :]
                parts += [("text", head), ("gap", ""), ("text", tail)]
            else:
                parts.append(("text", between))
    parts.append(("text", text[last:hi]))
    if cut_after:
        parts.append(("gap", ""))
    return _tidy(parts)


def _word_start(text: str, i: int) -> int:
    i = max(0, min(i, len(text)))
    while 0 < i < len(text) and not text[i - 1].isspace():
        i += 1
    return i


def _word_end(text: str, i: int) -> int:
    i = max(0, min(i, len(text)))
    while 0 < i < len(text) and not text[i].isspace():
        i -= 1
    return i


def _tidy(parts: list[Part]) -> list[Part]:
    """Whitespace as a reader sees it: runs become one space, paragraph breaks one newline."""
    out: list[Part] = []
    for kind, s in parts:
        s = re.sub(r"[^\S\n]+", " ", s)
        s = re.sub(r" ?\n[\s]*", "\n", s)
        if kind != "gap" and not s:
            continue
        out.append((kind, s))
    if out and out[0][0] == "text":
        out[0] = ("text", out[0][1].lstrip())
    if out and out[-1][0] == "text":
        out[-1] = ("text", out[-1][1].rstrip())
    return [p for p in out if p[0] == "gap" or p[1]]
