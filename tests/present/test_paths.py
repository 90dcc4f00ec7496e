"""Why there is no path, in one sentence: the hop limit, the filters, an actor that did not exist."""

from __future__ import annotations

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
