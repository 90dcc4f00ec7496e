"""What the layout promises a reader of the page, pinned one promise at a time: labels measured as
a sans-serif draws them, components packed in rows rather than strung out, and a label that a
relation it is no part of runs through moved off that line by half the gap between two labels."""

from __future__ import annotations

import string
from collections import Counter

import networkx as nx
import numpy as np
import pytest
from actorgraph.outputs import layout
from actorgraph.outputs.layout import Box, label_box, positions, text_width


def test_only_m_and_w_are_estimated_as_wide_as_m() -> None:
    """In a sans-serif (Arial, Helvetica, DejaVu Sans, Liberation Sans) M and W are the widest
    capitals and m and w the widest small letters; X, say, is as wide as A, not as M."""
    assert text_width("X") == text_width("A") < text_width("M") == text_width("W")
    narrower = [c for c in string.ascii_letters if c not in "mwMW"]
    assert all(text_width(c) < text_width("m") == text_width("w") for c in narrower), narrower


def test_lone_actors_are_packed_side_by_side_in_rows() -> None:
    """Components are shelf-packed in rows, not stacked in one column: sixteen equal lone actors
    fill rows of equally many, left to right, each row below the one before."""
    g = nx.MultiDiGraph()
    g.add_nodes_from(f"actor-{i:02d}" for i in range(16))
    boxes = {n: label_box("Lone actor", 10) for n in g}
    pos = positions(g, boxes)
    per_row = Counter(y for _, y in pos.values())
    assert 1 < len(per_row) < 16, pos
    assert len(set(per_row.values())) == 1, per_row  # 16 equal actors: rows of equally many
    ordered = [pos[f"actor-{i:02d}"] for i in range(16)]
    across = 16 // len(per_row)
    rows = [ordered[i : i + across] for i in range(0, 16, across)]
    for row in rows:
        assert len({y for _, y in row}) == 1 and [x for x, _ in row] == sorted({x for x, _ in row}), rows
    assert [row[0][1] for row in rows] == sorted({row[0][1] for row in rows}), rows


def _gap_to_line(xy: np.ndarray, box: Box, at: int, line: tuple[int, int]) -> tuple[float, float]:
    """Where along the line (0 at its start, 1 at its end) the label of actor `at` sits, and how
    far its box is from the line (negative: the line runs through it)."""
    a, b = xy[line[0]], xy[line[1]]
    length = float(np.linalg.norm(b - a))
    along = (b - a) / length
    normal = np.array([-along[1], along[0]])
    rel = np.array([xy[at][0], xy[at][1] + box.centre_offset]) - a
    reach = abs(normal[0]) * box.half_width + abs(normal[1]) * box.half_height
    return float(rel @ along) / length, abs(float(rel @ normal)) - reach


LINES = {
    "level": ([0.0, 0.0], [400.0, 0.0], [200.0, -20.0]),
    "upright": ([0.0, 0.0], [0.0, 400.0], [5.0, 200.0]),
    "slanting": ([0.0, 0.0], [300.0, 300.0], [160.0, 130.0]),
    "slanting back": ([300.0, 0.0], [0.0, 260.0], [140.0, 110.0]),
}


@pytest.mark.parametrize("name", LINES)
def test_a_label_a_line_runs_through_is_moved_off_it_by_half_the_gap(name: str) -> None:
    """A relation drawn through the label of an actor it does not join is a misreading waiting to
    happen: that actor is moved straight off the line until its box clears it by half the gap
    between two labels (GAP / 2), whatever way the line runs; the line's own actors stay put."""
    boxes = [label_box("Ansar", 10), label_box("Badr", 10), label_box("Crossed Front", 10)]
    xy = np.array(LINES[name])
    t, gap = _gap_to_line(xy, boxes[2], 2, (0, 1))
    assert 0.08 < t < 0.92 and gap < 0, (t, gap)  # the line runs through the label's middle part
    out = layout._separate(xy, boxes, [(0, 1)])
    assert out[:2].tolist() == xy[:2].tolist()
    moved_t, moved_gap = _gap_to_line(out, boxes[2], 2, (0, 1))
    assert moved_t == pytest.approx(t)  # straight away from the line, not along it
    assert moved_gap == pytest.approx(layout.GAP / 2, abs=0.01), out.tolist()


def test_labels_with_no_line_between_them_are_still_parted() -> None:
    """Without relations to dodge, `_separate` still parts labels that overlap, until the gap
    between their boxes is GAP."""
    boxes = [label_box("Ansar", 10), label_box("Badr", 10)]
    out = layout._separate(np.array([[0.0, 0.0], [10.0, 0.0]]), boxes, [])
    apart = abs(out[1][0] - out[0][0]) - boxes[0].half_width - boxes[1].half_width
    assert out[:, 1].tolist() == [0.0, 0.0] and apart == pytest.approx(layout.GAP, abs=0.01), out.tolist()
