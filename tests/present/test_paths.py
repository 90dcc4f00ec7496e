"""`path` and `show` as read: the paths and the actor card in full, and why there is no path, in one
sentence: the hop limit, the filters, an actor that did not exist."""

from __future__ import annotations

import json
from pathlib import Path

from actorgraph.dataset.model import Actor
from actorgraph.network.build import build_graph
from actorgraph.network.claims import EvidenceFilter
from actorgraph.network.query import Filters
from actorgraph.present.paths import no_path_text

from tests.factories import HERE, dataset, edge


def _map():  # type: ignore[no-untyped-def]
    actors = [
        Actor(id="a", name="Alpha", kind="group", location=HERE),
        Actor(id="b", name="Beta", kind="group", location=HERE, founded="2001-04"),
        Actor(id="c", name="Gamma", kind="group", location=HERE, dissolved="2010"),
        Actor(id="d", name="Delta", kind="group", location=HERE, founded="1990", dissolved="1995"),
    ]
    return build_graph(dataset(actors, [edge("a", "rival", "c")]))


def test_no_path_says_the_hop_limit_and_the_filters_only_when_there_are_some() -> None:
    g = _map()
    assert no_path_text(g, "a", "b", Filters(), EvidenceFilter(), None) == "no path from Alpha to Beta"
    assert no_path_text(g, "a", "b", Filters(), EvidenceFilter(), 3) == "no path from Alpha to Beta within 3 hops"
    assert (
        no_path_text(g, "a", "b", Filters(types=("allied",)), EvidenceFilter(no_hedged=True), None)
        == "no path from Alpha to Beta using only 'allied' relations, without hedged claims"
    )
    assert no_path_text(g, "a", "b", Filters(exclude=("rival", "allied"), directed=True), EvidenceFilter(), 2) == (
        "no path from Alpha to Beta within 2 hops without 'rival' or 'allied' relations, following directed "
        "relations only their own way"
    )


def test_no_path_in_a_year_names_an_end_that_did_not_exist_then_and_its_dates() -> None:
    """Founded later: its founding; dissolved: from its founding (or '?') to its dissolution."""
    g = _map()
    assert (
        no_path_text(g, "a", "b", Filters(as_of=2000), EvidenceFilter(), None)
        == "no path from Alpha to Beta as of 2000 (Beta did not exist in 2000: founded 2001-04)"
    )
    assert no_path_text(g, "c", "d", Filters(as_of=2012), EvidenceFilter(), None) == (
        "no path from Gamma to Delta as of 2012 (Gamma did not exist in 2012: ? to 2010) "
        "(Delta did not exist in 2012: 1990 to 1995)"
    )
    assert (
        no_path_text(g, "a", "c", Filters(as_of=2005), EvidenceFilter(), None)
        == "no path from Alpha to Gamma as of 2005"
    )


DELTA = """  - id: delta
    name: Delta Cell
    kind: militant_group
    region: The hills
    description: >-
      A cell invented for the tests of the actor card, whose description is long enough to
      be wrapped over more than one line of the terminal.
"""
DELTA_RIVAL = """  - source: delta
    target: gamma
    type: rival
    evidence:
      - doc: memo
        quote: "when Gamma’s commanders defected"
"""


def test_an_actors_card_reads_as_who_it_is_then_its_relations_by_type_with_their_quotes(small: Path) -> None:
    """`show`: the name, kind and id; aliases, region and founding when known; the description
    wrapped; the count of relations; then per type its definition and each relation with the
    quotes it rests on."""
    from tests.conftest import run

    with (small / "data" / "actors.yaml").open("a") as fh:
        fh.write(DELTA)
    with (small / "data" / "edges.yaml").open("a") as fh:
        fh.write(DELTA_RIVAL)
    cards = {actor: run("show", actor) for actor in ("alpha", "delta", "gamma")}
    assert all(card.exit_code == 0 for card in cards.values()), cards
    assert cards["alpha"].stdout == (
        "Alpha Front  (Militant group; id: alpha)\n"
        "Also: AF\n"
        "\n"
        "An invented group.\n"
        "\n"
        "2 relations\n"
        "\n"
        "rival (1)\n"
        "  Sustained competition or enmity.\n"
        "  - Alpha Front —rival— Beta Brigade\n"
        "      “The Alpha Front and the Beta Brigade are bitter rivals”\n"
        "        — memo\n"
        "\n"
        "allied (1)\n"
        "  Shared goals; they cooperate.\n"
        "  - Alpha Front —allied— Gamma Movement  [possible, according to analysts]\n"
        '      “Analysts say the Alpha Front "may be allied" with the Gamma Movement”\n'
        "        — memo; according to analysts; possible\n"
    )
    assert cards["delta"].stdout == (
        "Delta Cell  (Militant group; id: delta)\n"
        "Region: The hills\n"
        "\n"
        "A cell invented for the tests of the actor card, whose description is long\n"
        "enough to be wrapped over more than one line of the terminal.\n"
        "\n"
        "1 relation\n"
        "\n"
        "rival (1)\n"
        "  Sustained competition or enmity.\n"
        "  - Delta Cell —rival— Gamma Movement\n"
        "      “when Gamma’s commanders defected”\n"
        "        — memo\n"
    )
    assert cards["gamma"].stdout.startswith(
        "Gamma Movement  (Militant group; id: gamma)\nFounded: 2001-04\n\n3 relations\n"
    )


def test_paths_are_numbered_only_when_there_are_several_each_hop_with_its_quotes(small: Path) -> None:
    """`path`: one path reads as its actors and hops; with --all, each path is headed "Path i of
    n" and set apart by a blank line; the JSON is one list of hops per path."""
    from tests.conftest import run

    with (small / "data" / "actors.yaml").open("a") as fh:
        fh.write(DELTA)
    with (small / "data" / "edges.yaml").open("a") as fh:
        fh.write(DELTA_RIVAL)
    via_gamma = (
        "Alpha Front → Gamma Movement → Delta Cell  (2 hops)\n"
        "  1. Alpha Front —allied— Gamma Movement  [possible, according to analysts]\n"
        '       “Analysts say the Alpha Front "may be allied" with the Gamma Movement”\n'
        "         — memo; according to analysts; possible\n"
        "  2. Delta Cell —rival— Gamma Movement\n"
        "       “when Gamma’s commanders defected”\n"
        "         — memo\n"
    )
    one = run("path", "alpha", "delta")
    assert one.exit_code == 0, one.output
    assert one.stdout == via_gamma
    every = run("path", "alpha", "delta", "--all")
    assert every.exit_code == 0, every.output
    assert every.stdout == (
        f"Path 1 of 2: {via_gamma}\n"
        "Path 2 of 2: Alpha Front → Beta Brigade → Gamma Movement → Delta Cell  (3 hops)\n"
        "  1. Alpha Front —rival— Beta Brigade\n"
        "       “The Alpha Front and the Beta Brigade are bitter rivals”\n"
        "         — memo\n"
        "  2. Beta Brigade —absorbed fighters from→ Gamma Movement  [since 2018]\n"
        "       “The Beta Brigade absorbed fighters from the Gamma Movement in 2018”\n"
        "         — memo\n"
        "  3. Delta Cell —rival— Gamma Movement\n"
        "       “when Gamma’s commanders defected”\n"
        "         — memo\n"
    )
    paths = json.loads(run("path", "alpha", "delta", "--all", "--format", "json").stdout)
    assert [[(hop["from"], hop["to"]) for hop in path] for path in paths] == [
        [("alpha", "gamma"), ("gamma", "delta")],
        [("alpha", "beta"), ("beta", "gamma"), ("gamma", "delta")],
    ]
