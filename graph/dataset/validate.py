"""Every check that needs more than one record: references, duplicates, quotes.

Returns problems rather than raising, so `check` can show a curator all of
them in one run; message wording is part of the interface (tests pin it).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter

from .format import ACTORS_FILE, SOURCES_FILE
from .model import Dataset, Edge, Location, Problem, Source, Spans, name_key, period_days
from .quotes import Folded, closest_passage, find_quote, fold, out_of_order, split_ellipsis
from .suggest import hint as _suggest

_SHOWN_PER_UNKNOWN = 3
_LISTED_AT_MOST = 20  # places listed in one message; the count says how many more

# doc -> quote as written -> where it was found
Located = dict[str, dict[str, Spans]]


def validate(data: Dataset) -> tuple[list[Problem], Located]:
    """Every problem, and where each quote that *was* found sits in its source: quotes are
    located once, here, and the page and coverage reuse the spans."""
    problems: list[Problem] = []
    problems += _check_sources(data)
    problems += _check_actors(data)
    problems += _check_edges(data)
    problems += _check_review_pairs(data)
    quote_problems, located = _check_quotes(data)
    return problems + quote_problems, located


def unmapped(data: Dataset) -> list[Problem]:
    """Relation types and actor kinds that do not say what they become in STIX. Not an error (the
    export writes `related-to` and `threat-actor`, keeping the type as a label), but the curator
    should decide, so `check` names them as warnings."""
    out = [
        Problem(t.location, f"relation type '{t.id}' has no 'stix' mapping; the STIX export writes it as related-to")
        for t in data.relation_types.values()
        if t.stix is None
    ]
    out += [
        Problem(k.location, f"actor kind '{k.id}' has no 'stix' mapping; the STIX export makes its actors threat-actor")
        for k in data.actor_kinds.values()
        if k.stix is None
    ]
    return out


def _check_sources(data: Dataset) -> list[Problem]:
    problems = []
    ids = {a.id for a in data.actors}
    files: dict[str, str] = {}
    for source in data.sources.values():
        subject = f"source '{source.id}'"
        other = files.setdefault(source.file, source.id)
        if other != source.id:
            message = f"{subject}: its file '{source.file}' is already the text of source '{other}'"
            problems.append(Problem(source.at("file"), message))
        if source.published and source.accessed and source.accessed < source.published[: len(source.accessed)]:
            message = f"{subject}: 'accessed' ({source.accessed}) is before 'published' ({source.published})"
            problems.append(Problem(source.at("accessed"), message))
        if source.kind not in data.source_kinds and f"source_kind:{source.kind}" not in data.broken:
            hint = _suggest(source.kind, data.source_kinds)
            problems.append(Problem(source.at("kind"), f"{subject}: unknown kind '{source.kind}'{hint}"))
        if source.about is not None and ACTORS_FILE not in data.unreadable and source.about not in ids:
            hint = _suggest(source.about, ids)
            problems.append(
                Problem(source.at("about"), f"{subject}: 'about' names unknown actor '{source.about}'{hint}")
            )
    return problems


def _check_actors(data: Dataset) -> list[Problem]:
    problems = []
    by_id: dict[str, Location] = {}
    for actor in data.actors:
        subject = f"actor '{actor.id}'"
        if actor.id in by_id:
            first = elsewhere(by_id[actor.id], actor.location)
            problems.append(Problem(actor.location, f"{subject}: duplicate actor id (first on {first})"))
            continue
        by_id[actor.id] = actor.location
        if actor.kind not in data.actor_kinds and f"kind:{actor.kind}" not in data.broken:
            problems.append(
                Problem(
                    actor.at("kind"), f"{subject}: unknown kind '{actor.kind}'{_suggest(actor.kind, data.actor_kinds)}"
                )
            )
        if actor.founded and actor.dissolved and period_days(actor.founded)[0] > period_days(actor.dissolved)[1]:
            message = f"{subject}: 'founded' ({actor.founded}) is after 'dissolved' ({actor.dissolved})"
            problems.append(Problem(actor.at("dissolved"), message))
    problems += _name_clashes(data)
    for rtype in data.relation_types.values():
        if rtype.opposite == rtype.id:
            problems.append(Problem(rtype.location, f"relation type '{rtype.id}': it cannot be its own opposite"))
        elif rtype.opposite is not None and rtype.opposite not in data.relation_types:
            message = (
                f"relation type '{rtype.id}': its opposite '{rtype.opposite}' is not a relation type"
                f"{_suggest(rtype.opposite, data.relation_types)}"
            )
            problems.append(Problem(rtype.location, message))
    return problems


def _name_clashes(data: Dataset) -> list[Problem]:
    """One problem per actor that shares a name with another, naming the actor that holds it: the
    first to hold it as its own name or id (else the first to hold it at all), so that the clash is
    blamed where it was most likely made (on an alias rather than on another actor's own name, else
    on the later actor). Grouped by name, so a thousand actors sharing one name are a thousand
    problems, not half a million pairs."""
    holders: dict[str, dict[int, list[tuple[str, str]]]] = {}  # key -> actor index -> [(spelling, role)]
    problems = []
    for index, actor in enumerate(data.actors):
        roles = [(actor.name, "name"), *((a, "alias") for a in actor.aliases), (actor.id, "id")]
        for spelling, role in roles:
            key = name_key(spelling)
            if not key:
                problems.append(
                    Problem(actor.location, f"actor '{actor.id}': name {spelling!r} has no letters or digits")
                )
                continue
            own = holders.setdefault(key, {}).setdefault(index, [])
            if own and role == "alias" and spelling.casefold() in {s.casefold() for s, _ in own}:
                message = f"actor '{actor.id}': the alias '{spelling}' is written twice; delete one"
                problems.append(Problem(actor.at("aliases"), message))
            if not own:
                own.append((spelling, role))
    reported: set[tuple[int, int]] = set()
    for held in holders.values():
        if len(held) < 2:
            continue
        first = [(i, *spellings[0]) for i, spellings in held.items()]
        owner, theirs, _ = next((h for h in first if h[2] != "alias"), first[0])
        other = data.actors[owner]
        for i, mine, role in first:
            culprit = data.actors[i]
            if i == owner or culprit.id == other.id:
                continue  # a duplicate id is its own problem
            reported.add((min(i, owner), max(i, owner)))
            problems.append(
                Problem(
                    culprit.location,
                    f"actor '{culprit.id}': its {role} '{mine}' is also a name of actor '{other.id}' "
                    f"(as '{theirs}', {elsewhere(other.location, culprit.location)}); "
                    "names must differ in more than case and punctuation",
                )
            )
    return problems + _look_alikes(data, reported)


def elsewhere(there: Location, here: Location) -> str:
    """Where another record is, as a message written at `here` says it: "line 12" in the same
    file, "data/actors/east.yaml:12" in another (relations and actors may be split across files)."""
    return f"line {there.line}" if there.file == here.file else str(there)


def _look_alikes(data: Dataset, reported: set[tuple[int, int]]) -> list[Problem]:
    """Names that differ only in letters that look alike ("Alpha Front" and "Аlpha Front", whose
    first letter is Cyrillic): a reader cannot tell them apart, and a hostile edit can use one
    to pass off a new actor as a known one. Compared by their skeletons (Unicode TR39's idea:
    each character replaced by the one it is confused with), only where a name has a non-ASCII
    letter (so a map in plain ASCII pays nothing for it). Each skeleton is worked out once per
    name, one character at a time (the look-alike table's every combination of readings is
    exponential in a name's length), and names are grouped by it."""
    if all(n.isascii() for a in data.actors for n in a.names):
        return []
    seen: dict[str, tuple[int, str]] = {}
    problems = []
    for index, actor in enumerate(data.actors):
        for spelling in dict.fromkeys(actor.names):
            key = skeleton(spelling)
            if not key:
                continue
            first = seen.setdefault(key, (index, spelling))
            other_index, theirs = first
            pair = (min(other_index, index), max(other_index, index))
            if other_index == index or pair in reported or name_key(theirs) == name_key(spelling):
                continue
            reported.add(pair)
            other = data.actors[other_index]
            odd = sorted({unicodedata.name(ch, "?") for ch in spelling + theirs if not ch.isascii()})
            problems.append(
                Problem(
                    actor.location,
                    f"actor '{actor.id}': its name '{spelling}' looks the same as '{theirs}' of actor '{other.id}' "
                    f"({elsewhere(other.location, actor.location)}) but is spelt with other letters "
                    f"({', '.join(odd)}); use one spelling, or names a reader can tell apart",
                )
            )
    return problems


def skeleton(name: str) -> str:
    """How a name looks, as a comparison key: each character read as the ASCII letter (or sign)
    it is most easily taken for, then compared as names are (`name_key`). Linear in the name."""
    return name_key("".join(_looks_like(ch) for ch in name))


@functools.lru_cache(maxsize=65536)
def _looks_like(char: str) -> str:
    """The one reading of a character that `skeleton` uses: an ASCII letter stays itself; any
    other character becomes the first (in sorted order) of the ASCII readings the look-alike
    table gives it, preferring letters for letters (as `confusables.normalize` would for a name
    of one character), or itself when it has none."""
    if char.isascii() and char.isalpha():
        return char.lower()
    from confusables import normalize

    readings = normalize(char, prioritize_alpha=True)
    return readings[0] if readings else char


def _check_edges(data: Dataset) -> list[Problem]:
    problems = []
    ids = {a.id for a in data.actors}
    by_name = {name_key(n): a for a in data.actors for n in a.names}
    seen: dict[tuple[str, str, str], Edge] = {}
    unknown: dict[str, list[Edge]] = {}
    # When a file could not be read at all, every reference into it would be
    # reported as unknown: noise that hides the one real problem.
    actors_known = ACTORS_FILE not in data.unreadable
    sources_known = SOURCES_FILE not in data.unreadable
    for edge in data.edges:
        subject = edge.describe()
        for end, end_key in ((edge.source, "source"), (edge.target, "target")):
            if actors_known and end not in ids and f"actor:{end}" not in data.broken:
                unknown.setdefault(end, []).append(edge)
                if len(unknown[end]) > _SHOWN_PER_UNKNOWN:
                    continue  # summed up below: one misspelt id should not bury everything else
                named = by_name.get(name_key(end))
                suggestion = (
                    f"; the actor named '{named.name}' has the id '{named.id}'" if named else _suggest(end, ids)
                )
                problems.append(Problem(edge.at(end_key), f"{subject}: unknown actor '{end}'{suggestion}"))
        rtype = data.relation_types.get(edge.type)
        if rtype is None and f"type:{edge.type}" not in data.broken:
            problems.append(
                Problem(
                    edge.at("type"),
                    f"{subject}: unknown relation type '{edge.type}'{_suggest(edge.type, data.relation_types)}",
                )
            )
        if edge.source == edge.target:
            problems.append(Problem(edge.at("target"), f"{subject}: an actor cannot relate to itself"))
        if edge.since and edge.until and period_days(edge.since)[0] > period_days(edge.until)[1]:
            problems.append(
                Problem(edge.at("until"), f"{subject}: 'since' ({edge.since}) is after 'until' ({edge.until})")
            )
        if not edge.evidence:
            problems.append(
                Problem(edge.at("evidence"), f"{subject}: no evidence; every relation needs a quote from a source")
            )
        # Each unknown level once, where it is written: on the first quote giving it.
        written = [(ev.confidence, ev.at("confidence")) for ev in edge.evidence]
        reported: set[str] = set()
        for level, where in written:
            if level is None or level in reported or level in data.confidence_levels:
                continue
            reported.add(level)
            if f"confidence:{level}" not in data.broken:
                problems.append(Problem(where, f"{subject}: unknown confidence '{level}'{_hedges(data)}"))
        quoted: dict[tuple[str, str], int] = {}
        # Folding is the costly part of this loop: only quotes that share a source are compared.
        docs = Counter(ev.doc for ev in edge.evidence)
        for i, ev in enumerate(edge.evidence, start=1):
            first_time = quoted.setdefault((ev.doc, fold(ev.quote)), i) if docs[ev.doc] > 1 else i
            if first_time != i:
                message = (
                    f"{subject}, evidence {i}: the same words from '{ev.doc}' as evidence {first_time}; delete one"
                )
                problems.append(Problem(ev.location, message))
            if sources_known and ev.doc not in data.sources and f"source:{ev.doc}" not in data.broken:
                problems.append(
                    Problem(
                        ev.at("doc"),
                        f"{subject}, evidence {i}: unknown source '{ev.doc}'{_suggest(ev.doc, data.sources)}",
                    )
                )
        pair = (edge.source, edge.target)
        if rtype is not None and not rtype.directed:
            pair = tuple(sorted(pair))  # type: ignore[assignment]
        key = (*pair, edge.type)
        if key in seen:
            first = elsewhere(seen[key].location, edge.location)
            how = "" if rtype is None or rtype.directed else " (it is undirected, so either order is the same)"
            problems.append(
                Problem(
                    edge.location,
                    f"{subject}: duplicate '{edge.type}' relation{how}, first on {first}; "
                    "add the evidence to that edge instead",
                )
            )
        else:
            seen[key] = edge
    problems += _check_claims(data)
    for end, edges in unknown.items():
        if len(edges) > _SHOWN_PER_UNKNOWN:
            rest = edges[_SHOWN_PER_UNKNOWN:]
            listed = [e.location for e in rest[:_LISTED_AT_MOST]]
            here = rest[0].location.file
            same = all(loc.file == here for loc in listed)
            shown = ("lines " if same else "") + ", ".join(str(loc.line) if same else str(loc) for loc in listed)
            more = f", and {len(rest) - _LISTED_AT_MOST} more" if len(rest) > _LISTED_AT_MOST else ""
            message = f"{len(rest)} more edges name the unknown actor '{end}' ({shown}{more})"
            problems.append(Problem(rest[0].location, message))
    return problems


def _check_review_pairs(data: Dataset) -> list[Problem]:
    """A reviewed pair names two different actors of the map, by id."""
    if ACTORS_FILE in data.unreadable:
        return []
    ids = {a.id for a in data.actors}
    problems = []
    for review in data.reviews:
        if review.pair is None:
            continue
        if len(review.pair) != 2 or review.pair[0] == review.pair[1]:
            message = f"reviewed sentence: 'pair' must name two different actors, not {list(review.pair)}"
            problems.append(Problem(review.location, message))
            continue
        for end in review.pair:
            if end not in ids and f"actor:{end}" not in data.broken:
                message = f"reviewed sentence: 'pair' names unknown actor '{end}'{_suggest(end, ids)}"
                problems.append(Problem(review.location, message))
    return problems


def _hedges(data: Dataset) -> str:
    """The hedges a map knows, each with what it means: a hedge is chosen by meaning, and the
    nearest spelling can be the wrong one ('probable' is nearest 'possible', and means 'likely')."""
    if not data.confidence_levels:
        return " (this map has no confidence_levels yet)"
    known = sorted(data.confidence_levels.values(), key=lambda c: -c.rank)
    return " (the hedges this map knows: " + "; ".join(f"{c.id}: {c.definition}" for c in known) + ")"


def _check_claims(data: Dataset) -> list[Problem]:
    """A relation must be claimed by at least one of its quotes, and cannot be dated to a time
    when one of its actors did not exist."""
    problems = []
    actors = {a.id: a for a in data.actors}
    for edge in data.edges:
        subject = edge.describe()
        if edge.evidence and all(ev.disputes for ev in edge.evidence):
            message = (
                f"{subject}: every quote disputes it; a relation needs a quote that claims it "
                "(record a denial as `stance: disputes` on the relation that some source claims)"
            )
            problems.append(Problem(edge.at("evidence"), message))
        for end in (edge.source, edge.target):
            actor = actors.get(end)
            if actor is None:
                continue
            first = period_days(actor.founded)[0] if actor.founded else None
            last = period_days(actor.dissolved)[1] if actor.dissolved else None
            for key, value in (("since", edge.since), ("until", edge.until)):
                if value is None:
                    continue
                start, end_day = period_days(value)
                if first is not None and end_day < first:
                    problems.append(
                        Problem(
                            edge.at(key), f"{subject}: dated {value}, before {actor.name} was founded ({actor.founded})"
                        )
                    )
                elif last is not None and start > last:
                    problems.append(
                        Problem(
                            edge.at(key), f"{subject}: dated {value}, after {actor.name} dissolved ({actor.dissolved})"
                        )
                    )
    return problems


def _check_quotes(data: Dataset) -> tuple[list[Problem], Located]:
    """Every quote looked up in its source. One source at a time: its folded text (as long as
    the text) is made when its first quote is looked up and let go after its last, so checking
    twelve long texts costs one folded text at a time, not twelve."""
    problems: list[Problem] = []
    located: Located = {}
    wanted: dict[str, list[tuple[str, Location, str]]] = {}

    def check(quote: str, source: Source, location: Location, where: str) -> None:
        wanted.setdefault(source.id, []).append((quote, location, where))

    for source in data.sources.values():
        for i, quote in enumerate(source.written_quotes):
            check(quote, source, source.item_at("written_quotes", i), f"source '{source.id}'")
    for review in data.reviews:
        reviewed = data.sources.get(review.doc)
        if reviewed is None and f"source:{review.doc}" not in data.broken and SOURCES_FILE not in data.unreadable:
            message = f"reviewed sentence: unknown source '{review.doc}'{_suggest(review.doc, data.sources)}"
            problems.append(Problem(review.location, message))
        elif reviewed is not None:
            check(review.sentence, reviewed, review.location, "reviewed sentence")
    for edge in data.edges:
        for i, ev in enumerate(edge.evidence, start=1):
            cited = data.sources.get(ev.doc)
            if cited is not None:
                check(ev.quote, cited, ev.location, f"{edge.describe()}, evidence {i}")
    hints = [HINTS_AT_MOST]
    hedges = hedge_pattern(data)
    for doc, quotes in wanted.items():
        source = data.sources[doc]
        text = Folded.of(source.text)
        found = located.setdefault(doc, {})
        tried: set[str] = set()
        for quote, location, where in quotes:
            if quote in tried:
                continue  # the same words from the same source: found (and reported) once
            tried.add(quote)
            problem, spans = _locate(quote, source, text, location, where, hints, hedges)
            if problem is None:
                found[quote] = spans
            else:
                problems.append(problem)
        del text
    return problems, located


HINTS_AT_MOST = 100  # quotes not found that get a "the text has ..." hint in one check


MIN_WORDS, MIN_WORDS_PER_PART = 3, 2

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s")
_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|none|nobody|nothing|nowhere|cannot|without)\b|n[’']t\b", re.IGNORECASE
)
# What else `...` may not leave out of a quote's own sentence: a denial ("denies that ... is
# acting"), who says it ("according to X", "X said") and a hedge ("may have ... met"). Hedges are
# lowercase words (so the month "May" is none), the map's own hedge cues added to these.
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|refut\w*|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|false(?:ly)?)\b", re.I
)
_SPEAKER = re.compile(r"\b(?:according\s+to|said|says|say|claim(?:s|ed|ing)?|told|alleg\w*)\b", re.I)
_HEDGE_WORDS = (
    "may", "might", "could", "possibly", "perhaps", "probably", "likely", "allegedly", "reportedly", "apparently",
)  # fmt: skip
MAX_LEFT_OUT = 500  # characters `...` may leave out between two parts of a quote


def hedge_pattern(data: Dataset) -> re.Pattern[str]:
    """The hedges `...` may not leave out: common English ones and the map's hedge cues (a cue
    with its own `...` is too loose to hold a quote to, and is left out)."""
    words = [w.split() for w in _HEDGE_WORDS]
    for level in data.confidence_levels.values():
        words += [cue.split() for cue in level.cues if "..." not in cue.split()]
    alternatives = sorted(
        {
            r"\s+".join(re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in cue)
            for cue in words
            if cue
        },
        key=len,
        reverse=True,
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")


def _leaves_out(text: str, end: int, start: int, hedges: re.Pattern[str] | None = None) -> str | None:
    """Why `...` may not leave out this stretch of the text, or None. A quote is one passage:
    its parts may not lie far apart (`MAX_LEFT_OUT` characters, and no more than one paragraph
    break, for a sentence that goes on from the paragraph before). And `...` may not drop a
    negation from the sentence a part belongs to, which would make the quote say what the
    text denies ("is ... affiliated" out of "is not directly affiliated"); a negation in a
    whole sentence left out between two parts does not change either part. (`text[end:start]` is
    what is left out; the character before it says whether a part ended its sentence.)"""
    gap = text[end:start]
    if len(gap) > MAX_LEFT_OUT:
        return (
            f"{len(gap)} characters of the text (at most {MAX_LEFT_OUT}); quote nearer words, "
            "or give each passage as its own quote"
        )
    if len(_PARAGRAPH_BREAK.findall(gap)) > 1:
        return "more than one paragraph; quote one passage, or give each passage as its own quote"
    seen = text[max(end - 1, 0) : start]  # from a part's last character: did it end its sentence?
    ends = list(_SENTENCE_END.finditer(seen))
    own = seen if not ends else seen[: ends[0].start()] + " " + seen[ends[-1].end() :]  # the parts' own sentences
    shown = " ".join(gap.split())[:120]
    checks = [(_NEGATION, "say what the text denies"), (_DENIAL, "say what the text denies")]
    checks += [(_SPEAKER, "drop who says it"), *([(hedges, "drop the text's hedge")] if hedges else [])]
    for pattern, harm in checks:
        found = pattern.search(own)
        if found:
            return f"words that include '{found.group()}' (\"{shown}\"); quote them: left out, the quote would {harm}"
    return None


def _locate(
    quote: str, source: Source, text: Folded, location: Location, where: str, hints: list[int], hedges: re.Pattern[str]
) -> tuple[Problem | None, Spans]:
    parts = [len(re.findall(r"\w+", part)) for part in split_ellipsis(quote)]
    if not parts or sum(parts) < MIN_WORDS or min(parts) < MIN_WORDS_PER_PART:
        # "the" is in every text: a quote must carry enough words to show the claim.
        message = (
            f'{where}: quote "{quote}" is too short to show anything; give at least {MIN_WORDS} words, '
            f"and {MIN_WORDS_PER_PART} in each part joined by ..."
        )
        return Problem(location, message), ()
    original = source.text
    spans = find_quote(quote, text, lambda end, start: _leaves_out(original, end, start, hedges) is None)
    if spans is not None:
        return None, tuple(spans)
    shown = quote if len(quote) <= 200 else quote[:197] + "..."
    anywhere = find_quote(quote, text)
    if anywhere is not None:  # there, but only by leaving out what `...` may not
        reasons = (_leaves_out(original, a[1], b[0], hedges) for a, b in itertools.pairwise(anywhere))
        why = next(reason for reason in reasons if reason)
        return Problem(location, f'{where}: quote "{shown}" joins its parts with ... across {why}'), ()
    message = f"{where}: quote not found in '{source.id}' ({source.file}): \"{shown}\""
    if out_of_order(quote, text):
        message += "; its parts (joined by ...) are all in the text, but not in this order"
    elif hints[0] > 0:
        hints[0] -= 1  # each hint is bounded; so is their number, for a map of a thousand misquotes
        near = closest_passage(quote, text, source.text)
        if near:
            message += f'; the text has "{" ".join(near.split())}"'
    return Problem(location, message), ()
