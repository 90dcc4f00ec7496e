"""The layout of large maps: the same positions on every run, labels mostly parted, near pairs
found on a grid; small maps laid out as well as networkx's Kamada-Kawai, without scipy or igraph."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import networkx as nx
import numpy as np
import pytest
from actorgraph.outputs import layout
from actorgraph.outputs.layout import Box, label_box, positions

from tests.conftest import KABUL, ROOT


def _map(n: int, seed: int) -> tuple[nx.MultiDiGraph, dict[str, Box]]:
    """A hub-heavy map of n actors with string ids, as real data has."""
    skeleton = nx.barabasi_albert_graph(n, 2, seed=seed)
    g = nx.MultiDiGraph()
    g.add_nodes_from(f"actor-{i}" for i in skeleton)
    g.add_edges_from((f"actor-{u}", f"actor-{v}", "rival") for u, v in skeleton.edges())
    boxes = {a: label_box(f"Actor Number {a[6:]} Front", 11 + 2.6 * g.degree(a) ** 0.5) for a in g}
    return g, boxes


def _overlapping(pos: dict[str, tuple[int, int]], boxes: dict[str, Box]) -> int:
    """How many labels' boxes overlap another's."""
    ids = list(pos)
    x = np.array([pos[n][0] for n in ids], dtype=float)
    y = np.array([pos[n][1] + boxes[n].centre_offset for n in ids], dtype=float)
    w = np.array([boxes[n].half_width for n in ids])
    h = np.array([boxes[n].half_height for n in ids])
    clash = (w[:, None] + w[None, :] > np.abs(x[:, None] - x[None, :])) & (
        h[:, None] + h[None, :] > np.abs(y[:, None] - y[None, :])
    )
    np.fill_diagonal(clash, False)
    return int(clash.any(axis=1).sum())


DIGEST = textwrap.dedent(
    """
    import hashlib, sys
    sys.path.insert(0, {root!r})
    from tests.outputs.test_layout_scale import _map
    from actorgraph.outputs.layout import positions
    g, boxes = _map({n}, 7)
    print(hashlib.sha256(repr(sorted(positions(g, boxes).items())).encode()).hexdigest())
    """
)


def test_a_large_map_lays_out_the_same_whatever_the_hash_seed() -> None:
    n = layout.GRID_FROM + 200  # igraph with its grid, then labels parted among near neighbours
    code = DIGEST.format(root=str(ROOT), n=n)
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1, digests


def test_a_small_map_needs_neither_scipy_nor_igraph() -> None:
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from actorgraph.dataset.check import load_checked
        from actorgraph.network.build import build_graph
        from actorgraph.network.records import actor
        from actorgraph.outputs.layout import label_box, positions
        g = build_graph(load_checked(Path({str(KABUL / "data")!r}), Path({str(KABUL / "seeds")!r})))
        positions(g, {{n: label_box(actor(g, n).name, 14) for n in g.nodes}})
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("scipy", "igraph")))
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_labels_of_a_large_map_are_mostly_parted() -> None:
    g, boxes = _map(600, 3)
    pos = positions(g, boxes)
    assert len(set(pos.values())) == len(pos)
    assert _overlapping(pos, boxes) <= len(pos) // 20  # a dense core may keep a few


def test_the_small_map_layout_is_as_good_as_networkx_kamada_kawai() -> None:
    """Stress majorisation minimises Kamada-Kawai's energy; it must do no worse than networkx's
    L-BFGS on it (each layout at its best scale, since the energy depends on scale)."""
    for graph in (nx.karate_club_graph(), nx.random_labeled_tree(60, seed=3), nx.barabasi_albert_graph(120, 2, seed=4)):
        nodes = list(graph)
        index = {n: i for i, n in enumerate(nodes)}
        edges = [(index[u], index[v]) for u, v in graph.edges()]
        d = layout._hops(len(nodes), edges)
        ours = layout._stress(len(nodes), edges)
        raw = nx.kamada_kawai_layout(graph)
        theirs = np.array([raw[n] for n in nodes])
        assert _energy(ours, d) <= 1.02 * _energy(theirs, d)


def _energy(x: np.ndarray, d: np.ndarray) -> float:
    dist = np.sqrt(((x[:, None] - x[None, :]) ** 2).sum(axis=-1))
    upper = np.triu_indices(len(x), 1)
    w, dist, d = d[upper] ** -2.0, dist[upper], d[upper]
    scale = (w * dist * d).sum() / (w * dist * dist).sum()
    return float((w * (scale * dist - d) ** 2).sum())


@pytest.mark.parametrize("seed", [0, 1])
def test_near_pairs_are_all_pairs_within_reach(seed: int) -> None:
    rng = np.random.default_rng(seed)
    xy = np.round(rng.random((400, 2)) * 2000)  # whole numbers: some on a cell's edge, some coincide
    xy[7] = xy[8]
    i, j = layout._near_pairs(xy[:, 0], xy[:, 1], 100.0)
    found = {(min(a, b), max(a, b)) for a, b in zip(i.tolist(), j.tolist(), strict=True)}
    assert len(found) == len(i)  # each pair once
    brute = {
        (a, b)
        for a in range(len(xy))
        for b in range(a + 1, len(xy))
        if abs(xy[a, 0] - xy[b, 0]) < 100 and abs(xy[a, 1] - xy[b, 1]) < 100
    }
    assert found == brute and (7, 8) in found


def test_igraph_gets_its_own_random_numbers_back() -> None:
    import random

    import igraph

    g, boxes = _map(layout.KAMADA_KAWAI_LIMIT + 50, 5)
    positions(g, boxes)
    random.seed(11)
    first = igraph.Graph.Ring(5).layout_random().coords
    random.seed(11)
    assert igraph.Graph.Ring(5).layout_random().coords == first


def _parted(xy: list[list[float]], half_w: list[float], half_h: list[float], offset: list[float]) -> list[list[float]]:
    """One round of parting the labels of a large map among near neighbours."""
    args = (np.array(v, dtype=float) for v in (xy, half_w, half_h, offset))
    return layout._part_near(*args, rounds=1).tolist()


def test_near_labels_part_by_half_their_overlap_each_along_the_shorter_way() -> None:
    """As `_separate` does for small maps: two overlapping labels (boxes plus the 14px gap) each
    move half the overlap, along the axis where the overlap is smaller; coinciding centres part
    sideways, the later label to the right; labels already apart, or drawn apart by their
    centre offsets, stay put; an overlap of half a pixel is an overlap."""
    assert _parted([[0, 0], [30, 5]], [50, 50], [10, 10], [0, 0]) == [[0, -14.5], [30, 19.5]]  # 29 over, up-down
    assert _parted([[0, 0], [5, 30]], [10, 10], [50, 50], [0, 0]) == [[-14.5, 0], [19.5, 30]]  # 29 over, sideways
    assert _parted([[0, 0], [0, 0]], [10, 10], [10, 10], [0, 0]) == [[-17, 0], [17, 0]]  # equal: sideways
    assert _parted([[0, 0], [0, 0]], [50, 50], [10, 10], [0, 0]) == [[0, -17], [0, 17]]  # wide: the later down
    assert _parted([[0, 0], [1, 0]], [10, 10], [10, 10], [0, 0]) == [[-16.5, 0], [17.5, 0]]
    assert _parted([[0, 0], [20, 20]], [10, 10], [10, 10], [0, 0]) == [[-7, 0], [27, 20]]
    assert _parted([[0, 0], [0, 33.5]], [10, 10], [10, 10], [0, 0]) == [[0, -0.25], [0, 33.75]]
    assert _parted([[0, 0], [33.5, 0]], [10, 10], [10, 10], [0, 0]) == [[-0.25, 0], [33.75, 0]]
    assert _parted([[0, 0], [0, 30]], [10, 10], [10, 10], [0, 30]) == [[0, 0], [0, 30]]  # label 60 below
    assert _parted([[0, 0], [0, 100]], [10, 10], [10, 10], [0, 0]) == [[0, 0], [0, 100]]


def test_points_out_of_each_others_reach_make_no_pairs() -> None:
    for xy in ([[0.0, 0.0], [0.0, 100.0]], [[0.0, 0.0], [100.0, 0.0]], [[5.0, 5.0]]):
        points = np.array(xy)
        i, j = layout._near_pairs(points[:, 0], points[:, 1], 34.0)
        assert (i.tolist(), j.tolist()) == ([], []), xy


def _span_area(pos: dict[str, tuple[int, int]]) -> float:
    xy = np.array(list(pos.values()), dtype=float)
    span = xy.max(axis=0) - xy.min(axis=0)
    return float(span[0] * span[1])


def test_a_large_crowded_component_is_spread_to_room_times_its_labels_area() -> None:
    """A component laid out by force whose labels would crowd it is scaled up until its extent
    is ROOM times the area of its labels' boxes: no less (labels get room), no more (the map
    stays as compact as that allows)."""
    g, boxes = _map(layout.SEPARATION_LIMIT + 50, 2)
    need = layout.ROOM * sum(4 * b.half_width * b.half_height for b in boxes.values())
    assert _span_area(positions(g, boxes)) / need == pytest.approx(1.0, abs=0.01)


def _tree(n: int) -> tuple[nx.MultiDiGraph, dict[str, Box]]:
    """A tree of n actors with short labels: room enough for its labels without spreading."""
    skeleton = nx.random_labeled_tree(n, seed=3)
    g = nx.MultiDiGraph()
    g.add_nodes_from(f"a{i}" for i in skeleton)
    g.add_edges_from((f"a{u}", f"a{v}", "rival") for u, v in skeleton.edges())
    return g, {a: label_box(a, 4) for a in g}


def _lengths(g: nx.MultiDiGraph, pos: dict[str, tuple[int, int]]) -> list[float]:
    return [float(np.hypot(pos[u][0] - pos[v][0], pos[u][1] - pos[v][1])) for u, v in g.edges()]


def test_a_large_component_with_room_enough_is_not_spread() -> None:
    """A component laid out by force whose labels already have room keeps the scale every
    component gets: relations EDGE_LENGTH long on average."""
    g, boxes = _tree(layout.KAMADA_KAWAI_LIMIT + 50)
    pos = positions(g, boxes)
    need = layout.ROOM * sum(4 * b.half_width * b.half_height for b in boxes.values())
    assert _span_area(pos) > 4 * need  # room to spare: spreading would be wrong
    assert float(np.mean(_lengths(g, pos))) == pytest.approx(layout.EDGE_LENGTH, rel=0.01)


def test_linked_actors_of_a_large_map_sit_nearer_each_other_than_actors_at_random() -> None:
    """The force-directed layout draws related actors together: on average two linked actors
    are less than half as far apart as any two actors of the map."""
    g, boxes = _map(layout.KAMADA_KAWAI_LIMIT + 50, 4)
    pos = positions(g, boxes)
    xy = np.array(list(pos.values()), dtype=float)
    every = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    assert np.mean(_lengths(g, pos)) < 0.5 * every[np.triu_indices(len(xy), 1)].mean()


def test_a_large_map_lays_out_the_same_whatever_the_random_state() -> None:
    """The force-directed layout draws on its own seeded numbers: Python's `random` module in
    another state, or igraph's having been used before, leaves every position as it was."""
    import random

    g, boxes = _map(layout.KAMADA_KAWAI_LIMIT + 50, 6)
    random.seed(1)
    first = positions(g, boxes)
    random.seed(2)
    assert positions(g, boxes) == first
