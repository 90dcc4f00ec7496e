"""Validation: each inconsistency one problem at its line, with what the curator can choose from."""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.dataset.check import check_dataset

LIKELY = "  likely:\n    label: likely\n    definition: The text says it is probably so.\n    rank: 2\n"


def test_an_unknown_hedge_is_answered_with_the_hedges_the_map_knows_strongest_first(small: Path) -> None:
    """A hedge is chosen by meaning, so each known one comes with its definition, the most
    confident first whatever order the vocabulary is written in."""
    edges = small / "data" / "edges.yaml"
    text = (
        edges.read_text()
        .replace("edges:\n", LIKELY + "edges:\n", 1)
        .replace("confidence: possible", "confidence: maybe")
    )
    edges.write_text(text)
    _, problems = check_dataset(small / "data", small / "seeds")
    assert [p.message for p in problems] == [
        "edge alpha -> gamma: unknown confidence 'maybe' (the hedges this map knows: likely: The text says it is "
        "probably so.; possible: The text says it may be so.)"
    ], problems


def test_an_unknown_hedge_in_a_map_with_no_hedges_says_there_are_none_yet(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    level = (
        "confidence_levels:\n  possible:\n    label: possible\n    definition: The text says it may be so.\n"
        "    rank: 1\n"
    )
    assert level in edges.read_text()
    edges.write_text(edges.read_text().replace(level, ""))
    _, problems = check_dataset(small / "data", small / "seeds")
    assert [p.message for p in problems] == [
        "edge alpha -> gamma: unknown confidence 'possible' (this map has no confidence_levels yet)"
    ], problems


def _checked(small: Path, file: str, old: str, new: str) -> list[str]:
    path = small / file
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    return [str(p) for p in check_dataset(small / "data", small / "seeds")[1]]


WRITTEN = "    written: Spring 2019\n"
MEMO2 = '    written_quotes: ["in the spring of 2019"]\n'


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("seeds/sources.yaml", WRITTEN, WRITTEN + "    published: 2019-05\n    accessed: 2019-04-30\n", [
            "seeds/sources.yaml:37: source 'memo': 'accessed' (2019-04-30) is before 'published' (2019-05)"]),
        ("seeds/sources.yaml", WRITTEN, WRITTEN + "    published: 2019-05-02\n    accessed: 2019-05\n", []),
        ("seeds/sources.yaml", "    kind: analysis\n", "    kind: analysys\n", [
            "seeds/sources.yaml:33: source 'memo': unknown kind 'analysys' (did you mean 'analysis'?)"]),
        ("seeds/sources.yaml", WRITTEN, WRITTEN + "    about: alpah\n", [
            "seeds/sources.yaml:36: source 'memo': 'about' names unknown actor 'alpah' (did you mean 'alpha'?)"]),
        ("seeds/sources.yaml", MEMO2, MEMO2 + "  - id: memo2\n    file: memo.txt\n    kind: analysis\n", [
            "seeds/sources.yaml:38: source 'memo2': its file 'memo.txt' is already the text of source 'memo'"]),
        ("data/actors.yaml", "    founded: 2001-04\n", "    founded: 2001-04\n    dissolved: 2001-03\n", [
            "data/actors.yaml:21: actor 'gamma': 'founded' (2001-04) is after 'dissolved' (2001-03)",
            "data/edges.yaml:33: edge beta -> gamma: dated 2018, after Gamma Movement dissolved (2001-03)"]),
        ("data/actors.yaml", "    founded: 2001-04\n", "    founded: 2001-04\n    dissolved: 2001-04\n", [
            "data/edges.yaml:33: edge beta -> gamma: dated 2018, after Gamma Movement dissolved (2001-04)"]),
        ("data/actors.yaml", "    founded: 2001-04\n", "    founded: 2001-04\n    dissolved: 2018\n", []),
        ("data/edges.yaml", "    label: rival\n", "    label: rival\n    opposite: rival\n", [
            "data/edges.yaml:3: relation type 'rival': it cannot be its own opposite"]),
        ("data/actors.yaml", "name: Gamma Movement", 'name: "???"', [
            "data/actors.yaml:17: actor 'gamma': name '???' has no letters or digits"]),
        ("data/actors.yaml", "aliases: [AF]", "aliases: [AF, af]", [
            "data/actors.yaml:9: actor 'alpha': the alias 'af' is written twice; delete one"]),
    ],
)  # fmt: skip
def test_each_inconsistency_is_one_problem_at_its_line(
    small: Path, file: str, old: str, new: str, expected: list[str]
) -> None:
    """Dates in the wrong order (a source read before it appeared, an actor dissolved before it
    was founded, a relation dated after its actor dissolved; a date within the other's month is
    not before it), unknown names with the nearest known one, one file for two sources, a type
    that is its own opposite, a name of no letters, an alias written twice."""
    assert _checked(small, file, old, new) == expected


def test_an_unknown_actor_named_by_many_edges_is_shown_three_times_then_summed_up(small: Path) -> None:
    """One misspelt id should not bury every other problem: its first three edges are shown,
    the rest counted with their lines."""
    quote = 'quote: "The Alpha Front and the Beta Brigade are bitter rivals"'
    edges = "".join(
        f"  - source: zeta\n    target: {t}\n    type: {rtype}\n    evidence:\n      - doc: memo\n        {quote}\n"
        for rtype in ("rival", "absorbed_fighters_from")
        for t in ("alpha", "beta", "gamma")
    )
    assert _checked(small, "data/edges.yaml", "edges:\n", "edges:\n" + edges) == [
        "data/edges.yaml:24: edge zeta -> alpha: unknown actor 'zeta' (did you mean 'beta'?)",
        "data/edges.yaml:30: edge zeta -> beta: unknown actor 'zeta' (did you mean 'beta'?)",
        "data/edges.yaml:36: edge zeta -> gamma: unknown actor 'zeta' (did you mean 'beta'?)",
        "data/edges.yaml:42: 3 more edges name the unknown actor 'zeta' (lines 42, 48, 54)",
    ]


def test_an_edge_past_the_summed_up_ones_still_has_its_other_end_checked(small: Path) -> None:
    """Past the three shown, an edge of the misspelt id is only counted, but its other end is
    still checked: a second unknown id there is reported in full."""
    quote = 'quote: "The Alpha Front and the Beta Brigade are bitter rivals"'
    edges = "".join(
        f"  - source: zeta\n    target: {t}\n    type: rival\n    evidence:\n      - doc: memo\n        {quote}\n"
        for t in ("alpha", "beta", "gamma", "omega")
    )
    found = _checked(small, "data/edges.yaml", "edges:\n", "edges:\n" + edges)
    assert "data/edges.yaml:43: edge zeta -> omega: unknown actor 'omega'" in [p.split(" (")[0] for p in found], found


def test_look_alike_names_holding_a_character_without_a_unicode_name_are_still_reported(small: Path) -> None:
    """A private-use character has no Unicode name: the look-alike report still names the
    letters it can (here the Cyrillic "а" passing for "a") instead of failing."""
    actors = small / "data" / "actors.yaml"
    text = actors.read_text().replace("name: Gamma Movement", 'name: "Gamma Move\\ue000ment"', 1)
    actors.write_text(text.replace("aliases: [AF]", 'aliases: [AF, "G\\u0430mma Move\\ue000ment"]', 1))
    _, problems = check_dataset(small / "data", small / "seeds")
    (look_alike,) = [p.message for p in problems if "looks the same as" in p.message]
    assert "CYRILLIC SMALL LETTER A" in look_alike, look_alike
