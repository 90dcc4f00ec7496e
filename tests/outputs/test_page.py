"""The HTML page without a browser: offline, deterministic, escaped, and true to the data."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from actorgraph.dataset.check import load_checked
from actorgraph.network.build import build_graph
from actorgraph.outputs.page import EDGE_COLOURS, NODE_COLOURS, NODE_SHAPES, page_data, render_html, script_json
from actorgraph.outputs.page.context import quote_context
from actorgraph.outputs.page.layout import label_box, positions

from tests.browser.hostile import IMG, QUOTE, SCRIPT, plant
from tests.conftest import ROOT, run

DATA_BLOCK = re.compile(r'<script type="application/json" id="actorgraph-data">(.*?)</script>', re.S)


def built(tmp_path: Path, name: str = "graph.html") -> str:
    out = tmp_path / name
    result = run("build", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def embedded(html: str) -> dict[str, Any]:
    m = DATA_BLOCK.search(html)
    assert m, "the page should carry its data in one JSON block"
    data: dict[str, Any] = json.loads(m.group(1))
    return data


@pytest.fixture(scope="module")
def shipped_html() -> str:
    data = load_checked(ROOT / "data", ROOT / "seeds")
    return render_html(data, build_graph(data))


# --- deterministic --------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(shipped: Path, tmp_path: Path) -> None:
    first = (tmp_path / "a.html", tmp_path / "b.html")
    for out in first:
        assert run("build", "-o", str(out)).exit_code == 0
    assert first[0].read_bytes() == first[1].read_bytes()


def test_no_timestamps_or_random_ids(shipped_html: str) -> None:
    ours = re.sub(r"<script>.*?</script>|<style>.*?</style>", "", shipped_html, flags=re.S)  # not the library
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", ours)
    assert not re.search(r"\b20\d\d-\d\d-\d\d[T ]\d\d:\d\d", ours)
    data = embedded(shipped_html)
    assert [e["id"] for e in data["vis"]["edges"]] == [f"r{i}" for i in range(len(data["vis"]["edges"]))]
    assert [n["id"] for n in data["vis"]["nodes"]] == [a["id"] for a in data["actors"]]


def test_positions_are_fixed_whole_pixels_and_physics_is_off(shipped_html: str) -> None:
    nodes = embedded(shipped_html)["vis"]["nodes"]
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)
    assert "physics: false" in shipped_html


# --- offline --------------------------------------------------------------------------------------


def test_nothing_is_fetched_from_the_network(shipped_html: str) -> None:
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", shipped_html, re.I)
    assert not re.search(r"@import", shipped_html, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", shipped_html, re.I)
    assert not re.search(r"<link\b", shipped_html, re.I)
    assert not re.search(r"<script[^>]*\bsrc\s*=", shipped_html, re.I)


def test_only_our_own_scripts_may_run(shipped_html: str) -> None:
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', shipped_html)
    assert csp, "the page should declare a content security policy"
    policy = csp.group(1)
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script>(.*?)</script>", shipped_html, re.S)
    assert len(scripts) == 2  # vis-network, then page.js
    for code in scripts:
        digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy


# --- true to the data -------------------------------------------------------------------------------


def test_every_actor_name_and_quote_is_embedded(shipped_html: str) -> None:
    g = build_graph(load_checked(ROOT / "data", ROOT / "seeds"))
    data = embedded(shipped_html)
    assert {a["name"] for a in data["actors"]} == {attrs["name"] for _, attrs in g.nodes(data=True)}
    assert {n["label"] for n in data["vis"]["nodes"]} == {attrs["name"] for _, attrs in g.nodes(data=True)}
    quotes = {ev["quote"] for r in data["relations"] for ev in r["evidence"]}
    assert quotes == {ev["quote"] for _, _, attrs in g.edges(data=True) for ev in attrs["evidence"]}
    assert all(ev["context"] for r in data["relations"] for ev in r["evidence"])


def test_styles_follow_the_vocabularies_in_order(shipped_html: str) -> None:
    data = embedded(shipped_html)
    for i, t in enumerate(data["relation_types"]):
        assert t["color"] == EDGE_COLOURS[i % len(EDGE_COLOURS)]
    for i, k in enumerate(data["actor_kinds"]):
        assert (k["color"], k["shape"]) == (NODE_COLOURS[i % len(NODE_COLOURS)], NODE_SHAPES[i % len(NODE_SHAPES)])
    kinds = {k["id"]: k for k in data["actor_kinds"]}
    for actor, node in zip(data["actors"], data["vis"]["nodes"], strict=True):
        assert node["shape"] == kinds[actor["kind"]]["shape"]
        assert node["color"]["background"] == kinds[actor["kind"]]["color"]
    types = {t["id"]: t for t in data["relation_types"]}
    for rel, edge in zip(data["relations"], data["vis"]["edges"], strict=True):
        assert (edge["from"], edge["to"], edge["id"]) == (rel["source"], rel["target"], rel["id"])
        assert edge["color"]["color"] == types[rel["type"]]["color"]
        assert (edge["arrows"] == "to") is rel["directed"]
        assert bool(edge["dashes"]) is ("confidence" in rel)
        assert isinstance(edge["title"], str)


def test_parallel_relations_curve_apart(shipped_html: str) -> None:
    data = embedded(shipped_html)
    pairs: dict[frozenset[str], list[Any]] = {}
    for edge in data["vis"]["edges"]:
        pairs.setdefault(frozenset((edge["from"], edge["to"])), []).append(edge)
    shapes = []
    for edges in pairs.values():
        if len(edges) > 1:
            # Curving clockwise from a to b is curving anticlockwise from b to a: normalise first.
            drawn = set()
            for e in edges:
                smooth = e["smooth"] or {"type": "straight", "roundness": 0}
                flip = e["from"] > e["to"]
                kind = {"curvedCW": "curvedCCW", "curvedCCW": "curvedCW"}.get(smooth["type"], smooth["type"])
                drawn.add((kind if flip else smooth["type"], smooth["roundness"]))
            assert len(drawn) == len(edges), edges
            shapes.append(drawn)
    assert shapes, "the shipped data has actors related in more than one way"


def test_no_two_labels_overlap_in_the_shipped_layout() -> None:
    g = build_graph(load_checked(ROOT / "data", ROOT / "seeds"))
    boxes = {n: label_box(g.nodes[n]["name"], 14) for n in g.nodes}
    pos = positions(g, boxes)
    placed = []
    for n, (x, y) in pos.items():
        b = boxes[n]
        cy = y + b.centre_offset
        placed.append((x - b.half_width, cy - b.half_height, x + b.half_width, cy + b.half_height))
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_a_graph_of_lone_actors_and_pairs_still_lays_out() -> None:
    import networkx as nx

    g = nx.MultiDiGraph()
    g.add_nodes_from(["a", "b", "c", "d", "e"])
    g.add_edge("a", "b", key="x")
    g.add_edge("c", "c", key="x")  # a self-loop adds nothing to the skeleton
    boxes = {n: label_box(n, 12) for n in g.nodes}
    pos = positions(g, boxes)
    assert sorted(pos) == ["a", "b", "c", "d", "e"]
    assert len(set(pos.values())) == 5


# --- escaped --------------------------------------------------------------------------------------


def test_script_json_cannot_close_its_element() -> None:
    text = script_json({"q": "</script><script>alert(1)</script> <!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"q": "</script><script>alert(1)</script> <!-- & -->"}


def test_markup_in_the_data_stays_data(tmp_path: Path) -> None:
    project = plant(tmp_path / "project")
    data = load_checked(project / "data", project / "seeds")
    html = render_html(data, build_graph(data))
    assert len(re.findall(r"</script", html, re.I)) == 3  # the JSON block, vis-network, page.js
    assert SCRIPT not in html
    assert IMG not in html
    assert "<img" not in html.lower()
    assert "<!-- <script>" not in html
    page = embedded(html)  # and the markup comes back intact, as text
    assert any(IMG in (a.get("description") or "") for a in page["actors"])
    assert any(SCRIPT in a.get("aliases", []) for a in page["actors"])
    quotes = [ev for r in page["relations"] for ev in r["evidence"] if ev["quote"] == QUOTE]
    assert quotes and ["mark", QUOTE] in quotes[0]["context"]


# --- quote context ----------------------------------------------------------------------------------

TEXT = (
    "First sentence here. Mr. Smith met the U.S. envoy on Aug. 20 in Kabul. The Alpha Front "
    "may be allied with the Gamma Movement, analysts say. A fourth sentence follows.\n\n"
    "A new paragraph starts. And it ends."
)


def test_wrapped_lines_join_and_paragraphs_stay_apart() -> None:
    text = "Intro.\n\nThe Beta Brigade absorbed fighters from\nthe Gamma Movement in 2018. It grew.\nNext one."
    parts = quote_context(text, "absorbed fighters from the Gamma Movement")
    assert parts is not None
    joined = "".join(s for _, s in parts)
    assert joined == ("Intro.\nThe Beta Brigade absorbed fighters from the Gamma Movement in 2018. It grew.\nNext one.")
    assert ("mark", "absorbed fighters from the Gamma Movement") in parts


def test_the_quote_is_marked_in_its_sentence_with_neighbours() -> None:
    parts = quote_context(TEXT, "may be allied with the Gamma Movement")
    assert parts is not None
    marks = [s for kind, s in parts if kind == "mark"]
    assert marks == ["may be allied with the Gamma Movement"]
    joined = "".join(s for _, s in parts)
    assert joined.startswith("First sentence here.") or joined.startswith("Mr. Smith")
    assert "A fourth sentence follows." in joined


def test_elided_quotes_mark_each_fragment() -> None:
    parts = quote_context(TEXT, "Mr. Smith met the U.S. envoy ... The Alpha Front")
    assert parts is not None
    assert [s for kind, s in parts if kind == "mark"] == ["Mr. Smith met the U.S. envoy", "The Alpha Front"]
    assert ("text", " on Aug. 20 in Kabul. ") in parts


def test_a_quote_not_in_the_text_has_no_context() -> None:
    assert quote_context(TEXT, "not in the text at all") is None


def test_the_page_data_has_one_context_per_quote() -> None:
    data = load_checked(ROOT / "data", ROOT / "seeds")
    page = page_data(data, build_graph(data))
    for rel in page["relations"]:
        for ev in rel["evidence"]:
            text = "".join(s for kind, s in ev["context"] if kind != "gap")
            assert len(text) < 2500, "contexts are snippets, not whole sources"
            assert any(kind == "mark" for kind, _ in ev["context"])
