"""The overview of a large map (actorgraph.outputs.communities): communities found, named by their
largest members, counted, and the same on every build."""

from __future__ import annotations

import itertools
import random

import networkx as nx
from actorgraph.network.build import build_graph
from actorgraph.outputs.communities import overview
from actorgraph.outputs.scene import scene

from tests import factories as f


def two_cliques_and_a_pair() -> nx.MultiDiGraph:
    """Two groups of six, each all allied within, joined by one rivalry; a lone pair apart.
    a0 and b0 have one more relation each: the best connected of their groups."""
    edges = []
    for group in ("a", "b"):
        for i, j in itertools.combinations(range(6), 2):
            edges.append(f.edge(f"{group}{i}", "allied", f"{group}{j}"))
    edges += [f.edge("a0", "rival", "b0"), f.edge("p0", "allied", "p1")]
    actors = [f"{g}{i}" for g in "ab" for i in range(6)] + ["p0", "p1"]
    return build_graph(f.dataset(actors, edges))


def test_a_map_under_the_threshold_has_no_overview() -> None:
    g = two_cliques_and_a_pair()
    assert overview(g, scene(g)) is None  # 32 relations, far under OVERVIEW_RELATIONS
    assert overview(g, scene(g), above=32) is None


def test_communities_are_found_named_and_counted() -> None:
    g = two_cliques_and_a_pair()
    o = overview(g, scene(g), above=10)
    assert o is not None
    groups = o["communities"]
    # The two cliques, largest first, each named by its best connected member; the pair (under
    # SMALL actors) drawn as the one disc of small groups.
    assert [(c["size"], c["groups"]) for c in groups] == [(6, 1), (6, 1), (2, 1)]
    assert {groups[0]["names"][0], groups[1]["names"][0]} == {"A0", "B0"}
    assert [c["relations"] for c in groups] == [15, 15, 1]
    assert o["links"] == [{"a": 0, "b": 1, "types": [("rival", 1)]}]
    assert o["types"] == {"rival": "rival of"}
    order = sorted(g.nodes, key=lambda n: g.degree(n))
    of = dict(zip(order, o["of"], strict=True))
    assert len({of[f"a{i}"] for i in range(6)}) == 1 and of["a1"] != of["b1"] and of["p0"] == of["p1"] == 2
    # No two discs overlap.
    for c, d in itertools.combinations(groups, 2):
        assert ((c["x"] - d["x"]) ** 2 + (c["y"] - d["y"]) ** 2) ** 0.5 >= c["r"] + d["r"]


def test_the_same_data_gives_the_same_overview_and_leaves_random_alone() -> None:
    g = two_cliques_and_a_pair()
    random.seed(1)
    expected = random.random()
    random.seed(1)
    first = overview(g, scene(g), above=10)
    assert random.random() == expected  # igraph's generator was seeded on its own, then put back
    assert overview(g, scene(g), above=10) == first
