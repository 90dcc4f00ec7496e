""" "Did you mean ...?": the one way every message offers the name a person probably meant."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

LIST_AT_MOST = 12  # a vocabulary this small is listed whole when nothing is close


def closest(word: str, choices: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    return difflib.get_close_matches(word, list(choices), n=n, cutoff=cutoff)


def hint(word: str, choices: Iterable[str]) -> str:
    """ " (did you mean 'x'?)", or the whole of a small vocabulary, or nothing."""
    known = list(dict.fromkeys(choices))
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
