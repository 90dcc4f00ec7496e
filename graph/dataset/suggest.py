""" "Did you mean ...?": the one way every message offers the name a person probably meant.

A map can hold tens of thousands of names, and a hostile one thousands of misspelt
references, so the search is indexed: a vocabulary of more than a few hundred names is
split into character trigrams once, and each question compares the word only with the
few names that share its rarer trigrams (difflib's full comparison is linear in the
vocabulary for every question asked).
"""

from __future__ import annotations

import difflib
import functools
from collections import Counter
from collections.abc import Iterable, Sequence

LIST_AT_MOST = 12  # a vocabulary this small is listed whole when nothing is close
SCAN_AT_MOST = 300  # a vocabulary this small is compared whole, word by word
RARE = 64  # a trigram shared by more names than this says little about which one was meant
SHORTLIST = 24  # names that share the most rare trigrams with the word, compared in full


def closest(word: str, choices: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    known = choices if isinstance(choices, tuple) else tuple(dict.fromkeys(choices))
    if len(known) > SCAN_AT_MOST:
        known = _index(known).shortlist(word)
    return difflib.get_close_matches(word, list(known), n=n, cutoff=cutoff)


def hint(word: str, choices: Iterable[str]) -> str:
    """ " (did you mean 'x'?)", or the whole of a small vocabulary, or nothing."""
    known = tuple(dict.fromkeys(choices))
    close = closest(word, known)
    if close:
        return f" (did you mean '{close[0]}'?)"
    if 0 < len(known) <= LIST_AT_MOST:
        return f" (known: {', '.join(known)})"
    return ""


def offer(candidates: Sequence[str]) -> str:
    """ "did you mean 'A'?" or "did you mean one of: 'A', 'B'?" for names found some other way."""
    if len(candidates) == 1:
        return f"did you mean '{candidates[0]}'?"
    return "did you mean one of: " + ", ".join(f"'{c}'" for c in candidates) + "?"


def _trigrams(word: str) -> set[str]:
    padded = f"  {word.casefold()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class _Index:
    """Which names hold each trigram, kept only for the trigrams few names share."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names
        postings: dict[str, list[int]] = {}
        for i, name in enumerate(names):
            for gram in _trigrams(name):
                postings.setdefault(gram, []).append(i)
        self.postings = {g: ids for g, ids in postings.items() if len(ids) <= RARE}

    def shortlist(self, word: str) -> tuple[str, ...]:
        hits: Counter[int] = Counter()
        for gram in _trigrams(word):
            hits.update(self.postings.get(gram, ()))
        return tuple(self.names[i] for i, _ in hits.most_common(SHORTLIST))


@functools.lru_cache(maxsize=16)
def _index(names: tuple[str, ...]) -> _Index:
    return _Index(names)
