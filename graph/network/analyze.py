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
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from .records import Relation, actor, relations

EXACT_LIMIT = 16  # components up to this many actors get the best split by exhaustive search
BETWEENNESS_SAMPLE = 200  # above this many actors, betweenness is estimated from this many sources


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
    shared_enemies: tuple[SharedEnemy, ...]
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
    enemies = tuple(shared_enemies(g, focus))
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
        pairs = {(s.a, s.b) for s in shared_enemies(stated, focus)}
        weak_pairs = {(s.a, s.b) for s in enemies if (s.a, s.b) not in pairs}
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
    sample = BETWEENNESS_SAMPLE if len(skeleton) > BETWEENNESS_SAMPLE else None
    between = nx.betweenness_centrality(skeleton, k=sample, seed=0 if sample else None)
    rows = [Centrality(n, g.degree(n), degree[n], between[n]) for n in g.nodes]
    rows.sort(key=lambda r: (-r.betweenness, -r.relations, actor(g, r.actor).name.casefold()))
    return rows


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


def shared_enemies(g: nx.MultiDiGraph, focus: str | None = None) -> list[SharedEnemy]:
    """Pairs with a common enemy and no hostile relation between them ("the enemy of my enemy")."""
    hostile: dict[str, dict[str, list[Relation]]] = defaultdict(lambda: defaultdict(list))
    between: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for t in _signed_ties(g):
        u, v = t.source.id, t.target.id
        between[_pair(u, v)].append(t)
        if t.sign < 0:
            hostile[u][v].append(t)
            hostile[v][u].append(t)
    found = []
    name = {n: actor(g, n).name.casefold() for n in g.nodes}
    # Candidates are pairs of one enemy's enemies: far fewer than all pairs in a large graph.
    candidates: set[tuple[str, str]] = set()
    for enemy in hostile:
        foes = sorted(hostile[enemy], key=lambda n: (name[n], n))
        if focus is not None:
            if focus in hostile[enemy]:
                for foe in foes:
                    if foe != focus:
                        first, second = sorted((focus, foe), key=lambda n: (name[n], n))
                        candidates.add((first, second))
            continue
        candidates.update(itertools.combinations(foes, 2))
    for a, b in sorted(candidates, key=lambda p: (name[p[0]], name[p[1]], p)):
        if b in hostile[a]:
            continue
        common = sorted(set(hostile[a]) & set(hostile[b]), key=lambda n: name[n])
        ties = tuple(t for e in common for t in (*hostile[a][e], *hostile[b][e]))
        friendly = tuple(t for t in between[_pair(a, b)] if t.sign > 0)
        found.append(SharedEnemy(a, b, tuple(common), ties, friendly))
    # The most connected pairs first: that is where a shared enemy changes the picture.
    found.sort(key=lambda s: (-len(s.enemies), -(g.degree(s.a) + g.degree(s.b)), name[s.a]))
    return found
