"""How a relation reads in an 80-column terminal, line by line: the quote, its citation and its
note indented under the relation, the curator's note after them, and, under a contested
relation, the other side without that side's own note. Other tests read answers with their
whitespace folded; these pin the layout itself, which is what a reader scans."""

from __future__ import annotations

from pathlib import Path

import actorgraph
import pytest

from tests.conftest import run

TEXT = (
    "The Alpha Front and the Beta Brigade fought side-by-side through a long-running campaign in "
    "the north-eastern hills. The Alpha Front and the Beta Brigade are bitter rivals. It is false "
    "that the Alpha Front and the Beta Brigade ever fought side by side.\n"
)
ACTORS = """actor_kinds:
  group:
    label: Armed group
    definition: An organised armed group.
actors:
  - id: alpha
    name: Alpha Front
    kind: group
  - id: beta
    name: Beta Brigade
    kind: group
"""
EDGES = """relation_types:
  allied:
    label: allied with
    directed: false
    sign: 1
    definition: They cooperate.
  rival:
    label: rival of
    directed: false
    sign: -1
    definition: They compete.
edges:
  - source: alpha
    target: beta
    type: allied
    note: The curator's own note on the alliance.
    evidence:
      - doc: memo
        quote: >-
          The Alpha Front and the Beta Brigade fought side-by-side through a long-running
          campaign in the north-eastern hills.
        note: A note on this quote alone, long enough that it has to go on to a second line.
      - doc: memo
        quote: "It is false that the Alpha Front and the Beta Brigade ever fought side by side."
        stance: disputes
  - source: alpha
    target: beta
    type: rival
    note: The rivalry's own note, which belongs under the rivalry; a long-winded one.
    evidence:
      - doc: memo
        quote: "The Alpha Front and the Beta Brigade are bitter rivals."
"""
SOURCES = """source_kinds:
  report:
    label: Report
    definition: A report.
sources:
  - id: memo
    file: memo.txt
    kind: report
    title: The memo
"""


@pytest.fixture
def contested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "data" / "actors.yaml").write_text(ACTORS)
    (tmp_path / "data" / "edges.yaml").write_text(EDGES)
    (tmp_path / "seeds" / "sources.yaml").write_text(SOURCES)
    (tmp_path / "seeds" / "memo.txt").write_text(TEXT)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_hops_quotes_notes_and_contest_read_in_their_places(contested: Path) -> None:
    """Under each way through: its quotes (a long one wrapped without breaking its hyphenated
    words), each citation two columns further in and the quote's own note under it, then the
    relation's note at the quote's margin (wrapped at a hyphen like other prose); then the other
    side of the contest, its quotes two columns further in and without that side's note; and the
    line saying a source disputes it."""
    routes = actorgraph.load(contested).path("alpha", "beta")
    assert str(routes[0]).splitlines() == [
        "Alpha Front → Beta Brigade  (1 hop, 2 ways through)",
        "  1. Alpha Front —allied with— Beta Brigade  [contested]",
        "       “The Alpha Front and the Beta Brigade fought side-by-side through a",
        "        long-running campaign in the north-eastern hills.”",
        "         — memo",
        "         Note: A note on this quote alone, long enough that it has to go on to a",
        "           second line.",
        "       “It is false that the Alpha Front and the Beta Brigade ever fought side",
        "        by side.”",
        "         — memo; disputes it",
        "       Note: The curator's own note on the alliance.",
        "       Contested by: Alpha Front —rival of— Beta Brigade  [contested]",
        "         “The Alpha Front and the Beta Brigade are bitter rivals.”",
        "           — memo",
        "       Contested: a source disputes it (the quotes marked “disputes it” above).",
        "  or Alpha Front —rival of— Beta Brigade  [contested]",
        "       “The Alpha Front and the Beta Brigade are bitter rivals.”",
        "         — memo",
        "       Note: The rivalry's own note, which belongs under the rivalry; a long-",
        "         winded one.",
        "       Contested by: Alpha Front —allied with— Beta Brigade  [contested]",
        "         “The Alpha Front and the Beta Brigade fought side-by-side through a",
        "          long-running campaign in the north-eastern hills.”",
        "           — memo",
        "           Note: A note on this quote alone, long enough that it has to go on to",
        "             a second line.",
        "         “It is false that the Alpha Front and the Beta Brigade ever fought side",
        "          by side.”",
        "           — memo; disputes it",
    ]


ENEMIES_TEXT = (
    "It is false that Alpha and Gamma were ever at odds. Alpha fights Gamma in the hills. "
    "Alpha fights Gamma in the plains too. Beta fights Gamma.\n"
)
ENEMIES = """relation_types:
  rival:
    label: rival of
    directed: false
    sign: -1
    definition: They compete.
edges:
  - source: alpha
    target: gamma
    type: rival
    evidence:
      - doc: memo
        quote: "It is false that Alpha and Gamma were ever at odds."
        stance: disputes
      - doc: memo
        quote: "Alpha fights Gamma in the hills."
      - doc: memo
        quote: "Alpha fights Gamma in the plains too."
  - source: beta
    target: gamma
    type: rival
    evidence:
      - doc: memo
        quote: "Beta fights Gamma."
"""


def test_a_shared_enemy_is_shown_with_one_supporting_quote_per_tie(contested: Path) -> None:
    """The enemy-of-my-enemy list is a list of hypotheses: under each tie to the common enemy
    stands the first quote that supports it (not one that disputes it), and no more."""
    (contested / "data" / "actors.yaml").write_text(ACTORS + "  - id: gamma\n    name: Gamma Group\n    kind: group\n")
    (contested / "data" / "edges.yaml").write_text(ENEMIES)
    (contested / "seeds" / "memo.txt").write_text(ENEMIES_TEXT)
    result = run("analyze")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    tie = lines.index("  - Alpha Front —rival of— Gamma Group  [contested]")
    assert lines[tie + 1 : tie + 4] == [
        "      “Alpha fights Gamma in the hills.”",
        "        — memo",
        "  - Beta Brigade —rival of— Gamma Group",
    ]


TIES_TEXT = (
    "Alpha fights Gamma in the hills. Alpha may be at odds with Gamma, some say. Alpha fights Delta "
    "in the plains. Alpha raids Delta in the plains. Beta may be at odds with Gamma, some say. Beta "
    "fights Gamma in the hills. Beta fights Delta in the plains.\n"
)
TIES = """relation_types:
  rival:
    label: rival of
    directed: false
    sign: -1
    definition: They compete.
  attacked:
    label: attacked
    directed: true
    sign: -1
    definition: One attacked the other.
confidence_levels:
  possible:
    label: possible
    definition: The text says it may be so.
    rank: 1
edges:
"""
TIE = '  - source: {}\n    target: {}\n    type: {}\n    evidence:\n      - doc: memo\n        quote: "{}"\n'


def test_a_shared_enemy_is_shown_with_one_tie_per_actor_and_enemy_a_plain_one_first(contested: Path) -> None:
    """Alpha and Beta share two enemies; each of the four pairs shows one hostile relation: the
    first plainly stated one, whichever comes first in the file (a hedged one only when no
    plain one exists)."""
    extra = "".join(f"  - id: {i}\n    name: {i.title()} Group\n    kind: group\n" for i in ("gamma", "delta"))
    (contested / "data" / "actors.yaml").write_text(ACTORS + extra)
    ties = [
        ("alpha", "gamma", "rival", "Alpha fights Gamma in the hills."),
        ("alpha", "gamma", "attacked", "Alpha may be at odds with Gamma, some say.", "possible"),
        ("alpha", "delta", "rival", "Alpha fights Delta in the plains."),
        ("alpha", "delta", "attacked", "Alpha raids Delta in the plains."),
        ("beta", "gamma", "attacked", "Beta may be at odds with Gamma, some say.", "possible"),
        ("gamma", "beta", "rival", "Beta fights Gamma in the hills."),
        ("delta", "beta", "rival", "Beta fights Delta in the plains."),
    ]
    edges = TIES
    for source, target, rtype, quote, *hedge in ties:
        edges += TIE.format(source, target, rtype, quote) + "".join(f"        confidence: {h}\n" for h in hedge)
    (contested / "data" / "edges.yaml").write_text(edges)
    (contested / "seeds" / "memo.txt").write_text(TIES_TEXT)
    result = run("analyze")
    assert result.exit_code == 0, result.output
    shown = [line.strip() for line in result.stdout.split("The enemy of my enemy")[1].splitlines()]
    assert [line for line in shown if line.startswith(("- ", "* "))] == [
        "* Alpha Front and Beta Brigade share the enemy Delta Group, Gamma Group; no",
        "- Alpha Front —rival of— Delta Group",
        "- Delta Group —rival of— Beta Brigade",
        "- Alpha Front —rival of— Gamma Group",
        "- Gamma Group —rival of— Beta Brigade",
        "* Delta Group and Gamma Group share the enemy Alpha Front, Beta Brigade; no",
        "- Alpha Front —rival of— Delta Group",
        "- Alpha Front —rival of— Gamma Group",
        "- Delta Group —rival of— Beta Brigade",
        "- Gamma Group —rival of— Beta Brigade",
    ]


CARD_ACTOR = """    name: Alpha Front
    aliases: [AF, The Front, the Alpha Front of the northern hills and valleys, Front of Alpha]
    region: The northern hills
    founded: 2001
    description: >-
      An invented group, described at a length that has to be wrapped onto a second line of
      the card.
"""


def test_an_actors_card_reads_in_its_places(contested: Path) -> None:
    """Names, then region and founding, the description wrapped to the terminal, the count of
    relations, and each type's relations with their quotes and the other side of each contest,
    a blank line between the parts; and the JSON card names what contests each relation."""
    import json

    actors = contested / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("    name: Alpha Front\n", CARD_ACTOR))
    result = run("show", "alpha")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Alpha Front  (Armed group; id: alpha)",
        "Also: AF, The Front, the Alpha Front of the northern hills and valleys, Front of",
        "      Alpha",
        "Region: The northern hills",
        "Founded: 2001",
        "",
        "An invented group, described at a length that has to be wrapped onto a second",
        "line of the card.",
        "",
        "2 relations",
        "",
        "allied (1)",
        "  They cooperate.",
        "  - Alpha Front —allied with— Beta Brigade  [contested]",
        "      “The Alpha Front and the Beta Brigade fought side-by-side through a",
        "       long-running campaign in the north-eastern hills.”",
        "        — memo",
        "        Note: A note on this quote alone, long enough that it has to go on to a",
        "          second line.",
        "      “It is false that the Alpha Front and the Beta Brigade ever fought side by",
        "       side.”",
        "        — memo; disputes it",
        "      Note: The curator's own note on the alliance.",
        "      Contested by: Alpha Front —rival of— Beta Brigade  [contested]",
        "        “The Alpha Front and the Beta Brigade are bitter rivals.”",
        "          — memo",
        "      Contested: a source disputes it (the quotes marked “disputes it” above).",
        "",
        "rival (1)",
        "  They compete.",
        "  - Alpha Front —rival of— Beta Brigade  [contested]",
        "      “The Alpha Front and the Beta Brigade are bitter rivals.”",
        "        — memo",
        "      Note: The rivalry's own note, which belongs under the rivalry; a long-",
        "        winded one.",
        "      Contested by: Alpha Front —allied with— Beta Brigade  [contested]",
        "        “The Alpha Front and the Beta Brigade fought side-by-side through a",
        "         long-running campaign in the north-eastern hills.”",
        "          — memo",
        "          Note: A note on this quote alone, long enough that it has to go on to",
        "            a second line.",
        "        “It is false that the Alpha Front and the Beta Brigade ever fought side",
        "         by side.”",
        "          — memo; disputes it",
    ]
    assert result.stdout.endswith("— memo; disputes it\n")
    card = json.loads(run("show", "alpha", "--format", "json").stdout)
    assert [[c["id"] for c in r["contested_by"]] for r in card["relations"]] == [
        ["alpha/rival/beta"],
        ["alpha/allied/beta"],
    ]


def test_a_route_counts_its_ways_through_as_the_product_of_each_hops_relations(contested: Path) -> None:
    """Two relations on each of two hops are four ways through, not two."""
    text = "Alpha and Beta fought together. Alpha and Beta fell out. Beta and Gamma trade arms. Beta and Gamma clash.\n"
    edges = TIES  # rival and attacked, and the hedge
    for source, target, rtype, quote in [
        ("alpha", "beta", "rival", "Alpha and Beta fell out."),
        ("alpha", "beta", "attacked", "Alpha and Beta fought together."),
        ("beta", "gamma", "rival", "Beta and Gamma clash."),
        ("beta", "gamma", "attacked", "Beta and Gamma trade arms."),
    ]:
        edges += TIE.format(source, target, rtype, quote)
    (contested / "data" / "actors.yaml").write_text(ACTORS + "  - id: gamma\n    name: Gamma Group\n    kind: group\n")
    (contested / "data" / "edges.yaml").write_text(edges)
    (contested / "seeds" / "memo.txt").write_text(text)
    result = run("path", "alpha", "gamma")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Alpha Front → Beta Brigade → Gamma Group  (2 hops, 4 ways through)"
