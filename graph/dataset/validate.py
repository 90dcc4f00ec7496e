"""Every check that needs more than one record: references, duplicates, quotes.

Returns problems rather than raising, so `check` can show a curator all of
them in one run; message wording is part of the interface (tests pin it).
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable

from .load import ACTORS_FILE, SOURCES_FILE
from .model import ID_PATTERN, Dataset, Edge, Location, Problem, Source, name_key
from .quotes import Folded, closest_passage, find_quote, out_of_order, split_ellipsis

_SHOWN_PER_UNKNOWN = 3
_ID = re.compile(ID_PATTERN)


def validate(data: Dataset) -> list[Problem]:
    problems: list[Problem] = []
    problems += _check_actors(data)
    problems += _check_edges(data)
    problems += _check_quotes(data)
    return problems


def _suggest(word: str, choices: Iterable[str]) -> str:
    known = list(choices)
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    if 0 < len(known) <= 12:  # a small vocabulary: just list it
        return f" (known: {', '.join(known)})"
    return ""


def _check_actors(data: Dataset) -> list[Problem]:
    problems = []
    by_id: dict[str, Location] = {}
    for actor in data.actors:
        subject = f"actor '{actor.id}'"
        if not _ID.match(actor.id):
            problems.append(
                Problem(actor.location, f"{subject}: ids must be lowercase letters, digits and single hyphens")
            )
        if actor.id in by_id:
            first = by_id[actor.id].line
            problems.append(Problem(actor.location, f"{subject}: duplicate actor id (first on line {first})"))
            continue
        by_id[actor.id] = actor.location
        if actor.kind not in data.actor_kinds and f"kind:{actor.kind}" not in data.broken:
            problems.append(
                Problem(
                    actor.location, f"{subject}: unknown kind '{actor.kind}'{_suggest(actor.kind, data.actor_kinds)}"
                )
            )
    problems += _name_clashes(data)
    return problems


def _name_clashes(data: Dataset) -> list[Problem]:
    """One problem per pair of actors sharing a name, blamed where the clash was most likely
    made: on an alias rather than on another actor's own name, else on the later actor."""
    holders: dict[str, list[tuple[int, str, str]]] = {}  # key -> [(actor index, spelling, role)]
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
            holders.setdefault(key, [])
            if all(i != index for i, _, _ in holders[key]):
                holders[key].append((index, spelling, role))
    reported: set[tuple[int, int]] = set()
    for held in holders.values():
        for (i, s1, r1), (j, s2, r2) in itertools.combinations(held, 2):
            a, b = data.actors[i], data.actors[j]
            if a.id == b.id or (i, j) in reported:
                continue  # a duplicate id is its own problem
            reported.add((i, j))
            blame_first = r1 == "alias" and r2 != "alias"
            (culprit, mine, role), (other, theirs) = ((a, s1, r1), (b, s2)) if blame_first else ((b, s2, r2), (a, s1))
            what = {"id": "id", "name": "name", "alias": "alias"}[role]
            problems.append(
                Problem(
                    culprit.location,
                    f"actor '{culprit.id}': its {what} '{mine}' is also a name of actor '{other.id}' "
                    f"(as '{theirs}', line {other.location.line}); names must differ in more than case and punctuation",
                )
            )
    return problems


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
        for end in (edge.source, edge.target):
            if actors_known and end not in ids and f"actor:{end}" not in data.broken:
                unknown.setdefault(end, []).append(edge)
                if len(unknown[end]) > _SHOWN_PER_UNKNOWN:
                    continue  # summed up below: one misspelt id should not bury everything else
                named = by_name.get(name_key(end))
                suggestion = (
                    f"; the actor named '{named.name}' has the id '{named.id}'" if named else _suggest(end, ids)
                )
                problems.append(Problem(edge.location, f"{subject}: unknown actor '{end}'{suggestion}"))
        rtype = data.relation_types.get(edge.type)
        if rtype is None and f"type:{edge.type}" not in data.broken:
            problems.append(
                Problem(
                    edge.location,
                    f"{subject}: unknown relation type '{edge.type}'{_suggest(edge.type, data.relation_types)}",
                )
            )
        if edge.source == edge.target:
            problems.append(Problem(edge.location, f"{subject}: an actor cannot relate to itself"))
        if edge.since and edge.until and edge.since > edge.until:
            problems.append(
                Problem(edge.location, f"{subject}: 'since' ({edge.since}) is after 'until' ({edge.until})")
            )
        if not edge.evidence:
            problems.append(
                Problem(edge.location, f"{subject}: no evidence; every relation needs a quote from a source")
            )
        levels = {lv for lv in (edge.confidence, *(ev.confidence for ev in edge.evidence)) if lv is not None}
        for level in sorted(levels):
            if level not in data.confidence_levels and f"confidence:{level}" not in data.broken:
                known = data.confidence_levels
                problems.append(
                    Problem(edge.location, f"{subject}: unknown confidence '{level}'{_suggest(level, known)}")
                )
        for i, ev in enumerate(edge.evidence, start=1):
            if sources_known and ev.doc not in data.sources and f"source:{ev.doc}" not in data.broken:
                problems.append(
                    Problem(
                        ev.location,
                        f"{subject}, evidence {i}: unknown source '{ev.doc}'{_suggest(ev.doc, data.sources)}",
                    )
                )
        pair = (edge.source, edge.target)
        if rtype is not None and not rtype.directed:
            pair = tuple(sorted(pair))  # type: ignore[assignment]
        key = (*pair, edge.type)
        if key in seen:
            first = seen[key].location.line
            how = "" if rtype is None or rtype.directed else " (it is undirected, so either order is the same)"
            problems.append(
                Problem(
                    edge.location,
                    f"{subject}: duplicate '{edge.type}' relation{how}, first on line {first}; "
                    "add the evidence to that edge instead",
                )
            )
        else:
            seen[key] = edge
    for end, edges in unknown.items():
        if len(edges) > _SHOWN_PER_UNKNOWN:
            rest = edges[_SHOWN_PER_UNKNOWN:]
            lines = ", ".join(str(e.location.line) for e in rest)
            problems.append(
                Problem(rest[0].location, f"{len(rest)} more edges name the unknown actor '{end}' (lines {lines})")
            )
    return problems


def _check_quotes(data: Dataset) -> list[Problem]:
    problems = []
    folded: dict[str, Folded] = {}

    def text_of(source: Source) -> Folded:
        if source.id not in folded:
            folded[source.id] = Folded.of(source.text)
        return folded[source.id]

    for source in data.sources.values():
        for quote, location in source.written_quotes:
            problems += _quote_problem(quote, source, text_of(source), location, f"source '{source.id}'")
    for review in data.reviews:
        reviewed = data.sources.get(review.doc)
        if reviewed is None and f"source:{review.doc}" not in data.broken and SOURCES_FILE not in data.unreadable:
            message = f"reviewed sentence: unknown source '{review.doc}'{_suggest(review.doc, data.sources)}"
            problems.append(Problem(review.location, message))
        elif reviewed is not None:
            where = "reviewed sentence"
            problems += _quote_problem(review.sentence, reviewed, text_of(reviewed), review.location, where)
    for edge in data.edges:
        for i, ev in enumerate(edge.evidence, start=1):
            cited = data.sources.get(ev.doc)
            if cited is not None:
                where = f"{edge.describe()}, evidence {i}"
                problems += _quote_problem(ev.quote, cited, text_of(cited), ev.location, where)
    return problems


MIN_WORDS, MIN_WORDS_PER_PART = 3, 2


def _quote_problem(quote: str, source: Source, text: Folded, location: Location, where: str) -> list[Problem]:
    parts = [len(re.findall(r"\w+", part)) for part in split_ellipsis(quote)]
    if not parts or sum(parts) < MIN_WORDS or min(parts) < MIN_WORDS_PER_PART:
        # "the" is in every text: a quote must carry enough words to show the claim.
        message = (
            f'{where}: quote "{quote}" is too short to show anything; give at least {MIN_WORDS} words, '
            f"and {MIN_WORDS_PER_PART} in each part joined by ..."
        )
        return [Problem(location, message)]
    if find_quote(quote, text) is not None:
        return []
    shown = quote if len(quote) <= 200 else quote[:197] + "..."
    message = f"{where}: quote not found in '{source.id}' ({source.file}): \"{shown}\""
    if out_of_order(quote, text):
        message += "; its parts (joined by ...) are all in the text, but not in this order"
    else:
        near = closest_passage(quote, text, source.text)
        if near:
            message += f'; the text has "{" ".join(near.split())}"'
    return [Problem(location, message)]
