"""Where sentences begin in a source text: shared by `coverage` and the page's quote contexts.

Good enough for news and opinion prose, not a linguistic tokenizer: a sentence
ends at . ! ? or … (with any closing quotes or brackets) before whitespace and
a word that does not start in lower case — unless the full stop ends a known
abbreviation ("Mr.", "Aug.", "U.S.") or a lone initial ("Colin P. Clarke") —
and at a blank line. A single line break is only a wrapped line, unless the
line before it ended a sentence (texts that put one paragraph per line).
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LAST_WORD = re.compile(r"([\w.\-\u2010\u2011]+)[.!?\u2026]$")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt st jr sr sen rep gov pres no vs etc e.g i.e u.s u.k u.n "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def sentence_starts(text: str) -> list[int]:
    """Sorted offsets where sentences (and paragraphs) begin; always starts with 0."""
    starts = {0}
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith(".") and _not_an_ending(text, m.start()):
            continue
        nxt = _skip_space(text, m.end())
        if nxt < len(text) and not text[nxt].islower():
            starts.add(nxt)
    for m in _BLANK_LINE.finditer(text):
        nxt = _skip_space(text, m.end())
        if nxt < len(text):
            starts.add(nxt)
    return sorted(starts)


def _not_an_ending(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` closes an abbreviation or an initial, not a sentence."""
    word = _LAST_WORD.search(text, max(0, dot - 16), dot + 1)
    if word is None:
        return False
    token = word.group(1).rstrip(".")
    if token.lower() in _ABBREVIATIONS:
        return True
    # "P." in "Colin P. Clarke"; but "ISIS-K." ends a sentence, so only a bare capital counts.
    return len(token) == 1 and token.isupper() and (word.start(1) == 0 or text[word.start(1) - 1].isspace())


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i
