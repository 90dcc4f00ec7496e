"""What the sources say that the data does not yet: the curator's to-do list.

A sentence that names two or more actors may state a relation between them.
Such a sentence is *cited* when an evidence quote overlaps it, *reviewed* when
a curator recorded (in data/reviewed.yaml) why it states no relation, and
*open* otherwise. Open sentences are where an edit is probably missing.

Names are found the way a reader would: every name and alias of every actor,
on word boundaries, ignoring case — except short all-capital aliases (US, IS,
AQ), which must match exactly so that "is" and "us" are not read as actors —
and the longest name wins where two overlap, so "ISIS-K" is not also "ISIS".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..dataset.model import Actor, Dataset
from ..dataset.sentences import sentence_starts


@dataclass(frozen=True)
class Sentence:
    doc: str
    start: int
    end: int
    text: str
    actors: tuple[str, ...]  # ids, in order of first mention
    status: str  # "cited", "reviewed" or "open"
    reason: str | None = None  # why it was reviewed


@dataclass(frozen=True)
class Coverage:
    sentences: tuple[Sentence, ...]  # only those naming two or more actors

    def count(self, status: str) -> int:
        return sum(1 for s in self.sentences if s.status == status)

    @property
    def share(self) -> float:
        total = len(self.sentences)
        return 1.0 if total == 0 else (total - self.count("open")) / total


_LOOSE = {"'": "['\u2019]", "\u2019": "['\u2019]", "-": "[-\u2010\u2011]"}


def _pattern(name: str) -> str:
    """A name as it may be printed: any run of whitespace, either apostrophe, any hyphen."""
    words = ["".join(_LOOSE.get(ch, re.escape(ch)) for ch in word) for word in name.split()]
    return r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"


def _exact(name: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", name)
    return len(letters) <= 4 and letters.isupper()


def name_finder(actors: Iterable[Actor]) -> list[tuple[re.Pattern[str], str, int]]:
    finders = []
    for actor in actors:
        for name in dict.fromkeys(actor.names[1:]):  # name and aliases; ids are not prose
            flags = 0 if _exact(name) else re.IGNORECASE
            finders.append((re.compile(_pattern(name), flags), actor.id, len(name)))
    return finders


def mentions(text: str, finders: list[tuple[re.Pattern[str], str, int]]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, actor id) mentions, the longest name winning an overlap."""
    found = [(m.start(), m.end(), actor) for pattern, actor, _ in finders for m in pattern.finditer(text)]
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int, str]] = []
    for start, end, actor in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, actor))
    return sorted(taken)


def coverage(data: Dataset) -> Coverage:
    finders = name_finder(data.actors)
    out: list[Sentence] = []
    for doc, source in data.sources.items():
        text = source.text
        starts = sentence_starts(text)
        bounds = [*starts[1:], len(text)]
        cited: set[int] = set()
        for edge in data.edges:
            for ev in edge.evidence:
                if ev.doc == doc:
                    cited |= _sentences_hit(data.spans(doc, ev.quote), starts)
        reviewed: dict[int, str] = {}
        for review in data.reviews:
            if review.doc == doc:
                for i in _sentences_hit(data.spans(doc, review.sentence), starts):
                    reviewed[i] = review.reason
        by_sentence: dict[int, list[str]] = {}
        for start, _, actor in mentions(text, finders):
            i = bisect.bisect_right(starts, start) - 1
            by_sentence.setdefault(i, [])
            if actor not in by_sentence[i]:
                by_sentence[i].append(actor)
        for i, actors in sorted(by_sentence.items()):
            if len(actors) < 2:
                continue
            status = "cited" if i in cited else "reviewed" if i in reviewed else "open"
            lo, hi = starts[i], bounds[i]
            snippet = " ".join(text[lo:hi].split())
            out.append(Sentence(doc, lo, hi, snippet, tuple(actors), status, reviewed.get(i)))
    return Coverage(tuple(out))


def _sentences_hit(spans: Iterable[tuple[int, int]], starts: list[int]) -> set[int]:
    hit: set[int] = set()
    for lo, hi in spans:
        first = bisect.bisect_right(starts, lo) - 1
        last = bisect.bisect_right(starts, max(lo, hi - 1)) - 1
        hit.update(range(first, last + 1))
    return hit
