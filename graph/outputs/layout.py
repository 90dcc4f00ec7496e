"""Node positions, computed once at build time so every load of a page shows the same picture.

An analyst who remembers "ISIS-K is top left" must find it there tomorrow, and
a browser should not spend seconds simulating physics for a graph that has not
changed. So the layout is a pure function of the graph, on the undirected
skeleton (direction and multiplicity do not change who should sit near whom):

- a component of up to KAMADA_KAWAI_LIMIT actors gets Kamada-Kawai's layout
  (graph distance as the ideal distance), found by stress majorisation in
  numpy: no randomness, no scipy, milliseconds;
- a larger one gets Fruchterman-Reingold from igraph (C, with its grid past
  GRID_FROM actors: linear memory, about a second for 10,000 actors), seeded.

Then a component laid out by force is spread until its labels have room, labels
are pushed apart — every pair and line compared in a small component, near
neighbours only in a large one — and components are packed side by side rather
than flung apart. docs/benchmarks.md compares the layouts that were tried.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .style import FONT_SIZE  # px at zoom 1: labels are measured at the size they are drawn

LABEL_MAX_WIDTH = 160  # px; vis-network wraps longer labels (widthConstraint.maximum)
LINE_HEIGHT = 19  # px per label line, as vis-network draws a 15px font
EDGE_LENGTH = 240  # px: the mean length of an edge after scaling
GAP = 14  # px between two labels' boxes
COMPONENT_GAP = 90  # px between packed components
KAMADA_KAWAI_LIMIT = 150  # larger components use the (much cheaper per actor) force-directed layout
STRESS_ITERATIONS = 300  # at most; stress majorisation usually settles in under 150
FORCE_ITERATIONS = 500  # igraph's default
GRID_FROM = 1000  # igraph's own threshold ("auto") for its grid, made explicit
SEPARATION_LIMIT = 250  # pairwise label separation is quadratic; beyond this, near pairs only
# Dodging lines costs actors x relations per round: past this product, only labels are parted.
LINE_DODGE_LIMIT = 20_000
# A component laid out by force is first spread to this many times its labels' total area (a
# small map's layout leaves about six): at a mean edge of EDGE_LENGTH its hubs sit under dozens
# of labels. Past SEPARATION_LIMIT its labels are then parted from their near neighbours for at
# most this many rounds (about 25 ms a round at 10,000 actors); a dense core keeps some
# overlaps (see docs/benchmarks.md).
ROOM = 8.0
NEAR_ROUNDS = 60
SEED = 1  # for the force-directed layout; Kamada-Kawai starts from the distances and needs none


@dataclass(frozen=True, slots=True)
class Box:
    """What a node occupies on screen: the shape (radius `size`) with its label below it."""

    size: float
    label_width: float
    label_lines: int

    @property
    def half_width(self) -> float:
        return max(self.size, self.label_width / 2)

    @property
    def half_height(self) -> float:
        return self.size + (4 + self.label_lines * LINE_HEIGHT) / 2

    @property
    def centre_offset(self) -> float:
        """From the node's position down to the centre of its box (the label hangs below)."""
        return (4 + self.label_lines * LINE_HEIGHT) / 2


def _char_width(ch: str) -> float:
    if ch == " ":
        return 0.28
    if ch in "il.,:;'’|!Ijtf()-":
        return 0.32
    if ch in "mwMW":
        return 0.85
    if ch.isupper() or ch.isdigit():
        return 0.64
    return 0.53


def text_width(text: str, font_size: float = FONT_SIZE) -> float:
    """An estimate of how wide a system sans-serif draws `text`: good to a few pixels."""
    return sum(_char_width(ch) for ch in text) * font_size


def wrap(text: str, width: float = LABEL_MAX_WIDTH, size: float = FONT_SIZE) -> list[str]:
    """`text` in lines no wider than `width` (a word longer stays whole), broken on spaces, as
    vis-network wraps a label."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def label_box(label: str, size: float) -> Box:
    """The box a label takes once vis-network wraps it at LABEL_MAX_WIDTH on spaces."""
    lines = wrap(label)
    return Box(size=size, label_width=max(text_width(line) for line in lines) + 8, label_lines=len(lines))


def positions(g: nx.MultiDiGraph, boxes: Mapping[Hashable, Box]) -> dict[Hashable, tuple[int, int]]:
    """Pixel positions for every node of `g`, the same on every run for the same graph."""
    if not g:
        return {}  # a new map, before its first actor
    order = {n: i for i, n in enumerate(g.nodes)}
    skeleton = nx.Graph()
    skeleton.add_nodes_from(g.nodes)
    skeleton.add_edges_from((u, v) for u, v in g.edges() if u != v)
    components = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(skeleton)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    within: dict[int, list[tuple[Hashable, Hashable]]] = defaultdict(list)
    component_of = {n: i for i, members in enumerate(components) for n in members}
    for u, v in skeleton.edges():
        within[component_of[u]].append((u, v))
    placed = [_component(within[i], members, boxes) for i, members in enumerate(components)]
    return _pack(placed, boxes)


def _component(
    links: list[tuple[Hashable, Hashable]], members: list[Hashable], boxes: Mapping[Hashable, Box]
) -> dict[Hashable, tuple[float, float]]:
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    index = {n: i for i, n in enumerate(members)}
    edges = [(index[u], index[v]) for u, v in links]
    n = len(members)
    xy = _stress(n, edges) if n <= KAMADA_KAWAI_LIMIT else _force_directed(n, edges)
    xy = _fit(xy, edges, [boxes[m] for m in members], spread=n > KAMADA_KAWAI_LIMIT)
    return {m: (float(xy[i][0]), float(xy[i][1])) for i, m in enumerate(members)}


def _fit(xy: Any, edges: list[tuple[int, int]], boxes: list[Box], *, spread: bool) -> Any:
    """A component's raw layout in pixels: scaled to a mean edge of EDGE_LENGTH, spread until
    its labels have room (`spread`, for a force-directed layout), and its labels parted."""
    import numpy as np

    ends = np.array(edges, dtype=np.intp)
    mean = float(np.linalg.norm(xy[ends[:, 0]] - xy[ends[:, 1]], axis=1).mean())
    xy = xy * (EDGE_LENGTH / (mean or 1.0))
    half_w = np.array([b.half_width for b in boxes])
    half_h = np.array([b.half_height for b in boxes])
    if spread:
        xy = _spread(xy, half_w, half_h)
    if len(boxes) <= SEPARATION_LIMIT:
        return _separate(xy, boxes, edges)
    return _part_near(xy, half_w, half_h, np.array([b.centre_offset for b in boxes]))


def _stress(n: int, edges: list[tuple[int, int]], iterations: int = STRESS_ITERATIONS, tolerance: float = 1e-5) -> Any:
    """Kamada-Kawai's layout of a small connected component, in numpy alone.

    Kamada and Kawai ask every two actors to sit as far apart as the graph
    distance d between them, with weight 1/d². networkx minimises that energy
    with scipy's L-BFGS, whose import alone takes ten times as long as the
    solve on a small map. Stress majorisation (Gansner, Koren and North, 2004)
    minimises the same energy by one small linear solve a step, never raising
    it, from a start computed from the distances (classical scaling), not
    drawn at random. On the shipped map it reaches a lower energy than networkx.
    """
    import numpy as np

    d = _hops(n, edges)
    w = np.zeros((n, n))
    apart = ~np.eye(n, dtype=bool)
    w[apart] = d[apart] ** -2.0
    solve = np.linalg.pinv(np.diag(w.sum(axis=1)) - w)  # the weighted Laplacian's pseudo-inverse
    centre = np.eye(n) - 1.0 / n
    values, vectors = np.linalg.eigh(-0.5 * centre @ (d * d) @ centre)
    x = vectors[:, [-1, -2]] * np.sqrt(np.maximum(values[[-1, -2]], 0.0))
    x *= np.where(x[np.abs(x).argmax(axis=0), [0, 1]] < 0, -1.0, 1.0)  # the signs eigh leaves open
    turn = 2 * np.pi * np.arange(n) / n
    x += 1e-3 * np.stack([np.cos(turn), np.sin(turn)], axis=1)  # parts actors the start puts on one spot
    wd = w * d
    previous = np.inf
    for _ in range(iterations):
        sq = (x * x).sum(axis=1)
        dist = np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2 * x @ x.T, 0.0))
        np.fill_diagonal(dist, 0.0)
        energy = float((w * (dist - d) ** 2).sum())
        if previous - energy <= tolerance * energy:
            break
        previous = energy
        with np.errstate(divide="ignore", invalid="ignore"):
            b = np.where(dist > 1e-9, -wd / dist, 0.0)
        np.fill_diagonal(b, 0.0)
        np.fill_diagonal(b, -b.sum(axis=1))
        x = solve @ (b @ x)
    return x


def _hops(n: int, edges: list[tuple[int, int]]) -> Any:
    """Graph distances between all actors of a connected component (breadth-first, n x n)."""
    import numpy as np

    neighbours: list[list[int]] = [[] for _ in range(n)]
    for u, v in edges:
        neighbours[u].append(v)
        neighbours[v].append(u)
    d = np.zeros((n, n))
    for start in range(n):
        row = [-1] * n
        row[start] = 0
        frontier = [start]
        while frontier:
            reached = []
            for a in frontier:
                for b in neighbours[a]:
                    if row[b] < 0:
                        row[b] = row[a] + 1
                        reached.append(b)
            frontier = reached
        d[start] = row
    return d


def _force_directed(n: int, edges: list[tuple[int, int]], iterations: int = FORCE_ITERATIONS) -> Any:
    """Fruchterman-Reingold by igraph, seeded: about a second for 10,000 actors and 50,000
    relations, in memory linear in them (past GRID_FROM actors only near actors repel).

    igraph draws its random numbers from the Python generator it is given: a seeded one
    for this call, and the `random` module, its default, back afterwards.
    """
    import random

    import igraph
    import numpy as np

    graph = igraph.Graph(n=n, edges=edges)
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        layout = graph.layout_fruchterman_reingold(niter=iterations, grid=n >= GRID_FROM)
    finally:
        igraph.set_random_number_generator(random)
    return np.array(layout.coords, dtype=float)


def _spread(xy: Any, half_w: Any, half_h: Any) -> Any:
    """A component scaled up, if need be, until its extent is ROOM times its labels' area."""
    span = xy.max(axis=0) - xy.min(axis=0)
    need = ROOM * float((4 * half_w * half_h).sum())
    have = float(span[0] * span[1])
    return xy * max(1.0, (need / have) ** 0.5) if have > 0 else xy


def _part_near(xy: Any, half_w: Any, half_h: Any, offset: Any, rounds: int = NEAR_ROUNDS) -> Any:
    """Labels pushed off each other as `_separate` pushes them, each compared only with the
    labels near it (found on a grid), so a round costs time and memory linear in the actors.
    Lines are not dodged, and a dense core may keep some overlaps after `rounds`."""
    import numpy as np

    n = len(xy)
    reach = 2 * float(max(half_w.max(), half_h.max())) + GAP
    xy = xy.copy()
    for _ in range(rounds):
        cx, cy = xy[:, 0], xy[:, 1] + offset
        i, j = _near_pairs(cx, cy, reach)
        dx, dy = cx[i] - cx[j], cy[i] - cy[j]
        over_x = half_w[i] + half_w[j] + GAP - np.abs(dx)
        over_y = half_h[i] + half_h[j] + GAP - np.abs(dy)
        clash = (over_x > 0) & (over_y > 0)
        if not clash.any():
            break
        i, j, dx, dy, over_x, over_y = (a[clash] for a in (i, j, dx, dy, over_x, over_y))
        tie = np.sign(i - j).astype(float)  # who yields when centres coincide, as in _separate
        sideways = over_x <= over_y
        px = np.where(sideways, np.where(dx == 0, tie, np.sign(dx)) * over_x, 0.0)
        py = np.where(sideways, 0.0, np.where(dy == 0, tie, np.sign(dy)) * over_y)
        xy[:, 0] += 0.5 * (np.bincount(i, px, n) - np.bincount(j, px, n))
        xy[:, 1] += 0.5 * (np.bincount(i, py, n) - np.bincount(j, py, n))
    return xy


def _near_pairs(x: Any, y: Any, reach: float) -> tuple[Any, Any]:
    """Each pair of points (i, j) less than `reach` apart on both axes, once: points are sorted
    into square cells of side `reach`, and each is compared with the points of its own cell and
    of the four cells after it (right, and the row below), never with all the others."""
    import numpy as np

    n = len(x)
    col = ((x - x.min()) // reach).astype(np.int64) + 1
    row = ((y - y.min()) // reach).astype(np.int64) + 1
    width = int(col.max()) + 2
    key = row * width + col
    order = np.argsort(key, kind="stable")
    keys = key[order]
    at = np.arange(n)
    found_i, found_j = [], []
    for shift in (0, 1, width - 1, width, width + 1):
        lo = at + 1 if shift == 0 else np.searchsorted(keys, keys + shift, "left")
        hi = np.searchsorted(keys, keys + shift, "right")
        count = np.maximum(hi - lo, 0)
        total = int(count.sum())
        if total:
            first = np.repeat(at, count)
            second = np.arange(total) - np.repeat(np.cumsum(count) - count, count) + lo[first]
            found_i.append(order[first])
            found_j.append(order[second])
    if not found_i:
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
    i, j = np.concatenate(found_i), np.concatenate(found_j)
    near = (np.abs(x[i] - x[j]) < reach) & (np.abs(y[i] - y[j]) < reach)
    return i[near], j[near]


def _separate(xy: Any, boxes: list[Box], edges: list[tuple[int, int]], rounds: int = 300) -> Any:
    """Push label boxes off each other, and off lines they do not belong to.

    Each round moves every node by a share of its overlaps: along the axis that
    needs the smaller move for two boxes, straight away from the line for a box
    that a non-incident edge crosses. Stops when nothing overlaps. Lines that
    cannot all be dodged are given up after `rounds`, and further rounds part
    only the labels: a line through a label is better than two labels on top of
    each other.
    """
    import numpy as np

    n = len(boxes)
    half_w = np.array([b.half_width for b in boxes])
    half_h = np.array([b.half_height for b in boxes])
    offset = np.array([b.centre_offset for b in boxes])
    index = np.arange(n)
    tie = np.sign(index[:, None] - index[None, :]).astype(float)  # who yields when centres coincide
    src = np.array([u for u, _ in edges], dtype=int)
    dst = np.array([v for _, v in edges], dtype=int)
    incident = np.zeros((n, len(edges)), dtype=bool)
    incident[src, np.arange(len(edges))] = True
    incident[dst, np.arange(len(edges))] = True
    xy = xy.copy()
    for attempt in range(rounds + 200):
        cx, cy = xy[:, 0], xy[:, 1] + offset
        dx = cx[:, None] - cx[None, :]
        dy = cy[:, None] - cy[None, :]
        over_x = half_w[:, None] + half_w[None, :] + GAP - np.abs(dx)
        over_y = half_h[:, None] + half_h[None, :] + GAP - np.abs(dy)
        clash = (over_x > 0) & (over_y > 0)
        np.fill_diagonal(clash, False)
        sx = np.where(dx == 0, tie, np.sign(dx))
        sy = np.where(dy == 0, tie, np.sign(dy))
        sideways = over_x <= over_y
        push = np.stack(
            [
                np.where(clash & sideways, sx * over_x, 0.0).sum(axis=1),
                np.where(clash & ~sideways, sy * over_y, 0.0).sum(axis=1),
            ],
            axis=1,
        )
        crossed = False
        if len(edges) and attempt < rounds and n * len(edges) <= LINE_DODGE_LIMIT:
            a, b = xy[src], xy[dst]
            length = np.maximum(np.linalg.norm(b - a, axis=1), 1e-9)
            along = (b - a) / length[:, None]
            normal = np.stack([-along[:, 1], along[:, 0]], axis=1)
            rel_x = cx[:, None] - a[None, :, 0]
            rel_y = cy[:, None] - a[None, :, 1]
            t = (rel_x * along[None, :, 0] + rel_y * along[None, :, 1]) / length[None, :]
            d = rel_x * normal[None, :, 0] + rel_y * normal[None, :, 1]
            reach = np.abs(normal[None, :, 0]) * half_w[:, None] + np.abs(normal[None, :, 1]) * half_h[:, None]
            depth = reach + GAP / 2 - np.abs(d)
            hit = (depth > 0) & (t > 0.08) & (t < 0.92) & ~incident
            if hit.any():
                crossed = True
                side = np.where(d >= 0, 1.0, -1.0)
                amount = np.where(hit, side * np.minimum(depth, 40.0), 0.0)
                push += 0.5 * (amount[:, :, None] * normal[None, :, :]).sum(axis=1)
        if not clash.any() and not crossed:
            return xy
        xy += 0.3 * push
    return xy


def _bounds(
    pos: Mapping[Hashable, tuple[float, float]], boxes: Mapping[Hashable, Box]
) -> tuple[float, float, float, float]:
    left = min(x - boxes[n].half_width for n, (x, _) in pos.items())
    right = max(x + boxes[n].half_width for n, (x, _) in pos.items())
    top = min(y - boxes[n].size for n, (_, y) in pos.items())
    bottom = max(y + boxes[n].centre_offset + boxes[n].half_height for n, (_, y) in pos.items())
    return left, top, right, bottom


def _pack(
    components: Iterable[Mapping[Hashable, tuple[float, float]]], boxes: Mapping[Hashable, Box]
) -> dict[Hashable, tuple[int, int]]:
    """Shelf-pack components, largest first, into rows about as wide as the whole is tall."""
    comps = list(components)
    sized = [(c, _bounds(c, boxes)) for c in comps]
    area = sum((r - l_) * (b - t) for _, (l_, t, r, b) in sized)
    widest = max(r - l_ for _, (l_, _t, r, _b) in sized)
    row_limit = max(widest, (area * 1.4) ** 0.5)
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for comp, (left, top, right, bottom) in sized:
        w, h = right - left, bottom - top
        if x > 0 and x + w > row_limit:
            x, y, row_height = 0.0, y + row_height + COMPONENT_GAP, 0.0
        for n, (px, py) in comp.items():
            out[n] = (px - left + x, py - top + y)
        x += w + COMPONENT_GAP
        row_height = max(row_height, h)
    left, top, right, bottom = _bounds(out, boxes)
    cx, cy = (left + right) / 2, (top + bottom) / 2
    return {n: (round(px - cx), round(py - cy)) for n, (px, py) in out.items()}
