"""The one builder: parallel typed relations survive; undirected ones are stored once."""

from __future__ import annotations

from actorgraph.dataset.check import load_checked
from actorgraph.network.build import build_graph

from tests.conftest import ROOT


def test_parallel_relations_between_one_pair_all_survive() -> None:
    g = build_graph(load_checked(ROOT / "data", ROOT / "seeds"))
    assert set(g["isis-k"]["taliban"]) == {"rival", "attacked", "courted_cadres_of"}
    assert set(g["taliban"]["isis-k"]) == {"attacked"}


def test_undirected_relations_are_stored_once_and_flagged() -> None:
    data = load_checked(ROOT / "data", ROOT / "seeds")
    g = build_graph(data)
    assert g.number_of_edges() == len(data.edges)
    rival = g["isis-k"]["taliban"]["rival"]
    assert rival["directed"] is False and rival["sign"] == -1
    assert not g.has_edge("taliban", "isis-k", key="rival")
    for _, _, attrs in g.edges(data=True):
        assert attrs["evidence"], attrs
        assert all({"doc", "file", "quote"} <= set(ev) for ev in attrs["evidence"])
