"""What the sources say that the data does not yet: the curator's to-do list.

Every pair of actors named in one sentence may be a relation. A pair is *cited*
when a quote of a relation between the two lies in that sentence, *reviewed* when
a curator recorded (in data/reviewed.yaml) why the sentence, or that pair in it,
states no relation, and *open* otherwise. A sentence is done only when every pair
in it is: "Pakistan supported the Taliban to keep India out" is not covered by a
quote for Pakistan and the Taliban alone. A source may name the actor it is about
(`about:`), so that in an article about the TTP a sentence naming one other group
counts as naming two.

Names are found the way `actorgraph show` finds them: case, spaces, dashes of any
kind and apostrophes do not matter ("Islamic State – Khorasan Province" is
"Islamic State-Khorasan Province"), on word boundaries, longest name first, so
"ISIS-K" is not also "ISIS". Short all-capital aliases (US, IS, AQ) must be
written in capitals, so that "us" and "is" are not read as actors.

What the map cannot see it says: proper-noun phrases, acronyms in brackets and
"X – Y Province" forms that are no name of any actor are *unknown names*. A known
name inside a longer unknown one ("Pakistan" in "Tehreek-e-Taliban Pakistan",
"Islamic State" in "Islamic State of Khorasan") is not counted as that actor, and
a text in which unknown names were found is never reported as fully covered.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..dataset.model import Actor, Dataset, Review, Spans, name_key
from ..network.cache import sentence_spans  # kept between runs, as build keeps them

# Between the letters of one name only spaces, dashes, apostrophes and full stops may come.
_JOINERS = re.compile(r"[\s\-\u2010-\u2015\u2212'\u2019.]*")
MIN_OVERLAP = 20  # characters of a quote that must lie in a sentence to cite it

CITED, REVIEWED, OPEN = "cited", "reviewed", "open"
UNKNOWN = "unknown"  # a sentence naming fewer than two known actors, beside names the map does not know


@dataclass(frozen=True)
class Pair:
    """Two actors named in one sentence, and whether the data accounts for them there."""

    actors: tuple[str, str]  # ids, in order of first mention
    status: str  # "cited", "reviewed" or "open"
    reason: str | None = None  # why it was reviewed


@dataclass(frozen=True)
class Sentence:
    doc: str
    start: int
    end: int
    text: str
    actors: tuple[str, ...]  # ids, in order of first mention
    status: str  # "cited", "reviewed", "open", or "unknown" (names only the map does not know)
    reason: str | None = None  # why the whole sentence was reviewed
    names_subject: bool = True  # False: the source's subject counts without being named here
    pairs: tuple[Pair, ...] = ()
    unknown: tuple[str, ...] = ()  # names in it that no actor has, as written

    @property
    def open_pairs(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.status == OPEN)


@dataclass(frozen=True)
class Coverage:
    sentences: tuple[Sentence, ...]  # those naming two or more actors, or names the map does not know
    unregistered: tuple[str, ...] = ()  # texts in seeds/ that no source registers

    def mine(self, doc: str | None = None) -> list[Sentence]:
        return [s for s in self.sentences if doc is None or s.doc == doc]

    def count(self, status: str, doc: str | None = None) -> int:
        return sum(1 for s in self.mine(doc) if s.status == status)

    def with_pairs(self, doc: str | None = None) -> list[Sentence]:
        return [s for s in self.mine(doc) if s.pairs]

    def unknown_names(self, doc: str | None = None) -> list[str]:
        """Names the map does not know, once each (as first written), in sentences not reviewed whole."""
        seen: dict[str, str] = {}
        for s in self.mine(doc):
            if s.reason is None:
                for name in s.unknown:
                    seen.setdefault(name_key(name), name)
        return list(seen.values())

    def complete(self, doc: str | None = None) -> bool:
        """Whether every pair is accounted for *and* nothing was left unseen: some pair was
        found, and no name the map does not know."""
        return bool(self.with_pairs(doc)) and not self.unknown_names(doc) and self.count(OPEN, doc) == 0

    def share(self, doc: str | None = None) -> float | None:
        """The share of sentences with pairs that are done; None when there is nothing to measure
        or names were found that the map does not know (so the share could not say 100%)."""
        mine = self.with_pairs(doc)
        if not mine or self.unknown_names(doc):
            return None
        return sum(1 for s in mine if s.status != OPEN) / len(mine)


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


# --- names the map does not know ---------------------------------------------------------------

# A capitalised word (Taliban, U.S., ISIS-K, al-Sham as the tail of a name, Tehreek-e-Taliban),
# small words that join the words of one name ("State of Iraq", "Hayat Tahrir al-Sham"), and
# a dash with spaces around it between two parts of one name ("Levant – Khorasan Province").
_CAP = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z]\.(?=\s+[A-Z])|[A-Z][\w’'\-]*\w|[A-Z]|(?:al|el|ul|bin|ibn)-[A-Z][\w’'\-]*\w)"
_LINK = r"(?:\s+(?:of|of\s+the|for|for\s+the|and|and\s+the|al|el|ul|bin|ibn|de|e)\s+|\s*[–—-]\s*|\s+)"
_AND = re.compile(r"\s+and(?:\s+the)?\s+")
_PHRASE = re.compile(rf"(?<![\w’'.@#]){_CAP}(?:{_LINK}{_CAP})*")
_BRACKETED = re.compile(r"\(([A-Z][A-Za-z]*(?:[-–.][A-Za-z]+)*)\)")
_POSSESSIVE = re.compile(r"[’']s?$")
# Words that are capitalised for grammar or the calendar, not because they name anyone.
_NOT_NAMES = frozenset(
    """a about after against all also although among an and another any as at because before between both
    but by despite during each even every few for from he her here his how i if in indeed instead it its
    just many me most mr mrs ms much my no not now of on once one only or other others our over several
    she since so some still such that the their them then there these they this those though thus to
    today two under we what when where whether which while who why will with yet you your
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    source opinion""".split()
)


def unknown_names(text: str, lo: int, hi: int, known: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Spans in `text[lo:hi]` (a sentence) that look like names but are no actor's: runs of
    capitalised words and acronyms in brackets that known mentions do not cover. The first word
    of a sentence counts only as part of a longer run (it is capitalised anyway)."""
    inside = [(s, e) for s, e, _ in known if lo <= s and e <= hi]
    out: list[tuple[int, int]] = []
    for s, e in _phrases(text, lo, hi, inside):
        while True:  # a leading "The", "But", "In" is grammar, not part of the name
            first = re.match(r"[\w’'.\-]+", text[s:e])
            if first is None or first.group().lower().rstrip(".") not in _NOT_NAMES:
                break
            rest = re.match(r"[\w’'.\-]+[\s–—-]+", text[s:e])
            if rest is None:
                s = e
                break
            s += rest.end()
        e = s + len(_POSSESSIVE.sub("", text[s:e]))
        if e <= s:
            continue
        words = re.findall(r"[\w’'.\-]+", text[s:e])
        if all(w.lower().rstrip(".") in _NOT_NAMES for w in words):
            continue
        if len(words) == 1 and not words[0].isupper() and not text[lo:s].strip(" “”\"'‘’(:—–-\n"):
            continue  # a sentence's (or a quotation's) first word: capitalised whatever it is
        if _covered(text, s, e, inside):
            continue
        out.append((s, e))
    for m in _BRACKETED.finditer(text, lo, hi):
        s, e = m.span(1)
        letters = re.sub(r"[^A-Za-z]", "", m.group(1))
        fresh = all(e2 <= s or s2 >= e for s2, e2 in out)
        if fresh and sum(ch.isupper() for ch in letters) >= 2 and not _covered(text, s, e, inside):
            out.append((s, e))
    return sorted(out)


def _phrases(text: str, lo: int, hi: int, known: Sequence[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """Runs of capitalised words. "and" joins two parts of one name after an "of" ("State of
    Iraq and the Levant"), unless a part is a known name on its own ("the Taliban and the
    Islamic State of Khorasan" is two names)."""
    for m in _PHRASE.finditer(text, lo, hi):
        parts, at = [], m.start()
        for link in _AND.finditer(text, m.start(), m.end()):
            parts.append((at, link.start()))
            at = link.end()
        parts.append((at, m.end()))
        one = " of " in text[parts[0][0] : parts[0][1]] and not any(_covered(text, s, e, known) for s, e in parts)
        yield from [m.span()] if one else parts


def _covered(text: str, s: int, e: int, known: Sequence[tuple[int, int]]) -> bool:
    """Whether every word of `text[s:e]` lies inside a known mention ("U.S.-Taliban" is two
    names, both known), or the whole span lies inside one ("Afghan" in "Afghan military")."""
    if any(ks <= s and e <= ke for ks, ke in known):
        return True
    for w in re.finditer(r"[^\W_]+", text[s:e]):
        ws, we = s + w.start(), s + w.end()
        if w.group().lower() in _NOT_NAMES or (len(w.group()) <= 2 and w.group().islower()):
            continue  # "of", "e" in Tehrik-e-Taliban, "al" are joiners when known names surround them
        if not any(ks <= ws and we <= ke for ks, ke in known):
            return False
    return True


def sentence_names(
    text: str, lo: int, hi: int, known: Sequence[tuple[int, int, str]]
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """The known mentions a reader would count in one sentence, and its unknown names. A known
    name inside a longer unknown one does not count: it is part of another name."""
    unknown = unknown_names(text, lo, hi, known)
    counted = [
        (s, e, a) for s, e, a in known if lo <= s and e <= hi and not any(us <= s and e <= ue for us, ue in unknown)
    ]
    return counted, unknown


# --- coverage ----------------------------------------------------------------------------------


def coverage(data: Dataset) -> Coverage:
    finders = names(data.actors)
    out: list[Sentence] = []
    for doc, source in data.sources.items():
        text = source.text
        spans = sentence_spans(text)
        starts = [lo for lo, _ in spans]
        cited: dict[int, set[frozenset[str]]] = {}
        for e in data.edges:
            located = [data.spans(doc, ev.quote) for ev in e.evidence if ev.doc == doc]
            for i in _hit(located, spans):
                cited.setdefault(i, set()).add(frozenset((e.source, e.target)))
        reviews: dict[int, list[Review]] = {}
        for review in data.reviews:
            if review.doc == doc:
                for i in _hit([data.spans(doc, review.sentence)], spans):
                    reviews.setdefault(i, []).append(review)
        by_sentence: dict[int, list[tuple[int, int, str]]] = {}
        for found in mentions(text, finders):
            i = bisect.bisect_right(starts, found[0]) - 1
            if i >= 0 and found[0] < spans[i][1]:  # not between sentences (a citation marker)
                by_sentence.setdefault(i, []).append(found)
        for i, (lo, hi) in enumerate(spans):
            counted, unknown = sentence_names(text, lo, hi, by_sentence.get(i, []))
            actors = list(dict.fromkeys(a for _, _, a in counted))
            named = not source.about or source.about in actors
            if not named and source.about and (actors or unknown):
                actors = [source.about, *actors]
            if len(actors) + len(unknown) < 2:
                continue
            whole = next((r for r in reviews.get(i, []) if r.pair is None), None)
            pairs = tuple(_pair(pair, cited.get(i, set()), reviews.get(i, []), whole) for pair in _pairs(actors))
            status = _status(pairs, whole)
            snippet = " ".join(text[lo:hi].split())
            written = tuple(" ".join(text[s:e].split()) for s, e in unknown)
            reason = whole.reason if whole is not None else None
            out.append(Sentence(doc, lo, hi, snippet, tuple(actors), status, reason, named, pairs, written))
    return Coverage(tuple(out), data.unregistered)


def _pairs(actors: Sequence[str]) -> list[tuple[str, str]]:
    return list(itertools.combinations(actors, 2))


def _pair(pair: tuple[str, str], cited: set[frozenset[str]], reviews: list[Review], whole: Review | None) -> Pair:
    if frozenset(pair) in cited:
        return Pair(pair, CITED)
    own = next((r for r in reviews if r.pair is not None and set(r.pair) == set(pair)), None)
    if own is not None:
        return Pair(pair, REVIEWED, own.reason)
    if whole is not None:
        return Pair(pair, REVIEWED, whole.reason)
    return Pair(pair, OPEN)


def _status(pairs: Sequence[Pair], whole: Review | None) -> str:
    if not pairs:
        return REVIEWED if whole is not None else UNKNOWN
    if any(p.status == OPEN for p in pairs):
        return OPEN
    return CITED if any(p.status == CITED for p in pairs) else REVIEWED


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
