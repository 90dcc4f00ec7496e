"""How things look, for the page and the static image alike: colours, shapes, markers, patterns.

Every relation type gets a colour *and* a marker in the middle of its line, and
every actor kind a fill *and* a shape, assigned in vocabulary order: colour
alone fails readers with a colour-vision deficiency and every printed page in
greyscale. Line colours are dark (at least 3:1 against white), node fills light
(under dark labels), so no line is ever the colour of an actor. How a claim is
made — hedged, resting only on someone else's words, or both — is the line's
pattern, whatever its type. tests/outputs/test_colours.py measures all of this. Ten relation types
are told apart by every reader; past ten, the marks come round again with other colours.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..network.records import Relation

# Relation types: dark colours from Okabe & Ito's and Paul Tol's palettes, each >= 3:1 on white.
LINE_COLOURS = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#117733",  # green
    "#882255",  # wine
    "#332288",  # indigo
    "#AA4499",  # purple
    "#000000",  # black
    "#8F6D00",  # dark gold
    "#01665E",  # dark teal
    "#666666",  # grey
)
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

# A bundle (every relation between two actors, drawn as one link) takes the colour and mark of
# its relations' signs.
SIGN_COLOURS = {"cooperative": "#2166AC", "hostile": "#B2182B", "mixed": "#762A83", "neutral": "#5B6472"}
SIGN_MARKS = {"cooperative": "+", "hostile": "−", "mixed": "±", "neutral": "·"}

# Text on white: each at least 4.5:1.
INK = "#1D2330"
MUTED = "#505866"
FAINT = "#5F6875"
FONT_SIZE = 16  # px at zoom 1


def relation_style(index: int) -> dict[str, str]:
    """The colour and marker of the relation type at `index` in the vocabulary. Past the tenth
    type colours come round again, each time with the markers shifted by one, so no two of the
    first hundred types share both."""
    n = len(LINE_COLOURS)
    return {"color": LINE_COLOURS[index % n], "marker": MARKERS[(index + index // n) % len(MARKERS)]}


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
