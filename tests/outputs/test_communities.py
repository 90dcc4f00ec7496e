"""The overview of a large map (actorgraph.outputs.communities): communities found, named by their
largest members, counted, and the same on every build."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from typing import Any

import networkx as nx
import pytest
from actorgraph.dataset.model import Edge
from actorgraph.network.build import build_graph
from actorgraph.outputs.communities import GAP, overview
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


def cliques(names: str, size: int, *links: tuple[str, str], more: Sequence[Edge] = ()) -> nx.MultiDiGraph:
    """A clique of `size` allied actors per letter of `names` (a0, a1, ...), a rivalry for each
    link between two actors of different cliques, and `more` relations (their actors added)."""
    edges = [
        f.edge(f"{group}{i}", "allied", f"{group}{j}")
        for group in names
        for i, j in itertools.combinations(range(size), 2)
    ]
    edges += [f.edge(u, "rival", v) for u, v in links] + list(more)
    actors = [f"{g}{i}" for g in names for i in range(size)]
    actors += sorted({a for e in more for a in (e.source, e.target)} - set(actors))
    return build_graph(f.dataset(actors, edges))


def _members(g: nx.MultiDiGraph, o: dict[str, Any]) -> dict[str, int]:
    order = sorted(g.nodes, key=lambda n: g.degree(n))
    return dict(zip(order, o["of"], strict=True))


def test_an_actor_joins_the_community_it_has_most_relations_with_not_most_neighbours() -> None:
    """Three relations of different types with one member of a group weigh more than one
    relation each with two members of another: relations are counted, not neighbours."""
    more = [f.edge("x", "allied", "a0"), f.edge("x", "allied", "a1")]
    more += [f.edge("x", t, "b0") for t in ("allied", "rival", "attacked")]
    g = cliques("ab", 6, more=more)
    o = overview(g, scene(g), above=1)
    assert o is not None
    of = _members(g, o)
    assert of["x"] == of["b0"] == of["b5"] != of["a0"], of


def test_the_overview_does_not_depend_on_the_process_random_state() -> None:
    """A ring of forty allies, which Louvain can cut in many equally good ways, is cut the same
    way on every build, whatever state Python's `random` module is in (the same data, the same
    page, on any machine)."""
    ring = [f.edge(f"n{i}", "allied", f"n{(i + 1) % 40}") for i in range(40)]
    g = build_graph(f.dataset([f"n{i}" for i in range(40)], ring))
    found = []
    for seed in range(4):
        random.seed(seed)
        o = overview(g, scene(g), above=1)
        assert o is not None
        found.append(o["of"])
    assert len(set(found[0])) > 2 and all(of == found[0] for of in found), found


def test_igraph_draws_from_random_again_after_an_overview() -> None:
    """The generator seeded for the overview is igraph's only while it runs: afterwards igraph's
    random layouts and graphs follow Python's `random` module again, as they did before."""
    import igraph

    random.seed(7)
    before = igraph.Graph.Erdos_Renyi(n=12, p=0.5).get_edgelist()
    g = two_cliques_and_a_pair()
    assert overview(g, scene(g), above=10) is not None
    random.seed(7)
    assert igraph.Graph.Erdos_Renyi(n=12, p=0.5).get_edgelist() == before


def _apart(c: dict[str, Any], d: dict[str, Any]) -> float:
    return float(((c["x"] - d["x"]) ** 2 + (c["y"] - d["y"]) ** 2) ** 0.5)


def chain() -> nx.MultiDiGraph:
    """Four groups of five in a chain: a-b-c-d, one rivalry between each two next to each other."""
    return cliques("abcd", 5, ("a0", "b0"), ("b1", "c0"), ("c1", "d0"))


def test_linked_groups_are_drawn_nearer_each_other_than_unlinked_ones() -> None:
    """In a chain of four groups, the discs of any two linked groups are nearer each other than
    the discs of the chain's two ends."""
    g = chain()
    o = overview(g, scene(g), above=1)
    assert o is not None
    of = _members(g, o)
    disc = {name: o["communities"][of[f"{name}0"]] for name in "abcd"}
    assert len({d["id"] for d in disc.values()}) == 4, o
    assert max(_apart(disc[p], disc[q]) for p, q in ("ab", "bc", "cd")) < _apart(disc["a"], disc["d"]), o


@pytest.mark.parametrize("make", [chain, two_cliques_and_a_pair])
def test_discs_are_spread_just_apart_and_centred_on_the_map(make: Callable[[], nx.MultiDiGraph]) -> None:
    """No two discs overlap and the closest two are exactly GAP times their radii apart (spread
    no more than needed); the whole is centred on the map's own actors, and each place is given
    to a tenth of a unit."""
    g = make()
    laid = scene(g)
    o = overview(g, laid, above=1)
    assert o is not None
    groups = o["communities"]
    ratios = [_apart(c, d) / (c["r"] + d["r"]) for c, d in itertools.combinations(groups, 2)]
    assert min(ratios) == pytest.approx(GAP, abs=0.005), ratios
    xs = [x for x, _ in laid.positions.values()]
    ys = [y for _, y in laid.positions.values()]
    centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    mean = (sum(c["x"] for c in groups) / len(groups), sum(c["y"] for c in groups) / len(groups))
    assert mean == pytest.approx(centre, abs=0.05)
    places = [c[k] for c in groups for k in ("x", "y")]
    assert all(isinstance(v, float) and round(v, 1) == v for v in places), places
    assert any(round(v) != v for v in places), places


def test_one_or_two_communities_are_placed_too() -> None:
    """A map that is one group gets one disc on the centre of its actors; two groups get a disc
    each, side by side, GAP times their radii apart."""
    g = cliques("a", 6)
    laid = scene(g)
    o = overview(g, laid, above=1)
    assert o is not None and len(o["communities"]) == 1
    xs = [x for x, _ in laid.positions.values()]
    ys = [y for _, y in laid.positions.values()]
    (one,) = o["communities"]
    assert (one["x"], one["y"]) == pytest.approx(((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2), abs=0.05)
    g = cliques("ab", 6, ("a0", "b0"))
    o = overview(g, scene(g), above=1)
    assert o is not None
    c, d = o["communities"]
    assert ((c["x"] - d["x"]) ** 2 + (c["y"] - d["y"]) ** 2) ** 0.5 == pytest.approx(GAP * (c["r"] + d["r"]), abs=0.15)


def test_the_overview_numbers_names_sizes_and_links_communities_as_the_page_reads_them() -> None:
    """Three groups and two stray pairs: communities largest first (K, whose ids sort last), two
    of one size in the order of their best connected member's id (B's b0 before C's d0, although
    C's actors come first, and C's a9, as well connected as d0, sorts before b0); each named by
    its best connected members, ties by id; discs sized by the square root of their actors; the
    pairs drawn as one disc that says it holds two groups, the others one; each link's types
    most first, ties by name, an undeclared type named by its id; the totals the page reports."""
    k = ["k5", "k4", "k3", "k2", "k1", "k0", "k6"]  # k6 the best connected; the others tie
    c, b = ["a9", "c1", "c2", "d0", "c4"], ["b0", "b1", "b2", "b3", "z0"]
    edges = [f.edge(u, "allied", v) for group in (sorted(k), c, b) for u, v in itertools.combinations(group, 2)]
    edges += [f.edge("b0", "attacked", "k0"), f.edge("b0", "rival", "k1"), f.edge("b1", "rival", "k2")]
    edges += [f.edge("b2", "rival", "k3"), f.edge("b3", "allied", "k4"), f.edge("z0", "armed", "k5")]
    edges += [f.edge("d0", "rival", "k6"), f.edge("a9", "allied", "k6")]
    edges += [f.edge("p0", "allied", "p1"), f.edge("q0", "allied", "q1")]
    g = build_graph(f.dataset([*k, *c, *b, "p0", "p1", "q0", "q1"], edges))
    o = overview(g, scene(g), above=10)
    assert o is not None
    assert [(d["id"], d["size"], d["r"], d["names"], d["relations"], d["groups"]) for d in o["communities"]] == [
        ("community:0", 7, 31.7, ["K6", "K0", "K1"], 21, 1),
        ("community:1", 5, 26.8, ["B0", "B1", "B2"], 10, 1),
        ("community:2", 5, 26.8, ["A9", "D0", "C1"], 10, 1),
        ("community:3", 4, 24.0, ["P0", "P1", "Q0"], 2, 2),
    ]
    assert o["links"] == [
        {"a": 0, "b": 1, "types": [("rival", 3), ("allied", 1), ("armed", 1), ("attacked", 1)]},
        {"a": 0, "b": 2, "types": [("allied", 1), ("rival", 1)]},
    ]
    assert o["types"] == {"allied": "allied with", "armed": "armed", "attacked": "attacked", "rival": "rival of"}
    assert {key: o[key] for key in ("relations", "actors", "above", "small")} == {
        "relations": 51,
        "actors": 21,
        "above": 10,
        "small": 5,
    }


def test_without_stray_actors_every_disc_stands_for_one_group() -> None:
    """No community under SMALL actors: no disc of small groups, each disc one group."""
    g = chain()
    o = overview(g, scene(g), above=1)
    assert o is not None
    assert [d["groups"] for d in o["communities"]] == [1, 1, 1, 1]
