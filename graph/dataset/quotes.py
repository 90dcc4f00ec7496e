"""Find a quote in a source text, forgiving only what copy-paste changes.

Curators paste quotes from browsers and word processors, which swap straight
and curly quotes, turn hyphens into dashes and rewrap lines. Those
differences are not differences of wording, so they are ignored; everything
else — a changed word, a dropped "may" — is a mismatch. `...` joins fragments
that must appear in order, the way quotations elide words.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u02bc": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        # invisible: zero-width spaces and joiners, word joiner, byte-order mark, soft hyphen
        "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\u00ad": None,
    }
)  # fmt: skip
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")


@dataclass(frozen=True, slots=True)
class Folded:
    """A text with copy-paste differences folded away, mapped back to the original.

    Folding: curly quotes become straight, every dash a hyphen, invisible
    characters vanish, any run of whitespace is one space, and a dash absorbs
    the spaces and dashes around it ("enemies — something" == "enemies--something").
    """

    text: str
    origin: tuple[int, ...]  # origin[i] = index in the original of folded character i

    @classmethod
    def of(cls, original: str) -> Folded:
        chars: list[str] = []
        origin: list[int] = []
        for i, raw in _composed(original):
            ch = raw.translate(_FOLD)
            if not ch:
                continue
            if ch.isspace():
                if chars and chars[-1] not in " -":
                    chars.append(" ")
                    origin.append(i)
                continue
            if ch == "-":
                if chars and chars[-1] == " ":
                    chars.pop()
                    origin.pop()
                if chars and chars[-1] == "-":
                    continue
            chars.append(ch)
            origin.append(i)
        while chars and chars[-1] == " ":
            chars.pop()
            origin.pop()
        return cls("".join(chars), tuple(origin))

    def original(self, start: int, end: int, text: str) -> str:
        """The original characters behind folded positions start..end."""
        return text[self.origin[start] : self.origin[end - 1] + 1] if end > start else ""


def _composed(text: str) -> list[tuple[int, str]]:
    """The text in NFC, each character with the index in `text` it comes from, so that a quote
    typed with "é" matches a text that spells it "e" and a combining accent, and back."""
    if text.isascii():
        return list(enumerate(text))
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        out += [(i, ch) for ch in unicodedata.normalize("NFC", text[i:j])]
        i = j
    return out


_SPACES = re.compile(r"\s+")
_DASH_RUN = re.compile(r" ?-[- ]*")


def fold(text: str) -> str:
    """`Folded.of(text).text` without the position map: quick, for quotes."""
    text = unicodedata.normalize("NFC", text)
    return _DASH_RUN.sub("-", _SPACES.sub(" ", text.translate(_FOLD)).strip()).strip()


def split_ellipsis(quote: str) -> list[str]:
    """The parts of a quote as written, between its ellipses (empty parts dropped)."""
    return [part for part in _ELLIPSIS.split(quote) if part.strip()]


@functools.lru_cache(maxsize=65536)
def _fragments(quote: str) -> tuple[str, ...]:
    return tuple(p for p in (fold(part) for part in split_ellipsis(quote)) if p)


def fragments(quote: str) -> list[str]:
    """The pieces of a quote between ellipses, folded like the text (cached: `check` and the
    page's quote contexts both look every quote up)."""
    return list(_fragments(quote))


def find_quote(quote: str, text: Folded) -> list[tuple[int, int]] | None:
    """Spans in the *original* text of each fragment, or None when the quote is not there.

    Fragments must start and end on word boundaries, so "Taliban" is not
    found inside "Talibans".
    """
    pieces = fragments(quote)
    if not pieces:
        return None
    spans: list[tuple[int, int]] = []
    start = 0
    for piece in pieces:
        at = _find_word(text.text, piece, start)
        if at < 0:
            return None
        end = at + len(piece)
        spans.append((text.origin[at], text.origin[end - 1] + 1))
        start = end
    return spans


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


def closest_passage(quote: str, text: Folded, original: str) -> str | None:
    """What the text says where the quote goes wrong, in the text's own characters; or, when
    every fragment is there but not in this order, a sentence saying so."""
    pieces = fragments(quote)
    start = 0
    for piece in pieces:
        at = _find_word(text.text, piece, start)
        if at >= 0:
            start = at + len(piece)
            continue
        if len(pieces) > 1 and all(_find_word(text.text, p, 0) >= 0 for p in pieces):
            return None  # the caller says "out of order"
        if len(piece) > 2000:
            return None  # matching a huge quote costs more than the hint is worth
        near = _near(text.text, piece)
        return text.original(*near, original) if near else None
    return None


def out_of_order(quote: str, text: Folded) -> bool:
    """Whether each fragment is in the text but not in the order the quote gives them."""
    pieces = fragments(quote)
    return len(pieces) > 1 and find_quote(quote, text) is None and all(_find_word(text.text, p, 0) >= 0 for p in pieces)


def _near(text: str, piece: str) -> tuple[int, int] | None:
    matcher = difflib.SequenceMatcher(None, text, piece, autojunk=False)
    anchor = matcher.find_longest_match(0, len(text), 0, len(piece))
    if anchor.size < min(12, len(piece)):
        return None
    # Re-align the whole quote around the anchor, then widen to whole words.
    lo = max(0, anchor.a - anchor.b - len(piece) // 2)
    hi = min(len(text), anchor.a - anchor.b + len(piece) + len(piece) // 2)
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
