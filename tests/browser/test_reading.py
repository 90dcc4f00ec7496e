"""The page as it is read: focus on a neighbourhood, bundled links, small screens, the keyboard,
screen readers, the table, time, print, and a large map."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from actorgraph.network.build import build_graph
from actorgraph.outputs.page import read_payload, render_html

from tests import factories as f
from tests.browser.conftest import Loaded
from tests.conftest import KABUL, process

Open = Callable[[Path], Loaded]
Sized = Callable[[Path, int, int], Loaded]

DOM_POSITIONS = """(ids) => {
  const rect = document.getElementById('network').getBoundingClientRect();
  const out = {};
  for (const id of ids) {
    const d = window.actorgraph.toDOM(id);
    out[id] = { x: d.x + rect.left, y: d.y + rect.top };
  }
  return out;
}"""


def settle(loaded: Loaded) -> None:
    """Wait out the view's animation (400 ms) and the label pass after it."""
    loaded.page.wait_for_timeout(700)


def neighbours(loaded: Loaded, actor: str) -> set[str]:
    rels = loaded.js("window.actorgraph.data.relations")
    return {r["target"] if r["source"] == actor else r["source"] for r in rels if actor in (r["source"], r["target"])}


def opacities(loaded: Loaded) -> dict[str, float]:
    return {n["id"]: n.get("opacity", 1) for n in loaded.js("window.actorgraph.nodes()")}


def search(loaded: Loaded, typed: str) -> None:
    loaded.page.fill("#search", typed)
    loaded.page.press("#search", "Enter")


# --- focus ---------------------------------------------------------------------------------------


def test_at_1024_a_searched_actor_and_its_neighbours_sit_beside_the_card(open_sized: Sized, kabul_page: Path) -> None:
    loaded = open_sized(kabul_page, 1024, 768)
    search(loaded, "Taliban")
    settle(loaded)
    near = neighbours(loaded, "taliban")
    assert len(near) >= 5
    card = loaded.page.locator("#details").bounding_box()
    stage = loaded.page.locator("#network").bounding_box()
    assert card["width"] <= 340, "the card narrows at 1024 px"
    for actor, p in loaded.js(DOM_POSITIONS, [*near, "taliban"]).items():
        assert stage["x"] < p["x"] < card["x"] - 8, f"{actor} is under the card or off the map"
        assert stage["y"] < p["y"] < stage["y"] + stage["height"], actor
    faded = opacities(loaded)
    assert {a for a, o in faded.items() if o == 1} == near | {"taliban"}
    assert all(o < 0.5 for a, o in faded.items() if a not in near | {"taliban"})
    # Escape closes the card and leaves the focus: nothing faded any more.
    loaded.page.keyboard.press("Escape")
    assert loaded.page.locator("#details").is_hidden()
    assert set(opacities(loaded).values()) == {1}


def test_neighbourhood_only_and_depth(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    search(loaded, "HTS")
    settle(loaded)
    one = neighbours(loaded, "hts") | {"hts"}
    loaded.page.check("#focus-only")
    shown = {n["id"] for n in loaded.js("window.actorgraph.nodes()") if not n.get("hidden")}
    assert shown == one
    loaded.page.select_option("#focus-depth", "2")
    two = set(one)
    for a in one:
        two |= neighbours(loaded, a)
    shown = {n["id"] for n in loaded.js("window.actorgraph.nodes()") if not n.get("hidden")}
    assert shown == two and two > one
    assert loaded.page.inner_text("#focus-out") == "Hayat Tahrir al-Sham"
    loaded.page.click("#focus-clear")
    assert not any(n.get("hidden") for n in loaded.js("window.actorgraph.nodes()"))


def test_on_a_phone_the_map_takes_the_width_and_the_panel_is_a_drawer(open_sized: Sized, kabul_page: Path) -> None:
    loaded = open_sized(kabul_page, 390, 844)
    stage = loaded.page.locator("#network").bounding_box()
    assert stage["x"] == 0 and stage["width"] == 390
    assert not loaded.page.locator("#panel").is_visible()
    loaded.page.click("#menu")
    loaded.page.wait_for_timeout(300)
    assert loaded.page.locator("#panel").is_visible()
    assert loaded.js("document.activeElement.id") == "search"
    search(loaded, "ISKP")
    settle(loaded)
    assert not loaded.page.locator("#panel").is_visible(), "the drawer closes to show the answer"
    sheet = loaded.page.locator("#details").bounding_box()
    assert sheet["width"] == 390 and sheet["y"] > 844 * 0.4, "the card is a sheet along the bottom"
    p = loaded.js(DOM_POSITIONS, ["isis-k"])["isis-k"]
    assert 0 < p["x"] < 390 and 0 < p["y"] < sheet["y"], "the actor shows above the sheet"
    assert loaded.errors == []


# --- bundles -------------------------------------------------------------------------------------


def test_several_relations_between_two_actors_are_one_link_that_lists_them(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    rels = loaded.js("window.actorgraph.data.relations")
    between = [r for r in rels if {r["source"], r["target"]} == {"isis-k", "taliban"}]
    assert len(between) >= 2
    drawn = {loaded.js("(id) => window.actorgraph.drawnAs(id)", r["id"]) for r in between}
    assert len(drawn) == 1
    bundle = drawn.pop()
    # Click the link itself, halfway between the two actors.
    ends = loaded.js(DOM_POSITIONS, ["isis-k", "taliban"])
    x = (ends["isis-k"]["x"] + ends["taliban"]["x"]) / 2
    y = (ends["isis-k"]["y"] + ends["taliban"]["y"]) / 2
    loaded.page.mouse.click(x, y)
    loaded.page.wait_for_selector("#details:not([hidden])")
    assert loaded.js("window.actorgraph.selectedLines()") == [bundle]
    body = loaded.page.inner_text("#details-body")
    assert loaded.page.text_content("#details-body .kicker") == f"{len(between)} relations"
    listed = loaded.page.locator("#details-body .pair-rels > li button.linkish").all_inner_texts()
    assert sorted(listed) == sorted(r["phrase"] for r in between)
    quotes = [ev["quote"] for r in between for ev in r["evidence"]]
    assert all(f"“{q}”" in body for q in quotes)
    # Each can be opened.
    loaded.page.locator("#details-body .pair-rels > li button.linkish").first.click()
    assert "Whose claim" in loaded.page.inner_text("#details-body")
    # And the pair can be drawn as its lines again.
    loaded.js("(id) => window.actorgraph.selectPair(id)", bundle)
    loaded.page.click("text=Draw each relation as its own line")
    assert {loaded.js("(id) => window.actorgraph.drawnAs(id)", r["id"]) for r in between} == {r["id"] for r in between}


def test_a_bundle_is_labelled_with_its_count_and_coloured_by_sign(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    data = loaded.js("window.actorgraph.data")
    for pair in data["pairs"]:
        if len(pair["relations"]) < 2:
            continue
        edge = loaded.js("(id) => window.actorgraph.line(id)", pair["id"])
        members = [r for r in data["relations"] if r["id"] in pair["relations"]]
        signs = {r["sign"] for r in members}
        expected = "mixed" if {1, -1} <= signs or any(r["contested"] for r in members) else (
            "cooperative" if 1 in signs else "hostile" if -1 in signs else "neutral")  # fmt: skip
        assert edge["colour"] == data["style"]["sign_colours"][expected], pair["id"]
        assert re.match(rf"^{re.escape(data['style']['sign_marks'][expected])}{len(members)} ", edge["label"])


# --- provenance on the map ------------------------------------------------------------------------


def test_a_line_says_whose_claim_it_is_on_hover(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.uncheck("#bundle")
    rels = loaded.js("window.actorgraph.data.relations")
    for r in rels:
        title = loaded.js("(id) => window.actorgraph.line(id).title", r["id"])
        assert title.startswith(r["sentence"])
        if r["attributed_to"]:
            assert f"according to {r['attributed_to'].split(';')[0]}" in title


# --- keyboard and screen readers -------------------------------------------------------------------


def test_the_first_tab_stops_skip_to_the_card_and_the_table(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.keyboard.press("Tab")
    assert loaded.js("document.activeElement.id") == "skip-card"
    loaded.page.keyboard.press("Tab")
    assert loaded.js("document.activeElement.id") == "skip-table"
    loaded.page.keyboard.press("Enter")
    assert loaded.page.locator("#table-view").is_visible()
    assert loaded.js("document.activeElement.id") == "table-view"


def test_focus_moves_into_the_card_and_back(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    search(loaded, "Taliban")
    loaded.page.wait_for_selector("#details:not([hidden])")
    assert loaded.js("document.activeElement.id") == "details-title"
    # Opening a relation from the card keeps the keyboard in the card.
    loaded.page.keyboard.press("Tab")
    loaded.page.keyboard.press("Tab")
    loaded.page.locator("#details-body ul.rels button").first.focus()
    loaded.page.keyboard.press("Enter")
    assert loaded.js("document.activeElement.id") == "details-title"
    assert "Whose claim" in loaded.page.inner_text("#details-body")
    loaded.page.keyboard.press("Escape")
    assert loaded.page.locator("#details").is_hidden()
    assert loaded.js("document.activeElement.id") == "search", "focus returns where it came from"


def test_only_a_short_summary_is_announced(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    assert loaded.page.get_attribute("#details", "aria-live") is None
    search(loaded, "Taliban")
    loaded.page.wait_for_selector("#details:not([hidden])")
    said = loaded.page.inner_text("#announce")
    assert "Taliban" in said and len(said) < 80
    assert loaded.page.get_attribute("#announce", "aria-live") == "polite"


def test_arrow_keys_pan_and_plus_minus_zoom(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.focus("#network")
    before = loaded.js("window.actorgraph.camera().position")
    loaded.page.keyboard.press("ArrowRight")
    loaded.page.keyboard.press("ArrowDown")
    after = loaded.js("window.actorgraph.camera().position")
    assert after["x"] > before["x"] and after["y"] > before["y"]
    scale = loaded.js("window.actorgraph.camera().scale")
    loaded.page.keyboard.press("+")
    assert loaded.js("window.actorgraph.camera().scale") > scale
    loaded.page.keyboard.press("-")
    loaded.page.keyboard.press("-")
    assert loaded.js("window.actorgraph.camera().scale") < scale


@pytest.mark.parametrize("typed", ["Talibn", "Hakkani network", "al qeada", "ISIS K"])
def test_a_typo_gets_the_suggestions_the_cli_gives(open_page: Open, kabul_page: Path, typed: str) -> None:
    loaded = open_page(kabul_page)
    done = process("show", typed, cwd=KABUL)
    offered = set(re.findall(r"'([^']+)'", done.stderr.split("did you mean", 1)[-1]))
    page = loaded.js("(t) => window.actorgraph.resolveTyped(t)", typed)
    if "id" in page:  # an exact spelling: the CLI found it too
        assert done.returncode == 0
        return
    names = {loaded.js("(id) => window.actorgraph.data.actors.find((a) => a.id === id).name", i) for i in page["close"]}
    assert names == offered and names


# --- the table ----------------------------------------------------------------------------------------


def table_rows(loaded: Loaded, which: str) -> int:
    return loaded.page.locator(f"#table-{which} tbody tr").count()


def test_the_table_lists_every_relation_and_actor_with_the_same_filters(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    data = loaded.js("window.actorgraph.data")
    loaded.page.click("#table-toggle")
    assert table_rows(loaded, "relations") == len(data["relations"])
    assert table_rows(loaded, "actors") == len(data["actors"])
    text = loaded.page.inner_text("#table-relations")
    for r in data["relations"]:
        for q in r["qualifiers"]:
            assert q["text"] in text  # hedges, claimants and contests are in the text alternative
    loaded.page.uncheck("#legend-types input[data-type='attacked']")
    attacked = sum(r["type"] == "attacked" for r in data["relations"])
    assert table_rows(loaded, "relations") == len(data["relations"]) - attacked
    loaded.page.fill("#table-filter", "united nations")
    assert 0 < table_rows(loaded, "relations") < len(data["relations"]) - attacked
    # sortable
    loaded.page.fill("#table-filter", "")
    loaded.page.click("#table-relations thead button:has-text('Quotes')")
    assert (
        loaded.page.get_attribute("#table-relations thead th:has(button:has-text('Quotes'))", "aria-sort")
        == "ascending"
    )
    counts = [int(c) for c in loaded.page.locator("#table-relations tbody tr td:last-child").all_inner_texts()]
    assert counts == sorted(counts)
    loaded.page.click("#table-relations thead button:has-text('Quotes')")
    counts = [int(c) for c in loaded.page.locator("#table-relations tbody tr td:last-child").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)
    # a row opens its card on the map
    loaded.page.locator("#table-relations tbody button").first.click()
    assert loaded.page.locator("#table-view").is_hidden()
    assert loaded.page.locator("#details").is_visible()


# --- time ---------------------------------------------------------------------------------------------


def test_the_year_control_says_how_many_relations_are_undated(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    rels = loaded.js("window.actorgraph.data.relations")
    dated = [r for r in rels if r["since"] or r["until"]]
    note = loaded.page.inner_text("#asof-note")
    assert f"{len(dated)} of {len(rels)} relations carry dates" in note
    assert f"other {len(rels) - len(dated)} are undated" in note
    assert loaded.page.locator("#asof-strip svg rect").count() >= len(dated)


# --- print ---------------------------------------------------------------------------------------------


def test_print_hides_the_controls_keeps_the_map_square_and_the_card_whole(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    search(loaded, "ISIS-K")
    loaded.page.wait_for_selector("#details:not([hidden])")
    loaded.page.emulate_media(media="print")
    loaded.js("window.dispatchEvent(new Event('beforeprint'))")
    assert not loaded.page.locator("#panel").is_visible()
    assert not loaded.page.locator("#toolbar").is_visible()
    canvas = loaded.js(
        """() => { const c = document.querySelector('#network canvas');
                   return { w: c.width / devicePixelRatio, h: c.height / devicePixelRatio,
                            cw: c.clientWidth, ch: c.clientHeight }; }"""
    )
    assert abs(canvas["w"] - canvas["cw"]) < 2 and abs(canvas["h"] - canvas["ch"]) < 2, "the map is not stretched"
    details = loaded.js(
        "(() => { const d = document.getElementById('details'); return [d.scrollHeight, d.clientHeight]; })()"
    )
    assert details[0] <= details[1] + 1, "the card prints whole, not clipped"
    pdf = loaded.page.pdf()
    assert pdf.startswith(b"%PDF")
    loaded.js("window.dispatchEvent(new Event('afterprint'))")
    loaded.page.emulate_media(media="screen")
    assert loaded.page.locator("#panel").is_visible()


# --- a large map -----------------------------------------------------------------------------------------


def test_on_a_large_map_a_click_opens_the_hub_drawn_on_top(open_page: Open, large_page: Path) -> None:
    loaded = open_page(large_page)
    degree: dict[str, int] = {}
    for r in loaded.js("window.actorgraph.data.relations"):
        for end in {r["source"], r["target"]}:
            degree[end] = degree.get(end, 0) + 1
    hub = max(degree, key=lambda a: (degree[a], a))
    p = loaded.js(DOM_POSITIONS, [hub])[hub]
    loaded.page.mouse.click(p["x"], p["y"])
    loaded.page.wait_for_selector("#details:not([hidden])")
    assert loaded.js("window.actorgraph.selectedNodes()") == [hub]
    # A long list in the card has a filter box.
    box = loaded.page.locator("#details-body .list-filter input")
    assert box.is_visible()
    shown = lambda: loaded.page.locator("#details-body ul.rels > li:visible").count()  # noqa: E731
    everything = shown()
    assert everything == degree[hub]
    box.fill("rival")
    assert 0 < shown() < everything
    assert all("rival" in t for t in loaded.page.locator("#details-body ul.rels > li:visible").all_inner_texts())


def test_the_first_visible_frame_is_marked_after_the_first_draw(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.until("window.actorgraphFirstFrame !== undefined")
    draw, frame = loaded.js("[window.actorgraphFirstDraw, window.actorgraphFirstFrame]")
    assert 0 < draw < frame


COUNT_DRAWS = """async ([change, also]) => {
  const ag = window.actorgraph;
  const start = ag.draws;
  document.querySelector(`#legend-types input[data-type='${change}']`).click();
  // a second change in the same task (a selection, another filter) joins the same draw
  if (also) {
    ag.renderer.select('node', ag.data.actors[0].id);
    document.querySelector(`#legend-kinds input[data-kind='group']`).click();
  }
  const before = ag.draws - start;  // drawn there and then, inside the change
  for (let i = 0; i < 4; i += 1) await new Promise((done) => requestAnimationFrame(done));
  return [before, ag.draws - start];
}"""


@pytest.mark.parametrize(("change", "also"), [("allied", False), ("attacked", False), ("allied", True)])
def test_a_change_is_drawn_once_at_the_next_frame(open_page: Open, large_page: Path, change: str, also: bool) -> None:
    """A change is one redraw of the map at the next frame, however many things it changed:
    at 10,000 relations each extra draw would cost the reader a frame."""
    loaded = open_page(large_page)
    loaded.until("window.actorgraphFirstFrame !== undefined")
    during, after = loaded.js(COUNT_DRAWS, [change, also])
    assert (during, after) == (0, 1)


def test_a_lines_hover_text_and_pattern_follow_the_evidence_filters(open_page: Open, tmp_path: Path) -> None:
    """A line is only redrawn when what its look follows from changed: the evidence filters
    change which quotes it rests on, and so its sentence, its count of quotes and its pattern."""
    hedged, plain = f.evidence("many things", confidence="likely"), f.evidence("many groups")
    data = f.dataset(["a", "b", "c"], [f.edge("a", "allied", "b", plain, hedged), f.edge("b", "rival", "c", hedged)])
    page = tmp_path / "graph.html"
    page.write_text(render_html(build_graph(data)), encoding="utf-8")
    loaded = open_page(page)
    line = lambda i: loaded.js("(id) => window.actorgraph.line(id)", i)  # noqa: E731
    both, only_hedged = "a/allied/b", "b/rival/c"
    assert "2 quotes" in line(both)["title"] and not line(only_hedged)["hidden"]
    assert line(only_hedged)["dashes"]  # a hedged claim's pattern
    loaded.page.uncheck("#ev-hedged")
    assert "1 quote " in line(both)["title"]
    assert line(only_hedged)["hidden"]
    loaded.page.check("#ev-hedged")
    assert "2 quotes" in line(both)["title"] and not line(only_hedged)["hidden"] and line(only_hedged)["dashes"]


def test_the_page_data_carries_each_source_text_once(kabul_page: Path) -> None:
    text = kabul_page.read_text(encoding="utf-8")
    data = read_payload(text)
    cited = {ev["doc"] for r in data["relations"] for ev in r["evidence"]}
    assert set(data["texts"]) == cited
    serialised = json.dumps(data, ensure_ascii=False)
    for doc, body in data["texts"].items():
        assert serialised.count(json.dumps(body[:60], ensure_ascii=False)[1:-1]) == 1, doc


def test_a_sources_address_is_a_link_that_tells_the_site_nothing(open_page: Open, tmp_path: Path) -> None:
    import shutil

    from tests.browser.conftest import build

    project = tmp_path / "map"
    shutil.copytree(KABUL, project)
    sources = project / "seeds" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    address = "https://example.org/opinion/mir-nyt"
    sources.write_text(text.replace("  - id: mir-nyt\n", f"  - id: mir-nyt\n    url: {address}\n", 1), encoding="utf-8")
    loaded = open_page(
        build(project / "graph.html", "--data-dir", str(project / "data"), "--seeds-dir", str(project / "seeds"))
    )
    rel = loaded.js("window.actorgraph.data.relations.find((r) => r.evidence.some((e) => e.doc === 'mir-nyt')).id")
    loaded.js("(id) => window.actorgraph.selectRelation(id)", rel)
    link = loaded.page.locator(f"#details-body a[href='{address}']").first
    assert link.is_visible()
    assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("target") == "_blank"
    assert loaded.requests == []


# --- from a new user's trial ---------------------------------------------------------------------


def test_on_a_phone_a_misspelt_search_keeps_the_drawer_open_with_its_suggestion(
    open_sized: Sized, kabul_page: Path
) -> None:
    loaded = open_sized(kabul_page, 390, 844)
    loaded.page.click("#menu")
    search(loaded, "Hakani")
    loaded.page.wait_for_timeout(300)
    assert loaded.page.locator("#panel").is_visible()
    assert loaded.page.locator("#search-msg button:has-text('Haqqani network')").is_visible()
    # Escape from a card opened there returns the keyboard to something on screen.
    loaded.page.click("#search-msg button:has-text('Haqqani network')")
    settle(loaded)
    assert not loaded.page.locator("#panel").is_visible()
    loaded.page.keyboard.press("Escape")
    assert loaded.js("document.activeElement.id") in {"network", "menu"}


def test_an_actor_filtered_away_takes_its_focus_with_it(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    search(loaded, "ISKP")
    settle(loaded)
    assert set(opacities(loaded).values()) != {1}
    loaded.page.fill("#asof-year", "2014")  # before ISIS-K was founded
    drawn = loaded.js("window.actorgraph.nodes()")
    shown = {n["id"]: n.get("opacity", 1) for n in drawn if not n.get("hidden")}
    assert set(shown.values()) == {1}, "nothing should stay faded around an actor that is gone"
    assert loaded.page.inner_text("#focus-out") == "none"
    heading = loaded.page.text_content("#details-body h4")
    assert "hidden by the filters" in heading  # the card says what the year hides


def test_every_card_change_is_announced(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    search(loaded, "Taliban")
    loaded.page.wait_for_selector("#details:not([hidden])")
    search(loaded, "ISKP")
    loaded.page.wait_for_timeout(100)
    assert "ISIS-K" in loaded.page.inner_text("#announce")


def test_sorting_the_table_by_keyboard_keeps_the_keyboard_on_the_heading(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.click("#table-toggle")
    loaded.page.focus("#table-relations thead button:has-text('Quotes')")
    loaded.page.keyboard.press("Enter")
    assert loaded.js("document.activeElement.dataset.sort") == "relations:quotes"
    loaded.page.keyboard.press("Enter")
    assert (
        loaded.page.get_attribute("#table-relations thead th:has(button:has-text('Quotes'))", "aria-sort")
        == "descending"
    )
    assert "sorted by Quotes, descending" in loaded.page.inner_text("#announce")


@pytest.mark.parametrize("typed", ["hedged", "attributed", "ISKP"])
def test_the_table_filter_finds_kinds_of_claim_and_any_spelling(open_page: Open, kabul_page: Path, typed: str) -> None:
    loaded = open_page(kabul_page)
    loaded.page.click("#table-toggle")
    loaded.page.fill("#table-filter", typed)
    assert table_rows(loaded, "relations") > 0


def test_a_page_built_around_an_actor_opens_focused_on_it(open_page: Open, tmp_path: Path) -> None:
    from tests.browser.conftest import build

    dirs = ("--data-dir", str(KABUL / "data"), "--seeds-dir", str(KABUL / "seeds"))
    loaded = open_page(build(tmp_path / "hts.html", "--focus", "HTS", "--depth", "2", *dirs))
    assert loaded.page.inner_text("#focus-out") == "Hayat Tahrir al-Sham"
    assert loaded.page.input_value("#focus-depth") == "2"
    assert "only the neighbourhood of Hayat Tahrir al-Sham, 2 steps out" in loaded.page.inner_text("#meta")


def test_print_labels_every_actor(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.emulate_media(media="print")
    loaded.js("window.dispatchEvent(new Event('beforeprint'))")
    loaded.page.wait_for_timeout(100)
    labels = loaded.js("window.actorgraph.drawn().labels")
    assert {label["id"] for label in labels} == {n["id"] for n in loaded.js("window.actorgraph.nodes()")}
    assert loaded.js("document.getElementById('map-key').open"), "the key is printed with the map"
