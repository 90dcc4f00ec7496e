"""analyze on large maps: the best split proven best (or bounded) and checked against every split,
shared enemies found and ordered without building every pair's record, betweenness estimated as
networkx estimates it, only faster."""

from __future__ import annotations

import doctest
import itertools
import json
import math
import random
from typing import Any

import networkx as nx
import numpy as np
import pytest
from actorgraph.dataset.model import Edge
from actorgraph.network import analyze as analysis
from actorgraph.network import balance
from actorgraph.network.analyze import SharedEnemies, SharedEnemy, camps, sampled_betweenness, shared_enemies
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
    assert sampled_betweenness(graph, 60) == ours  # by default, the sources networkx's seed=0 draws


def test_sampled_betweenness_with_every_actor_a_source_is_exact() -> None:
    graph = nx.barabasi_albert_graph(120, 2, seed=5)
    ours = sampled_betweenness(graph, len(graph))
    exact = nx.betweenness_centrality(graph)
    assert max(abs(ours[n] - exact[n]) for n in graph) < 1e-12


def test_the_module_examples_run() -> None:
    assert doctest.testmod(analysis).failed == 0


# --- the best split, against every split ------------------------------------------------------


def _every_split(nodes: list[str], pairs: dict[tuple[str, str], int]) -> tuple[int, list[set[str]]]:
    """The least weight any split breaks, and the classes of actors that every best split keeps
    on the same sides relative to each other, by trying every split (numpy, up to ~20 actors)."""
    k = len(nodes)
    index = {n: i for i, n in enumerate(nodes)}
    splits = (np.arange(1 << k)[:, None] >> np.arange(k)) & 1
    cost = np.zeros(len(splits), dtype=np.int64)
    for (u, v), w in pairs.items():
        apart = splits[:, index[u]] != splits[:, index[v]]
        cost += np.where(apart == (w > 0), abs(w), 0)
    best = splits[cost == cost.min()]
    classes: list[set[str]] = []
    for n in nodes:
        for c in classes:
            m = next(iter(c))
            if len(set((best[:, index[n]] ^ best[:, index[m]]).tolist())) == 1:
                c.add(n)
                break
        else:
            classes.append({n})
    return int(cost.min()), classes


def _random_signed(k: int, density: float, noise: float, seed: int) -> tuple[list[str], dict[tuple[str, str], int]]:
    """One connected signed map: two planted camps, `noise` of the signs flipped, weights 1 or 2."""
    rng = random.Random(seed)
    nodes = [f"n{i:02d}" for i in range(k)]
    camp = {n: rng.randrange(2) for n in nodes}
    g = nx.gnp_random_graph(k, density, seed=seed)
    g.add_edges_from(zip(range(k - 1), range(1, k), strict=True))  # connected
    pairs = {}
    for u, v in g.edges:
        a, b = nodes[u], nodes[v]
        sign = 1 if camp[a] == camp[b] else -1
        pairs[a, b] = (-sign if rng.random() < noise else sign) * rng.choice([1, 1, 2])
    return nodes, pairs


@pytest.mark.parametrize("seed", range(12))
def test_the_best_split_and_who_floats_are_those_of_every_split(seed: int) -> None:
    k = [12, 17, 18, 19][seed % 4]  # exhaustive in the solver, and past it (linear programming)
    nodes, pairs = _random_signed(k, [0.2, 0.35][seed % 2], [0.0, 0.15, 0.3, 0.5][seed % 4], seed)
    found = balance.split(nodes, pairs, time_limit=60)
    least, classes = _every_split(nodes, pairs)
    assert (found.broken, found.lower) == (least, least), found.method
    cost = sum(abs(w) for (u, v), w in pairs.items() if (found.side[u] != found.side[v]) == (w > 0))
    assert cost == found.broken
    # The core: the largest class, ties to the one holding the first actor.
    core = max(classes, key=lambda c: (len(c), -min(nodes.index(n) for n in c)))
    assert {n for n, s in found.status.items() if s == balance.FIXED} == core, found.method
    floating = {frozenset(n for n in nodes if found.group[n] == g) for g in {found.group[n] for n in nodes}}
    assert floating == {frozenset(c) for c in classes}


def test_branch_and_bound_finishes_what_the_relaxation_cannot() -> None:
    # Dense and random in sign: the relaxation stays fractional on some of these (the first,
    # with this solver; the others in case a change makes the relaxation stronger).
    methods = set()
    for seed in range(126, 166):
        nodes, pairs = _random_signed(17, 0.6, 0.5, seed)
        found = balance.split(nodes, pairs, time_limit=60)
        methods.update(found.method)
        if "branch and bound" in found.method:
            least, _ = _every_split(nodes, pairs)
            assert found.exact and found.broken == least
            break
    assert "branch and bound" in methods


def test_a_pair_naming_an_actor_not_among_the_nodes_is_refused() -> None:
    """Either end unknown is an error that names the pair, not a KeyError from deep inside."""
    for pair in (("a", "x"), ("x", "b")):
        with pytest.raises(ValueError, match=r"names an actor not in nodes"):
            balance.split(["a", "b"], {("a", "b"): 1, pair: -1})


def _held_solver(monkeypatch: pytest.MonkeyPatch, **options: float) -> list[Any]:
    """HiGHS' branch and bound run for real, but stopped early by `options` (a time limit of
    zero, a node limit): what a real time limit does on a large map, without a race against the
    clock. Returns the list its results are kept in."""
    import scipy.optimize

    real, results = scipy.optimize.milp, []

    def held(*args: Any, **kwargs: Any) -> Any:
        results.append(real(*args, **{**kwargs, "options": {**kwargs.get("options", {}), **options}}))
        return results[-1]

    monkeypatch.setattr(scipy.optimize, "milp", held)
    return results


def test_when_branch_and_bound_runs_out_of_time_the_answer_is_the_bound_so_far(monkeypatch: pytest.MonkeyPatch) -> None:
    """The relaxation of this block stays fractional (33.3), so branch and bound must finish the
    proof; stopped before it finds any split, the answer is the greedy split and the
    relaxation's bound, said to be both."""
    nodes, pairs = _random_signed(17, 0.6, 0.5, 126)
    least, _ = _every_split(nodes, pairs)
    results = _held_solver(monkeypatch, time_limit=0.0)
    found = balance.split(nodes, pairs, time_limit=60)
    assert results and results[0].x is None and results[0].status != 0, results  # stopped with nothing found
    assert found.method == ("bound",) and found.timed_out, found
    assert found.lower <= least <= found.broken and not found.exact, (least, found)
    cost = sum(abs(w) for (u, v), w in pairs.items() if (found.side[u] != found.side[v]) == (w > 0))
    assert cost == found.broken
    assert set(found.status.values()) == {balance.PROVISIONAL}


def test_branch_and_bound_stopped_early_still_proves_what_its_bound_proves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Held to its first node, HiGHS stops with a split and a bound of its own (its root cuts
    reach further than the relaxation's 57.3): the lower bound claimed is at least that bound,
    rounded up (here enough to prove the split it found best)."""
    nodes, pairs = _random_signed(18, 0.7, 0.5, 116)
    assert nx.is_biconnected(nx.Graph(list(pairs)))  # one block: the solver's objective is the block's
    hostile = sum(-w for w in pairs.values() if w < 0)  # the objective's constant, left out of the solver's
    least, _ = _every_split(nodes, pairs)
    results = _held_solver(monkeypatch, node_limit=1)
    found = balance.split(nodes, pairs, time_limit=60)
    stopped = [r for r in results if r.status != 0]
    assert stopped and math.isfinite(stopped[0].mip_dual_bound), results
    assert found.lower >= math.ceil(stopped[0].mip_dual_bound + hostile - 1e-6), (found, stopped[0])
    assert found.lower <= least <= found.broken, (least, found)


def test_a_focus_on_an_actor_whose_place_is_unsettled_keeps_its_place_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """With branch and bound given no time, the split is still proven best (by the relaxation)
    but whether some actors float is not settled; a focus on one of them keeps that actor's
    place and no other's."""
    nodes, pairs = _random_signed(17, 0.2, 0.2, 8)
    g = build_graph(dataset(nodes, [
        edge(u, "allied" if w > 0 else "rival", v) for (u, v), w in pairs.items() for _ in range(abs(w))
    ]))  # fmt: skip
    _held_solver(monkeypatch, time_limit=0.0)
    whole = analysis.analyze(g, time_limit=60).camps
    assert whole.frustration.exact and len(whole.unsettled) > 1, whole.frustration
    focus = whole.unsettled[0].actor
    narrowed = analysis.analyze(g, focus, time_limit=60).camps
    assert narrowed.unsettled == (whole.unsettled[0],), narrowed.unsettled


@pytest.mark.parametrize("seed", [11, 27])
def test_past_the_limits_a_cycle_of_four_through_the_broken_relation_counts(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Sparse maps whose one broken relation closes no triangle, only a cycle of four: the bound
    packs that cycle whichever of the path's actors has the more unbroken relations (seed 11
    walks the middle step from the middle actor's side, seed 27 from the far end's), and proves
    the split best."""
    nodes, pairs = _random_signed(17, 0.1, 0.05, seed)
    graph = nx.Graph(list(pairs))
    assert nx.is_biconnected(graph)  # one block of 17: past the exhaustive search
    least, _ = _every_split(nodes, pairs)
    monkeypatch.setattr(balance, "LP_LIMIT", 10)
    found = balance.split(nodes, pairs)
    assert found.method == ("bound",), found
    assert found.lower == found.broken == least == 1, (least, found)
    ((u, v),) = [(u, v) for (u, v), w in pairs.items() if (found.side[u] != found.side[v]) == (w > 0)]
    assert not set(graph[u]) & set(graph[v])  # no triangle through it: the cycle packed has four steps


def test_past_the_limits_the_answer_is_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    nodes, pairs = _random_signed(18, 0.4, 0.4, 7)
    least, _ = _every_split(nodes, pairs)
    monkeypatch.setattr(balance, "LP_LIMIT", 10)  # as a block of thousands of actors would be
    found = balance.split(nodes, pairs)
    assert found.lower <= least <= found.broken and found.method == ("bound",)
    assert set(found.status.values()) == {balance.PROVISIONAL}  # no placement is proven
    monkeypatch.undo()
    timed = balance.split(nodes, pairs, time_limit=0)
    assert timed.timed_out and timed.lower <= least <= timed.broken


def test_a_bound_says_so_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    from actorgraph.network.claims import EvidenceFilter
    from actorgraph.present.analysis import analysis_answer

    monkeypatch.setattr(balance, "LP_LIMIT", 10)
    g = _random_map(40, 200, 9)
    result = analysis.analyze(g)
    assert not result.camps.frustration.exact
    text = " ".join(analysis_answer(g, result, 10, EvidenceFilter()).text().split())
    assert f"no split breaks fewer than {result.camps.frustration.lower} (a bound, not exact" in text
    assert "best found, not proven" in text
    assert json.loads(analysis_answer(g, result, 10, EvidenceFilter()).render("json"))["frustration"]["exact"] is False


def _planted(n: int, m: int, seed: int) -> nx.MultiDiGraph:
    """A balanced map of two camps (every relation agrees with them), plus five actors each
    attacked by one member of each camp: the frustration is exactly five, those five float,
    and everyone else is placed."""
    rng = random.Random(seed)
    ids = [f"n{i:03d}" for i in range(n)]
    camp = {a: rng.randrange(2) for a in ids}
    seen: set[tuple[str, str]] = set()
    edges: list[Edge] = []
    for a, b in itertools.pairwise(ids):  # connected
        seen.add((a, b))
        edges.append(edge(a, "allied" if camp[a] == camp[b] else "rival", b))
    while len(edges) < m:
        a, b = sorted(rng.sample(ids, 2))
        if (a, b) not in seen:
            seen.add((a, b))
            edges.append(edge(a, "allied" if camp[a] == camp[b] else "rival", b))
    sides = [[a for a in ids if camp[a] == s] for s in (0, 1)]
    loners = [f"x{i}" for i in range(5)]
    for x in loners:
        edges += [edge(rng.choice(sides[0]), "attacked", x), edge(rng.choice(sides[1]), "attacked", x)]
    return build_graph(dataset(ids + loners, edges))


def test_a_map_of_three_hundred_actors_is_split_exactly() -> None:
    g = _planted(300, 900, 3)
    split = camps(g)
    assert split.frustration.exact and split.frustration.broken == 5, split.frustration
    assert sorted(u.actors for u in split.undetermined) == [(f"x{i}",) for i in range(5)]
    assert len(split.members) == 300 and all(m.proven for m in split.members.values())
    assert len(split.camps) == 2 and sum(map(len, split.camps)) == 300


def _stuck_ring() -> tuple[list[str], dict[tuple[str, str], int]]:
    """A block of 1,002 actors (past `LP_LIMIT`, so bounded, not solved): a ring of allies, two
    allies p and q (tied by a weight of 5) who are each the ally of r0000 and the enemy of r0001,
    r0002 and r0999, and one enemy chord r0500-r0502 across a ring triangle. Its frustration is 3:
    p and q opposite the ring break their two ties to r0000, the chord breaks; and three
    edge-disjoint unbalanced cycles (p-r0000-r0001, p-q-r0000-r0999, r0500-r0501-r0502) prove
    no split breaks less. Moving p or q alone breaks more, so a local search can stay at 7."""
    n = 1000
    ring = [f"r{i:04d}" for i in range(n)]
    pairs = {(ring[i], ring[(i + 1) % n]): 1 for i in range(n)}
    pairs |= {(ring[0], "p"): 1, (ring[0], "q"): 1, ("p", "q"): 5}
    pairs |= {(ring[r], x): -1 for x in ("p", "q") for r in (1, 2, n - 1)}
    pairs[ring[500], ring[502]] = -1
    return [*ring, "p", "q"], pairs


def test_a_block_too_large_to_solve_is_bounded_by_disjoint_unbalanced_cycles() -> None:
    """Past `LP_LIMIT` the lower bound packs short unbalanced cycles through the relations the
    split breaks, never using a relation's weight twice: here it reaches the true frustration
    (3) even though the split found breaks more, and one broken relation that closes no short
    cycle does not stop the packing of those after it. A bound that reused a relation would
    claim more than any split must break (and here prove the poor split best)."""
    nodes, pairs = _stuck_ring()
    found = balance.split(nodes, pairs)
    assert found.method == ("bound",) and not found.timed_out, found
    assert found.lower == 3, found
    cost = sum(abs(w) for (u, v), w in pairs.items() if (found.side[u] != found.side[v]) == (w > 0))
    assert cost == found.broken and found.broken > found.lower and not found.exact, found
    assert set(found.status.values()) == {balance.PROVISIONAL}


def test_with_no_time_left_a_large_block_claims_no_bound() -> None:
    """With no time at all the split found is still given, but no cycle is packed: the answer says
    it timed out and claims nothing beyond zero, rather than a bound it had no time to prove."""
    nodes, pairs = _stuck_ring()
    found = balance.split(nodes, pairs, time_limit=0)
    assert found.timed_out and found.method == ("bound",), found
    assert found.lower == 0 < found.broken, found


@pytest.mark.skipif(NETWORKX < (3, 6), reason="networkx 3.6 changed how a sampled estimate is scaled")
@pytest.mark.parametrize(("n", "k"), [(1, 1), (2, 2), (3, 3), (3, 2), (4, 1), (5, 2)])
def test_sampled_betweenness_on_tiny_maps_is_networkx_estimate(n: int, k: int) -> None:
    """At the edges of the formula too: maps of one or two actors (no one can be between), three
    (one possible target once endpoints are left out), and a single source (whose own value
    networkx leaves undefined)."""
    graph = nx.path_graph(n)
    ours, theirs = sampled_betweenness(graph, k), nx.betweenness_centrality(graph, k=k, seed=0)
    assert list(ours) == list(theirs)
    assert all(ours[v] == theirs[v] or (np.isnan(ours[v]) and np.isnan(theirs[v])) for v in graph), (ours, theirs)
    assert all(type(ours[v]) is float for v in graph)
