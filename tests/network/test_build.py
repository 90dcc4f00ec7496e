"""The one builder: parallel typed relations survive; undirected ones are stored once."""

from __future__ import annotations

from actorgraph.dataset.check import load_checked
from actorgraph.network.build import build_graph
from actorgraph.network.records import actor, relations
from actorgraph.network.records import dataset as dataset_of

from tests.conftest import KABUL
from tests.factories import dataset, edge, evidence


def test_parallel_relations_between_one_pair_all_survive() -> None:
    g = build_graph(load_checked(KABUL / "data", KABUL / "seeds"))
    assert set(g["isis-k"]["taliban"]) == {"rival", "attacked", "courted_cadres_of"}
    assert set(g["taliban"]["isis-k"]) == {"attacked"}


def test_undirected_relations_are_stored_once_and_flagged() -> None:
    data = load_checked(KABUL / "data", KABUL / "seeds")
    g = build_graph(data)
    assert g.number_of_edges() == len(data.edges)
    rival = g["isis-k"]["taliban"]["rival"]["relation"]
    assert rival.directed is False and rival.sign == -1
    assert not g.has_edge("taliban", "isis-k", key="rival")
    for rel in relations(g):
        assert rel.quotes and all(q.spans for q in rel.quotes), rel


def test_nodes_hold_actors_and_edges_hold_relation_records_in_curated_order() -> None:
    data = dataset(
        ["a", "b", "c"],
        [edge("b", "attacked", "a", evidence(confidence="likely")), edge("a", "allied", "c", note="read so")],
    )
    g = build_graph(data)
    assert [actor(g, n).name for n in g.nodes] == ["A", "B", "C"]
    first, second = relations(g)
    assert (first.source.id, first.key, first.target.id) == ("b", "attacked", "a")
    assert first.quotes[0].confidence is not None and first.quotes[0].confidence.id == "likely"
    assert second.note == "read so"  # nothing the curator wrote is dropped on the way
    assert dataset_of(g) is data
