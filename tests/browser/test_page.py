"""The page as an analyst uses it: opened from disk, offline, searched, clicked, filtered."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from actorgraph.network.build import build_graph
from actorgraph.outputs.page import PAGE_SCRIPTS, render_html

from tests import factories as f
from tests.browser.conftest import Loaded
from tests.browser.hostile import IMG, NOTE, QUOTE, SCRIPT
from tests.conftest import KABUL, process

Open = Callable[[Path], Loaded]


def cli(*args: str) -> str:
    done = process(*args, cwd=KABUL)
    assert done.returncode == 0, done.stderr
    return done.stdout


def squash(text: str) -> str:
    return " ".join(text.split())


# --- loading -------------------------------------------------------------------------------------


def test_loads_from_file_offline_without_errors(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.wait_for_timeout(300)  # give any late request or error the chance to show
    assert loaded.requests == []
    assert loaded.errors == []
    assert loaded.page.title().startswith("actorgraph")


def test_every_actor_and_relation_is_drawn(open_page: Open, kabul_page: Path) -> None:
    exported = json.loads(cli("export", "--format", "json"))
    ids = sorted(n["id"] for n in exported["nodes"])
    loaded = open_page(kabul_page)
    assert sorted(loaded.js("window.actorgraph.nodes().map((n) => n.id)")) == ids
    positions = loaded.js("window.actorgraph.positions()")
    assert sorted(positions) == ids
    assert all(isinstance(p["x"], int | float) and isinstance(p["y"], int | float) for p in positions.values())
    relations = exported.get("edges", exported.get("links"))
    drawn = drawn_as(loaded)
    assert sorted(drawn) == sorted(r["id"] for r in relations)
    assert all(drawn.values()), "every relation is drawn, as its own line or in its pair's bundle"
    # Several relations between two actors are one link; a pair with one relation is its line.
    pairs: dict[frozenset[str], set[str]] = {}
    for r in relations:
        pairs.setdefault(frozenset((r["source"], r["target"])), set()).add(r["id"])
    for members in pairs.values():
        links = {drawn[i] for i in members}
        assert len(links) == 1 and (links == members if len(members) == 1 else next(iter(links)).startswith("pair:"))


def test_layout_is_the_same_on_every_load(open_page: Open, kabul_page: Path) -> None:
    first = open_page(kabul_page).js("window.actorgraph.positions()")
    second = open_page(kabul_page).js("window.actorgraph.positions()")
    assert first == second


def test_legend_names_every_relation_type_and_actor_kind(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    data = loaded.js("window.actorgraph.data")
    types_text = loaded.page.inner_text("#legend-types")
    for t in data["relation_types"]:
        assert t["label"] in types_text
        assert squash(t["definition"]) in squash(types_text)
    kinds_text = loaded.page.inner_text("#legend-kinds")
    for k in data["actor_kinds"]:
        assert k["label"] in kinds_text
    assert "Dashed" in loaded.page.inner_text("#legend-marks")


# --- search --------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["iSkP", "  islamic STATE-khorasan ", "Daesh khorasan"])
def test_search_selects_and_focuses_an_actor_by_alias(open_page: Open, kabul_page: Path, typed: str) -> None:
    loaded = open_page(kabul_page)
    loaded.page.fill("#search", typed)
    loaded.page.press("#search", "Enter")
    loaded.page.wait_for_function("window.actorgraph.selectedNodes().length === 1")
    assert loaded.js("window.actorgraph.selectedNodes()") == ["isis-k"]
    loaded.page.wait_for_timeout(600)  # the focus animation
    centre = loaded.js(
        """() => {
            return window.actorgraph.toDOM('isis-k');
        }"""
    )
    box = loaded.page.locator("#network").bounding_box()
    card = loaded.page.locator("#details").bounding_box()
    assert 0 < centre["x"] < card["x"] - box["x"], "the focused actor should sit beside the card, not under it"
    assert 0 < centre["y"] < box["height"]
    body = loaded.page.text_content("#details-body")
    assert "ISIS-K" in body and "Militant group" in body


def test_search_for_an_unknown_name_suggests_close_ones(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.fill("#search", "qaeda")
    loaded.page.press("#search", "Enter")
    msg = loaded.page.inner_text("#search-msg")
    assert "No actor is called" in msg and "Al Qaeda" in msg
    assert loaded.js("window.actorgraph.selectedNodes()") == []


def test_search_for_part_of_one_name_shows_that_actor(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.fill("#search", "haqqani")
    loaded.page.press("#search", "Enter")
    loaded.page.wait_for_function("window.actorgraph.selectedNodes().length === 1")
    assert loaded.js("window.actorgraph.selectedNodes()") == ["haqqani-network"]
    assert loaded.page.inner_text("#search-msg") == "Showing Haqqani network."


# --- clicking --------------------------------------------------------------------------------------

FIND_CLEAR_EDGE = """
() => {
  const ag = window.actorgraph;
  const rect = document.getElementById('network').getBoundingClientRect();
  const toolbar = document.getElementById('toolbar').getBoundingClientRect();
  const ids = ag.lines().filter((e) => !e.hidden && !e.id.startsWith('pair:')).map((e) => e.id);
  const nodeDom = ag.nodes().map((n) => ag.toDOM(n.id));
  for (const id of ids) {
    const mid = ag.lineMiddle(id);
    const x = mid.x + rect.left, y = mid.y + rect.top;
    if (mid.x < 20 || mid.y < 20 || mid.x > rect.width - 20 || mid.y > rect.height - 20) continue;
    if (x < toolbar.right + 10 && y < toolbar.bottom + 10) continue;
    if (nodeDom.some((p) => Math.hypot(p.x - mid.x, p.y - mid.y) < 45)) continue;
    const hit = ag.hitTest(mid.x, mid.y);
    if (!hit || hit.id !== id) continue;
    return { id, x, y };
  }
  return null;
}
"""


def test_clicking_a_relation_shows_its_quotes_in_context(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    target = loaded.js(FIND_CLEAR_EDGE)
    assert target, "no edge has a clear midpoint to click"
    loaded.page.mouse.click(target["x"], target["y"])
    loaded.page.wait_for_selector("#details:not([hidden])")
    assert loaded.js("window.actorgraph.selectedLines()") == [target["id"]]
    relation = loaded.js("(id) => window.actorgraph.data.relations.find((r) => r.id === id)", target["id"])
    body = squash(loaded.page.inner_text("#details-body"))
    assert relation["label"] in body
    sources = loaded.js("window.actorgraph.data.sources")
    for ev in relation["evidence"]:
        assert squash(f"“{ev['quote']}”") in body
        assert squash(ev["citation"]) in body  # the same line `actorgraph path` prints
        title = sources[ev["doc"]]["title"]
        assert title is None or squash(title) in body
    marks = loaded.page.locator("#details-body .context mark").all_inner_texts()
    assert marks, "the quote should be highlighted in its context"
    first_quote = relation["evidence"][0]["quote"].split("...")[0].strip()
    assert squash(marks[0])[:20].replace("’", "'") == squash(first_quote)[:20].replace("’", "'")
    context = loaded.page.locator("#details-body .context").first.inner_text()
    assert len(context) > len(marks[0]) + 40, "the context should show sentences around the quote"


def test_clicking_an_actor_shows_its_card(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    point = loaded.js(
        """() => {
            const rect = document.getElementById('network').getBoundingClientRect();
            const p = window.actorgraph.toDOM('hts');
            return { x: p.x + rect.left, y: p.y + rect.top };
        }"""
    )
    loaded.page.mouse.click(point["x"], point["y"])
    loaded.page.wait_for_selector("#details:not([hidden])")
    assert loaded.js("window.actorgraph.selectedNodes()") == ["hts"]
    body = squash(loaded.page.inner_text("#details-body"))
    assert "Hayat Tahrir al-Sham" in body
    assert "HTS" in body  # an alias
    assert "Syria" in body  # region
    assert "Hayat Tahrir al-Sham —takes as model→ Taliban" in body
    loaded.page.keyboard.press("Escape")
    assert loaded.page.locator("#details").is_hidden()


# --- filters ---------------------------------------------------------------------------------------


def drawn_as(loaded: Loaded) -> dict[str, str | None]:
    """Each relation's id, with the id of the vis-network edge drawing it (None: not drawn)."""
    return loaded.js(
        "Object.fromEntries(window.actorgraph.data.relations.map((r) => [r.id, window.actorgraph.drawnAs(r.id)]))"
    )


def hidden_edges(loaded: Loaded) -> dict[str, bool]:
    return {i: drawn is None for i, drawn in drawn_as(loaded).items()}


def test_a_relation_type_toggle_hides_and_shows_its_edges(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    types = {r["id"]: r["type"] for r in loaded.js("window.actorgraph.data.relations")}
    assert "attacked" in types.values()
    loaded.page.uncheck("#legend-types input[data-type='attacked']")
    hidden = hidden_edges(loaded)
    assert {i for i, h in hidden.items() if h} == {i for i, t in types.items() if t == "attacked"}
    loaded.page.check("#legend-types input[data-type='attacked']")
    assert not any(hidden_edges(loaded).values())


def test_an_actor_kind_toggle_hides_its_actors_and_their_relations(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    data = loaded.js("window.actorgraph.data")
    states = {a["id"] for a in data["actors"] if a["kind"] == "state"}
    assert states
    loaded.page.uncheck("#legend-kinds input[data-kind='state']")
    nodes = {n["id"]: bool(n.get("hidden")) for n in loaded.js("window.actorgraph.nodes()")}
    assert {i for i, h in nodes.items() if h} == states
    touching = {r["id"] for r in data["relations"] if r["source"] in states or r["target"] in states}
    assert {i for i, h in hidden_edges(loaded).items() if h} == touching


def test_as_of_hides_relations_not_yet_in_force(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    relations = loaded.js("window.actorgraph.data.relations")
    founded = {a["id"]: int(a["founded"][:4]) for a in loaded.js("window.actorgraph.data.actors") if a["founded"]}
    dated = {r["id"] for r in relations if r.get("since") and int(r["since"][:4]) > 2014}
    unborn = {r["id"] for r in relations if any(founded.get(end, 0) > 2014 for end in (r["source"], r["target"]))}
    assert dated and unborn - dated, "the kabul data should date some relations and found an actor in 2015"
    loaded.page.fill("#asof-year", "2014")
    assert {i for i, h in hidden_edges(loaded).items() if h} == dated | unborn
    loaded.page.fill("#asof-year", "2015")
    assert not any(hidden_edges(loaded).values())
    loaded.page.fill("#asof-year", "2014")
    loaded.page.click("#asof-all")
    assert not any(hidden_edges(loaded).values())


# --- paths -----------------------------------------------------------------------------------------


def cli_routes(text: str) -> tuple[list[str], list[str]]:
    """The route headings and relation lines of `actorgraph path` text, unwrapped."""
    heads: list[str] = []
    hops: list[str] = []
    current: list[str] | None = None  # the heading or hop that wrapped lines continue
    for line in text.splitlines():
        if line and not line.startswith(" "):
            heads.append(line)
            current = heads
        elif m := re.match(r"^ {1,3}(?:\d+\.|or) (.*)$", line):
            hops.append(m.group(1))
            current = hops
        elif current is heads and re.match(r"^ {4}\S", line):
            heads[-1] += " " + line.strip()
        elif current is hops and re.match(r"^ {7}[^\s“—]", line) and not line.strip().startswith("Note:"):
            hops[-1] += " " + line.strip()
        else:
            current = None
    return [squash(h) for h in heads], [squash(h) for h in hops]


def page_path(loaded: Loaded, a: str, b: str) -> tuple[list[str], list[str]]:
    loaded.page.fill("#path-from", a)
    loaded.page.fill("#path-to", b)
    loaded.page.click("#path-form button[type=submit]")
    loaded.page.wait_for_selector("#details .route")
    heads = [squash(t) for t in loaded.page.locator("#details .route-head").all_inner_texts()]
    hops = [squash(t) for t in loaded.page.locator("#details .rel-text").all_inner_texts()]
    return heads, hops


@pytest.mark.parametrize(
    ("a", "b", "options"),
    [
        ("hts", "iskp", []),
        ("HTS", "ISKP", ["--exclude-type", "attacked", "--exclude-type", "courted_cadres_of"]),
        ("hts", "iskp", ["--as-of", "2016"]),
        ("hts", "iskp", ["--no-hedged"]),
        ("united states", "taliban", ["--no-attributed"]),
        ("pakistan", "united kingdom", []),
        ("al qaeda's affiliates", "Former Afghan government", []),
        ("isis-k", "pakistan", ["--directed"]),
    ],
)
def test_path_finder_gives_the_same_answer_as_the_cli(
    open_page: Open, kabul_page: Path, a: str, b: str, options: list[str]
) -> None:
    """The page's filters stand for the CLI's options: unticked types, the as-of year, arrows only,
    and the evidence filters, with each hop worded as the CLI words it."""
    expected = cli("path", a, b, *options)
    loaded = open_page(kabul_page)
    for flag, value in itertools.pairwise([*options, ""]):
        if flag == "--exclude-type":
            loaded.page.uncheck(f"#legend-types input[data-type='{value}']")
        elif flag == "--as-of":
            loaded.page.fill("#asof-year", value)
        elif flag == "--directed":
            loaded.page.check("#path-directed")
        elif flag == "--no-hedged":
            loaded.page.uncheck("#ev-hedged")
        elif flag == "--no-attributed":
            loaded.page.uncheck("#ev-attributed")
    assert page_path(loaded, a, b) == cli_routes(expected)


def test_path_lights_up_and_the_rest_dims(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    page_path(loaded, "hts", "iskp")
    nodes = {n["id"]: n.get("opacity", 1) for n in loaded.js("window.actorgraph.nodes()")}
    on = {i for i, o in nodes.items() if o == 1}
    assert on == {"hts", "taliban", "isis-k"}
    edges = {e["id"]: e for e in loaded.js("window.actorgraph.lines()")}
    relations = {r["id"]: r for r in loaded.js("window.actorgraph.data.relations")}
    lit = {i for i in relations if edges[i]["bright"] and not edges[i]["hidden"]}
    assert lit == {
        i for i, r in relations.items() if {r["source"], r["target"]} in ({"hts", "taliban"}, {"taliban", "isis-k"})
    }
    loaded.page.click("#path-clear")
    assert all(n.get("opacity", 1) == 1 for n in loaded.js("window.actorgraph.nodes()"))


def test_no_path_is_said_plainly(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.uncheck("#legend-types input[data-type='takes_as_model']")
    loaded.page.fill("#path-from", "hts")
    loaded.page.fill("#path-to", "iskp")
    loaded.page.click("#path-form button[type=submit]")
    assert "No path from Hayat Tahrir al-Sham to ISIS-K" in loaded.page.inner_text("#path-msg")


# --- safety ----------------------------------------------------------------------------------------


def test_markup_in_the_data_is_shown_as_text_and_never_runs(open_page: Open, hostile_page: Path) -> None:
    loaded = open_page(hostile_page)

    def pwned() -> Any:
        return loaded.js("window.__pwned")

    assert pwned() is None
    # The actor card: description with an <img>, alias with a script.
    loaded.page.fill("#search", "Alpha Front")
    loaded.page.press("#search", "Enter")
    loaded.page.wait_for_selector("#details:not([hidden])")
    assert IMG in loaded.page.inner_text("#details-body")
    loaded.page.fill("#search", "the brigade")
    loaded.page.press("#search", "Enter")
    loaded.page.wait_for_function("window.actorgraph.selectedNodes()[0] === 'beta'")
    assert SCRIPT in loaded.page.inner_text("#details-body")
    # The relation card: the quote, its attribution and the edge's note, and the quote in context.
    rid = loaded.js("window.actorgraph.data.relations.find((r) => r.type === 'rival').id")
    loaded.js("(id) => window.actorgraph.selectRelation(id)", rid)
    body = loaded.page.inner_text("#details-body")
    assert f"“{QUOTE}”" in body
    assert f"according to {IMG}" in body
    assert NOTE in body
    marks = loaded.page.locator("#details-body .context mark").all_inner_texts()
    assert QUOTE in marks
    # A path through the planted relation lists the quote too.
    loaded.page.fill("#path-from", "alpha front")
    loaded.page.fill("#path-to", "BB")
    loaded.page.click("#path-form button[type=submit]")
    loaded.page.wait_for_selector("#details .route")
    assert f"“{QUOTE}”" in loaded.page.inner_text("#details-body")
    # Hover text is plain text too.
    titles = loaded.js("window.actorgraph.nodes().map((n) => window.actorgraph.titleOf({ kind: 'node', id: n.id }))")
    assert any(SCRIPT in t for t in titles)

    loaded.page.wait_for_timeout(300)
    assert pwned() is None
    assert loaded.page.locator("img").count() == 0
    assert loaded.js("document.scripts.length") == 2 + len(PAGE_SCRIPTS)  # the data block, vis-network, our modules
    assert loaded.errors == []
    assert loaded.requests == []


def test_an_actor_is_gone_before_its_founding_as_on_the_command_line(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.fill("#asof-year", "2014")
    hidden = {n["id"] for n in loaded.js("window.actorgraph.nodes()") if n.get("hidden")}
    assert "isis-k" in hidden and "taliban" not in hidden
    loaded.page.fill("#path-from", "hts")
    loaded.page.fill("#path-to", "iskp")
    loaded.page.click("#path-form button[type=submit]")
    assert "No path" in loaded.page.inner_text("#path-msg")
    assert process("path", "hts", "iskp", "--as-of", "2014", cwd=KABUL).returncode == 1


def test_whose_claim_it_is_shows_in_the_card_and_the_line(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    rel = loaded.js("window.actorgraph.data.relations.find((r) => r.id === 'taliban/allied/pakistan')")
    loaded.js("window.actorgraph.selectRelation('taliban/allied/pakistan')")
    body = squash(loaded.page.inner_text("#details-body"))
    assert "Whose claim only according to ISIS-K" in body
    assert "stated as fact" not in body
    drawn = loaded.js("window.actorgraph.line('taliban/allied/pakistan')")
    assert drawn["dashes"] == rel["dashes"] and drawn["dashes"]  # not a solid line
    legend = squash(loaded.page.inner_text("#legend-marks"))
    assert "Dotted: only someone else's claim" in legend


def test_evidence_filters_hide_claims_and_reword_what_remains(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.uncheck("#ev-attributed")
    hidden = {i for i, h in hidden_edges(loaded).items() if h}
    assert "taliban/allied/pakistan" in hidden
    cli_ids = {r["id"] for r in json.loads(cli("list", "relations", "--no-attributed", "--format", "json"))}
    shown = {r["id"] for r in loaded.js("window.actorgraph.data.relations")} - hidden
    assert shown == cli_ids
    for r in json.loads(cli("list", "relations", "--no-attributed", "--format", "json")):
        page = loaded.js(
            "(id) => window.actorgraph.view(window.actorgraph.data.relations.find((x) => x.id === id))", r["id"]
        )
        assert page["sentence"] == r["sentence"], r["id"]


def _third_map(tmp_path: Path) -> Path:
    import shutil

    from tests.network.test_claims import add_third_source

    shutil.copytree(KABUL, tmp_path / "third")
    return add_third_source(tmp_path / "third")


def test_contested_pairs_are_labelled_and_listed(open_page: Open, tmp_path: Path) -> None:
    project = _third_map(tmp_path)
    from tests.browser.conftest import build

    loaded = open_page(build(project / "graph.html", "--data-dir", str(project / "data")))
    bundle = loaded.js("window.actorgraph.line('pair:taliban|isis-k')")
    assert not bundle["hidden"] and bundle["label"].startswith("±")  # a contested pair is mixed
    assert bundle["colour"] == loaded.js("window.actorgraph.data.style.sign_colours.mixed")
    loaded.page.uncheck("#bundle")  # each relation its own line
    assert loaded.js("window.actorgraph.line('pair:taliban|isis-k').hidden")
    assert loaded.page.is_visible("#contests-block")
    assert squash(loaded.page.inner_text("#contests")) == "ISIS-K and Taliban"
    labels = {e["id"]: e.get("label") for e in loaded.js("window.actorgraph.lines()")}
    assert labels["isis-k/allied/taliban"] == "contested" and labels["isis-k/rival/taliban"] == "contested"
    assert not labels["hts/takes_as_model/taliban"]
    loaded.page.click("#contests button")
    body = squash(loaded.page.inner_text("#details-body"))
    assert (
        "The sources disagree" in body
        and "ISIS-K —allied with— Taliban" in body
        and "ISIS-K —rival of— Taliban" in body
    )
    loaded.js("window.actorgraph.selectRelation('isis-k/allied/taliban')")
    # The card's rows are laid out only when in sight (content-visibility), and innerText leaves
    # out what is not laid out: read the card's text whole, as a screen reader does.
    card = "document.querySelector('#details-body').textContent"
    loaded.until(f"{card}.includes('ISIS-K —allied with— Taliban')")
    text = squash(loaded.js(card))
    assert "Contested" in text and "ISIS-K —rival of— Taliban" in text.split("Contested", 1)[1]


def test_the_year_and_the_evidence_filters_decide_what_is_contested(open_page: Open, tmp_path: Path) -> None:
    from tests.browser.conftest import build

    project = _third_map(tmp_path)
    loaded = open_page(build(project / "graph.html", "--data-dir", str(project / "data")))
    loaded.page.uncheck("#bundle")

    def label() -> str | None:
        return loaded.js("window.actorgraph.line('isis-k/rival/taliban').label") or None

    assert label() == "contested"
    loaded.page.uncheck("#ev-attributed")  # the joint attack is the Afghan officials' claim
    assert label() is None and loaded.page.is_hidden("#contests-block")
    loaded.page.check("#ev-attributed")
    loaded.page.fill("#asof-year", "2016")  # before the joint attack
    assert label() is None
    loaded.js("window.actorgraph.selectRelation('isis-k/rival/taliban')")
    assert "Contested" not in loaded.page.inner_text("#details-body")


# --- what a click opens, and what a line claims ------------------------------------------------------


def _view(loaded: Loaded) -> Any:
    return loaded.js("window.actorgraph.state.view")


FADED_SPOTS = """() => {
  // Midpoints of faded lines with no bright line or actor near them, in page coordinates.
  const ag = window.actorgraph;
  const rect = document.getElementById('network').getBoundingClientRect();
  const card = document.getElementById('details').getBoundingClientRect();
  const lines = ag.lines().filter((l) => !l.hidden);
  const bright = lines.filter((l) => l.bright).map((l) => l.id);
  const out = [];
  for (const l of lines.filter((x) => !x.bright)) {
    const m = ag.lineMiddle(l.id);
    if (m.x < 30 || m.y < 60 || m.x > rect.width - 30 || m.y > rect.height - 30) continue;
    if (m.x + rect.left > card.left - 10) continue;  // not under the card
    out.push({ id: l.id, x: m.x + rect.left, y: m.y + rect.top, near: bright.length });
  }
  return out;
}"""


def test_a_faded_line_is_never_what_a_click_opens(open_page: Open, kabul_page: Path) -> None:
    """Issue 18: with an actor in focus, a click on a faded line opens nothing, or the bright
    line drawn under the pointer, never the faded one."""
    loaded = open_page(kabul_page)
    loaded.js("window.actorgraph.selectActor('hts')")
    loaded.page.wait_for_timeout(600)  # the move that frames it
    spots = loaded.js(FADED_SPOTS)
    assert len(spots) >= 3, "the kabul map should have faded lines in view around HTS"
    for spot in spots:
        loaded.js("window.actorgraph.selectActor('hts', { zoom: false })")
        loaded.page.mouse.click(spot["x"], spot["y"])
        opened = _view(loaded)
        if opened is None or opened["kind"] == "actor":
            continue
        assert opened["id"] != spot["id"], spot
        drawn = loaded.js("(id) => window.actorgraph.line(id)", opened["id"])
        assert drawn and drawn["bright"], (spot, opened)


def test_on_a_large_map_a_click_on_a_bright_focused_line_opens_a_bright_line(open_page: Open, large_page: Path) -> None:
    """The 10,000-relation case of issue 18 (7 of 9 clicks opened something else), on 1,500."""
    loaded = open_page(large_page)
    hub = loaded.js("window.actorgraph.data.drawing.nodes.at(-1).id")
    loaded.js("(id) => window.actorgraph.selectActor(id)", hub)
    loaded.page.wait_for_timeout(700)
    rect = loaded.page.locator("#network").bounding_box()
    targets = loaded.js("window.actorgraph.lines().filter((l) => !l.hidden && l.bright).map((l) => l.id)")
    clicked = 0
    for target in targets:
        loaded.js("(id) => window.actorgraph.selectActor(id, { zoom: false })", hub)
        loaded.settled()  # any move that framed it
        m = loaded.js("(id) => window.actorgraph.lineMiddle(id)", target)
        if not (40 < m["x"] < rect["width"] * 0.55 and 60 < m["y"] < rect["height"] - 40):
            continue
        loaded.page.mouse.click(rect["x"] + m["x"], rect["y"] + m["y"])
        opened = _view(loaded)
        assert opened and opened["kind"] in ("relation", "pair", "actor"), target
        if opened["kind"] != "actor":
            assert loaded.js("(id) => window.actorgraph.line(window.actorgraph.drawnAs(id) || id).bright", opened["id"])
        clicked += 1
        if clicked == 9:
            break
    assert clicked >= 5, "the hub's lines should have midpoints in view"


def test_the_hover_text_and_the_card_name_the_same_thing(open_sized: Any, kabul_page: Path) -> None:
    """At tablet width the Taliban–US bundle crosses Al Qaeda–ISIS-K's: whatever the hover text
    names at its midpoint is what a click there opens."""
    loaded = open_sized(kabul_page, 1024, 768)
    for bundle in ("pair:taliban|united-states", "pair:al-qaeda|isis-k"):
        loaded.settled()  # any move that framed the last card
        m = loaded.js("(id) => window.actorgraph.lineMiddle(id)", bundle)
        rect = loaded.page.locator("#network").bounding_box()
        loaded.page.mouse.move(1, 1)  # off the map: no hover text
        loaded.page.wait_for_selector("#tooltip", state="hidden")
        loaded.page.mouse.move(rect["x"] + m["x"], rect["y"] + m["y"])
        loaded.page.wait_for_selector("#tooltip:not([hidden])")
        named = loaded.js("document.getElementById('tooltip').dataset.id")
        loaded.page.mouse.click(rect["x"] + m["x"], rect["y"] + m["y"])
        opened = _view(loaded)
        assert opened and opened["id"] == named, (bundle, named, opened)
        loaded.page.keyboard.press("Escape")


def test_the_taliban_us_bundle_is_not_drawn_as_a_plain_solid_line(open_page: Open, kabul_page: Path) -> None:
    """Its relations: one stated plainly, one hedged ("possible"), one resting only on ISIS-K's
    propaganda. Drawn with a patterned strand, and its label says how many are qualified."""
    loaded = open_page(kabul_page)
    line = loaded.js("window.actorgraph.line('pair:taliban|united-states')")
    assert not line["hidden"]
    assert line["dashes"] or line["strand"], line
    assert "2 of 3 hedged or others’" in line["label"], line["label"]


def test_a_bundle_none_of_whose_relations_is_plain_takes_their_pattern(open_page: Open, tmp_path: Path) -> None:
    hedged, attributed = f.evidence("many things", confidence="likely"), f.evidence("many groups", attributed_to="X")
    data = f.dataset(["a", "b"], [f.edge("a", "allied", "b", hedged), f.edge("a", "rival", "b", attributed)])
    page = tmp_path / "graph.html"
    page.write_text(render_html(build_graph(data)), encoding="utf-8")
    loaded = open_page(page)
    line = loaded.js("window.actorgraph.line('pair:a|b')")
    style = loaded.js("window.actorgraph.data.style.dashes")
    assert line["dashes"] == style["hedged and attributed"] and not line["strand"], line
    loaded.page.uncheck("#legend-types input[data-type='rival']")  # the hedged one alone: a line of its own
    assert loaded.js("window.actorgraph.line('a/allied/b')")["dashes"] == style["hedged"]


def test_the_card_words_each_quotes_hedge_and_speaker(open_page: Open, tmp_path: Path) -> None:
    """A relation with one plain and one hedged quote is not "stated plainly"."""
    plain = f.evidence("many groups")
    hedged = f.evidence("many things", confidence="likely", attributed_to="an analyst")
    data = f.dataset(["a", "b"], [f.edge("a", "allied", "b", plain, hedged)])
    page = tmp_path / "graph.html"
    page.write_text(render_html(build_graph(data)), encoding="utf-8")
    loaded = open_page(page)
    loaded.js("window.actorgraph.selectRelation('a/allied/b')")
    facts = squash(loaded.page.inner_text("#details-body dl.facts"))
    assert "stated plainly" not in facts and "1 of 2 quotes hedged" in facts, facts
    assert "1 of 2 quotes only according to an analyst" in facts, facts
    words = loaded.page.locator("#details-body .quote-qualifiers").all_inner_texts()
    assert words[0] == "Stated plainly · Speaker: the source’s author"
    assert words[1].startswith("Hedged: likely") and words[1].endswith("Speaker: an analyst")
