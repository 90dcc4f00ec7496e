"""`actorgraph propose`: relations drafted from the registered texts, by the cues in the vocabulary.

For every sentence and every pair of names in it (the map's actors by any name or alias, longest
first, and names it does not know yet), each relation type whose cue lies near both names is
proposed, with

- a direction: an active cue's source is named before it ("ISIS-K *attacked* the Taliban"), a
  passive cue's after it ("the TTP *lost cadres to* ISIS-K");
- a hedge: the least sure confidence level whose cue comes before the end of the quote in the
  sentence ("It's *strongly believed* that ...");
- a speaker: the first attribution pattern in the sentence ("*terrorism experts say*");
- the quote: the shortest span of the sentence holding both names and the cue, verified against
  the text as `check` verifies every quote (a span that does not verify is dropped and counted);
- a score in (0, 1]: higher for a cue between the two names and for a shorter span.

A pair with no cue at all becomes a "pair named, relation unknown" proposal (no type), so a
sentence never vanishes from the queue for lack of a cue. Pairs already cited or reviewed in that
sentence are not proposed again.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..curation.coverage import MIN_OVERLAP, mentions, names, sentence_names
from ..dataset.model import Dataset, Review
from ..dataset.quotes import Folded, find_quote
from ..dataset.validate import MIN_WORDS
from .cues import Attribution, Rules, TypeCue, rules, speaker_in

UNKNOWN_SCORE = 0.1  # a pair named with no cue: worth reading, not worth ranking above a cue
MAX_TYPES_PER_PAIR = 3
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Proposal:
    """One drafted relation, as the review queue holds it."""

    id: str
    doc: str
    start: int  # the sentence's characters in the text
    end: int
    source: str  # an actor id, or a name the map does not know yet (see `new_actors`)
    target: str
    type: str | None  # None: the pair is named, the relation unknown
    quote: str
    confidence: str | None = None
    attributed_to: str | None = None
    cue: str | None = None  # which words suggested the type (and the hedge, the speaker)
    score: float = UNKNOWN_SCORE
    status: str = "open"  # "open", "accepted" or "rejected"
    reason: str | None = None  # why it was rejected
    new_actors: tuple[str, ...] = ()  # names in it that are no actor's yet
    origin: str = "cues"  # "cues", or the file (and row) it was imported from

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.source, self.target))


def proposal_id(doc: str, quote: str, source: str, target: str, rtype: str | None) -> str:
    """The same proposal gets the same id every time it is proposed, so proposing twice, or
    importing the same file again, does not duplicate it."""
    ends = sorted((source, target)) if rtype is None else [source, target]
    key = "\0".join([doc, " ".join(quote.split()), *ends, rtype or ""])
    return "p" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class _Name:
    start: int
    end: int
    ref: str  # actor id, or the unknown name as written
    known: bool


def propose(data: Dataset, docs: Sequence[str] = (), data_dir: Path | None = None) -> tuple[list[Proposal], int]:
    """Proposals for the given sources (all when none), and how many drafted quotes did not
    verify against their text and were dropped (it should be none: each is a span of the text)."""
    compiled = rules(data, data_dir)
    finders = names(data.actors)
    from ..network.cache import sentence_spans

    out: list[Proposal] = []
    dropped = 0
    for doc in docs or list(data.sources):
        source = data.sources[doc]
        text = source.text
        folded = Folded.of(text)
        spans = sentence_spans(text)
        found = mentions(text, finders)
        done = _accounted(data, doc, spans)
        at = 0
        for i, (lo, hi) in enumerate(spans):
            while at < len(found) and found[at][0] < lo:
                at += 1
            mine = []
            while at < len(found) and found[at][1] <= hi:
                mine.append(found[at])
                at += 1
            counted, unknown = sentence_names(text, lo, hi, mine)
            named = [_Name(s, e, a, True) for s, e, a in counted]
            named += [_Name(s, e, " ".join(text[s:e].split()), False) for s, e in unknown]
            for p in _sentence(doc, text, lo, hi, sorted(named, key=lambda n: n.start), compiled, done.get(i, set())):
                if find_quote(p.quote, folded) is None:
                    dropped += 1
                    continue
                out.append(p)
    return out, dropped


def _accounted(data: Dataset, doc: str, spans: Sequence[tuple[int, int]]) -> dict[int, set[tuple[str, ...]]]:
    """Per sentence, what needs no proposal: (a, b, type) cited there, (a, b) reviewed there,
    and ("*",) for a sentence reviewed whole."""
    from ..curation.coverage import _hit

    out: dict[int, set[tuple[str, ...]]] = {}
    for e in data.edges:
        for i in _hit([data.spans(doc, ev.quote) for ev in e.evidence if ev.doc == doc], spans):
            out.setdefault(i, set()).update({(e.source, e.target, e.type), (e.target, e.source, e.type)})
            out[i].update({(e.source, e.target, "?"), (e.target, e.source, "?")})
    review: Review
    for review in data.reviews:
        if review.doc != doc:
            continue
        for i in _hit([data.spans(doc, review.sentence)], spans):
            if review.pair is None:
                out.setdefault(i, set()).add(("*",))
            elif len(review.pair) == 2:
                a, b = review.pair
                out.setdefault(i, set()).update({(a, b), (b, a)})
    return out


def _sentence(
    doc: str, text: str, lo: int, hi: int, named: list[_Name], compiled: Rules, done: set[tuple[str, ...]]
) -> Iterable[Proposal]:
    refs = list(dict.fromkeys(n.ref for n in named))
    if len(refs) < 2 or ("*",) in done:
        return
    sentence = text[lo:hi]
    cues = [(c, _Cue(m, lo)) for c in compiled.types for m in c.pattern.finditer(sentence)]
    speaker = speaker_in(sentence, compiled.speakers)
    if speaker is not None:  # a name the map does not know inside "according to a UN report" is who says it
        said = (lo + speaker.start, lo + speaker.end)
        named = [n for n in named if n.known or not (said[0] <= n.start and n.end <= said[1])]
        refs = list(dict.fromkeys(n.ref for n in named))
    known = {n.ref for n in named if n.known}
    for a, b in itertools.combinations(refs, 2):
        if (a, b) in done or (a not in known and b not in known):
            continue  # two names the map does not know: nothing to review against it yet
        by_type: dict[str, Proposal] = {}
        for cue, at in cues:
            drafted = _draft(doc, text, lo, hi, named, a, b, cue, at, compiled, speaker)
            if drafted is None or (drafted.source, drafted.target, cue.type) in done:
                continue
            best = by_type.get(cue.type)
            if best is None or drafted.score > best.score:
                by_type[cue.type] = drafted
        ranked = sorted(by_type.values(), key=lambda p: -p.score)
        if ranked:
            yield from (p for p in ranked[:MAX_TYPES_PER_PAIR] if p.score >= ranked[0].score / 2)
        elif (a, b, "?") not in done and a in known and b in known:
            yield _unknown(doc, text, lo, hi, named, a, b)


@dataclass(frozen=True)
class _Cue:
    """Where a cue matched: all of it, and its first and last words (what lies in a gap, as in
    "proclaimed X as a model", may be a name)."""

    start: int
    end: int
    head_end: int
    tail_start: int

    def __init__(self, m: re.Match[str], offset: int) -> None:
        tail = m.start("tail") if "tail" in m.re.groupindex else m.start()
        object.__setattr__(self, "start", m.start() + offset)
        object.__setattr__(self, "end", m.end() + offset)
        object.__setattr__(self, "head_end", m.end("head") + offset)
        object.__setattr__(self, "tail_start", (tail if tail >= 0 else m.start()) + offset)


def _nearest(named: list[_Name], ref: str, lo: int, hi: int) -> _Name:
    """The mention of `ref` nearest to the characters lo..hi."""
    return min((n for n in named if n.ref == ref), key=lambda n: abs((n.start + n.end) - (lo + hi)))


_POSSESSIVE = re.compile(r"[’']s\s+")
_DASHED = re.compile(r"\s*[-\u2010-\u2015]\s*")
_NEXT_WORD = re.compile(r"\W*\w+")
_LAST_WORD = re.compile(r"\w+\W*$")
_GLUE = re.compile(r"[\s,]*(?:(?:and|or)\s+)?(?:the\s+)?")  # what joins the names of a list


def _draft(
    doc: str,
    text: str,
    s_lo: int,
    s_hi: int,
    named: list[_Name],
    a: str,
    b: str,
    cue: TypeCue,
    at: _Cue,
    compiled: Rules,
    speaker: Attribution | None,
) -> Proposal | None:
    c_lo, c_hi = at.start, at.head_end  # where the cue stands, for who is named before and after it
    if any((at.start < n.end and at.head_end > n.start) or (at.tail_start < n.end and at.end > n.start) for n in named):
        return None  # the cue is part of a name ("Taliban-rejectionist" is no rivalry of its own)
    na, nb = _nearest(named, a, c_lo, c_hi), _nearest(named, b, c_lo, c_hi)
    first, second = (na, nb) if na.start < nb.start else (nb, na)
    lo, hi = min(first.start, at.start), max(second.end, at.end)
    between = first.end <= c_lo and c_hi <= second.start
    if between:
        # Past the cue, another name may stand before the second only as part of a list
        # ("appealing to cadres of the TTP, Al Qaeda and the Afghan Taliban").
        others = [n for n in named if c_hi <= n.start < second.start and n.ref not in (a, b)]
        if others and not all(_GLUE.fullmatch(text[x.end : y.start]) for x, y in itertools.pairwise([*others, second])):
            return None
    else:
        # A cue beside both names binds them when they stand together ("X and Y are rivals",
        # "U.S.-Taliban cooperation", "ISIS-K, the Islamic State's affiliate"), never across
        # another name. A directed type needs the two joined by a dash or the possessive, since
        # "appealing to cadres of A and B" says nothing of A and B.
        if any(first.end <= n.start < second.start for n in named):
            return None
        joint = text[first.end : second.start]
        possessive = at.start >= second.end and _POSSESSIVE.fullmatch(text, second.end, at.start)
        dashed = _DASHED.fullmatch(joint)
        if cue.directed and not (possessive or dashed):
            return None
    before = [n for n in (na, nb) if n.end <= c_lo]
    after = [n for n in (na, nb) if n.start >= c_hi]
    if before and after:
        src, tgt = (after[0], before[0]) if cue.passive else (before[0], after[0])
    else:
        src, tgt = (second, first) if cue.passive else (first, second)
    quote = _span_text(text, lo, hi, s_lo, s_hi)
    gap = len(_WORD.findall(quote)) - len(_WORD.findall(text[na.start : na.end] + " " + text[nb.start : nb.end]))
    score = (1.0 if between else 0.6) / (1 + max(gap, 0) / 12) * (1.0 if na.known and nb.known else 0.8)
    hedge = _hedge(text, s_lo, hi, compiled)
    return _proposal(doc, s_lo, s_hi, src, tgt, cue.type, quote, hedge, speaker, cue.cue, round(score, 2))


def _unknown(doc: str, text: str, s_lo: int, s_hi: int, named: list[_Name], a: str, b: str) -> Proposal:
    na, nb = (next(n for n in named if n.ref == r) for r in (a, b))
    quote = _span_text(text, min(na.start, nb.start), max(na.end, nb.end), s_lo, s_hi)
    first, second = (na, nb) if na.start < nb.start else (nb, na)
    return _proposal(doc, s_lo, s_hi, first, second, None, quote, None, None, None, UNKNOWN_SCORE)


def _proposal(
    doc: str,
    s_lo: int,
    s_hi: int,
    src: _Name,
    tgt: _Name,
    rtype: str | None,
    quote: str,
    hedge: str | None,
    speaker: Attribution | None,
    cue: str | None,
    score: float,
) -> Proposal:
    new = tuple(n.ref for n in (src, tgt) if not n.known)
    fired = [f"“{cue}”"] if cue else []
    if speaker:
        fired.append(f"“{speaker.words}”")
    p = Proposal(
        id=proposal_id(doc, quote, src.ref, tgt.ref, rtype),
        doc=doc,
        start=s_lo,
        end=s_hi,
        source=src.ref,
        target=tgt.ref,
        type=rtype,
        quote=quote,
        confidence=hedge,
        attributed_to=speaker.who if speaker else None,
        cue=", ".join(fired) or None,
        score=score,
        new_actors=new,
    )
    return p


def _hedge(text: str, s_lo: int, q_hi: int, compiled: Rules) -> str | None:
    """The least sure level whose cue lies in the sentence before the quote's end."""
    window = text[s_lo:q_hi]
    found = [h for h in compiled.hedges if h.pattern.search(window)]
    return min(found, key=lambda h: h.rank).level if found else None


def _span_text(text: str, lo: int, hi: int, s_lo: int, s_hi: int) -> str:
    """The words from lo to hi, widened to whole words and to at least MIN_WORDS words (and
    MIN_OVERLAP characters, so that coverage counts it as citing its sentence)."""
    while lo > s_lo and text[lo - 1].isalnum():
        lo -= 1
    while hi < s_hi and text[hi].isalnum():
        hi += 1
    while (len(_WORD.findall(text[lo:hi])) < MIN_WORDS or hi - lo < MIN_OVERLAP) and (lo > s_lo or hi < s_hi):
        if hi < s_hi:
            m = _NEXT_WORD.match(text, hi, s_hi)
            hi = m.end() if m else s_hi
        else:
            m = _LAST_WORD.search(text[s_lo:lo])
            lo = s_lo + m.start() if m else s_lo
    quote = " ".join(text[lo:hi].split()).strip(" ,;:—–-(")
    if quote.count("“") > quote.count("”"):
        quote = quote.replace("“", "", 1) if quote.startswith("“") else quote
    return quote


def with_status(p: Proposal, status: str, reason: str | None = None) -> Proposal:
    return replace(p, status=status, reason=reason)
