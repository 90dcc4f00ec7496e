"""Views an analyst keeps and sends (the URL fragment, a picture), the years as a range, and
labels that stay readable on a large map."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Loaded, build
from tests.conftest import KABUL, ROOT

Open = Callable[..., Loaded]

VIEW = """() => {
  const s = window.actorgraph.state;
  return { focus: s.focus, depth: s.depth, types: [...s.hiddenTypes].sort(), kinds: [...s.hiddenKinds].sort(),
           hedged: !s.noHedged, attributed: !s.noAttributed, year: s.year, from: s.from, table: s.table,
           status: document.getElementById('status').textContent };
}"""


def test_a_link_with_its_fragment_opens_the_same_view(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.uncheck("#legend-types input[data-type='attacked']")
    loaded.page.uncheck("#ev-hedged")
    loaded.page.fill("#year-from", "2015")
    loaded.page.fill("#asof-year", "2016")
    loaded.page.fill("#search", "Taliban")
    loaded.page.press("#search", "Enter")
    loaded.until("location.hash.includes('focus=taliban')")  # each view a step of its own
    loaded.page.select_option("#focus-depth", "2")
    view = loaded.js(VIEW)
    assert view["focus"] == "taliban" and view["depth"] == 2 and view["types"] == ["attacked"]
    assert (view["from"], view["year"], view["hedged"]) == (2015, 2016, False)
    loaded.until("location.hash.includes('depth=2')")  # written a moment after the change
    fragment = loaded.js("location.hash").lstrip("#")
    fresh = open_page(kabul_page, fragment)  # a new tab, as a colleague opens the link
    assert fresh.js(VIEW) == view
    assert fresh.page.inner_text("#details-body h3") == "Taliban"
    # Back steps through the views this reader made: before depth 2, the focus at depth 1.
    loaded.page.go_back()
    loaded.until("window.actorgraph.state.depth === 1")
    assert loaded.js(VIEW)["focus"] == "taliban"


def test_a_fragment_naming_what_the_map_lacks_opens_the_rest(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page, "focus=nobody&types=attacked,no_such_type&years=abc")
    view = loaded.js(VIEW)
    assert view["focus"] is None and view["types"] == ["attacked"] and view["year"] is None
    assert loaded.errors == []


def test_a_type_a_link_hid_comes_back_when_its_box_is_ticked(open_page: Open, kabul_page: Path) -> None:
    # The legend's boxes act on the page's own sets of hidden types and kinds, also after a
    # fragment set them (it once replaced the sets, and a tick then changed nothing shown).
    loaded = open_page(kabul_page, "types=attacked")
    before = loaded.js(VIEW)
    assert before["types"] == ["attacked"]
    loaded.page.check("#legend-types input[data-type='attacked']")
    after = loaded.js(VIEW)
    assert after["types"] == [] and after["status"] != before["status"], after
    drawn = loaded.js(
        "(() => { const ag = window.actorgraph;"
        " return ag.data.relations.filter((r) => r.type === 'attacked').map((r) => ag.drawnAs(r.id)); })()"
    )
    assert drawn and all(drawn), drawn


@pytest.mark.parametrize(
    ("button", "suffix", "start"), [("#save-png", ".png", b"\x89PNG"), ("#save-svg", ".svg", b"<svg")]
)
def test_save_picture_writes_the_view(
    open_page: Open, kabul_page: Path, button: str, suffix: str, start: bytes
) -> None:
    loaded = open_page(kabul_page)
    loaded.js("window.actorgraph.selectActor('taliban')")
    loaded.page.wait_for_timeout(500)
    with loaded.page.expect_download() as caught:
        loaded.page.click(button)
    download = caught.value
    assert download.suggested_filename == f"actorgraph-taliban{suffix}"
    content = Path(download.path()).read_bytes()
    assert content.startswith(start)
    if suffix == ".svg":
        text = content.decode("utf-8")
        assert ">Taliban</text>" in text and "stroke-dasharray" in text  # labels, and hedged lines' patterns
    assert loaded.requests == []


def test_the_saved_picture_draws_each_kind_in_its_own_shape(open_page: Open, kabul_page: Path) -> None:
    """Shape is the cue that tells actor kinds apart where colour cannot (in greyscale, to a
    colour-blind reader): the saved SVG draws each actor in its kind's shape, as the map does,
    not every one as a circle."""
    import xml.etree.ElementTree as ET

    loaded = open_page(kabul_page)
    loaded.page.wait_for_timeout(500)
    shapes = loaded.js("Object.fromEntries(window.actorgraph.data.drawing.nodes.map((n) => [n.label, n.shape]))")
    assert len(set(shapes.values())) >= 3, shapes  # the fixture has kinds enough to tell apart
    with loaded.page.expect_download() as caught:
        loaded.page.click("#save-svg")
    svg = ET.fromstring(Path(caught.value.path()).read_bytes())
    ns = "{http://www.w3.org/2000/svg}"
    drawn = {p.findtext(f"{ns}title"): p.get("d", "") for p in svg.iter(f"{ns}path") if p.get("d", "").endswith("Z")}
    assert not list(svg.iter(f"{ns}circle"))
    seen = {shapes[name]: d for name, d in drawn.items() if name in shapes}
    assert set(seen) == set(shapes.values()), (set(seen), shapes)
    for kind, d in seen.items():
        curved = "A" in d  # circles and ellipses are arcs; every other shape is straight lines
        assert curved == (kind in ("dot", "ellipse")), (kind, d)
        corners = d.count("L") + d.count("h") + d.count("v")
        expected = {"diamond": 3, "triangle": 2, "triangleDown": 2, "square": 3, "hexagon": 5, "star": 9}
        assert kind not in expected or corners == expected[kind], (kind, d)


def test_the_years_are_a_range_said_as_shown(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    ticks = loaded.page.locator("#asof-ticks span").all_inner_texts()
    assert len(ticks) >= 2 and ticks == sorted(ticks)
    frm, to = loaded.page.locator("#year-from"), loaded.page.locator("#asof-year")
    assert (frm.input_value(), to.input_value()) == (ticks[0], ticks[-1])  # all years: the sliders at the ends
    loaded.page.fill("#year-from", "2015")
    loaded.page.fill("#asof-year", "2016")
    assert loaded.page.inner_text("#asof-out") == "2015–2016"
    assert (frm.get_attribute("aria-valuetext"), to.get_attribute("aria-valuetext")) == ("from 2015", "to 2016")
    assert "2015–2016" in loaded.page.inner_text("#status")
    loaded.page.click("#asof-all")
    assert loaded.page.inner_text("#asof-out") == "all years"
    assert (frm.input_value(), to.input_value()) == (ticks[0], ticks[-1])
    assert to.get_attribute("aria-valuetext") == "all years"


def test_play_steps_through_the_years(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.click("#asof-play")
    first = loaded.js("window.actorgraph.state.year")
    loaded.until(f"window.actorgraph.state.year === {first + 1}", timeout=5)
    loaded.page.click("#asof-play")
    assert loaded.page.get_attribute("#asof-play", "aria-pressed") == "false"


# --- labels on a large map ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 actors and 10,000 relations (scripts/synth.py from the Kabul fixture)."""
    folder = tmp_path_factory.mktemp("synth")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "synth.py"), str(folder / "map"), "--actors", "2000",
         "--relations", "10000", "--from", str(KABUL)],
        check=True, capture_output=True,
    )  # fmt: skip
    return build(folder / "graph.html", "--data-dir", str(folder / "map" / "data"), "--seeds-dir",
                 str(folder / "map" / "seeds"))  # fmt: skip


def overlapping(labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (a["id"], b["id"])
        for a, b in itertools.combinations(labels, 2)
        if a["box"][0] < b["box"][2]
        and b["box"][0] < a["box"][2]
        and a["box"][1] < b["box"][3]
        and b["box"][1] < a["box"][3]
    ]


ZOOM = (
    "(z) => { const c = window.actorgraph.camera(); window.actorgraph.renderer.moveTo({ ...c, scale: c.scale * z }); }"
)


def inside(box: list[float], width: float, height: float) -> bool:
    return box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height


def test_on_a_large_map_no_two_labels_overlap_at_any_zoom(open_page: Open, synthetic_page: Path) -> None:
    loaded = open_page(synthetic_page)
    size = loaded.page.locator("#network").bounding_box()
    for zoom in (1.0, 4.0, 16.0):  # fitted, mid and close
        before = loaded.js("window.actorgraph.draws")
        loaded.js(ZOOM, zoom)
        loaded.until(f"window.actorgraph.draws > {before}")
        labels = loaded.js("window.actorgraph.drawn().labels")
        assert labels, zoom
        assert overlapping(labels) == [], zoom
        assert all(inside(label["box"], size["width"], size["height"]) for label in labels), zoom
        loaded.js(ZOOM, 1 / zoom)
    # Focusing the hub labels it first and then its neighbours, still without overlaps.
    hub = loaded.js("window.actorgraph.data.drawing.nodes.at(-1).id")
    loaded.js("(id) => window.actorgraph.selectActor(id)", hub)
    loaded.page.wait_for_timeout(300)
    labels = loaded.js("window.actorgraph.drawn().labels")
    assert labels[0]["id"] == hub and overlapping(labels) == []
