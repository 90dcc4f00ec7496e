"""Find a quote in a source text, forgiving only what copy-paste changes.

Curators paste quotes from browsers and word processors, which swap straight
and curly quotes, turn hyphens into dashes and rewrap lines. Those
differences are not differences of wording, so they are ignored; everything
else — a changed word, a dropped "may" — is a mismatch. `...` joins fragments
that must appear in order, the way quotations elide words.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
import unicodedata
from array import array
from collections.abc import Callable
from dataclasses import dataclass

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u02bc": "'",
        "\u201c": "'", "\u201d": "'", "\u201e": "'", "\u201f": "'", "\u2033": "'", '"': "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        # invisible: zero-width spaces and joiners, word joiner, byte-order mark, soft hyphen
        "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\u00ad": None,
    }
)  # fmt: skip
_ELLIPSIS = re.compile(r"\.\.\.|\u2026")  # no `\s*` around it: that backtracks on a run of spaces

# What folding reads as a separator: whitespace, dashes, and the invisible characters it drops.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DROPPED = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"  # noqa: E501 (str.isspace)
_SEPARATORS = _WHITESPACE + _DASHES + _DROPPED
# A run of separators that folding does not keep as it is: anything but one plain space.
_IRREGULAR = re.compile(f"[{re.escape(_SEPARATORS)}]{{2,}}|[{re.escape(_SEPARATORS.replace(' ', ''))}]")
_DASH_SET, _SPACE_SET = frozenset(_DASHES), frozenset(_WHITESPACE)
# Single and double marks alike: a text's 'pushed to the wall' typed as "pushed to the wall"
# is the same words, and quotation marks never tell two claims apart.
_STRAIGHT = tuple((mark, "'") for mark in '\u2018\u2019\u201a\u201b\u2032`\u02bc\u201c\u201d\u201e\u201f\u2033"')


class Offsets:
    """A position map that is a shift by a constant between breakpoints: `self[i]` is where
    position i of one text comes from in another. Folding keeps most of a text in place, so
    this costs a few bytes per change, not eight bytes per character (a 10 MB text's map was
    hundreds of megabytes as a tuple of ints)."""

    __slots__ = ("sources", "starts")

    def __init__(self) -> None:
        self.starts = array("q")  # positions where a run begins
        self.sources = array("q")  # where each run's first position comes from

    def add(self, at: int, source: int) -> None:
        """Position `at` comes from `source` (and those after it from the positions after it)."""
        if self.starts and self.sources[-1] + (at - self.starts[-1]) == source:
            return  # continues the run
        self.starts.append(at)
        self.sources.append(source)

    def __getitem__(self, i: int) -> int:
        k = bisect.bisect_right(self.starts, i) - 1
        return self.sources[k] + (i - self.starts[k]) if k >= 0 else i


class _Chain:
    """Two position maps one after the other."""

    __slots__ = ("first", "second")

    def __init__(self, first: Offsets, second: Offsets) -> None:
        self.first, self.second = first, second

    def __getitem__(self, i: int) -> int:
        return self.first[self.second[i]]


@dataclass(frozen=True, slots=True)
class Folded:
    """A text with copy-paste differences folded away, mapped back to the original.

    Folding: curly quotes become straight, every dash a hyphen, invisible
    characters vanish, any run of whitespace is one space, and a dash absorbs
    the spaces and dashes around it ("enemies — something" == "enemies--something").
    Linear in the text, in time and memory (only the runs of separators that fold to
    something else are visited one by one).
    """

    text: str
    origin: _Chain  # origin[i] = index in the original of folded character i

    @classmethod
    def of(cls, original: str) -> Folded:
        composed, composing = _composed(_unmarked(original))
        folding = Offsets()
        pieces: list[str] = []
        size = 0
        begin = len(composed) - len(composed.lstrip(_SEPARATORS))
        finish = len(composed.rstrip(_SEPARATORS))
        if finish <= begin:  # nothing but separators: a dash if there is one
            dash = _first_dash(composed, 0, len(composed))
            if dash >= 0:
                folding.add(0, dash)
                pieces.append("-")
            return cls("".join(pieces), _Chain(composing, folding))
        lead = _first_dash(composed, 0, begin)
        if lead >= 0:
            folding.add(0, lead)
            pieces.append("-")
            size = 1
        at = begin
        add, append = folding.add, pieces.append
        for m in _IRREGULAR.finditer(composed, begin, finish):
            start, end = m.span()
            if start > at:
                add(size, at)
                append(composed[at:start])
                size += start - at
            if end - start == 1:  # most runs: a line break, a lone dash
                one = composed[start]
                dash = start if one in _DASH_SET else -1
                space = start if one in _SPACE_SET else -1
            else:
                dash = _first_dash(composed, start, end)
                space = next((i for i in range(start, end) if composed[i] in _SPACE_SET), -1)
            if dash >= 0:
                add(size, dash)
                append("-")
                size += 1
            elif space >= 0:
                add(size, space)
                append(" ")
                size += 1
            at = end
        folding.add(size, at)
        pieces.append(composed[at:finish])
        size += finish - at
        tail = _first_dash(composed, finish, len(composed))
        if tail >= 0:
            folding.add(size, tail)
            pieces.append("-")
        return cls(_straight("".join(pieces)), _Chain(composing, folding))

    def original(self, start: int, end: int, text: str) -> str:
        """The original characters behind folded positions start..end."""
        return text[self.origin[start] : self.origin[end - 1] + 1] if end > start else ""


def _first_dash(text: str, start: int, end: int) -> int:
    """Where the first dash of text[start:end] is, or -1."""
    m = _DASH.search(text, start, end)
    return m.start() if m else -1


_DASH = re.compile(f"[{re.escape(_DASHES)}]")


def _straight(text: str) -> str:
    """Curly quotes straight, as `_FOLD` does for what is left once separators are folded (a
    replacement per character is many times faster than `str.translate` on a long text)."""
    for curly, plain in _STRAIGHT:
        if curly in text:
            text = text.replace(curly, plain)
    return text


def _composed(text: str) -> tuple[str, Offsets]:
    """The text in NFC, with where each of its characters comes from in `text`, so that a quote
    typed with "é" matches a text that spells it "e" and a combining accent, and back. Only
    lines not already in NFC are taken apart character by character."""
    offsets = Offsets()
    offsets.add(0, 0)
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text, offsets
    out: list[str] = []
    size = 0
    at = 0
    for line in text.splitlines(keepends=True):
        if unicodedata.is_normalized("NFC", line):
            offsets.add(size, at)
            out.append(line)
            size += len(line)
        else:
            i = 0
            while i < len(line):
                j = i + 1
                while j < len(line) and unicodedata.combining(line[j]):
                    j += 1
                for ch in unicodedata.normalize("NFC", line[i:j]):
                    offsets.add(size, at + i)
                    out.append(ch)
                    size += 1
                i = j
        at += len(line)
    return "".join(out), offsets


_SPACES = re.compile(r"\s+")
_DASH_RUN = re.compile(r" ?-[- ]*")


# A reference work's citation markers ("Afghanistan,[46] where", "[citation needed]"): read as
# spaces in a text and in a quote alike, so a quote may keep them or leave them out. Only markers
# that are never words of the text: a number, one letter, or an editor's note; "[the Taliban]"
# inside a news quote is words.
_CITATION = re.compile(
    r"\[(?:\d{1,4}|[a-z]|note \d{1,3}|citation needed|update|clarification needed|when\?|who\?"
    r"|better source needed|verification needed|dubious|failed verification)\]"
)


def _unmarked(text: str) -> str:
    """The text with its citation markers blanked out, character for character."""
    return _CITATION.sub(lambda m: " " * len(m.group()), text) if "[" in text else text


def fold(text: str) -> str:
    """`Folded.of(text).text` without the position map: quick, for quotes."""
    text = unicodedata.normalize("NFC", _unmarked(text))
    return _DASH_RUN.sub("-", _SPACES.sub(" ", text.translate(_FOLD)).strip()).strip()


def split_ellipsis(quote: str) -> list[str]:
    """The parts of a quote as written, between its ellipses (empty parts dropped)."""
    return [part.strip() for part in _ELLIPSIS.split(quote) if part.strip()]


@functools.lru_cache(maxsize=65536)
def _fragments(quote: str) -> tuple[str, ...]:
    return tuple(p for p in (fold(part) for part in split_ellipsis(quote)) if p)


def fragments(quote: str) -> list[str]:
    """The pieces of a quote between ellipses, folded like the text (cached: `check` and the
    page's quote contexts both look every quote up)."""
    return list(_fragments(quote))


def find_quote(
    quote: str, text: Folded, joinable: Callable[[int, int], bool] | None = None
) -> list[tuple[int, int]] | None:
    """Spans in the *original* text of each fragment, or None when the quote is not there.

    Fragments must start and end on word boundaries, so "Taliban" is not
    found inside "Talibans". With `joinable` (original offsets of what `...` leaves
    out -> whether it may), a later occurrence of the first fragment is tried when
    the first one's gaps are refused (a bounded number of times).
    """
    pieces = fragments(quote)
    if not pieces:
        return None
    first = _find_word(text.text, pieces[0], 0)
    for _ in range(_FIRST_TRIES):
        if first < 0:
            return None
        spans = [(text.origin[first], text.origin[first + len(pieces[0]) - 1] + 1)]
        start = first + len(pieces[0])
        for piece in pieces[1:]:
            at = _find_word(text.text, piece, start)
            if at < 0:
                return None  # not after this occurrence, so after no later one either
            end = at + len(piece)
            spans.append((text.origin[at], text.origin[end - 1] + 1))
            if joinable is not None and not joinable(spans[-2][1], spans[-1][0]):
                break
            start = end
        else:
            return spans
        first = _find_word(text.text, pieces[0], first + 1)
    return None


_FIRST_TRIES = 64  # occurrences of a quote's first fragment tried before it is refused


def _find_word(haystack: str, needle: str, start: int) -> int:
    while True:
        at = haystack.find(needle, start)
        if at < 0:
            return -1
        before = haystack[at - 1] if at > 0 else " "
        after = haystack[at + len(needle)] if at + len(needle) < len(haystack) else " "
        if not (needle[0].isalnum() and before.isalnum()) and not (needle[-1].isalnum() and after.isalnum()):
            return at
        start = at + 1


HINT_AT_MOST = 600  # characters of a quote's fragment a "the text has ..." hint is worked out for
_ANCHOR_WORDS = 4  # the quote's longest words, looked up in the text to find where it goes wrong
_ANCHOR_HITS = 32  # places each is looked up at, at most


def closest_passage(quote: str, text: Folded, original: str) -> str | None:
    """What the text says where the quote goes wrong, in the text's own characters; or, when
    every fragment is there but not in this order, a sentence saying so. Bounded: the passage
    is looked for only around the first places the quote's longest words appear, never by
    comparing the quote with the whole text."""
    pieces = fragments(quote)
    start = 0
    for piece in pieces:
        at = _find_word(text.text, piece, start)
        if at >= 0:
            start = at + len(piece)
            continue
        if len(pieces) > 1 and all(_find_word(text.text, p, 0) >= 0 for p in pieces):
            return None  # the caller says "out of order"
        if len(piece) > HINT_AT_MOST:
            return None  # matching a huge quote costs more than the hint is worth
        near = _near(text.text, piece)
        return text.original(*near, original) if near else None
    return None


def out_of_order(quote: str, text: Folded) -> bool:
    """Whether each fragment is in the text but not in the order the quote gives them."""
    pieces = fragments(quote)
    return len(pieces) > 1 and find_quote(quote, text) is None and all(_find_word(text.text, p, 0) >= 0 for p in pieces)


_WORD = re.compile(r"\w{3,}")


def _candidates(text: str, piece: str) -> list[int]:
    """Where in `text` the piece would start, judging by where its longest words are: each of a
    few words looked up at its first few places, the places most of them agree on first."""
    words = sorted({m.group(): m.start() for m in _WORD.finditer(piece)}.items(), key=lambda w: (-len(w[0]), w[1]))
    starts: list[tuple[int, str]] = []
    for word, offset in words[:_ANCHOR_WORDS]:
        at = text.find(word)
        for _ in range(_ANCHOR_HITS):
            if at < 0:
                break
            starts.append((max(0, at - offset), word))
            at = text.find(word, at + 1)
    slack = len(piece) // 4 + 8

    def agreement(start: int) -> int:
        return len({w for s, w in starts if abs(s - start) <= slack})

    return sorted({s for s, _ in starts}, key=lambda s: (-agreement(s), s))


def _near(text: str, piece: str) -> tuple[int, int] | None:
    for guess in _candidates(text, piece)[:1]:
        lo = max(0, guess - len(piece))
        hi = min(len(text), guess + 2 * len(piece))
        matcher = difflib.SequenceMatcher(None, text[lo:hi], piece, autojunk=False)
        anchor = matcher.find_longest_match(0, hi - lo, 0, len(piece))
        if anchor.size < min(12, len(piece)):
            return None
        # Re-align the whole quote around the anchor, then widen to whole words.
        base = lo + anchor.a - anchor.b
        lo = max(0, base - len(piece) // 2)
        hi = min(len(text), base + len(piece) + len(piece) // 2)
        window = difflib.SequenceMatcher(None, text[lo:hi], piece, autojunk=False)
        blocks = [b for b in window.get_matching_blocks() if b.size >= 3]
        if not blocks:
            return None
        start, end = lo + blocks[0].a, lo + blocks[-1].a + blocks[-1].size
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        return start, end
    return None
