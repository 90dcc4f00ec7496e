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
from actorgraph.network.records import actor, relations
from actorgraph.outputs.page import HERE, PAGE_SCRIPTS, pack, page_data, read_payload, render_html, waiting_page
from actorgraph.outputs.style import kind_style, relation_style

from tests.browser.hostile import IMG, QUOTE, SCRIPT, plant
from tests.conftest import KABUL, run


def built(tmp_path: Path, name: str = "graph.html") -> str:
    out = tmp_path / name
    result = run("build", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def embedded(html: str) -> dict[str, Any]:
    assert html.count('id="actorgraph-data"') == 1, "the page should carry its data in one block"
    return read_payload(html)


@pytest.fixture(scope="module")
def shipped_html() -> str:
    return render_html(build_graph(load_checked(KABUL / "data", KABUL / "seeds")))


# --- deterministic --------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(kabul: Path, tmp_path: Path) -> None:
    first = (tmp_path / "a.html", tmp_path / "b.html")
    for out in first:
        assert run("build", "-o", str(out)).exit_code == 0
    assert first[0].read_bytes() == first[1].read_bytes()


def test_no_timestamps_or_random_ids(shipped_html: str) -> None:
    ours = re.sub(r"<script>.*?</script>|<style>.*?</style>", "", shipped_html, flags=re.S)  # not the library
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", ours)
    assert not re.search(r"\b20\d\d-\d\d-\d\d[T ]\d\d:\d\d", ours)
    data = embedded(shipped_html)
    lines = [e["id"] for e in data["drawing"]["lines"] if not e["id"].startswith("pair:")]
    assert lines == [r["id"] for r in data["relations"]]
    bundles = [e["id"] for e in data["drawing"]["lines"] if e["id"].startswith("pair:")]
    assert bundles == [p["id"] for p in data["pairs"] if len(p["relations"]) > 1]
    assert all(re.fullmatch(r"[a-z0-9-]+/[a-z_]+/[a-z0-9-]+", e) for e in lines)
    # Least connected first, so hubs are drawn (and hit by a click) on top.
    assert sorted(n["id"] for n in data["drawing"]["nodes"]) == sorted(a["id"] for a in data["actors"])
    degree = {a["id"]: 0 for a in data["actors"]}
    for r in data["relations"]:
        degree[r["source"]] += 1
        degree[r["target"]] += 1
    drawn = [degree[n["id"]] for n in data["drawing"]["nodes"]]
    assert drawn == sorted(drawn)
    # and labels by importance: a hub's label is never smaller than a leaf's
    label = {n["id"]: n["font_size"] for n in data["drawing"]["nodes"]}
    assert all(label[a] <= label[b] for a in degree for b in degree if degree[a] < degree[b])


def test_positions_are_fixed_whole_pixels_and_physics_is_off(shipped_html: str) -> None:
    nodes = embedded(shipped_html)["drawing"]["nodes"]
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)
    assert "physics: false" in shipped_html  # vis-network is the camera only: nothing moves the actors


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
    # vis-network, then the page's own modules (state.js ... page.js) verbatim, and nothing else
    assert len(scripts) == 1 + len(PAGE_SCRIPTS)
    assert scripts[1:] == [(HERE / name).read_text(encoding="utf-8") for name in PAGE_SCRIPTS]
    for code in scripts:
        digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def _policy_and_scripts(page: str) -> tuple[str, list[str]]:
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp, "the page should declare a content security policy"
    return csp.group(1), re.findall(r"<script>(.*?)</script>", page, re.S)


def test_a_live_page_adds_only_the_reload_script_and_may_ask_only_its_own_server() -> None:
    """`watch --serve`'s page: the same scripts plus the reload one, each allowed by its hash,
    and requests allowed to the server it came from, nowhere else."""
    g = build_graph(load_checked(KABUL / "data", KABUL / "seeds"))
    policy, scripts = _policy_and_scripts(render_html(g, live_reload=True))
    reload_script = (HERE / "livereload.js").read_text(encoding="utf-8")
    assert scripts[1:] == [*((HERE / name).read_text(encoding="utf-8") for name in PAGE_SCRIPTS), reload_script]
    assert "connect-src 'self'" in policy and "default-src 'none'" in policy, policy
    for code in scripts:
        assert f"'sha256-{base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()}'" in policy


def test_the_waiting_page_runs_only_the_reload_script_and_asks_only_its_own_server() -> None:
    """Before the first good build `watch --serve` shows a note whose one script, allowed by its
    hash, reloads the tab once the data passes; it asks its own server and nothing else."""
    page = waiting_page()
    policy, scripts = _policy_and_scripts(page)
    assert scripts == [(HERE / "livereload.js").read_text(encoding="utf-8")]
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}';" in policy and "connect-src 'self'" in policy, policy
    assert "No page yet: the data has problems." in page


# --- true to the data -------------------------------------------------------------------------------


def test_every_actor_name_and_quote_is_embedded(shipped_html: str) -> None:
    g = build_graph(load_checked(KABUL / "data", KABUL / "seeds"))
    data = embedded(shipped_html)
    names = {actor(g, n).name for n in g.nodes}
    assert {a["name"] for a in data["actors"]} == names
    assert {n["label"] for n in data["drawing"]["nodes"]} == names
    quotes = {ev["quote"] for r in data["relations"] for ev in r["evidence"]}
    assert quotes == {q.text for rel in relations(g) for q in rel.quotes}
    assert all(ev["context"] for r in data["relations"] for ev in r["evidence"])


def test_the_page_words_relations_as_the_cli_does(shipped_html: str) -> None:
    g = build_graph(load_checked(KABUL / "data", KABUL / "seeds"))
    page = embedded(shipped_html)["relations"]
    for shown, rel in zip(page, relations(g), strict=True):
        assert shown["sentence"] == rel.sentence
        assert shown["phrase"] == rel.phrase
        assert [ev["citation"] for ev in shown["evidence"]] == [q.citation for q in rel.quotes]


def test_styles_follow_the_vocabularies_in_order(shipped_html: str) -> None:
    data = embedded(shipped_html)
    for i, t in enumerate(data["relation_types"]):
        assert (t["color"], t["marker"]) == tuple(relation_style(i, t["sign"])[k] for k in ("color", "marker"))
    for i, k in enumerate(data["actor_kinds"]):
        assert (k["color"], k["shape"]) == (kind_style(i)["color"], kind_style(i)["shape"])
    kinds = {k["id"]: k for k in data["actor_kinds"]}
    nodes = {n["id"]: n for n in data["drawing"]["nodes"]}
    for shown in data["actors"]:
        node = nodes[shown["id"]]
        assert node["shape"] == kinds[shown["kind"]]["shape"]
        assert node["fill"] == kinds[shown["kind"]]["color"]
    types = {t["id"]: t for t in data["relation_types"]}
    lines = data["drawing"]["lines"][: len(data["relations"])]
    for rel, edge in zip(data["relations"], lines, strict=True):
        assert (edge["from"], edge["to"], edge["id"]) == (rel["source"], rel["target"], rel["id"])
        assert edge["colour"] == types[rel["type"]]["color"]
        assert edge["directed"] is rel["directed"]
        assert edge["marker"] == types[rel["type"]]["marker"]
        assert bool(rel["dashes"]) is (rel["confidence"] is not None or rel["attributed_to"] is not None)


def test_parallel_relations_curve_apart(shipped_html: str) -> None:
    data = embedded(shipped_html)
    pairs: dict[frozenset[str], list[Any]] = {}
    for edge in data["drawing"]["lines"]:
        if not edge["id"].startswith("pair:"):  # a bundle is drawn instead of its lines, not beside them
            pairs.setdefault(frozenset((edge["from"], edge["to"])), []).append(edge)
    shapes = []
    for edges in pairs.values():
        if len(edges) > 1:
            # Bending one way from a to b is bending the other way from b to a: normalise first.
            drawn = {-e["bend"] if e["from"] > e["to"] else e["bend"] for e in edges}
            assert len(drawn) == len(edges), edges
            shapes.append(drawn)
    assert shapes, "the kabul data has actors related in more than one way"


# --- escaped --------------------------------------------------------------------------------------


def test_packed_data_cannot_close_its_element_and_comes_back_whole() -> None:
    value = {"q": "</script><script>alert(1)</script> <!-- & --> “ش” \u2028"}
    text = pack(value)
    assert re.fullmatch(r"[A-Za-z0-9+/=]*", text)
    page = f'<script type="application/gzip" id="actorgraph-data">{text}</script>'
    assert read_payload(page) == value
    assert pack(value) == text  # the same bytes every time


def test_the_packed_data_is_a_fraction_of_the_json() -> None:
    packed = pack(page_data(build_graph(load_checked(KABUL / "data", KABUL / "seeds"))))
    data = read_payload(f'<script type="application/gzip" id="actorgraph-data">{packed}</script>')
    assert data["relations"] and data["drawing"]["lines"]
    assert len(packed) < len(json.dumps(data, ensure_ascii=False)) / 2


def test_lists_given_as_iterators_pack_as_the_lists_would() -> None:
    rows = [{"a": 1, "b": [True, None, "é"]}, {"a": 2, "b": []}]
    nested = {"x": {"rows": iter(rows), "empty": iter([]), "n": 3.5}, "y": [1, {"z": "w"}]}
    plain = {"x": {"rows": rows, "empty": [], "n": 3.5}, "y": [1, {"z": "w"}]}
    block = '<script type="application/gzip" id="actorgraph-data">{}</script>'
    assert read_payload(block.format(pack(nested))) == plain
    assert pack({"x": {"rows": iter(rows), "empty": iter([]), "n": 3.5}, "y": [1, {"z": "w"}]}) == pack(plain)


def test_markup_in_the_data_stays_data(tmp_path: Path) -> None:
    project = plant(tmp_path / "project")
    data = load_checked(project / "data", project / "seeds")
    html = render_html(build_graph(data))
    assert len(re.findall(r"</script", html, re.I)) == 2 + len(PAGE_SCRIPTS)  # the data block, vis-network, our modules
    assert SCRIPT not in html
    assert IMG not in html
    assert "<img" not in html.lower()
    assert "<!-- <script>" not in html
    page = embedded(html)  # and the markup comes back intact, as text
    assert any(IMG in (a.get("description") or "") for a in page["actors"])
    assert any(SCRIPT in a.get("aliases", []) for a in page["actors"])
    quotes = [ev for r in page["relations"] for ev in r["evidence"] if ev["quote"] == QUOTE]
    assert quotes
    text = page["texts"][quotes[0]["doc"]]
    assert QUOTE in [text[a:b] for kind, a, b in quotes[0]["context"] if kind == "mark"]


def test_the_page_data_has_one_context_per_quote() -> None:
    page = page_data(build_graph(load_checked(KABUL / "data", KABUL / "seeds")))
    for rel in page["relations"]:
        for ev in rel["evidence"]:
            source = page["texts"][ev["doc"]]
            text = "".join(source[a:b] for kind, a, b in ev["context"] if kind != "gap")
            assert len(text) < 2500, "contexts are snippets, not whole sources"
            assert any(kind == "mark" for kind, _, _ in ev["context"])


def test_the_page_data_lists_each_contest_with_its_pair_reason_relations_and_conflicts() -> None:
    """The contested-pair card reads these four fields: which two actors, the reason in words,
    every relation involved and which of them cannot hold together (two hostile relations
    agree with each other, so they are not a conflicting pair)."""
    from tests.factories import dataset, edge

    g = build_graph(
        dataset(["a", "b"], [edge("a", "allied", "b"), edge("a", "rival", "b"), edge("b", "attacked", "a")])
    )
    (contest,) = page_data(g)["contests"]
    assert contest == {
        "pair": ["a", "b"],
        "reason": "cooperative ('allied with') and hostile ('rival of', 'attacked') claims at overlapping times",
        "relations": ["a/allied/b", "a/rival/b", "b/attacked/a"],
        "conflicts": [["a/allied/b", "a/rival/b"], ["a/allied/b", "b/attacked/a"]],
    }, contest


def test_a_page_of_a_neighbourhood_tells_the_page_its_centre_and_depth(small: Path) -> None:
    """The page opens on the actor the page was built around, as far out as asked (its focus
    control shows the depth): both travel in the page's data."""
    result = run("build", "--focus", "AF", "--depth", "2")
    assert result.exit_code == 0, result.output
    meta = read_payload((small / "build" / "graph.html").read_text())["meta"]
    assert meta["focus"] == {"actor": "alpha", "depth": 2}
