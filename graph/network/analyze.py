"""Signed-network analysis: who brokers, which camps the signs suggest, and shared enemies.

Relation types carry a sign (+1 cooperative, -1 hostile, 0 neutral) in the
data, so this module never names a relation type. Structural balance says a
network whose every cycle has an even number of hostile ties splits into two
camps, friendly inside and hostile across. Real networks are never perfectly
balanced, so we look for the split that breaks the fewest relations and
report the ones it breaks: those are where the story is.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import networkx as nx

from .records import Relation, actor, relations

EXACT_LIMIT = 16  # components up to this many actors get the best split by exhaustive search
BETWEENNESS_SAMPLE = 200  # above this many actors, betweenness is estimated from this many sources
BETWEENNESS_BATCH = 50  # sources searched at once by the sampled estimate (memory: actors x this, a few times)


@dataclass(frozen=True)
class Centrality:
    actor: str
    relations: int
    degree: float
    betweenness: float


@dataclass(frozen=True)
class Camps:
    camps: tuple[tuple[str, ...], ...]  # each camp's actors, most connected first
    unaligned: tuple[str, ...]  # actors with no cooperative or hostile relation
    breaking: tuple[Relation, ...]  # relations the split contradicts
    signed: int  # how many signed relations were considered
    focus: str | None = None  # the actor these are narrowed to, if any
    side: dict[str, int] = field(default_factory=dict)  # actor -> side; side // 2 is its component


@dataclass(frozen=True)
class SharedEnemy:
    a: str
    b: str
    enemies: tuple[str, ...]
    ties: tuple[Relation, ...]  # the hostile relations of a and b with those enemies
    cooperative: tuple[Relation, ...]  # relations already cooperative between a and b


@dataclass(frozen=True)
class Analysis:
    """Everything `analyze` reports, already narrowed to one actor when one was asked for.

    `weak` and `moved` say what the camps rest on: the members placed only by hedged or
    attributed claims (with the plainly stated, unattributed ones alone they have no camp), and
    those the stated claims alone would place on the other side. `weak_pairs` are the shared
    enemies that the stated claims alone do not show.
    """

    centrality: tuple[Centrality, ...]
    camps: Camps
    shared_enemies: Sequence[SharedEnemy]  # a SharedEnemies: each pair's record is built when read
    contested: int = 0  # pairs of actors that sources disagree about
    weak: frozenset[str] = frozenset()
    moved: frozenset[str] = frozenset()
    weak_pairs: frozenset[tuple[str, str]] = frozenset()


def analyze(g: nx.MultiDiGraph, focus: str | None = None, stated: nx.MultiDiGraph | None = None) -> Analysis:
    """Brokers, camps and shared enemies; with `focus`, only what concerns that actor (the camps
    are still computed on the whole network, since a camp is a property of all of it). With
    `stated` — the same map keeping only plainly stated, unattributed quotes — each finding
    also says whether it survives on those claims alone."""
    cent = [r for r in centrality(g) if focus is None or r.actor == focus]
    whole = camps(g)
    split = whole
    if focus is not None:
        split = Camps(
            tuple(c for c in whole.camps if focus in c),
            tuple(n for n in whole.unaligned if n == focus),
            tuple(t for t in whole.breaking if focus in (t.source.id, t.target.id)),
            sum(1 for t in _signed_ties(g) if focus in (t.source.id, t.target.id)),
            focus,
            whole.side,
        )
    enemies = shared_enemies(g, focus)
    contested = {(min(r.source.id, r.target.id), max(r.source.id, r.target.id)) for r in relations(g) if r.contested}
    weak: set[str] = set()
    moved: set[str] = set()
    weak_pairs: set[tuple[str, str]] = set()
    if stated is not None:
        strict = camps(stated)
        for member in whole.side:
            if member not in strict.side:
                weak.add(member)
            elif any(_contradicts(whole, strict, member, other) for other in whole.side if other in strict.side):
                moved.add(member)
        pairs = _shared_pairs(stated, focus)
        weak_pairs = {p for p in enemies.pairs() if p not in pairs}
    return Analysis(
        tuple(cent), split, enemies, len(contested), frozenset(weak), frozenset(moved), frozenset(weak_pairs)
    )


def _contradicts(whole: Camps, strict: Camps, a: str, b: str) -> bool:
    """Whether the stated claims put a and b on sides that contradict the full split: together
    where it parts them, or apart where it joins them (only within one connected group)."""
    if a == b or strict.side[a] // 2 != strict.side[b] // 2 or whole.side[a] // 2 != whole.side[b] // 2:
        return False
    return (whole.side[a] == whole.side[b]) != (strict.side[a] == strict.side[b])


def centrality(g: nx.MultiDiGraph) -> list[Centrality]:
    """Degree and betweenness on the undirected skeleton: one link per related pair."""
    skeleton = nx.Graph(g.to_undirected(as_view=True))
    degree = nx.degree_centrality(skeleton) if len(skeleton) > 1 else dict.fromkeys(skeleton, 0.0)
    # Exact betweenness costs O(actors x relations); past a few hundred actors estimate it from a
    # fixed sample of sources (seeded, so the same data gives the same numbers).
    if len(skeleton) > BETWEENNESS_SAMPLE:
        between = sampled_betweenness(skeleton, BETWEENNESS_SAMPLE, seed=0)
    else:
        between = nx.betweenness_centrality(skeleton)
    rows = [Centrality(n, g.degree(n), degree[n], between[n]) for n in g.nodes]
    rows.sort(key=lambda r: (-r.betweenness, -r.relations, actor(g, r.actor).name.casefold()))
    return rows


def sampled_betweenness(skeleton: nx.Graph, k: int, seed: int = 0) -> dict[Any, float]:
    """Betweenness estimated from `k` sources, as `nx.betweenness_centrality(skeleton, k=k,
    seed=seed)` estimates it in networkx 3.6 (the same sources and scaling, the same values to
    rounding), thirty times faster on 10,000 actors.

    Brandes' algorithm, run for many sources at once on a sparse adjacency matrix: each
    breadth-first level is one matrix product that counts shortest paths for all the sources,
    and the dependencies flow back level by level the same way. Memory is actors x
    BETWEENNESS_BATCH numbers, a few times over.

    Examples
    --------
    With every actor a source, the estimate is the exact value:

    >>> b = sampled_betweenness(nx.path_graph(5), 5)
    >>> [round(b[n], 3) for n in range(5)]
    [0.0, 0.5, 0.667, 0.5, 0.0]
    """
    import numpy as np
    import scipy.sparse as sp

    nodes = list(skeleton)
    n = len(nodes)
    sources = random.Random(seed).sample(nodes, k)  # what networkx's seed=0 draws
    index = {v: i for i, v in enumerate(nodes)}
    rows = np.fromiter((index[u] for u, v in skeleton.edges() if u != v), dtype=np.intp)
    cols = np.fromiter((index[v] for u, v in skeleton.edges() if u != v), dtype=np.intp)
    ones = np.ones(2 * len(rows))
    adjacency = sp.csr_matrix((ones, (np.concatenate([rows, cols]), np.concatenate([cols, rows]))), shape=(n, n))
    total = np.zeros(n)
    for start in range(0, k, BETWEENNESS_BATCH):
        batch = np.array([index[v] for v in sources[start : start + BETWEENNESS_BATCH]], dtype=np.intp)
        columns = np.arange(len(batch))
        sigma = np.zeros((n, len(batch)))
        sigma[batch, columns] = 1.0
        levels = [sigma > 0]  # who is at each distance, for each source
        seen = levels[0].copy()
        frontier = sigma.copy()
        while True:
            reached = adjacency @ frontier
            new = (reached > 0) & ~seen
            if not new.any():
                break
            sigma[new] = reached[new]
            seen |= new
            levels.append(new)
            frontier = np.where(new, reached, 0.0)
        delta = np.zeros_like(sigma)
        for depth in range(len(levels) - 1, 0, -1):
            at = levels[depth]
            coeff = np.where(at, (1.0 + delta) / np.where(at, sigma, 1.0), 0.0)
            delta += np.where(levels[depth - 1], sigma * (adjacency @ coeff), 0.0)
        delta[batch, columns] = 0.0  # a source is not between itself and others
        total += delta.sum(axis=1)
    others = n - 2  # nx: N = n - 1 possible targets (endpoints excluded), N - 1 in the scale
    if others < 1:
        return dict.fromkeys(nodes, 0.0)
    picked = np.zeros(n, dtype=bool)
    picked[[index[v] for v in sources]] = True
    scale = np.where(picked, 1.0 / ((k - 1) * others) if k > 1 else np.nan, 1.0 / (k * others))
    return dict(zip(nodes, (total * scale).tolist(), strict=True))


def _signed_ties(g: nx.MultiDiGraph) -> list[Relation]:
    return [rel for rel in relations(g) if rel.sign != 0]


def camps(g: nx.MultiDiGraph) -> Camps:
    ties = _signed_ties(g)
    pair_sign: dict[tuple[str, str], int] = defaultdict(int)
    for t in ties:
        pair_sign[_pair(t.source.id, t.target.id)] += t.sign
    skeleton = nx.Graph()
    skeleton.add_edges_from(_pair(t.source.id, t.target.id) for t in ties)
    side: dict[str, int] = {}
    for component in sorted(nx.connected_components(skeleton), key=lambda c: (-len(c), min(c))):
        nodes = sorted(component, key=lambda n: (-g.degree(n), n))
        sub = [(u, v, pair_sign[u, v]) for u, v in pair_sign if u in component]
        side.update(_best_split(nodes, sub, offset=2 * len(side)))
    groups: dict[int, list[str]] = defaultdict(list)
    for node in sorted(side, key=lambda n: (-g.degree(n), actor(g, n).name.casefold())):
        groups[side[node]].append(node)
    ordered = sorted(groups.values(), key=lambda members: (-len(members), members[0]))
    breaking = tuple(t for t in ties if (side[t.source.id] == side[t.target.id]) != (t.sign > 0))
    unaligned = tuple(sorted((n for n in g.nodes if n not in side), key=lambda n: actor(g, n).name.casefold()))
    return Camps(tuple(tuple(m) for m in ordered), unaligned, breaking, len(ties), side=side)


def _pair(u: str, v: str) -> tuple[str, str]:
    return (u, v) if u < v else (v, u)


def _best_split(nodes: list[str], pairs: list[tuple[str, str, int]], offset: int) -> dict[str, int]:
    """Two sides (offset, offset+1) for one component, minimising the weight of broken ties.

    Each pair counts by the sum of its signs, so two hostile relations between
    a pair outweigh one cooperative. Exhaustive for small components (the
    first node's side is fixed, so each split is tried once); greedy flipping
    from a spanning-tree colouring for large ones.
    """

    def cost(assign: dict[str, int]) -> int:
        return sum(abs(s) for u, v, s in pairs if s and (assign[u] == assign[v]) != (s > 0))

    if len(nodes) <= EXACT_LIMIT:
        best: dict[str, int] | None = None
        best_cost = -1
        for bits in itertools.product((0, 1), repeat=len(nodes) - 1):
            assign = dict(zip(nodes, (0, *bits), strict=True))
            c = cost(assign)
            if best is None or c < best_cost:
                best, best_cost = assign, c
        assert best is not None
    else:
        best = _greedy_split(nodes, pairs)
    return {n: offset + s for n, s in best.items()}


def _greedy_split(nodes: list[str], pairs: list[tuple[str, str, int]]) -> dict[str, int]:
    """Start from a spanning-tree colouring (satisfies every tree tie), then flip any actor whose
    move lowers the cost, until none does. Each flip is judged by its own ties only."""
    ties: dict[str, list[tuple[str, int]]] = {n: [] for n in nodes}
    tree = nx.Graph()
    tree.add_nodes_from(nodes)
    for u, v, sign in pairs:
        if sign:
            ties[u].append((v, sign))
            ties[v].append((u, sign))
            tree.add_edge(u, v, sign=sign)
    assign = {nodes[0]: 0}
    for u, v in nx.bfs_edges(tree, nodes[0]):
        assign[v] = assign[u] if tree[u][v]["sign"] > 0 else 1 - assign[u]
    for n in nodes:
        assign.setdefault(n, 0)

    def broken_by(n: str, side: int) -> int:
        return sum(abs(sign) for other, sign in ties[n] if (side == assign[other]) != (sign > 0))

    for _ in range(50):  # sweeps; each strictly lowers the cost, so this ends long before
        improved = False
        for n in nodes:
            if broken_by(n, 1 - assign[n]) < broken_by(n, assign[n]):
                assign[n] = 1 - assign[n]
                improved = True
        if not improved:
            break
    return assign


class SharedEnemies(Sequence[SharedEnemy]):
    """Pairs with a common enemy, in the order `analyze` reports them, each pair's record built
    only when it is read: a large map has hundreds of thousands of such pairs, and the
    command shows ten. Compares equal to any sequence of the same records."""

    def __init__(self, pairs: list[tuple[str, str]], make: Callable[[str, str], SharedEnemy]) -> None:
        self._pairs = pairs
        self._make = make

    def __len__(self) -> int:
        return len(self._pairs)

    @overload
    def __getitem__(self, index: int) -> SharedEnemy: ...
    @overload
    def __getitem__(self, index: slice) -> list[SharedEnemy]: ...
    def __getitem__(self, index: int | slice) -> SharedEnemy | list[SharedEnemy]:
        if isinstance(index, slice):
            return [self._make(a, b) for a, b in self._pairs[index]]
        return self._make(*self._pairs[index])

    def __iter__(self) -> Iterator[SharedEnemy]:
        return (self._make(a, b) for a, b in self._pairs)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(x == y for x, y in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<SharedEnemies: {len(self)} pairs>"

    def pairs(self) -> list[tuple[str, str]]:
        """Each pair's two actor ids, in order, without building the records."""
        return list(self._pairs)


def shared_enemies(g: nx.MultiDiGraph, focus: str | None = None) -> SharedEnemies:
    """Pairs with a common enemy and no hostile relation between them ("the enemy of my enemy"):
    those with the most common enemies first, then the most connected pairs (that is where a
    shared enemy changes the picture), then by name. Each pair is (a, b) with a first by name.

    Finding and ordering the pairs needs only how many enemies each pair shares, counted per
    enemy over pairs of integers; a pair's enemies and relations are gathered when its record
    is read.
    """
    hostile, between, nodes, rank = _enmities(g)
    shared = _shared_counts(hostile, rank, focus)
    name = {n: actor(g, n).name.casefold() for n in nodes}
    names = {n: i for i, n in enumerate(sorted(set(name.values())))}
    first_name = [names[name[n]] for n in nodes]
    degree = [g.degree(n) for n in nodes]
    # The order is (most shared enemies, most relations between the two, a's name, b's name, a, b),
    # packed into one integer per pair so that sorting compares integers, not tuples: ten times
    # faster on a few hundred thousand pairs. a and b are the last fields, read back below.
    bits = len(nodes).bit_length()
    most = max(shared.values(), default=0)
    widest = 2 * max(degree, default=0)
    keys = sorted(
        (((((most - c) << widest.bit_length() | widest - degree[a] - degree[b]) << bits | first_name[a]) << bits)
         | first_name[b]) << 2 * bits | a << bits | b
        for (a, b), c in shared.items()
    )  # fmt: skip
    mask = (1 << bits) - 1

    def make(a: str, b: str) -> SharedEnemy:
        common = sorted(hostile[a].keys() & hostile[b].keys(), key=rank.__getitem__)
        ties = tuple(t for e in common for t in (*hostile[a][e], *hostile[b][e]))
        friendly = tuple(t for t in between[_pair(a, b)] if t.sign > 0)
        return SharedEnemy(a, b, tuple(common), ties, friendly)

    return SharedEnemies([(nodes[k >> bits & mask], nodes[k & mask]) for k in keys], make)


Enmities = tuple[dict[str, dict[str, list[Relation]]], dict[tuple[str, str], list[Relation]], list[str], dict[str, int]]


def _enmities(g: nx.MultiDiGraph) -> Enmities:
    """Each actor's enemies with the hostile relations to each, the signed relations of each
    pair, and the actors in order of name (then id) with their place in that order."""
    hostile: dict[str, dict[str, list[Relation]]] = defaultdict(lambda: defaultdict(list))
    between: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for t in _signed_ties(g):
        u, v = t.source.id, t.target.id
        between[_pair(u, v)].append(t)
        if t.sign < 0:
            hostile[u][v].append(t)
            hostile[v][u].append(t)
    nodes = sorted(g.nodes, key=lambda n: (actor(g, n).name.casefold(), n))
    return hostile, between, nodes, {n: i for i, n in enumerate(nodes)}


def _shared_counts(
    hostile: dict[str, dict[str, list[Relation]]], rank: dict[str, int], focus: str | None
) -> Counter[tuple[int, int]]:
    """How many enemies each pair of actors (by rank, first < second) shares, for the pairs that
    share one and are not enemies themselves; with `focus`, only the pairs that include it.
    Candidates are pairs of one enemy's enemies: far fewer than all pairs in a large graph."""
    shared: Counter[tuple[int, int]] = Counter()
    if focus is None:
        for foes in hostile.values():
            shared.update(itertools.combinations(sorted(rank[f] for f in foes), 2))
    elif focus in hostile:
        mine = rank[focus]
        for enemy in hostile[focus]:
            shared.update((min(mine, rank[f]), max(mine, rank[f])) for f in hostile[enemy] if f != focus)
    enemies = {rank[n]: {rank[e] for e in foes} for n, foes in hostile.items()}
    for a, b in [p for p in shared if p[1] in enemies[p[0]]]:
        del shared[a, b]
    return shared


def _shared_pairs(g: nx.MultiDiGraph, focus: str | None) -> set[tuple[str, str]]:
    """The pairs `shared_enemies` gives, as ids, unordered and without their records."""
    hostile, _, nodes, rank = _enmities(g)
    return {(nodes[a], nodes[b]) for a, b in _shared_counts(hostile, rank, focus)}
