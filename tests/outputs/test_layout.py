"""Positions computed at build time: fixed, and no label on top of another."""

from __future__ import annotations

from actorgraph.dataset.check import load_checked
from actorgraph.network.build import build_graph
from actorgraph.network.records import actor
from actorgraph.outputs.layout import label_box, positions

from tests.conftest import KABUL


def test_no_two_labels_overlap_in_the_shipped_layout() -> None:
    g = build_graph(load_checked(KABUL / "data", KABUL / "seeds"))
    boxes = {n: label_box(actor(g, n).name, 14) for n in g.nodes}
    pos = positions(g, boxes)
    placed = []
    for n, (x, y) in pos.items():
        b = boxes[n]
        cy = y + b.centre_offset
        placed.append((x - b.half_width, cy - b.half_height, x + b.half_width, cy + b.half_height))
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_a_graph_of_lone_actors_and_pairs_still_lays_out() -> None:
    import networkx as nx

    g = nx.MultiDiGraph()
    g.add_nodes_from(["a", "b", "c", "d", "e"])
    g.add_edge("a", "b", key="x")
    g.add_edge("c", "c", key="x")  # a self-loop adds nothing to the skeleton
    boxes = {n: label_box(n, 12) for n in g.nodes}
    pos = positions(g, boxes)
    assert sorted(pos) == ["a", "b", "c", "d", "e"]
    assert len(set(pos.values())) == 5
