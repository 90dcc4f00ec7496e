"""analyze on large maps: shared enemies found and ordered without building every pair's record,
betweenness estimated as networkx estimates it, only faster."""

from __future__ import annotations

import doctest
import itertools
import random

import networkx as nx
import pytest
from actorgraph.dataset.model import Edge
from actorgraph.network import analyze as analysis
from actorgraph.network.analyze import SharedEnemies, SharedEnemy, sampled_betweenness, shared_enemies
from actorgraph.network.build import build_graph
from actorgraph.network.records import Relation, actor, relations

from tests.factories import dataset, edge

NETWORKX = tuple(int(part) for part in nx.__version__.split(".")[:2])


def _random_map(n: int, m: int, seed: int) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    ids = [f"n{i:03d}" for i in range(n)]
    seen: set[tuple[str, str, str]] = set()
    edges: list[Edge] = []
    while len(edges) < m:
        a, b = rng.sample(ids, 2)
        rtype = rng.choice(["rival", "rival", "attacked", "allied", "talked"])
        key = (a, b, rtype) if rtype == "attacked" else (min(a, b), max(a, b), rtype)
        if key not in seen:
            seen.add(key)
            edges.append(edge(a, rtype, b))
    return build_graph(dataset(ids, edges))


Row = tuple[str, str, tuple[str, ...], list[str], list[str]]  # a, b, enemies, hostile ties, cooperative


def _every_pair(g: nx.MultiDiGraph, focus: str | None = None) -> list[Row]:
    """What shared_enemies promises, by looking at every pair of actors."""
    hostile = [r for r in relations(g) if r.sign < 0]
    enemies: dict[str, set[str]] = {n: set() for n in g.nodes}
    for r in hostile:
        enemies[r.source.id].add(r.target.id)
        enemies[r.target.id].add(r.source.id)
    order = sorted(g.nodes, key=lambda n: (actor(g, n).name.casefold(), n))

    def between(a: str, b: str, rels: list[Relation]) -> list[str]:
        return [r.id for r in rels if {r.source.id, r.target.id} == {a, b}]

    rows = []
    for a, b in itertools.combinations(order, 2):
        common = tuple(e for e in order if e in enemies[a] and e in enemies[b])
        if not common or b in enemies[a] or (focus is not None and focus not in (a, b)):
            continue
        ties = [t for e in common for t in (*between(a, e, hostile), *between(b, e, hostile))]
        cooperative = between(a, b, [r for r in relations(g) if r.sign > 0])
        rows.append((a, b, common, ties, cooperative))
    names = {n: actor(g, n).name.casefold() for n in g.nodes}
    rows.sort(key=lambda r: (-len(r[2]), -(g.degree(r[0]) + g.degree(r[1])), names[r[0]], names[r[1]], r[0], r[1]))
    return rows


def _rows(found: SharedEnemies) -> list[Row]:
    return [(s.a, s.b, s.enemies, [t.id for t in s.ties], [t.id for t in s.cooperative]) for s in found]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shared_enemies_are_every_qualifying_pair_in_the_promised_order(seed: int) -> None:
    g = _random_map(40, 160, seed)
    expected = _every_pair(g)
    assert len(expected) > 50
    assert _rows(shared_enemies(g)) == expected
    for focus in ("n000", "n007", "n039"):
        assert _rows(shared_enemies(g, focus)) == _every_pair(g, focus)


def test_a_pair_record_is_built_only_when_read() -> None:
    built: list[tuple[str, str]] = []

    def make(a: str, b: str) -> SharedEnemy:
        built.append((a, b))
        return SharedEnemy(a, b, ("e",), (), ())

    pairs = [(f"a{i}", f"b{i}") for i in range(1000)]
    found = SharedEnemies(pairs, make)
    assert len(found) == 1000 and found.pairs() == pairs and not built
    assert [s.a for s in found[:3]] == ["a0", "a1", "a2"] and found[-1].b == "b999"
    assert built == [("a0", "b0"), ("a1", "b1"), ("a2", "b2"), ("a999", "b999")]
    assert SharedEnemies([], make) == () and found != () and found == list(found)


def test_weak_pairs_are_those_the_stated_claims_alone_do_not_show() -> None:
    g = _random_map(30, 120, 4)
    # Keep every other hostile relation as "stated": fewer shared enemies survive.
    keep = [r for i, r in enumerate(relations(g)) if r.sign >= 0 or i % 2]
    stated = nx.MultiDiGraph()
    stated.add_nodes_from(g.nodes(data=True))
    stated.add_edges_from((u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True) if d["relation"] in keep)
    result = analysis.analyze(g, None, stated)
    strict = {(s.a, s.b) for s in shared_enemies(stated)}
    assert result.weak_pairs == {(s.a, s.b) for s in shared_enemies(g)} - strict
    assert result.weak_pairs and len(result.shared_enemies) == len(_every_pair(g))


@pytest.mark.parametrize(
    "graph",
    [
        nx.barabasi_albert_graph(300, 2, seed=1),
        nx.disjoint_union(nx.path_graph(150), nx.cycle_graph(120)),  # two components
        nx.relabel_nodes(nx.gnm_random_graph(260, 700, seed=2), lambda i: f"actor {i}"),
    ],
)
@pytest.mark.skipif(NETWORKX < (3, 6), reason="networkx 3.6 changed how a sampled estimate is scaled")
def test_sampled_betweenness_is_networkx_estimate(graph: nx.Graph) -> None:
    graph.add_node("alone")
    ours = sampled_betweenness(graph, 60, seed=0)
    theirs = nx.betweenness_centrality(graph, k=60, seed=0)
    assert list(ours) == list(theirs)
    assert max(abs(ours[n] - theirs[n]) for n in graph) < 1e-12


def test_sampled_betweenness_with_every_actor_a_source_is_exact() -> None:
    graph = nx.barabasi_albert_graph(120, 2, seed=5)
    ours = sampled_betweenness(graph, len(graph))
    exact = nx.betweenness_centrality(graph)
    assert max(abs(ours[n] - exact[n]) for n in graph) < 1e-12


def test_the_module_examples_run() -> None:
    assert doctest.testmod(analysis).failed == 0
