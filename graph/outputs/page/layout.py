"""Node positions, computed once at build time so every load of a page shows the same picture.

An analyst who remembers "ISIS-K is top left" must find it there tomorrow, and
a browser should not spend seconds simulating physics for a graph that has not
changed. So the layout is a pure function of the graph: Kamada-Kawai (no
randomness) for components small enough to afford it, seeded spring layout for
larger ones, on the undirected skeleton (direction and multiplicity do not
change who should sit near whom). Then labels are pushed apart until no two
overlap, and components are packed side by side rather than flung apart.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

FONT_SIZE = 16  # px at zoom 1; the page's labels use the same value
LABEL_MAX_WIDTH = 160  # px; vis-network wraps longer labels (widthConstraint.maximum)
LINE_HEIGHT = 19  # px per label line, as vis-network draws a 15px font
EDGE_LENGTH = 240  # px: the mean length of an edge after scaling
GAP = 14  # px between two labels' boxes
COMPONENT_GAP = 90  # px between packed components
KAMADA_KAWAI_LIMIT = 150  # larger components use the (much cheaper) force-directed layout
FORCE_ITERATIONS = 60
SEPARATION_LIMIT = 250  # label separation is quadratic; beyond this it is skipped
# Dodging lines costs actors x relations per round: past this product, only labels are parted.
LINE_DODGE_LIMIT = 20_000
SEED = 1  # for the force-directed layout; Kamada-Kawai starts from a circle and needs none


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


def label_box(label: str, size: float) -> Box:
    """The box a label takes once vis-network wraps it at LABEL_MAX_WIDTH on spaces."""
    lines: list[float] = []
    current = 0.0
    for word in label.split():
        w = text_width(word)
        if current and current + text_width(" ") + w > LABEL_MAX_WIDTH:
            lines.append(current)
            current = w
        else:
            current = current + text_width(" ") + w if current else w
    lines.append(current)
    return Box(size=size, label_width=max(lines) + 8, label_lines=len(lines))


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
    placed = [_component(skeleton, members, boxes) for members in components]
    return _pack(placed, boxes)


def _component(
    skeleton: nx.Graph, members: list[Hashable], boxes: Mapping[Hashable, Box]
) -> dict[Hashable, tuple[float, float]]:
    import numpy as np

    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    sub = nx.Graph()
    sub.add_nodes_from(members)  # insertion order fixes the layout's starting circle
    sub.add_edges_from(skeleton.subgraph(members).edges())
    index = {n: i for i, n in enumerate(members)}
    if len(members) <= KAMADA_KAWAI_LIMIT:
        raw = nx.kamada_kawai_layout(sub)
        xy = np.array([raw[n] for n in members], dtype=float)
    else:
        xy = _force_directed(len(members), [(index[u], index[v]) for u, v in sub.edges()])
    lengths = [float(np.linalg.norm(xy[index[u]] - xy[index[v]])) for u, v in sub.edges()]
    mean = sum(lengths) / len(lengths) if lengths else 1.0
    xy *= EDGE_LENGTH / (mean or 1.0)
    if len(members) <= SEPARATION_LIMIT:
        edges = [(index[u], index[v]) for u, v in sub.edges()]
        xy = _separate(xy, [boxes[n] for n in members], edges)
    return {n: (float(xy[i][0]), float(xy[i][1])) for i, n in enumerate(members)}


def _force_directed(n: int, edges: list[tuple[int, int]], iterations: int = FORCE_ITERATIONS) -> Any:
    """Fruchterman-Reingold, vectorised over all pairs: seconds for thousands of nodes.

    networkx's own spring layout switches to a per-node Python loop beyond 500
    nodes, which takes tens of seconds on 2,000; this keeps whole-array numpy
    operations (n x n float32, 16 MB at n = 2,000) and a fixed seed.
    """
    import numpy as np

    rng = np.random.default_rng(SEED)
    x = rng.random(n).astype(np.float32)
    y = rng.random(n).astype(np.float32)
    u = np.array([a for a, _ in edges], dtype=np.intp)
    v = np.array([b for _, b in edges], dtype=np.intp)
    k = np.float32((1.0 / n) ** 0.5)  # the ideal edge length in a unit square
    step = 0.1
    cooling = step / (iterations + 1)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        w = dx * dx
        w += dy * dy
        np.maximum(w, 1e-6, out=w)
        np.divide(k * k, w, out=w)  # repulsion k^2 / d, along the unit vector: delta * k^2 / d^2
        px = (dx * w).sum(axis=1)
        py = (dy * w).sum(axis=1)
        ex, ey = x[u] - x[v], y[u] - y[v]
        pull = np.sqrt(ex * ex + ey * ey) / k  # attraction d^2 / k, along the unit vector
        np.add.at(px, u, -ex * pull)
        np.add.at(px, v, ex * pull)
        np.add.at(py, u, -ey * pull)
        np.add.at(py, v, ey * pull)
        length = np.maximum(np.sqrt(px * px + py * py), 1e-6)
        scale = np.minimum(length, step) / length
        x += px * scale
        y += py * scale
        step -= cooling
    return np.stack([x, y], axis=1).astype(float)


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
