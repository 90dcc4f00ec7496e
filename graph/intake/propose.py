"""`actorgraph propose`: relations drafted from the registered texts, by the cues in the vocabulary.

For every sentence and every pair of names in it (the map's actors by any name or alias, longest
first, and names it does not know yet), each relation type whose cue lies near both names is
proposed, with

- a direction: an active cue's source is named before it ("ISIS-K *attacked* the Taliban"), a
  passive cue's after it ("the TTP *lost cadres to* ISIS-K");
- a hedge: the least sure confidence level whose cue stands in the quote's clause before the end
  of the quote ("It's *strongly believed* that ...");
- a speaker: the attribution pattern standing in the quote's clause ("*terrorism experts say*");
- the quote: the shortest span of the sentence holding both names and the cue, widened to hold
  its hedge and its speaker (a qualifier belongs to the quote it qualifies: one in another clause,
  after ", and", ", while" or ";", is not carried onto it), verified against the text as `check`
  verifies every quote (a span that does not verify is dropped and counted);
- a score in (0, 1]: higher for a cue between the two names and for a shorter span.

A cue binds names of its own clause only. A cue negated in its clause ("The CMA *never* fought
JNIM", see negation.yaml) proposes nothing of its type: the pair is named, the relation unknown,
and the proposal says which word held it back. A cue followed by "alongside" says nothing of the
one named after it ("fought alongside AQIM"); a cue given ("with French support from Barkhane")
has the giver for source.

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
from .cues import Attribution, Rules, TypeCue, clause, clause_breaks, rules, speakers_in

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
    speakers = [replace(s, start=s.start + lo, end=s.end + lo) for s in speakers_in(sentence, compiled.speakers)]
    if speakers:  # a name the map does not know inside "according to a UN report" is who says it
        named = [n for n in named if n.known or not any(s.start <= n.start and n.end <= s.end for s in speakers)]
        refs = list(dict.fromkeys(n.ref for n in named))
    known = {n.ref for n in named if n.known}
    breaks = clause_breaks(text, lo, hi, [(n.start, n.end) for n in named])
    for a, b in itertools.combinations(refs, 2):
        if (a, b) in done or (a not in known and b not in known):
            continue  # two names the map does not know: nothing to review against it yet
        by_type: dict[str, Proposal] = {}
        negated: list[_Negated] = []
        for cue, at in cues:
            drafted = _draft(doc, text, lo, hi, named, a, b, cue, at, compiled, speakers, breaks)
            if isinstance(drafted, _Negated):
                negated.append(drafted)
                continue
            if drafted is None or (drafted.source, drafted.target, cue.type) in done:
                continue
            best = by_type.get(cue.type)
            if best is None or drafted.score > best.score:
                by_type[cue.type] = drafted
        ranked = sorted(by_type.values(), key=lambda p: -p.score)
        if ranked:
            yield from (p for p in ranked[:MAX_TYPES_PER_PAIR] if p.score >= ranked[0].score / 2)
        elif (a, b, "?") not in done and a in known and b in known:
            yield _unknown(doc, text, lo, hi, named, a, b, min(negated, key=lambda n: n.hi - n.lo, default=None))


@dataclass(frozen=True)
class _Negated:
    """A cue that would have drafted a type for the pair, but a negation in its clause says the
    opposite ("The CMA *never* fought JNIM"): the pair is named, the relation unknown."""

    lo: int  # the negation, the names and the cue
    hi: int
    negation: str
    cue: str


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


_ALONGSIDE = re.compile(r"\s+(?:alongside|side\s+by\s+side\s+with|together\s+with)(?!\w)", re.IGNORECASE)
# "with French support from Barkhane", "received backing from X": the cue is a noun, and the one
# named just before it, or after "from", is who gives it (the source), whatever the word order.
_GIVEN = re.compile(
    r"(?<!\w)(?:with|receiv\w*|got|gets?|enjoy\w*|obtain\w*)\s+(?:the\s+)?(?:(?![\w’'.-]+ing\s)[\w’'.-]+\s+){0,2}$",
    re.IGNORECASE,
)
_FROM = re.compile(r"[ \t]+from[ \t]+(?:the[ \t]+)?", re.IGNORECASE)


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
    speakers: Sequence[Attribution],
    breaks: Sequence[tuple[int, int]],
) -> Proposal | _Negated | None:
    c_lo, c_hi = at.start, at.head_end  # where the cue stands, for who is named before and after it
    if any((at.start < n.end and at.head_end > n.start) or (at.tail_start < n.end and at.end > n.start) for n in named):
        return None  # the cue is part of a name ("Taliban-rejectionist" is no rivalry of its own)
    if _ALONGSIDE.match(text, at.end, s_hi):
        return None  # "fought alongside AQIM" is no rivalry with AQIM, "attacked together with X" no attack on X
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
    if any(lo < start and end < hi for start, end in breaks):
        return None  # a cue binds the names of its own clause, not one across ", and" or ";"
    k_lo, k_hi = clause(breaks, s_lo, s_hi, lo, hi)
    negation = _negation(text, k_lo, hi, named, compiled)
    if negation is not None:
        return _Negated(min(lo, negation.start()), hi, negation.group(), cue.cue)
    direction = _direction(text, k_lo, named, na, nb, cue, at)
    if direction is None:
        return None
    src, tgt = direction
    quote = _span_text(text, lo, hi, s_lo, s_hi)
    gap = len(_WORD.findall(quote)) - len(_WORD.findall(text[na.start : na.end] + " " + text[nb.start : nb.end]))
    score = (1.0 if between else 0.6) / (1 + max(gap, 0) / 12) * (1.0 if na.known and nb.known else 0.8)
    # A hedge or a speaker qualifies the quote only from inside it: one standing in the quote's
    # clause widens the quote to hold it; one in another clause is not carried onto it.
    hedge, h_lo = _hedge(text, k_lo, hi, compiled)
    speaker = _speaker(speakers, k_lo, k_hi, lo, hi)
    lo = min(lo, h_lo, speaker.start if speaker else lo)
    hi = max(hi, speaker.end if speaker else hi)
    quote = _span_text(text, lo, hi, s_lo, s_hi)
    return _proposal(doc, s_lo, s_hi, src, tgt, cue.type, quote, hedge, speaker, cue.cue, round(score, 2))


def _negation(text: str, lo: int, hi: int, named: list[_Name], compiled: Rules) -> re.Match[str] | None:
    """The first negation in text[lo:hi] that is no part of a name."""
    at = lo
    while (m := compiled.negations.first(text, at, hi)) is not None:
        if not any(n.start <= m.start() < n.end for n in named):
            return m
        at = m.end()
    return None


def _direction(
    text: str, k_lo: int, named: list[_Name], na: _Name, nb: _Name, cue: TypeCue, at: _Cue
) -> tuple[_Name, _Name] | None:
    """Who acts on whom: an active cue's source is named before it, a passive cue's after it. A
    cue given ("with X support", "support from X") has its giver for source and the clause's
    subject for target ("GATIA fought ISGS, with French support": France helped GATIA, not
    ISGS); None when the other of the pair is no subject of the clause."""
    first, second = (na, nb) if na.start < nb.start else (nb, na)
    given = _GIVEN.search(text, max(k_lo, at.start - 80), at.start) if cue.directed else None
    if given is not None:
        pairs = ((na, nb), (nb, na))
        giver = next((g for g, _ in pairs if g.start >= at.end and _FROM.fullmatch(text, at.end, g.start)), None)
        giver = giver or next((g for g, _ in pairs if given.start() <= g.start and g.end <= at.start), None)
        if giver is not None:
            other = nb if giver is na else na
            return (giver, other) if other.ref in _subjects(text, k_lo, named) else None
    before = [n for n in (na, nb) if n.end <= at.start]
    after = [n for n in (na, nb) if n.start >= at.head_end]
    if before and after:
        return (after[0], before[0]) if cue.passive else (before[0], after[0])
    return (second, first) if cue.passive else (first, second)


_SUBJECT_GLUE = re.compile(r"[\s,()]*(?:(?:and|or)\s+)?(?:the\s+)?[\s()]*", re.IGNORECASE)


def _subjects(text: str, k_lo: int, named: list[_Name]) -> set[str]:
    """The names a clause opens with: its first name and those listed with it ("GATIA and the MSA")."""
    inside = sorted((n for n in named if n.start >= k_lo), key=lambda n: n.start)
    group = inside[:1]
    for n in inside[1:]:
        if not _SUBJECT_GLUE.fullmatch(text, group[-1].end, n.start):
            break
        group.append(n)
    return {n.ref for n in group}


def _speaker(speakers: Sequence[Attribution], k_lo: int, k_hi: int, lo: int, hi: int) -> Attribution | None:
    """The attribution standing in the quote's clause (nearest the quote), or None."""
    mine = [s for s in speakers if k_lo <= s.start and s.end <= k_hi]
    return min(mine, key=lambda s: min(abs(s.start - hi), abs(lo - s.end)), default=None)


def _unknown(
    doc: str, text: str, s_lo: int, s_hi: int, named: list[_Name], a: str, b: str, negated: _Negated | None = None
) -> Proposal:
    na, nb = (next(n for n in named if n.ref == r) for r in (a, b))
    first, second = (na, nb) if na.start < nb.start else (nb, na)
    if negated is None:
        quote = _span_text(text, first.start, second.end, s_lo, s_hi)
        return _proposal(doc, s_lo, s_hi, first, second, None, quote, None, None, None, UNKNOWN_SCORE)
    na, nb = (min((n for n in named if n.ref == r), key=lambda n: abs(n.start - negated.lo)) for r in (a, b))
    first, second = (na, nb) if na.start < nb.start else (nb, na)
    quote = _span_text(text, min(negated.lo, first.start), max(negated.hi, second.end), s_lo, s_hi)
    held = f"“{negated.negation}” negates “{negated.cue}”"
    return _proposal(doc, s_lo, s_hi, first, second, None, quote, None, None, held, UNKNOWN_SCORE, raw_cue=True)


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
    raw_cue: bool = False,
) -> Proposal:
    new = tuple(n.ref for n in (src, tgt) if not n.known)
    fired = [cue if raw_cue else f"“{cue}”"] if cue else []
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


def _hedge(text: str, k_lo: int, q_hi: int, compiled: Rules) -> tuple[str | None, int]:
    """The least sure level whose cue lies in the quote's clause before the quote's end, and
    where its cue starts (the quote is widened to hold it)."""
    found = [(h, m) for h in compiled.hedges if (m := h.pattern.search(text, k_lo, q_hi))]
    if not found:
        return None, q_hi
    least, m = min(found, key=lambda f: (f[0].rank, f[1].start()))
    return least.level, m.start()


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
