"""The colours the page and the image are drawn in, measured: contrast against the background,
and whether relation types stay apart for readers with a colour-vision deficiency and on a
greyscale printout. Everything is computed from the shipped style (style.py and page.css).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from actorgraph.outputs import style

PAGE_CSS = Path(style.__file__).parent / "page" / "page.css"

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
SIMULATIONS: dict[str, tuple[tuple[float, float, float], ...]] = {
    "normal vision": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "greyscale": ((0.2126, 0.7152, 0.0722),) * 3,
}
DISTINCT = 12.0  # CIE76 ΔE: two thin lines this far apart are told apart at a glance


def linear(hex_colour: str) -> tuple[float, float, float]:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return channel(r), channel(g), channel(b)


def luminance(hex_colour: str) -> float:
    r, g, b = linear(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (min(max(c, 0.0), 1.0) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen(hex_colour: str, simulation: str) -> tuple[float, float, float]:
    rgb = linear(hex_colour)
    m = SIMULATIONS[simulation]
    return lab(tuple(sum(m[i][j] * rgb[j] for j in range(3)) for i in range(3)))  # type: ignore[arg-type]


def delta_e(a: str, b: str, simulation: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(seen(a, simulation), seen(b, simulation), strict=True)) ** 0.5


def test_the_measures_are_right() -> None:
    """Known values, so the checks below measure what they claim to."""
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert seen("#FFFFFF", "normal vision") == pytest.approx((100.0, 0.0, 0.0), abs=0.05)
    # Pure red and green, far apart to most eyes, nearly meet for a deuteranope.
    assert delta_e("#CC0000", "#00AA00", "normal vision") > 100
    assert delta_e("#D55E00", "#8F6D00", "deuteranopia") < delta_e("#D55E00", "#8F6D00", "normal vision") / 2


@pytest.mark.parametrize("colour", tuple(style.SIGN_COLOURS.values()))
def test_every_line_stands_out_from_the_page(colour: str) -> None:
    assert contrast(colour, "#FFFFFF") >= 3.0, colour


@pytest.mark.parametrize("colour", [style.INK, style.MUTED, style.FAINT])
def test_text_is_readable(colour: str) -> None:
    assert contrast(colour, "#FFFFFF") >= 4.5
    assert contrast(colour, "#F6F7F9") >= 4.5  # the panel


def css_text_pairs() -> list[tuple[str, str, str]]:
    """Every rule in page.css that sets both a text colour and a background, as (rule, fg, bg)."""
    pairs = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", PAGE_CSS.read_text(encoding="utf-8")):
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", body)
        bg = re.search(r"background:\s*(#[0-9a-fA-F]{6})", body)
        if fg and bg:
            pairs.append((selector.strip(), fg.group(1), bg.group(1)))
    return pairs


def test_page_css_sets_its_text_colours_against_backgrounds() -> None:
    assert len(css_text_pairs()) >= 3, "the parser should find the tags and the buttons"


@pytest.mark.parametrize(("rule", "fg", "bg"), css_text_pairs())
def test_coloured_text_in_the_page_is_readable(rule: str, fg: str, bg: str) -> None:
    assert contrast(fg, bg) >= 4.5, rule


def test_no_line_is_the_colour_of_an_actor() -> None:
    for line, fill in itertools.product(style.SIGN_COLOURS.values(), style.NODE_FILLS):
        assert delta_e(line, fill, "normal vision") >= 25, (line, fill)
        assert luminance(line) < luminance(fill), (line, fill)  # dark lines, light fills


def test_one_colour_rule_a_lines_colour_is_its_sign() -> None:
    """Single lines and bundles follow one rule, learnt from the key: colour is the sign."""
    for sign, name in style.SIGN_NAMES.items():
        assert style.relation_style(0, sign)["color"] == style.SIGN_COLOURS[name]


def test_relation_types_of_one_sign_are_told_apart_by_their_marks() -> None:
    marks = [style.relation_style(i, 1)["marker"] for i in range(len(style.MARKERS))]
    assert len(set(marks)) == len(style.MARKERS)


@pytest.mark.parametrize("simulation", list(SIMULATIONS))
def test_actor_kinds_differ_by_shape_whatever_the_colour(simulation: str) -> None:
    kinds = [style.kind_style(i) for i in range(len(style.NODE_SHAPES))]
    assert len({k["shape"] for k in kinds}) == len(kinds)
    for k in kinds:
        assert contrast(k["border"], "#FFFFFF") >= 3.0, k  # the outline carries the shape on white


@pytest.mark.parametrize("simulation", list(SIMULATIONS))
def test_a_bundles_sign_shows_by_colour_and_by_mark(simulation: str) -> None:
    signs = list(style.SIGN_COLOURS)
    assert len({style.SIGN_MARKS[s] for s in signs}) == len(signs)
    if simulation != "greyscale":
        cooperative, hostile = style.SIGN_COLOURS["cooperative"], style.SIGN_COLOURS["hostile"]
        assert delta_e(cooperative, hostile, simulation) >= 2 * DISTINCT


def test_claim_patterns_differ() -> None:
    patterns = list(style.DASHES.values())
    assert len(set(patterns)) == len(patterns)


def test_labels_run_from_13_px_for_the_least_connected_to_the_full_size_for_hubs() -> None:
    # Degrees 1..9 on a map whose least connected actor has 1 relation and its hub 9: the ends
    # are 13 px and FONT_SIZE, and between them the size grows with the square root of the
    # degree (degree 4 is halfway, as 2 is halfway from 1 to 3).
    sizes = [style.label_size(d, 1, 9) for d in range(1, 10)]
    assert sizes[0] == 13.0 and sizes[-1] == float(style.FONT_SIZE), sizes
    assert style.label_size(4, 1, 9) == 14.5, sizes
    assert sizes == sorted(sizes) and all(s == round(s, 1) for s in sizes), sizes
    assert style.label_size(3, 3, 3) == float(style.FONT_SIZE)  # every actor alike: all full size


def test_a_bundle_thickens_slowly_in_tenths_of_a_pixel() -> None:
    # One relation is drawn 2 px wide, as a single line is (state.js); each doubling adds 1.6 px.
    # Widths go into the page's data to a tenth of a pixel: finer is invisible, and only bytes.
    widths = [style.bundle_width(n) for n in range(9)]
    assert widths == [2.0, 2.0, 3.6, 4.5, 5.2, 5.7, 6.1, 6.5, 6.8]
    assert all(style.bundle_width(n) == round(style.bundle_width(n), 1) for n in range(1, 500))
