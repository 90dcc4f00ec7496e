"""A large map opens on its communities (issue 20): one disc per community, named by its largest
members, and one link per pair of communities that says what it stands for, until the reader
zooms, clicks or searches into one. The tests build the large test map (1,500 relations) with
the overview's threshold lowered under it, and read the page's own state."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Loaded, large_graph
from tests.browser.test_accessibility import axe
from tests.browser.test_views import overlapping

Open = Callable[..., Loaded]


@pytest.fixture(scope="session")
def overview_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from actorgraph.outputs.page import render_html

    page = tmp_path_factory.mktemp("overview") / "graph.html"
    page.write_text(render_html(large_graph(), overview_above=1000), encoding="utf-8")
    return page


def overview(loaded: Loaded) -> dict[str, Any]:
    result: dict[str, Any] = loaded.js("window.actorgraph.overview()")
    return result


def in_view(loaded: Loaded, ids: list[str]) -> list[str]:
    """Those of `ids` whose actor is drawn inside the map's canvas now."""
    found: list[str] = loaded.js(
        """(ids) => { const box = document.querySelector('#network canvas').getBoundingClientRect();
             return ids.filter((id) => { const p = window.actorgraph.toDOM(id);
               return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height; }); }""",
        ids,
    )
    return found


def members(loaded: Loaded, index: int) -> list[str]:
    ids: list[str] = loaded.js(
        "(c) => window.actorgraph.data.actors.map((a) => a.id).filter((id) => window.actorgraph.communityOf(id) === c)",
        index,
    )
    return ids


def test_a_large_map_opens_as_its_communities_and_says_so(open_page: Open, overview_page: Path) -> None:
    loaded = open_page(overview_page)
    o = overview(loaded)
    assert o["shown"], o
    data = loaded.js("window.actorgraph.data")
    actors, relations = len(data["actors"]), len(data["relations"])
    communities = [c for c in o["communities"] if c["shown"]]
    assert 1 < len(communities) < actors / 5, len(communities)
    # Every actor in one community, every relation inside one or on one link, counted once.
    assert sum(c["actors"] for c in communities) == actors
    assert sum(c["relations"] for c in communities) + sum(link["count"] for link in o["links"]) == relations
    # Each named by its largest members: the best connected of its actors.
    degree: dict[str, int] = {a["id"]: 0 for a in data["actors"]}
    for r in data["relations"]:
        degree[r["source"]] += 1
        degree[r["target"]] += 1
    names = {a["id"]: a["name"] for a in data["actors"]}
    for c in communities:
        ids = members(loaded, c["index"])
        assert len(ids) == c["actors"]
        most = max(degree[i] for i in ids)
        assert any(names[i] == c["names"][0] and degree[i] == most for i in ids), c
        assert c["name"].startswith(", ".join(c["names"]) if c.get("names") else "")
    # No actor drawn: the discs stand for them, their labels apart and in the view.
    assert all(n["hidden"] is False for n in loaded.js("window.actorgraph.nodes()"))
    assert loaded.js("window.actorgraph.drawn().labels") == []
    labels = o["labels"]
    assert labels and overlapping(labels) == []
    # The map says it is an overview, and how to open a community; a screen reader hears it.
    note = loaded.page.locator("#overview-note")
    assert note.is_visible()
    text = note.inner_text()
    assert text.startswith("Overview:") and "Zoom in, click a community, or find an actor" in text, text
    assert "overview-note" in (loaded.page.get_attribute("#network", "aria-describedby") or "")
    assert loaded.page.inner_text("#status").startswith(f"Overview, {len(communities)} communities")
    assert axe(loaded) == []
    assert loaded.errors == [] and loaded.requests == []


def test_a_link_says_how_many_relations_of_which_types(open_page: Open, overview_page: Path) -> None:
    loaded = open_page(overview_page)
    links = overview(loaded)["links"]
    biggest = max(links, key=lambda link: link["count"])
    title = loaded.js("(id) => window.actorgraph.titleOf({ kind: 'link', id })", biggest["id"])
    assert title.startswith(f"{biggest['count']:,} relations: "), title
    assert sum(n for _, n in biggest["types"]) == biggest["count"]
    # A type ticked off leaves the overview's counts, as it leaves the map.
    kind = biggest["types"][0][0]
    loaded.page.click(f'#legend-types input[data-type="{kind}"]')
    after = {link["id"]: link for link in overview(loaded)["links"]}
    assert after[biggest["id"]]["count"] == biggest["count"] - biggest["types"][0][1]
    assert all(t != kind for link in after.values() for t, _ in link["types"])
    shown = loaded.js("window.actorgraph.data.relations.filter((r) => r.type !== '" + kind + "').length")
    o = overview(loaded)
    assert sum(c["relations"] for c in o["communities"]) + sum(link["count"] for link in o["links"]) == shown


def test_clicking_a_community_opens_its_actors(open_page: Open, overview_page: Path) -> None:
    loaded = open_page(overview_page)
    c = max((c for c in overview(loaded)["communities"] if c["shown"]), key=lambda c: c["actors"])
    at = loaded.js(
        """(c) => { const box = document.querySelector('#network canvas').getBoundingClientRect();
             const hit = (x, y) => window.actorgraph.hitTest(x, y);
             for (let y = 0; y < box.height; y += 4) for (let x = 0; x < box.width; x += 4) {
               const h = hit(x, y); if (h && h.id === c) return [box.left + x, box.top + y]; }
             return null; }""",
        c["id"],
    )
    assert at, "the community is drawn nowhere"
    loaded.page.mouse.click(*at)
    loaded.settled()
    assert overview(loaded)["shown"] is False
    ids = members(loaded, c["index"])
    assert len(in_view(loaded, ids)) >= 0.9 * len(ids)
    drawn = {n["id"]: n for n in loaded.js("window.actorgraph.nodes()")}
    assert all(not drawn[i]["hidden"] and drawn[i]["bright"] for i in ids)
    assert loaded.page.locator("#overview-note").is_hidden()
    assert loaded.page.text_content("#announce").startswith(f"Opened the community of {c['name']}")
    # Fit shows the whole map again: its overview.
    loaded.page.click("#fit")
    assert overview(loaded)["shown"] is True
    assert loaded.page.text_content("#announce").startswith("Overview: ")


def test_zooming_in_opens_the_community_in_the_middle(open_page: Open, overview_page: Path) -> None:
    loaded = open_page(overview_page)
    communities = overview(loaded)["communities"]
    loaded.page.focus("#network")
    for _ in range(12):
        if not overview(loaded)["shown"]:
            break
        loaded.page.keyboard.press("+")
    loaded.settled()
    assert overview(loaded)["shown"] is False
    said = loaded.page.text_content("#announce") or ""
    opened = [c for c in communities if said.startswith(f"Opened the community of {c['name']}: ")]
    assert len(opened) == 1, said
    # Its actors are drawn, framed.
    ids = members(loaded, opened[0]["index"])
    assert len(in_view(loaded, ids)) >= 0.9 * len(ids)
    assert all(not n["hidden"] for n in loaded.js("window.actorgraph.nodes()"))
    # Zoomed back out to the whole map, the overview returns.
    for _ in range(30):
        if overview(loaded)["shown"]:
            break
        loaded.page.keyboard.press("-")
    assert overview(loaded)["shown"] is True


def test_finding_an_actor_shows_it_among_its_neighbours(open_page: Open, overview_page: Path) -> None:
    loaded = open_page(overview_page)
    name = loaded.js("window.actorgraph.data.actors[17].name")
    target = loaded.js("window.actorgraph.data.actors[17].id")
    loaded.page.fill("#search", name)
    loaded.page.press("#search", "Enter")
    loaded.settled()
    assert overview(loaded)["shown"] is False
    assert loaded.js("window.actorgraph.state.focus") == target
    assert in_view(loaded, [target]) == [target]
    drawn = {n["id"]: n for n in loaded.js("window.actorgraph.nodes()")}
    assert drawn[target]["bright"] and not drawn[target]["hidden"]
    assert target in {label["id"] for label in loaded.js("window.actorgraph.drawn().labels")}
    # With the focus cleared the reader stays where the actor was, among its community's actors.
    loaded.page.keyboard.press("Escape")
    loaded.page.keyboard.press("Escape")
    assert loaded.js("window.actorgraph.state.focus") is None
    assert overview(loaded)["shown"] is False


def test_the_overview_is_the_same_on_every_build() -> None:
    from actorgraph.outputs.page import render_html

    g = large_graph()
    assert render_html(g, overview_above=1000) == render_html(g, overview_above=1000)
    assert 'id="actorgraph-overview"' not in render_html(g)  # under the threshold: the map itself
