"""The static image for reports: valid SVG, every actor named, a legend, the sources, the
same filters and focus as the page, and the same bytes from the same data."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from actorgraph.dataset.model import Actor
from actorgraph.network.build import build_graph
from actorgraph.outputs.svg import export

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
