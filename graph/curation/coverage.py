"""What the sources say that the data does not yet: the curator's to-do list.

Every sentence that names two or more actors may state a relation between
them. It is *cited* when an evidence quote lies in it, *reviewed* when a curator
recorded (in data/reviewed.yaml) why it states no relation, and *open*
otherwise. Open sentences are where an edit is probably missing. A source may
name the actor it is about (`about:`), so that in an article about the TTP a
sentence naming one other group counts as naming two.

Names are found the way `actorgraph show` finds them: case, spaces, dashes of any
kind and apostrophes do not matter ("Islamic State – Khorasan Province" is
"Islamic State-Khorasan Province"), on word boundaries, longest name first, so
"ISIS-K" is not also "ISIS". Short all-capital aliases (US, IS, AQ) must be
written in capitals, so that "us" and "is" are not read as actors.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..dataset.model import Actor, Dataset, Spans, name_key
from ..network.cache import sentence_spans  # kept between runs, as build keeps them

# Between the letters of one name only spaces, dashes, apostrophes and full stops may come.
_JOINERS = re.compile(r"[\s\-\u2010-\u2015\u2212'\u2019.]*")
MIN_OVERLAP = 20  # characters of a quote that must lie in a sentence to cite it


@dataclass(frozen=True)
class Sentence:
    doc: str
    start: int
    end: int
    text: str
    actors: tuple[str, ...]  # ids, in order of first mention
    status: str  # "cited", "reviewed" or "open"
    reason: str | None = None  # why it was reviewed
    names_subject: bool = True  # False: the source's subject counts without being named here


@dataclass(frozen=True)
class Coverage:
    sentences: tuple[Sentence, ...]  # only those naming two or more actors
    unregistered: tuple[str, ...] = ()  # texts in seeds/ that no source registers

    def count(self, status: str, doc: str | None = None) -> int:
        return sum(1 for s in self.sentences if s.status == status and (doc is None or s.doc == doc))

    def share(self, doc: str | None = None) -> float:
        mine = [s for s in self.sentences if doc is None or s.doc == doc]
        return 1.0 if not mine else sum(1 for s in mine if s.status != "open") / len(mine)


@dataclass(frozen=True)
class _Name:
    key: str  # name_key of the name
    actor: str
    exact: str | None  # the letters a short all-capital alias must be written with
    marks: frozenset[str] = frozenset()  # punctuation the name itself has ("Smith & Sons", "Al-Qa'ida, Iraq")


def names(actors: Iterable[Actor]) -> list[_Name]:
    """Every name and alias of every actor (ids are not prose), longest first."""
    out = []
    for actor in actors:
        for name in dict.fromkeys(actor.names[1:]):
            letters = re.sub(r"[^A-Za-z]", "", name)
            exact = letters if len(letters) <= 4 and letters.isupper() else None
            if name_key(name):
                marks = frozenset(ch for ch in name if not ch.isalnum() and not ch.isspace())
                out.append(_Name(name_key(name), actor.id, exact, marks))
    return sorted(out, key=lambda n: -len(n.key))


def mentions(text: str, finders: Sequence[_Name]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, actor id) mentions in `text`, the longest name winning."""
    chars: list[str] = []
    origin: list[int] = []  # origin[k]: where folded character k comes from in `text`
    for i, ch in enumerate(text):
        if ch.isalnum():
            for c in ch.casefold():  # "ß" folds to two letters, both from one character
                chars.append(c)
                origin.append(i)
    folded = "".join(chars)
    taken: list[tuple[int, int, str]] = []
    for name in finders:
        at = folded.find(name.key)
        while at >= 0:
            lo, hi = origin[at], origin[at + len(name.key) - 1] + 1
            if _is_mention(text, lo, hi, name) and all(hi <= s or lo >= e for s, e, _ in taken):
                taken.append((lo, hi, name.actor))
            at = folded.find(name.key, at + 1)
    return sorted(taken)


def _is_mention(text: str, lo: int, hi: int, name: _Name) -> bool:
    if (lo > 0 and text[lo - 1].isalnum()) or (hi < len(text) and text[hi].isalnum()):
        return False  # inside a longer word
    span = text[lo:hi]
    for part in re.split(r"[^\W_]+", span):
        if not _JOINERS.fullmatch("".join(ch for ch in part if ch not in name.marks)):
            return False  # across a comma, a bracket, a sentence's end that the name does not have
    return name.exact is None or re.sub(r"[^A-Za-z]", "", span) == name.exact


def coverage(data: Dataset) -> Coverage:
    finders = names(data.actors)
    out: list[Sentence] = []
    for doc, source in data.sources.items():
        text = source.text
        spans = sentence_spans(text)
        starts = [lo for lo, _ in spans]
        cited = _hit([data.spans(doc, ev.quote) for e in data.edges for ev in e.evidence if ev.doc == doc], spans)
        reviewed: dict[int, str] = {}
        for review in data.reviews:
            if review.doc == doc:
                for i in _hit([data.spans(doc, review.sentence)], spans):
                    reviewed[i] = review.reason
        by_sentence: dict[int, list[str]] = {}
        for start, _, actor in mentions(text, finders):
            i = bisect.bisect_right(starts, start) - 1
            if i < 0 or start >= spans[i][1]:
                continue  # between sentences (a citation marker, a heading's trailing space)
            found = by_sentence.setdefault(i, [])
            if actor not in found:
                found.append(actor)
        for i, actors in sorted(by_sentence.items()):
            named = not source.about or source.about in actors
            if not named and source.about:
                actors = [source.about, *actors]
            if len(actors) < 2:
                continue
            status = "cited" if i in cited else "reviewed" if i in reviewed else "open"
            lo, hi = spans[i]
            snippet = " ".join(text[lo:hi].split())
            out.append(Sentence(doc, lo, hi, snippet, tuple(actors), status, reviewed.get(i), named))
    return Coverage(tuple(out), data.unregistered)


def _hit(located: Iterable[Spans], sentences: Sequence[tuple[int, int]]) -> set[int]:
    """The sentences a quote lies in: a fragment cites the sentence it lies inside, and any it
    overlaps by at least MIN_OVERLAP characters, not every sentence it touches."""
    starts = [lo for lo, _ in sentences]
    hit: set[int] = set()
    for spans in located:
        for lo, hi in spans:
            first = max(0, bisect.bisect_right(starts, lo) - 1)
            for i in range(first, len(sentences)):
                s_lo, s_hi = sentences[i]
                if s_lo >= hi:
                    break
                overlap = min(hi, s_hi) - max(lo, s_lo)
                if overlap >= min(MIN_OVERLAP, s_hi - s_lo, hi - lo):
                    hit.add(i)
    return hit
