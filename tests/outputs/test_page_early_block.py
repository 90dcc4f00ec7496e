"""The early block of a large map's page: its communities packed apart from the rest, so the
page can draw them before it parses the whole data (the browser tests watch it drawn; these
check that `render_html`, the one-string form `watch --serve` serves, carries it)."""

from __future__ import annotations

import base64
import gzip
import json
import re

from actorgraph.network.build import build_graph
from actorgraph.outputs.page import read_payload, render_html

from tests.factories import dataset, edge

EARLY = re.compile(r'<script type="application/gzip" id="actorgraph-overview">([^<]+)</script>')


def _map():  # type: ignore[no-untyped-def]
    return build_graph(
        dataset(["a", "b", "c", "d"], [edge("a", "allied", "b"), edge("c", "rival", "d"), edge("b", "talked", "c")])
    )


def test_a_map_past_the_threshold_carries_its_overview_in_a_block_of_its_own() -> None:
    page = render_html(_map(), overview_above=2)
    found = EARLY.search(page)
    assert found is not None
    early = json.loads(gzip.decompress(base64.b64decode(found.group(1))))
    assert early == read_payload(page)["overview"] and early


def test_a_map_under_the_threshold_is_drawn_whole_with_no_early_block() -> None:
    for page in (render_html(_map()), render_html(_map(), overview_above=3)):
        assert EARLY.search(page) is None
        assert read_payload(page)["overview"] is None


def test_a_page_without_actorgraphs_data_is_refused_by_name() -> None:
    import pytest

    with pytest.raises(ValueError, match=r"^not an actorgraph page: no data block$"):
        read_payload("<!DOCTYPE html><html><body>a page</body></html>")
