"""`contested` and `check`'s list of contests say which kinds of disagreement they looked for,
and that they cannot see others: "no contested pairs" never reads as "the sources agree"."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run
from tests.network.test_claims import add_third_source


def test_no_contest_says_what_was_looked_for_and_what_cannot_be_seen(kabul: Path) -> None:
    result = run("contested")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "do not disagree" not in text
    assert text.startswith("No contested pairs of the kinds looked for.")
    assert "a cooperative and a hostile relation between the same two actors at overlapping times" in text
    assert "types the vocabulary declares opposite" in text and "a quote that disputes a relation" in text
    assert "It cannot see other disagreement: sources that give different dates, directions or perpetrators" in text


def test_the_json_names_the_kinds_checked(kabul: Path) -> None:
    data = json.loads(run("contested", "--format", "json").stdout)
    assert data["contests"] == [] and len(data["checked"]) == 3
    assert data["cannot_see"].startswith("It cannot see other disagreement")


def test_a_filtered_answer_says_which_claims_it_used(kabul: Path) -> None:
    text = " ".join(run("contested", "--no-attributed").stdout.split())
    assert text.startswith("No contested pairs among the claims used (without claims attributed to others)")
    assert "Looked for, between each pair of actors:" in text


def test_contests_found_are_followed_by_what_was_looked_for(kabul: Path) -> None:
    add_third_source(kabul)
    text = " ".join(run("contested").stdout.split())
    assert text.startswith("1 contested pair")
    assert text.index("ISIS-K and Taliban") < text.index("Looked for, between each pair of actors:")
    assert "It cannot see other disagreement" in text


def test_check_names_the_kinds_of_contest_in_its_summary(kabul: Path) -> None:
    add_third_source(kabul)
    result = run("check")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert (
        "1 contested pair (cooperative and hostile claims at overlapping times, types declared opposite, "
        "or a disputing quote; see `actorgraph contested`):" in text
    )


def test_what_was_looked_for_reads_as_a_list_each_kind_a_hanging_item() -> None:
    """The closing note as it is laid out: a heading, one item per kind of disagreement (the
    last closing the list), wrapped lines indented under their item, then what it cannot see."""
    from actorgraph.present.contests import checked_lines

    assert checked_lines() == [
        "Looked for, between each pair of actors:",
        "  - a cooperative and a hostile relation between the same two actors at",
        "    overlapping times (undated relations overlap everything);",
        "  - two relations between them whose types the vocabulary declares opposite, at",
        "    overlapping times;",
        "  - a quote that disputes a relation (stance: disputes).",
        "It cannot see other disagreement: sources that give different dates, directions",
        "or perpetrators for the same relation, types that exclude each other without",
        "being declared opposite, relations of neither sign (talks, a truce) unless",
        "declared opposite, or what a source says that the map does not record (see",
        "`actorgraph coverage`).",
    ]


def test_a_contest_in_json_gives_its_pair_why_and_its_relations(kabul: Path) -> None:
    add_third_source(kabul)
    (contest,) = json.loads(run("contested", "--format", "json").stdout)["contests"]
    assert contest["pair"] == ["isis-k", "taliban"]
    assert contest["reason"] == (
        "cooperative ('allied with') and hostile ('rival of', 'attacked', 'courted cadres of') claims at "
        "overlapping times"
    )
    assert len(contest["relations"]) == 5


def test_no_contest_is_one_line_a_blank_line_then_what_was_looked_for(kabul: Path) -> None:
    from actorgraph.present.contests import checked_lines

    result = run("contested")
    assert result.exit_code == 0, result.output
    assert result.stdout == "\n".join(["No contested pairs of the kinds looked for.", "", *checked_lines()]) + "\n"


def _two_contests(small: Path) -> None:
    """The small map with two contested pairs: a quote disputing alpha and beta's rivalry, and
    a rivalry of gamma with alpha, whom the analysts call allied."""
    edges = small / "data" / "edges.yaml"
    rivals = '        quote: "The Alpha Front and the Beta Brigade are bitter rivals"\n'
    disputing = '      - doc: memo\n        quote: "they have fought over the northern valleys for years"\n'
    edges.write_text(
        edges.read_text().replace(rivals, rivals + disputing + "        stance: disputes\n")
        + "  - source: gamma\n    target: alpha\n    type: rival\n    evidence:\n      - doc: memo\n"
        + '        quote: "when Gamma’s commanders defected"\n'
    )


def test_each_contest_reads_as_its_pair_why_and_each_side_with_its_quotes(small: Path) -> None:
    """`contested`: the count, then per pair its reason and each relation with the quotes it rests
    on (a disputing quote says so), then what was looked for; `check` lists the same pairs and
    relations without the quotes, after a one-line account of what it looked for."""
    from actorgraph.present.contests import checked_lines

    _two_contests(small)
    result = run("contested")
    assert result.exit_code == 0, result.output
    assert result.stdout == "\n".join([*TWO_CONTESTS.split("\n"), *checked_lines()]) + "\n"
    check = run("check")
    assert check.exit_code == 0, check.output
    assert check.stdout.endswith(TWO_CONTESTS_BRIEF), check.stdout


TWO_CONTESTS = """2 contested pairs

* Alpha Front and Beta Brigade: memo says that 'rival' does not hold
  - Alpha Front —rival— Beta Brigade
      “The Alpha Front and the Beta Brigade are bitter rivals”
        — memo
      “they have fought over the northern valleys for years”
        — memo; disputes it

* Alpha Front and Gamma Movement: cooperative ('allied') and hostile ('rival')
  claims at overlapping times
  - Alpha Front —allied— Gamma Movement  [possible, according to analysts]
      “Analysts say the Alpha Front "may be allied" with the Gamma Movement”
        — memo; according to analysts; possible
  - Gamma Movement —rival— Alpha Front
      “when Gamma’s commanders defected”
        — memo
"""

TWO_CONTESTS_BRIEF = """

2 contested pairs (cooperative and hostile claims at overlapping times, types
declared opposite, or a disputing quote; see `actorgraph contested`):
* Alpha Front and Beta Brigade: memo says that 'rival' does not hold
  - Alpha Front —rival— Beta Brigade
* Alpha Front and Gamma Movement: cooperative ('allied') and hostile ('rival')
  claims at overlapping times
  - Alpha Front —allied— Gamma Movement  [possible, according to analysts]
  - Gamma Movement —rival— Alpha Front
"""
