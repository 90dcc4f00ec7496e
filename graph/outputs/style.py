"""How things look, for the page and the static image alike: colours, shapes, markers, patterns.

One colour rule for every line, learnt at a glance from the key on the map: a line's colour
is its sign (cooperative, hostile, both or neither), for a single relation and for a bundle of
several alike; its type is the mark in its middle, assigned in vocabulary order (ten marks,
then they come round again). Every actor kind gets a fill *and* a shape: colour alone fails
readers with a colour-vision deficiency and every printed page in greyscale. Line colours are
dark (at least 3:1 against white), node fills light (under dark labels), so no line is ever
the colour of an actor. How a claim is made — hedged, resting only on someone else's words, or
both — is the line's pattern, whatever its type. tests/outputs/test_colours.py measures all of
this.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..network.records import Relation

# vis-network's marker shapes, drawn in the middle of each line: the second cue for its type.
# The symmetric ones come first: a mark that points might be taken for a direction.
MARKERS = ("circle", "box", "diamond", "bar", "triangle", "inv_triangle", "vee", "crow", "curve", "inv_curve")
# The same marks as characters, for a bundle's label and plain text.
MARKER_GLYPHS = dict(zip(MARKERS, ("●", "■", "◆", "┃", "▶", "◀", "➤", "⋲", "⌒", "⌣"), strict=True))

# Actor kinds: light fills (dark labels read on them), each with its own shape.
NODE_FILLS = ("#88CCEE", "#EE8866", "#DDCC77", "#BBCC33", "#FFAABB", "#99DDFF", "#EEDD88", "#DDDDDD")
NODE_SHAPES = ("dot", "diamond", "square", "triangle", "star", "triangleDown", "hexagon", "ellipse")

# Line patterns: how a claim is made. A plainly stated claim of the source's own is solid.
DASHES: dict[str, tuple[int, ...]] = {"hedged": (7, 5), "attributed": (2, 4), "hedged and attributed": (7, 4, 2, 4)}
# What each pattern says, in the legends of the page and of the image: (key of DASHES or None
# for solid, the pattern's name, what it means).
CLAIM_LEGEND: tuple[tuple[str | None, str, str], ...] = (
    (None, "solid", "the source states it plainly"),
    ("hedged", "dashed", "hedged"),
    ("attributed", "dotted", "only someone else's claim"),
    ("hedged and attributed", "dash-dot", "hedged, and someone else's claim"),
)

# A line's colour and a bundle's (every relation between two actors, drawn as one link): its
# relations' sign. Each also has a mark, for a bundle's label and plain text.
SIGN_COLOURS = {"cooperative": "#2166AC", "hostile": "#B2182B", "mixed": "#762A83", "neutral": "#5B6472"}
SIGN_MARKS = {"cooperative": "+", "hostile": "−", "mixed": "±", "neutral": "·"}

# Text on white: each at least 4.5:1.
INK = "#1D2330"
MUTED = "#505866"
FAINT = "#5F6875"
FONT_SIZE = 16  # px at zoom 1


SIGN_NAMES = {1: "cooperative", -1: "hostile", 0: "neutral"}


def relation_style(index: int, sign: int) -> dict[str, str]:
    """The colour (its sign's) and marker of the relation type at `index` in the vocabulary."""
    return {"color": SIGN_COLOURS[SIGN_NAMES.get(sign, "neutral")], "marker": MARKERS[index % len(MARKERS)]}


def label_size(degree: int, lo: int, hi: int) -> float:
    """An actor's label size in px at zoom 1, by its number of relations (`lo`..`hi` across the
    map): from 13 to FONT_SIZE, so labels vanish least connected first as the view zooms out
    (the page draws no label under 7 px), and none is larger than the layout allowed for."""
    if hi <= lo:
        return float(FONT_SIZE)
    share = (degree**0.5 - lo**0.5) / (hi**0.5 - lo**0.5)
    return round(13 + (FONT_SIZE - 13) * share, 1)


def kind_style(index: int) -> dict[str, str]:
    """The fill, border and shape of the actor kind at `index` in the vocabulary."""
    fill = NODE_FILLS[index % len(NODE_FILLS)]
    return {"color": fill, "border": shade(fill, 0.55), "shape": NODE_SHAPES[index % len(NODE_SHAPES)]}


def shade(colour: str, factor: float) -> str:
    """`colour` darkened towards black: a border that stays visible on light fills."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(c * factor) for c in (r, g, b)))


def bundle_width(n: int) -> float:
    """How thick a bundle of `n` relations is drawn: thicker with more, but slowly."""
    return round(2 + 1.6 * math.log2(max(n, 1)), 1)


def claim_style(rel: Relation) -> str | None:
    """Which line pattern a relation gets (a key of DASHES), or None for a solid line."""
    hedged, attributed = rel.confidence is not None, bool(rel.claimants)
    if hedged and attributed:
        return "hedged and attributed"
    return "hedged" if hedged else "attributed" if attributed else None
