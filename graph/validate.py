"""Every check that needs more than one record: references, duplicates, quotes.

Returns problems rather than raising, so `check` can show a curator all of
them in one run; message wording is part of the interface (tests pin it).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from graph.load import ACTORS_FILE, SOURCES_FILE
from graph.model import Dataset, Edge, Location, Problem, Source, name_key
from graph.quotes import Folded, closest_passage, find_quote

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def validate(data: Dataset) -> list[Problem]:
    problems: list[Problem] = []
    problems += _check_actors(data)
    problems += _check_edges(data)
    problems += _check_quotes(data)
    return problems


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_actors(data: Dataset) -> list[Problem]:
    problems = []
    by_id: dict[str, Location] = {}
    owner: dict[str, tuple[str, str]] = {}  # name key -> (actor id, the spelling)
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
        if actor.kind not in data.actor_kinds:
            problems.append(
                Problem(
                    actor.location, f"{subject}: unknown kind '{actor.kind}'{_suggest(actor.kind, data.actor_kinds)}"
                )
            )
        for spelling in actor.names:
            key = name_key(spelling)
            if not key:
                problems.append(Problem(actor.location, f"{subject}: name {spelling!r} has no letters or digits"))
                continue
            other = owner.get(key)
            if other is None:
                owner[key] = (actor.id, spelling)
            elif other[0] != actor.id:
                problems.append(
                    Problem(
                        actor.location,
                        f"{subject}: the name '{spelling}' already names actor '{other[0]}' (as '{other[1]}')",
                    )
                )
    return problems


def _check_edges(data: Dataset) -> list[Problem]:
    problems = []
    ids = {a.id for a in data.actors}
    by_name = {name_key(n): a.id for a in data.actors for n in a.names}
    seen: dict[tuple[str, str, str], Edge] = {}
    # When a file could not be read at all, every reference into it would be
    # reported as unknown: noise that hides the one real problem.
    actors_known = ACTORS_FILE not in data.unreadable
    sources_known = SOURCES_FILE not in data.unreadable
    for edge in data.edges:
        subject = edge.describe()
        for end in (edge.source, edge.target):
            if actors_known and end not in ids:
                hint = by_name.get(name_key(end))
                suggestion = f" (use its id, '{hint}')" if hint else _suggest(end, ids)
                problems.append(Problem(edge.location, f"{subject}: unknown actor '{end}'{suggestion}"))
        rtype = data.relation_types.get(edge.type)
        if rtype is None:
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
            if level not in data.confidence_levels:
                known = data.confidence_levels
                problems.append(
                    Problem(edge.location, f"{subject}: unknown confidence '{level}'{_suggest(level, known)}")
                )
        for i, ev in enumerate(edge.evidence, start=1):
            if sources_known and ev.doc not in data.sources:
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
        if reviewed is None:
            message = f"reviewed sentence: unknown source '{review.doc}'{_suggest(review.doc, data.sources)}"
            problems.append(Problem(review.location, message))
        else:
            where = "reviewed sentence"
            problems += _quote_problem(review.sentence, reviewed, text_of(reviewed), review.location, where)
    for edge in data.edges:
        for i, ev in enumerate(edge.evidence, start=1):
            cited = data.sources.get(ev.doc)
            if cited is not None:
                where = f"{edge.describe()}, evidence {i}"
                problems += _quote_problem(ev.quote, cited, text_of(cited), ev.location, where)
    return problems


def _quote_problem(quote: str, source: Source, text: Folded, location: Location, where: str) -> list[Problem]:
    if find_quote(quote, text) is not None:
        return []
    shown = quote if len(quote) <= 80 else quote[:77] + "..."
    message = f"{where}: quote not found in '{source.id}' ({source.file}): \"{shown}\""
    near = closest_passage(quote, text)
    if near:
        message += f'; the text has "{near}"'
    return [Problem(location, message)]
