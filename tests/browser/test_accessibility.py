"""axe-core (WCAG 2.2 AA) over the page in the states a reader passes through: no serious or
critical violation in any of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.browser.conftest import Loaded

Open = Callable[..., Loaded]
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe(loaded: Loaded) -> list[dict[str, Any]]:
    """The serious and critical violations axe finds in the page as it is now. axe is loaded
    through Playwright's evaluate, which the page's content security policy does not govern."""
    if not loaded.js("window.axe !== undefined"):
        loaded.js(f"() => {{ {AXE.read_text(encoding='utf-8')}\n}}")
    found = loaded.js("(tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } })", TAGS)
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:5]]}
        for v in found["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _actor_card(loaded: Loaded) -> None:
    loaded.page.fill("#search", "Taliban")
    loaded.page.press("#search", "Enter")


def _relation_card(loaded: Loaded) -> None:
    loaded.js("window.actorgraph.selectRelation('taliban/allied/pakistan')")


def _bundle_card(loaded: Loaded) -> None:
    loaded.js("window.actorgraph.selectPair('pair:taliban|united-states')")


def _table(loaded: Loaded) -> None:
    loaded.page.click("#table-toggle")
    loaded.page.fill("#table-filter", "rival")


def _path(loaded: Loaded) -> None:
    loaded.page.fill("#path-from", "hts")
    loaded.page.fill("#path-to", "iskp")
    loaded.page.click("#path-form button[type=submit]")
    loaded.page.wait_for_selector("#details .route")


def _years(loaded: Loaded) -> None:
    loaded.page.fill("#year-from", "2015")
    loaded.page.fill("#asof-year", "2016")


STATES: dict[str, Callable[[Loaded], None]] = {
    "opened": lambda loaded: None,
    "an actor's card": _actor_card,
    "a relation's card": _relation_card,
    "a bundle's card": _bundle_card,
    "the table, filtered": _table,
    "a path, with years": lambda loaded: (_years(loaded), _path(loaded)),
}


def test_no_serious_accessibility_violation_in_six_states(open_page: Open, kabul_page: Path) -> None:
    """One page taken through the states in turn (each leaves the last behind: a card replaces a
    card, the table hides the map, a path opens its own card)."""
    loaded = open_page(kabul_page)
    found = {}
    for state, reach in STATES.items():
        reach(loaded)
        loaded.page.wait_for_timeout(100)
        found[state] = axe(loaded)
        if state == "the table, filtered":
            loaded.page.click("#table-toggle")  # back to the map for the path
    assert found == {state: [] for state in STATES}


def test_no_serious_accessibility_violation_on_a_phone(open_sized: Any, kabul_page: Path) -> None:
    loaded = open_sized(kabul_page, 390, 844)
    loaded.page.click("#menu")
    assert axe(loaded) == []
    loaded.page.keyboard.press("Escape")
    _relation_card(loaded)
    assert axe(loaded) == []


def test_a_card_opened_from_the_table_gives_the_keyboard_back_to_its_row(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.click("#table-toggle")
    row = loaded.page.locator("#table-relations tbody button.linkish").first
    target = row.get_attribute("data-row")
    row.focus()
    loaded.page.keyboard.press("Enter")
    loaded.page.wait_for_selector("#details:not([hidden])")
    loaded.page.keyboard.press("Escape")
    assert loaded.js("document.activeElement.dataset.row") == target
    assert loaded.page.is_visible("#table-view")


def test_a_bundles_card_is_reached_by_keyboard(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.js("window.actorgraph.selectRelation('taliban/negotiated_with/united-states')")
    button = loaded.page.locator("#details-body button", has_text="All 3 relations between")
    button.focus()
    loaded.page.keyboard.press("Enter")
    assert loaded.js("window.actorgraph.state.view") == {"kind": "pair", "id": "pair:taliban|united-states"}


def test_the_tables_count_line_follows_its_filter(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    loaded.page.click("#table-toggle")
    loaded.page.fill("#table-filter", "rival")
    rows = loaded.page.locator("#table-relations tbody tr").count()
    assert f"{rows} of 34 relations" in loaded.page.inner_text("#table-count")


def test_check_boxes_are_named_without_their_glyphs_and_counts(open_page: Open, kabul_page: Path) -> None:
    loaded = open_page(kabul_page)
    box = loaded.page.get_by_role("checkbox", name="allied with", exact=True)
    assert box.count() == 1
