"""The static image for reports: valid SVG, every actor named, a legend, the sources, the
same filters and focus as the page, and the same bytes from the same data."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from actorgraph.dataset.model import Actor, ActorKind, Dataset, RelationType
from actorgraph.network.build import build_graph
from actorgraph.network.claims import EvidenceFilter
from actorgraph.network.query import Focus, scoped_graph
from actorgraph.outputs.scene import scene
from actorgraph.outputs.svg import export, render

from tests import factories as f
from tests.conftest import run

SVG = "{http://www.w3.org/2000/svg}"


def parse(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def titles(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}title")]


def actor_titles(root: ET.Element) -> list[str]:
    return [g.findtext(f"{SVG}title") or "" for g in root.iter(f"{SVG}g") if g.get("class") == "actor"]


def label_text(root: ET.Element) -> str:
    """Every word drawn, joined: a wrapped label is several <text> lines."""
    return " ".join(texts(root))


def test_export_svg_names_every_actor_with_a_legend_and_the_sources(kabul: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    result = run("export", "-o", str(out))  # the format from the extension
    assert result.exit_code == 0, result.output
    root = parse(out.read_text(encoding="utf-8"))
    assert root.get("viewBox") and root.get("width") and root.get("height")
    listed = run("list", "actors", "--format", "json")
    actors = json.loads(listed.output)
    drawn = label_text(root)
    for a in actors:
        assert all(word in drawn for word in a["name"].split()), a["name"]
        assert any(t.startswith(f"{a['name']} (") for t in actor_titles(root)), a["name"]  # its hover title
    words = texts(root)
    assert {"RELATIONS", "ACTORS", "Sources"} <= set(words)
    types = json.loads(run("list", "relations", "--format", "json").output)
    for label in {r["label"] for r in types}:
        assert any(w.startswith(label) for w in words), f"legend misses {label}"
    assert any("Asfandyar Mir" in w for w in words), "the sources line names the authors"
    # every relation says what it is, for hover and screen readers
    for r in types:
        assert r["sentence"] in titles(root)


def test_hedged_and_attributed_claims_are_drawn_differently() -> None:
    hedged = f.evidence(confidence="likely")
    said = f.evidence(attributed_to="a report")
    data = f.dataset(["a", "b", "c", "d"], [f.edge("a", "allied", "b"), f.edge("b", "allied", "c", hedged),
                                            f.edge("c", "allied", "d", said)])  # fmt: skip
    root = parse(export(build_graph(data)))
    paths = [p for p in root.iter(f"{SVG}path") if p.get("fill") == "none" and p.get("stroke-width") == "2"]
    patterns = [p.get("stroke-dasharray") for p in paths]
    assert len(paths) == 3 and len(set(patterns)) == 3 and None in patterns
    words = texts(root)
    assert "dashed: hedged (may, likely)" in words and "dotted: only someone else's claim" in words


def test_markup_in_names_is_text(tmp_path: Path) -> None:
    hostile = Actor(id="x", name='Evil <script>alert(1)</script> & "Co"', kind="group", location=f.HERE)
    data = f.dataset([hostile, "y"], [f.edge("x", "attacked", "y")])
    text = export(build_graph(data))
    root = parse(text)
    assert "<script" not in text and "href" not in text
    assert "<script>alert(1)</script>" in label_text(root)


def test_same_data_same_bytes() -> None:
    data = f.dataset(
        ["a", "b", "c"], [f.edge("a", "rival", "b"), f.edge("a", "allied", "b"), f.edge("b", "attacked", "c")]
    )
    assert export(build_graph(data)) == export(build_graph(data))


def test_focus_and_filters_are_in_the_picture_and_the_title(kabul: Path, tmp_path: Path) -> None:
    out = tmp_path / "hts.svg"
    result = run("export", "-o", str(out), "--focus", "HTS", "--no-hedged")
    assert result.exit_code == 0, result.output
    root = parse(out.read_text(encoding="utf-8"))
    subtitle = next(t for t in texts(root) if t.startswith("Shows "))
    assert "neighbourhood of Hayat Tahrir al-Sham, 1 step out" in subtitle and "without hedged" in subtitle
    named = {t.rsplit(" (", 1)[0] for t in actor_titles(root)}
    neighbours = json.loads(run("export", "--focus", "HTS", "--no-hedged").output)
    assert named == {n["name"] for n in neighbours["nodes"]}
    assert "Hayat Tahrir al-Sham" in named and len(named) < 16


def test_depth_widens_the_neighbourhood(kabul: Path) -> None:
    one = json.loads(run("export", "--focus", "hts").output)["nodes"]
    two = json.loads(run("export", "--focus", "hts", "--depth", "2").output)["nodes"]
    assert {n["id"] for n in one} < {n["id"] for n in two}


def test_focus_mistakes_are_usage_errors(kabul: Path) -> None:
    typo = run("export", "--format", "svg", "--focus", "Talibn")
    assert typo.exit_code == 2 and "did you mean 'Taliban'" in typo.output
    alone = run("build", "--depth", "2")
    assert alone.exit_code == 2 and "--depth needs --focus" in alone.output


def test_the_actor_a_focused_image_is_about_is_ringed(kabul: Path, tmp_path: Path) -> None:
    whole = parse(run("export", "--format", "svg").output)
    focused = parse(run("export", "--format", "svg", "--focus", "HTS").output)

    def rings(root: ET.Element) -> int:
        return sum(1 for c in root.iter(f"{SVG}circle") if c.get("fill") == "none")

    assert rings(whole) == 0 and rings(focused) == 1


# --- what each line, mark and shape says, and the exact picture of two small maps ----------------

GOLDEN = Path(__file__).with_name("golden") / "svg"
MARKS = ("circle", "box", "diamond", "bar", "triangle", "inv_triangle", "vee", "crow", "curve", "inv_curve")


def _every_mark() -> Dataset:
    """A map drawing every relation mark, actor shape and line pattern the image has, a contest,
    a name long enough to wrap, and a relation type and an actor kind it does not use."""
    signs = (1, -1, 0)
    # The vocabulary's first type and kind go unused: the legend skips them and goes on, and the
    # tenth type and the eighth kind come round to the first mark and shape.
    types = {"unused": RelationType(id="unused", label="never drawn", directed=False, sign=0, definition="d",
                                    location=f.HERE)}  # fmt: skip
    for i, mark in enumerate(MARKS[1:] + MARKS[:1]):
        types[f"t{i}"] = RelationType(
            id=f"t{i}", label=f"{mark} type", directed=i % 2 == 1, sign=signs[i % 3], definition="d", location=f.HERE
        )
    kinds = {f"k{i}": ActorKind(id=f"k{i}", label=f"Kind {i}", definition="d", location=f.HERE) for i in range(9)}
    kinds = {"k8": kinds.pop("k8"), **kinds}
    actors = [Actor(id=f"a{i}", name=f"A{i}", kind=f"k{i}", location=f.HERE) for i in range(8)]
    actors[0] = replace(actors[0], name="The Actor Zero Front for the Liberation of Everywhere")
    ring = [f"a{i}" for i in range(8)] + ["a0", "a2", "a5"]
    claims = [f.evidence(), f.evidence(confidence="likely"), f.evidence(attributed_to="a report"),
              f.evidence(confidence="possible", attributed_to="officials")]  # fmt: skip
    edges = [f.edge(ring[i], f"t{i}", ring[i + 1], claims[i % 4]) for i in range(len(MARKS))]
    edges.append(f.edge("a1", "t1", "a0"))  # t0 (cooperative) and t1 (hostile) between a0 and a1: contested
    return replace(f.dataset(actors, edges), relation_types=types, actor_kinds=kinds)


def _golden(name: str, text: str) -> None:
    """The exact image, read and approved by hand. After an intended change, rewrite it with
    `ACTORGRAPH_UPDATE_GOLDEN=1 pytest tests/outputs/test_svg.py` and read the diff (and the
    picture) before committing it."""
    path = GOLDEN / name
    if os.environ.get("ACTORGRAPH_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: see _golden's docstring"


def test_the_mixed_map_is_the_golden_picture(mixed: Path) -> None:
    result = run("export", "--format", "svg")
    assert result.exit_code == 0, result.output
    _golden("mixed.svg", result.stdout)


def test_a_focused_map_of_every_mark_and_shape_is_the_golden_picture() -> None:
    g = scoped_graph(_every_mark(), EvidenceFilter(), Focus("a0", depth=9))
    _golden("every-mark.svg", export(g))


def test_each_line_shows_how_it_is_claimed_its_direction_and_a_contest_and_the_legend_only_what_is_drawn() -> None:
    root = parse(export(build_graph(_every_mark())))
    patterns = {"": None, "likely": "7 5", "possible": "7 5", "according to a report": "2 4",
                "possible, according to officials": "7 4 2 4", "contested": None}  # fmt: skip
    relations = [g for g in root.iter(f"{SVG}g") if g.get("class") == "relation"]
    assert len(relations) == 11
    for g in relations:
        sentence = g.findtext(f"{SVG}title") or ""
        qualifier = sentence.partition("  [")[2].removesuffix("]")
        line = g.find(f"{SVG}path")
        assert line is not None and line.get("stroke-dasharray") == patterns[qualifier], sentence
        arrowheads = [p for p in g.findall(f"{SVG}polygon") if p.get("points") == "0,0 -11,-5 -11,5"]
        assert len(arrowheads) == ("→" in sentence), sentence
        assert ("contested" in texts(g)) == (qualifier == "contested"), sentence
    words = texts(root)
    assert [w for w in words if w.endswith(" type") or w.endswith(" type (one-way)")] == [
        f"{mark} type" + (" (one-way)" if i % 2 else "") for i, mark in enumerate(MARKS[1:] + MARKS[:1])
    ]
    assert "never drawn" not in words and "Kind 8" not in words
    assert [w for w in words if w.startswith("Kind ")] == [f"Kind {i}" for i in range(8)]
    assert ": the sources disagree" in words
    assert "dash-dot: hedged, and someone else's claim" in words and "solid: the source states it plainly" in words


def test_the_legend_names_only_the_line_patterns_drawn_and_counts_in_the_singular() -> None:
    root = parse(export(build_graph(f.dataset(["a", "b"], [f.edge("a", "attacked", "b")]))))
    words = texts(root)
    assert words[0] == "actorgraph: 2 actors, 1 relation" and root.findtext(f"{SVG}title") == words[0]
    assert "solid: the source states it plainly" in words
    assert not [w for w in words if w.startswith(("dashed", "dotted", "dash-dot", "contested", ": the sources"))]
    said = f.dataset(
        ["a", "b", "c"], [f.edge("a", "attacked", "b"), f.edge("b", "rival", "c", f.evidence(attributed_to="X"))]
    )
    patterns = [
        w for w in texts(parse(export(build_graph(said)))) if w.startswith(("solid", "dashed", "dotted", "dash"))
    ]
    assert patterns == ["solid: the source states it plainly", "dotted: only someone else's claim"]
    lone = parse(export(build_graph(f.dataset(["a"]))))
    assert texts(lone)[0] == "actorgraph: 1 actor, 0 relations"
    assert "RELATIONS" not in texts(lone) and "HOW IT IS CLAIMED" not in texts(lone)


def test_a_small_map_with_a_tall_legend_and_a_long_source_is_the_golden_picture() -> None:
    """Its legend is taller than its map (the sources go below the legend), its names are
    shorter than the margin kept around the map, and its one source's entry wraps."""
    data = f.dataset(["a", "b"], [f.edge("a", "attacked", "b", f.evidence(confidence="likely"))])
    memo = replace(
        data.sources["memo"], title=("A memo with a title long enough to wrap " * 4).strip(), author="A. Writer"
    )
    _golden("small.svg", export(build_graph(replace(data, sources={"memo": memo}))))


def test_an_empty_map_is_the_golden_picture() -> None:
    _golden("empty.svg", export(build_graph(f.dataset([]))))


def test_a_wide_map_is_scaled_down_to_fit_and_its_legend_and_title_are_not() -> None:
    g = build_graph(f.dataset(["a", "b"], [f.edge("a", "allied", "b")]))
    laid = scene(g)
    wide = replace(laid, positions={"a": (0, 0), "b": (3600, 1000)})
    root = parse(render(g, wide))
    drawing = next(g for g in root.iter(f"{SVG}g") if "scale(" in (g.get("transform") or ""))
    scale = float((drawing.get("transform") or "").split("scale(")[1].split(")")[0])
    assert 0.45 < scale < 0.5  # 1800 px for a map a little over 3600 wide
    assert int(root.get("width") or 0) == 40 * 2 + 1800 + 330
    title = next(t for t in root.iter(f"{SVG}text") if t.text and t.text.startswith("actorgraph:"))
    assert title.get("font-size") == "22"  # not scaled with the map
    assert int(root.get("height") or 0) < 800  # the map's 1,000 px of height are scaled as its width
    narrow = parse(render(g, replace(laid, positions={"a": (0, 0), "b": (300, 0)})))
    assert "scale(1.0000)" in str(ET.tostring(narrow))
