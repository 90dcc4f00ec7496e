"""The map as a static SVG image, for reports and slides: what Gephi, Kumu and i2 export.

The same scene as the page (positions, shapes, colours, marks, line patterns), so a
figure in a report matches what the analyst explored. A reader of a printed report
cannot hover or click, so the image carries in print what the page puts behind a
click: a title saying which part of the map it is, a legend of every type, kind and
line pattern used, and the sources it rests on. Every relation also carries its
sentence as an SVG <title>, which viewers show on hover and screen readers read.

Text from the data is escaped, never interpreted; the output has no scripts, no
external references and no timestamps: the same data gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from xml.sax.saxutils import escape

import networkx as nx

from ..network.records import actor, bibliography_entry, dataset
from .layout import LINE_HEIGHT, text_width, wrap
from .scene import Scene, scene
from .style import CLAIM_LEGEND, DASHES, FONT_SIZE, INK, MUTED, SIGN_COLOURS, claim_style

MARGIN = 40
LEGEND_WIDTH = 330
TITLE_SIZE = 22
SMALL = 13
MAX_MAP_WIDTH = 1800  # a larger map is scaled down to this (the legend and title are not)
CONTESTED = SIGN_COLOURS["hostile"]


def export(g: nx.MultiDiGraph) -> str:
    return render(g, scene(g))


def render(g: nx.MultiDiGraph, laid: Scene) -> str:
    data = dataset(g)
    boxes = {n: wrap(actor(g, n).name) for n in g.nodes}
    xs = [laid.positions[n][0] for n in g.nodes] or [0]
    ys = [laid.positions[n][1] for n in g.nodes] or [0]
    half = max((text_width(line) / 2 for lines in boxes.values() for line in lines), default=0)
    left, right = min(xs) - max(half, 30), max(xs) + max(half, 30)
    top = min(ys) - 30
    bottom = max(ys) + max((laid.sizes[n] + 6 + len(boxes[n]) * LINE_HEIGHT for n in g.nodes), default=30)
    scale = min(1.0, MAX_MAP_WIDTH / (right - left))  # at least 60 wide: the margins either side
    map_w, map_h = (right - left) * scale, (bottom - top) * scale

    title = "actorgraph: " + _count(g.number_of_nodes(), "actor") + ", " + _count(g.number_of_edges(), "relation")
    scope = g.graph.get("scope") or "the whole map"
    header = 2 * MARGIN + 24
    legend = _legend(g, laid)
    legend_h = sum(h for _, h in legend)
    cited = sorted({q.doc for r in laid.relations for q in r.quotes})
    source_lines = _wrap_lines(
        [f"{doc}: {bibliography_entry(data.sources[doc])}" for doc in cited], map_w + LEGEND_WIDTH, SMALL
    )
    body_h = max(map_h, legend_h)
    width = round(MARGIN * 2 + map_w + LEGEND_WIDTH)
    height = round(header + body_h + 24 + (len(source_lines) + 1) * (SMALL + 5) + MARGIN)

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, \'Liberation Sans\', sans-serif" '
        f'role="img" aria-labelledby="title desc">',
        f'<title id="title">{escape(title)}</title>',
        f'<desc id="desc">{escape("Shows " + scope + ". " + _describe(laid))}</desc>',
        f'<rect width="{width}" height="{height}" fill="#FFFFFF"/>',
        _text(MARGIN, MARGIN + 4, title, size=TITLE_SIZE, weight="700"),
        _text(
            MARGIN,
            MARGIN + 28,
            f"Shows {scope}. Each line is a relation a source states.",
            size=SMALL,
            fill=MUTED,
        ),
        f'<g transform="translate({MARGIN} {header}) scale({scale:.4f}) translate({-left:.1f} {-top:.1f})">',
    ]
    out += _relations(laid)
    out += _actors(g, laid, boxes)
    out.append("</g>")
    y: float = header
    x = MARGIN + map_w + 24
    for block, h in legend:
        out.append(f'<g transform="translate({x:.1f} {y:.1f})">{block}</g>')
        y += h
    y = header + body_h + 24
    out.append(_text(MARGIN, y, "Sources", size=SMALL, weight="700"))
    for line in source_lines:
        y += SMALL + 5
        out.append(_text(MARGIN, y, line, size=SMALL, fill=MUTED))
    out.append("</svg>")
    return "\n".join(out) + "\n"


# --- the map ----------------------------------------------------------------------------------


def _relations(laid: Scene) -> list[str]:
    out = []
    for rel in laid.relations:
        style = laid.type_style[rel.key]
        (x1, y1), (x2, y2) = laid.positions[rel.source.id], laid.positions[rel.target.id]
        bend = laid.bends[rel.id]
        # The control point sits off the middle, to the right of the line's direction for a
        # positive bend (screen coordinates: y grows downwards).
        dx, dy = x2 - x1, y2 - y1
        cx, cy = (x1 + x2) / 2 - dy * bend, (y1 + y2) / 2 + dx * bend
        # Stop at the target's edge, so an arrowhead is seen.
        tx, ty = x2 - cx, y2 - cy
        length = math.hypot(tx, ty) or 1
        end = laid.sizes[rel.target.id] + 2
        ex, ey = x2 - tx / length * end, y2 - ty / length * end
        colour = style["color"]
        claim = claim_style(rel)
        dash = f' stroke-dasharray="{" ".join(str(v) for v in DASHES[claim])}"' if claim else ""
        mx, my = 0.25 * x1 + 0.5 * cx + 0.25 * ex, 0.25 * y1 + 0.5 * cy + 0.25 * ey
        angle = math.degrees(math.atan2(ey - y1, ex - x1))
        parts = [
            f'<g class="relation"><title>{escape(rel.sentence)}</title>',
            f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}" fill="none" '
            f'stroke="{colour}" stroke-width="2"{dash}/>',
            _marker(style["marker"], colour, mx, my, angle),
        ]
        if rel.directed:
            head = math.degrees(math.atan2(ey - cy, ex - cx))
            parts.append(
                f'<polygon points="0,0 -11,-5 -11,5" fill="{colour}" '
                f'transform="translate({ex:.1f} {ey:.1f}) rotate({head:.1f})"/>'
            )
        if rel.contested:
            parts.append(_text(mx, my - 8, "contested", size=11, fill=CONTESTED, anchor="middle", halo=True))
        parts.append("</g>")
        out.append("".join(parts))
    return out


def _marker(kind: str, colour: str, x: float, y: float, angle: float) -> str:
    """A relation type's mark, centred on (x, y) and turned along the line."""
    s = 4.5
    shapes = {
        "circle": f'<circle r="{s}"/>',
        "box": f'<rect x="{-s}" y="{-s}" width="{2 * s}" height="{2 * s}"/>',
        "diamond": f'<polygon points="{s + 1.5},0 0,{s + 1.5} {-s - 1.5},0 0,{-s - 1.5}"/>',
        "bar": f'<rect x="-1.5" y="{-s - 2}" width="3" height="{2 * s + 4}"/>',
        "triangle": f'<polygon points="{s},0 {-s},{-s} {-s},{s}"/>',
        "inv_triangle": f'<polygon points="{-s},0 {s},{-s} {s},{s}"/>',
        "vee": f'<polygon points="{s},0 {-s},{-s} {-s / 3:.1f},0 {-s},{s}"/>',
        "crow": f'<path d="M{-s},0 L{s},{-s} M{-s},0 L{s},0 M{-s},0 L{s},{s}" fill="none" stroke-width="2"/>',
        "curve": f'<path d="M{-s},{-s} Q{2 * s},0 {-s},{s}" fill="none" stroke-width="2"/>',
        "inv_curve": f'<path d="M{s},{-s} Q{-2 * s},0 {s},{s}" fill="none" stroke-width="2"/>',
    }
    return (
        f'<g fill="{colour}" stroke="{colour}" transform="translate({x:.1f} {y:.1f}) rotate({angle:.1f})">'
        f"{shapes[kind]}</g>"
    )


def _actors(g: nx.MultiDiGraph, laid: Scene, boxes: dict[str, list[str]]) -> list[str]:
    out = []
    centre = (g.graph.get("focus") or {}).get("actor")
    # Least connected first, so hubs are drawn on top, as on the page.
    for node in sorted(g.nodes, key=lambda n: g.degree(n)):
        a = actor(g, node)
        style = laid.kind_style[a.kind]
        x, y = laid.positions[node]
        size = laid.sizes[node]
        kind = dataset(g).actor_kinds.get(a.kind)
        tip = f"{a.name} ({kind.label if kind else a.kind})"
        out.append(f'<g class="actor"><title>{escape(tip)}</title>')
        out.append(_shape(style["shape"], x, y, size, style["color"], style["border"]))
        if node == centre:  # the actor a --focus image is about: ringed
            out.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size + 6:.1f}" fill="none" stroke="{INK}" stroke-width="2.5"/>'
            )
        for i, line in enumerate(boxes[node]):
            out.append(_text(x, y + size + 4 + FONT_SIZE * 0.85 + i * LINE_HEIGHT, line, anchor="middle", halo=True))
        out.append("</g>")
    return out


def _shape(kind: str, x: float, y: float, r: float, fill: str, border: str) -> str:
    """An actor kind's shape, as vis-network draws it, at radius r."""
    paint = f'fill="{fill}" stroke="{border}" stroke-width="2"'

    def polygon(points: Iterable[tuple[float, float]]) -> str:
        return f'<polygon points="{" ".join(f"{x + px:.1f},{y + py:.1f}" for px, py in points)}" {paint}/>'

    def around(n: int, start: float, radius: float = r) -> list[tuple[float, float]]:
        return [
            (radius * math.cos(start + 2 * math.pi * i / n), radius * math.sin(start + 2 * math.pi * i / n))
            for i in range(n)
        ]

    if kind == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" {paint}/>'
    if kind == "diamond":
        return polygon(around(4, -math.pi / 2))
    if kind == "triangle":
        return polygon(around(3, -math.pi / 2))
    if kind == "triangleDown":
        return polygon(around(3, math.pi / 2))
    if kind == "hexagon":
        return polygon(around(6, 0))
    if kind == "star":
        radii = [r if i % 2 == 0 else r * 0.45 for i in range(10)]
        angles = [-math.pi / 2 + i * math.pi / 5 for i in range(10)]
        return polygon([(rr * math.cos(a), rr * math.sin(a)) for rr, a in zip(radii, angles, strict=True)])
    if kind == "ellipse":
        return f'<ellipse cx="{x:.1f}" cy="{y:.1f}" rx="{r * 1.4:.1f}" ry="{r * 0.8:.1f}" {paint}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {paint}/>'


# --- the legend -------------------------------------------------------------------------------


def _legend(g: nx.MultiDiGraph, laid: Scene) -> list[tuple[str, float]]:
    """Blocks of (SVG, height): the relation types, line patterns and actor kinds in this image."""
    data = dataset(g)
    used_types = {r.key for r in laid.relations}
    used_kinds = {actor(g, n).kind for n in g.nodes}
    blocks: list[tuple[str, float]] = []
    row = 22

    def heading(text: str) -> str:
        return _text(0, 12, text.upper(), size=11, weight="700", fill=MUTED)

    rows: list[str] = []
    for t, style in laid.type_style.items():
        if t not in used_types:
            continue
        y = 28 + len(rows) * row
        label = data.relation_types[t].label + (" (one-way)" if data.relation_types[t].directed else "")
        rows.append(
            f'<line x1="0" y1="{y}" x2="34" y2="{y}" stroke="{style["color"]}" stroke-width="2.5"/>'
            + _marker(style["marker"], style["color"], 17, y, 0)
            + _text(44, y + 4.5, label, size=SMALL)
        )
    if rows:
        blocks.append((heading("Relations") + "".join(rows), 28 + len(rows) * row + 8))

    present = {claim_style(r) for r in laid.relations}
    rows = []
    for claim, name, meaning in CLAIM_LEGEND:
        if claim not in present:
            continue
        text = f"{name}: {meaning}" + (" (may, likely)" if claim == "hedged" else "")
        y = 28 + len(rows) * row
        dash = f' stroke-dasharray="{" ".join(str(v) for v in DASHES[claim])}"' if claim else ""
        rows.append(
            f'<line x1="0" y1="{y}" x2="34" y2="{y}" stroke="{MUTED}" stroke-width="2.5"{dash}/>'
            + _text(44, y + 4.5, text, size=SMALL)
        )
    if any(r.contested for r in laid.relations):
        y = 28 + len(rows) * row
        rows.append(
            _text(0, y + 4.5, "contested", size=11, fill=CONTESTED)
            + _text(70, y + 4.5, ": the sources disagree", size=SMALL)
        )
    if rows:
        blocks.append((heading("How it is claimed") + "".join(rows), 28 + len(rows) * row + 8))

    rows = []
    for k, style in laid.kind_style.items():
        if k not in used_kinds:
            continue
        y = 28 + len(rows) * row
        rows.append(
            _shape(style["shape"], 12, y, 7, style["color"], style["border"])
            + _text(44, y + 4.5, data.actor_kinds[k].label, size=SMALL)
        )
    if rows:
        blocks.append((heading("Actors") + "".join(rows), 28 + len(rows) * row + 8))
    return blocks


# --- text ---------------------------------------------------------------------------------------


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: float = FONT_SIZE,
    fill: str = INK,
    weight: str = "400",
    anchor: str = "start",
    halo: bool = False,
) -> str:
    stroke = ' stroke="#FFFFFF" stroke-width="4" paint-order="stroke" stroke-linejoin="round"' if halo else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" font-weight="{weight}" '
        f'text-anchor="{anchor}"{stroke}>{escape(text)}</text>'
    )


def _wrap_lines(paragraphs: list[str], width: float, size: float) -> list[str]:
    return [line for paragraph in paragraphs for line in wrap(paragraph, width, size)]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _describe(laid: Scene) -> str:
    """A sentence per relation: the image's text alternative."""
    return " ".join(f"{r.sentence}." for r in laid.relations)
