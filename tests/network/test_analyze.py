"""Signed-network analysis: camps that structural balance suggests, and shared enemies."""

from __future__ import annotations

import json
from pathlib import Path

from actorgraph.network.analyze import EXACT_LIMIT, analyze, camps, shared_enemies
from actorgraph.network.build import build_graph

from tests.conftest import run
from tests.factories import dataset, edge


def test_analyze_small_network(small: Path) -> None:
    result = run("analyze", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(map(sorted, data["camps"])) == [["alpha", "gamma"], ["beta"]]
    assert data["breaking_relations"] == []
    (pair,) = data["shared_enemies"]
    assert (pair["a"], pair["b"], pair["enemies"]) == ("alpha", "gamma", ["beta"])
    assert [t["type"] for t in pair["cooperative"]] == ["allied"]
    assert {e["evidence"][0]["quote"] for e in pair["evidence"]} == {
        "The Alpha Front and the Beta Brigade are bitter rivals",
        "The Beta Brigade absorbed fighters from the Gamma Movement in 2018",
    }


def test_analyze_reports_relations_that_break_the_split(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("    sign: 1\n", "    sign: -1\n"))  # make 'allied' hostile
    data = json.loads(run("analyze", "--format", "json").stdout)
    assert len(data["breaking_relations"]) == 1  # a triangle of three hostile ties cannot be balanced


def test_kabul_data_us_and_taliban_share_isis_k(kabul: Path) -> None:
    result = run("analyze", "--actor", "united states")
    assert result.exit_code == 0, result.output
    assert "Taliban and United States share the enemy ISIS-K" in result.stdout
    data = json.loads(run("analyze", "--format", "json").stdout)
    pair = next(p for p in data["shared_enemies"] if {p["a"], p["b"]} == {"taliban", "united-states"})
    assert pair["enemies"] == ["isis-k"]
    quotes = [ev["quote"] for rel in pair["evidence"] for ev in rel["evidence"]]
    assert "ISIS-K and the Taliban are mortal enemies" in quotes
    assert any("13 U.S. service members" in q for q in quotes)
    assert data["centrality"][0]["id"] == "isis-k"


def test_enemies_of_each_other_are_not_a_shared_enemy_pair() -> None:
    # a and b both fight c, but also fight each other: not "the enemy of my enemy".
    g = build_graph(dataset(["a", "b", "c", "d"], [edge("a", "rival", "c"), edge("b", "rival", "c"),
                                                   edge("a", "rival", "b"), edge("d", "rival", "c")]))  # fmt: skip
    pairs = {(s.a, s.b) for s in shared_enemies(g)}
    assert ("a", "b") not in pairs
    assert pairs == {("a", "d"), ("b", "d")}
    assert {(s.a, s.b) for s in shared_enemies(g, "d")} == {("a", "d"), ("b", "d")}


def test_a_neutral_relation_counts_for_neither_side() -> None:
    g = build_graph(dataset(["a", "b"], [edge("a", "talked", "b")]))
    split = camps(g)
    assert split.signed == 0 and split.camps == () and split.unaligned == ("a", "b")


def test_focus_keeps_only_what_concerns_the_actor() -> None:
    g = build_graph(dataset(["a", "b", "c", "d"], [edge("a", "rival", "c"), edge("b", "rival", "c"),
                                                   edge("d", "allied", "a")]))  # fmt: skip
    result = analyze(g, "d")
    assert [r.actor for r in result.centrality] == ["d"]
    assert [set(c) for c in result.camps.camps] == [{"a", "b", "d"}]  # d's camp only, c's left out
    assert result.shared_enemies == ()


def _signed_chain(n: int, hostile: set[int]):  # type: ignore[no-untyped-def]
    ids = [f"n{i:02d}" for i in range(n)]
    # a chain: friends within each half, enemies across the middle
    chain = [edge(ids[i], "rival" if i in hostile else "allied", ids[i + 1]) for i in range(n - 1)]
    return build_graph(dataset(ids, chain))


def test_large_components_are_split_greedily_and_stay_balanced_when_they_can() -> None:
    n = EXACT_LIMIT + 14
    split = camps(_signed_chain(n, {n // 2 - 1}))
    assert sorted(map(len, split.camps)) == [n // 2, n - n // 2]
    assert split.breaking == ()
    assert {f"n{i:02d}" for i in range(n // 2)} in [set(c) for c in split.camps]
