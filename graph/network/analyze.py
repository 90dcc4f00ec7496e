"""Signed-network analysis: who is central and how, which camps the signs suggest and how surely,
and who shares an enemy.

Relation types carry a sign (+1 cooperative, -1 hostile, 0 neutral) in the data, so this module
never names a relation type. Structural balance says a network whose every cycle has an even
number of hostile ties splits into two camps, friendly inside and hostile across. Real networks
are never quite balanced, so `balance` looks for the split that breaks the fewest relations,
proves it best where it can (or gives bounds), and says which actors every best split places
the same way. Each conclusion here says what it rests on:

- a camp member is there by a cooperative relation with another member, or only as an enemy
  of the other camp's members (the enemy of my enemy), and is marked when only hedged or
  attributed claims place it;
- an actor that equally good splits place differently is undetermined, with what each choice
  breaks, never put in a camp by a tie-break;
- centrality comes as several figures, each named for what it measures: hostile relations
  make an actor "between" its enemies, so brokerage is measured over cooperative ones only;
- pairs with a common enemy are hypotheses, with whatever is (or is not) recorded between them.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import networkx as nx

from ..errors import UsageError
from . import balance
from .query import exists
from .records import Relation, actor, dataset, relations

BETWEENNESS_SAMPLE = 200  # above this many actors, betweenness is estimated from this many sources
BETWEENNESS_BATCH = 50  # sources searched at once by the sampled estimate (memory: actors x this, a few times)
TIME_LIMIT = balance.TIME_LIMIT  # seconds of processor time for one search of the best split

COOPERATIVE = "cooperative"  # a member with a cooperative relation to another member of its camp
ENMITY = "enmity"  # a member there only as an enemy of the other camp's members

FIGURES = ("relations", "degree", "betweenness", "brokerage")


@dataclass(frozen=True)
class Centrality:
    """How central an actor is, in four figures that measure different things."""

    actor: str
    relations: int  # relations it takes part in
    degree: float  # the share of the other actors it has any relation with
    betweenness: float  # how often it lies on shortest chains of relations of any sign between two others
    brokerage: float  # the same over cooperative relations only: how often it is the go-between
    # The figures above zero only through hedged or attributed claims: with the authors' own
    # plainly stated claims alone they are zero. Empty when no such comparison was made.
    hedged: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Frustration:
    """How many signed relations break the best split: exactly, or between two bounds."""

    broken: int  # the best split found breaks this many
    lower: int  # no split breaks fewer
    signed: int  # signed relations considered
    seconds: float = 0.0  # processor time the search took
    timed_out: bool = False  # the time limit cut the search short

    @property
    def exact(self) -> bool:
        return self.lower == self.broken


@dataclass(frozen=True)
class Member:
    """A camp member and what places it there."""

    actor: str
    camp: int  # index into Camps.camps
    basis: str  # COOPERATIVE or ENMITY
    proven: bool = True  # False: the best split found places it so, but that split is not proven best


@dataclass(frozen=True)
class Place:
    """Where a split puts an actor: in a camp, or opposite it (when no one is placed there yet:
    the camp's connected part has no second camp)."""

    actor: str
    camp: int  # index into Camps.camps
    opposite: bool = False


@dataclass(frozen=True)
class Option:
    """One way to place an undetermined group: each actor's place, and what that breaks."""

    camps: tuple[Place, ...]
    breaks: tuple[Relation, ...]  # relations with the camps' members that this placement breaks


@dataclass(frozen=True)
class Undetermined:
    """Actors that equally good splits place either way (they move together)."""

    actors: tuple[str, ...]
    options: tuple[Option, Option]


@dataclass(frozen=True)
class Camps:
    """The camps structural balance suggests, what places each member, and what the split breaks.

    Camps come in opposed pairs, one pair per connected part of the signed network (the second
    of a pair is empty when no one in the part is opposed); `pairs` gives each pair's indices.
    """

    camps: tuple[tuple[str, ...], ...]  # each camp's members, most connected first
    unaligned: tuple[str, ...]  # actors with no cooperative or hostile relation
    breaking: tuple[Relation, ...]  # relations every best split breaks (the best split found, if not proven)
    signed: int  # how many signed relations were considered
    focus: str | None = None  # the actor these are narrowed to, if any
    members: dict[str, Member] = field(default_factory=dict)
    undetermined: tuple[Undetermined, ...] = ()
    unsettled: tuple[Place, ...] = ()  # where the best split found puts them: not settled in time
    undecided: tuple[Relation, ...] = ()  # relations among undetermined actors: whether they break depends on both
    frustration: Frustration = Frustration(0, 0, 0)
    pairs: tuple[tuple[int, ...], ...] = ()  # the camps of each connected part
    # Each camp's members grouped by the cooperative relations among them: a camp of several
    # blocs is held together only by shared enemies.
    blocs: tuple[tuple[tuple[str, ...], ...], ...] = ()


@dataclass(frozen=True)
class SharedEnemy:
    """Two actors with a common enemy and no hostile relation between them: a hypothesis."""

    a: str
    b: str
    enemies: tuple[str, ...]
    ties: tuple[Relation, ...]  # the hostile relations of a and b with those enemies
    cooperative: tuple[Relation, ...]  # relations already cooperative between a and b
    neutral: tuple[Relation, ...] = ()  # relations of neither sign between them (talks, a truce)


@dataclass(frozen=True)
class Analysis:
    """Everything `analyze` reports, already narrowed to one actor when one was asked for.

    `weak` and `moved` say what the camps rest on: the members placed only by hedged or
    attributed claims (with the plainly stated, unattributed ones alone they have no camp), and
    those the stated claims alone would place apart from most of their camp. `stated_basis`
    gives, for members the stated claims place, what places them there on those claims alone.
    `weak_pairs` are the shared enemies that the stated claims alone do not show.
    """

    centrality: tuple[Centrality, ...]
    camps: Camps
    shared_enemies: SharedEnemies  # each pair's record is built when read
    contested: int = 0  # pairs of actors that sources disagree about
    weak: frozenset[str] = frozenset()
    moved: frozenset[str] = frozenset()
    weak_pairs: frozenset[tuple[str, str]] = frozenset()
    stated_basis: dict[str, str] = field(default_factory=dict)
    compared: bool = False  # whether the stated claims were compared (the fields above mean something)
    as_of: int | None = None  # the year the map was narrowed to
    left_out: tuple[int, int] = (0, 0)  # (relations, actors) left out as not in force or not existing that year


def analyze(
    g: nx.MultiDiGraph,
    focus: str | None = None,
    stated: nx.MultiDiGraph | None = None,
    as_of: int | None = None,
    *,
    time_limit: float = TIME_LIMIT,
) -> Analysis:
    """Centrality, camps and shared enemies; with `focus`, only what concerns that actor (the
    camps are still computed on the whole network, since a camp is a property of all of it).
    With `stated` — the same map keeping only plainly stated, unattributed quotes — each finding
    also says whether it survives on those claims alone. With `as_of`, only the relations in
    force that year (undated ones count) among the actors that existed then.
    """
    left_out = (0, 0)
    if as_of is not None:
        before = (g.number_of_edges(), g.number_of_nodes())
        if focus is not None and not exists(actor(g, focus), as_of):
            who = actor(g, focus)
            when = ", ".join(f"{k} {v}" for k, v in (("founded", who.founded), ("dissolved", who.dissolved)) if v)
            raise UsageError(f"{who.name} did not exist in {as_of} ({when}): nothing to analyze for it that year")
        g = in_year(g, as_of)
        left_out = (before[0] - g.number_of_edges(), before[1] - g.number_of_nodes())
        stated = in_year(stated, as_of) if stated is not None else None
    whole = camps(g, time_limit=time_limit)
    split = whole if focus is None else _narrow(g, whole, focus)
    enemies = shared_enemies(g, focus)
    contested = {_pair(u, v) for u, v, r in g.edges(data="relation") if r.contested}
    cent = centrality(g, stated)
    cent = [r for r in cent if focus is None or r.actor == focus]
    weak: set[str] = set()
    moved: set[str] = set()
    weak_pairs: set[tuple[str, str]] = set()
    basis: dict[str, str] = {}
    if stated is not None:
        strict = camps(stated, time_limit=time_limit)
        weak = {m for m in whole.members if m not in strict.members}
        moved = _moved(whole, strict)
        basis = {m: strict.members[m].basis for m in whole.members if m in strict.members}
        pairs = _shared_pairs(stated, focus)
        weak_pairs = {p for p in enemies.pairs() if p not in pairs}
    return Analysis(
        tuple(cent),
        split,
        enemies,
        len(contested),
        frozenset(weak),
        frozenset(moved),
        frozenset(weak_pairs),
        basis,
        stated is not None,
        as_of,
        left_out,
    )


def in_year(g: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """The map as it stood in `year`: the actors that existed then (from their founding to
    their dissolution, where known) and the relations in force (undated ones count)."""
    from .build import build_graph
    from .query import Filters, narrowed

    h = narrowed(g, Filters(as_of=year))
    data = dataset(h)
    existing = tuple(a for a in data.actors if exists(a, year))
    if len(existing) == len(data.actors):
        return h
    return build_graph(dataclasses.replace(data, actors=existing))


def _narrow(g: nx.MultiDiGraph, whole: Camps, focus: str) -> Camps:
    """The camps of the part of the network the actor is in, and what of it concerns the actor."""
    pair = next((p for p in whole.pairs if any(focus in whole.camps[c] for c in p)), None)
    floating = tuple(u for u in whole.undetermined if focus in u.actors)
    if pair is None and floating:
        camps_of = {p.camp for u in floating for o in u.options for p in o.camps}
        pair = next((p for p in whole.pairs if camps_of & set(p)), None)
    keep = set(pair or ())

    def mine(rels: Iterable[Relation]) -> tuple[Relation, ...]:
        return tuple(t for t in rels if focus in (t.source.id, t.target.id))

    return dataclasses.replace(
        whole,
        unaligned=tuple(n for n in whole.unaligned if n == focus),
        breaking=mine(whole.breaking),
        signed=sum(1 for t in _signed_ties(g) if focus in (t.source.id, t.target.id)),
        focus=focus,
        members={m: v for m, v in whole.members.items() if v.camp in keep},
        undetermined=floating,
        unsettled=tuple(u for u in whole.unsettled if u.actor == focus),
        undecided=mine(whole.undecided),
        pairs=(pair,) if pair else (),
    )


def _moved(whole: Camps, strict: Camps) -> set[str]:
    """Members whom the stated claims alone put on the other side from most of those that share
    their camp pair both ways (within one connected part in each)."""
    where_whole = {m: (p, c == pair[0]) for p, pair in enumerate(whole.pairs) for c in pair for m in whole.camps[c]}
    where_strict = {m: (p, c == pair[0]) for p, pair in enumerate(strict.pairs) for c in pair for m in strict.camps[c]}
    groups: dict[tuple[int, int], list[tuple[str, bool]]] = defaultdict(list)
    for m, (p, first) in where_whole.items():
        if m in where_strict:
            q, also = where_strict[m]
            groups[p, q].append((m, first != also))
    moved: set[str] = set()
    for members in groups.values():
        flips = Counter(f for _, f in members)
        if len(flips) < 2:
            continue
        usual = max(flips, key=lambda f: (flips[f], f == members[0][1]))  # ties: the first member's way
        moved.update(m for m, f in members if f != usual)
    return moved


def centrality(g: nx.MultiDiGraph, stated: nx.MultiDiGraph | None = None) -> list[Centrality]:
    """Four figures per actor, on the undirected skeleton (one link per related pair): its
    relations, its degree, its betweenness over relations of any sign, and its brokerage
    (betweenness over cooperative relations only). With `stated`, each figure that is above
    zero only through hedged or attributed claims is named in `hedged`. Sorted by brokerage,
    then betweenness, then relations."""
    figures = _figures(g)
    plain = _figures(stated) if stated is not None else None
    rows = []
    for n in g.nodes:
        rel, deg, between, broker = figures[n]
        hedged: frozenset[str] = frozenset()
        if plain is not None:
            base = plain.get(n, (0, 0.0, 0.0, 0.0))
            hedged = frozenset(
                name for name, value, alone in zip(FIGURES, figures[n], base, strict=True) if value > 0 and alone == 0
            )
        rows.append(Centrality(n, rel, deg, between, broker, hedged))
    rows.sort(key=lambda r: (-r.brokerage, -r.betweenness, -r.relations, actor(g, r.actor).name.casefold()))
    return rows


def _figures(g: nx.MultiDiGraph) -> dict[str, tuple[int, float, float, float]]:
    skeleton = nx.Graph()
    skeleton.add_nodes_from(g.nodes)
    skeleton.add_edges_from((u, v) for u, v in g.edges() if u != v)
    cooperative = nx.Graph()
    cooperative.add_nodes_from(g.nodes)
    cooperative.add_edges_from((u, v) for u, v, r in g.edges(data="relation") if r.sign > 0 and u != v)
    scale = 1 / (len(skeleton) - 1) if len(skeleton) > 1 else 0.0
    between = _betweenness(skeleton)
    broker = _betweenness(cooperative)
    count = dict(g.degree())
    return {n: (count[n], len(skeleton[n]) * scale, between[n], broker[n]) for n in g.nodes}


def _betweenness(skeleton: nx.Graph) -> dict[Any, float]:
    # Exact betweenness costs O(actors x relations); past a few hundred actors estimate it from a
    # fixed sample of sources (seeded, so the same data gives the same numbers).
    if len(skeleton) > BETWEENNESS_SAMPLE:
        return sampled_betweenness(skeleton, BETWEENNESS_SAMPLE, seed=0)
    return nx.betweenness_centrality(skeleton)  # type: ignore[no-any-return]


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


def camps(g: nx.MultiDiGraph, *, time_limit: float = TIME_LIMIT) -> Camps:
    """The best split of the signed network into camps (see `balance`), with what places each
    member, the actors equally good splits place differently, and the relations it breaks.

    Each pair of actors counts by its cooperative relations minus its hostile ones, so two
    hostile relations between a pair outweigh one cooperative; a pair with as many of each
    loses one side's relations whichever way, and constrains nothing.
    """
    ties = _signed_ties(g)
    kinds: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for t in ties:
        kinds[_pair(t.source.id, t.target.id)][t.sign < 0] += 1
    names = {n: actor(g, n).name.casefold() for n in g.nodes}
    count = dict(g.degree())
    order = sorted({n for pair in kinds for n in pair}, key=lambda n: (-count[n], names[n], n))
    rank = {n: i for i, n in enumerate(order)}
    found = balance.split(order, {p: c - h for p, (c, h) in kinds.items()}, time_limit)
    settled = sum(min(c, h) for c, h in kinds.values())  # broken whichever way

    parts: dict[int, list[str]] = defaultdict(list)
    for n in order:
        parts[found.part[n]].append(n)
    core = {n for n, s in found.status.items() if s in (balance.FIXED, balance.PROVISIONAL)}
    # Each part's two camps: the core's sides, the larger first (ties: the most connected's).
    sides = []
    for part_members in parts.values():
        halves = [[n for n in part_members if n in core and found.side[n] == s] for s in (0, 1)]
        halves.sort(key=lambda h: (-len(h), rank[h[0]] if h else len(order)))
        sides.append(halves)
    sides.sort(key=lambda h: (-(len(h[0]) + len(h[1])), rank[h[0][0]] if h[0] else len(order)))
    camp_list: list[tuple[str, ...]] = []
    pairs: list[tuple[int, ...]] = []
    camp_of: dict[str, int] = {}
    side_camp: dict[tuple[int, int], int] = {}  # (part, side) -> camp
    for halves in sides:
        numbers = []
        for half in halves:
            if not half:
                continue
            numbers.append(len(camp_list))
            side_camp[found.part[half[0]], found.side[half[0]]] = len(camp_list)
            camp_list.append(tuple(half))
            camp_of.update(dict.fromkeys(half, numbers[-1]))
        pairs.append(tuple(numbers))
    blocs = tuple(_blocs(camp, kinds) for camp in camp_list)
    bloc_size = {m: len(b) for camp in blocs for b in camp for m in b}
    members = {
        m: Member(m, c, COOPERATIVE if bloc_size[m] > 1 else ENMITY, found.status[m] == balance.FIXED)
        for m, c in camp_of.items()
    }

    def apart(t: Relation, flip: frozenset[str] = frozenset()) -> bool:
        u, v = t.source.id, t.target.id
        return (found.side[u] ^ (u in flip)) != (found.side[v] ^ (v in flip))

    def breaks(t: Relation, flip: frozenset[str] = frozenset()) -> bool:
        return apart(t, flip) == (t.sign > 0)

    groups: dict[int, list[str]] = defaultdict(list)
    for n in order:
        if n not in core:
            groups[found.group[n]].append(n)
    touching: dict[str, list[Relation]] = defaultdict(list)
    for t in ties:
        touching[t.source.id].append(t)
        touching[t.target.id].append(t)

    def place(n: str, side: int) -> Place:
        if (found.part[n], side) in side_camp:
            return Place(n, side_camp[found.part[n], side])
        return Place(n, side_camp[found.part[n], 1 - side], opposite=True)

    undetermined = []
    unsettled: list[Place] = []
    for group in groups.values():
        if found.status[group[0]] == balance.UNSETTLED:
            unsettled += [place(n, found.side[n]) for n in group]
            continue
        with_core = [t for n in group for t in touching[n] if {t.source.id, t.target.id} & core]
        options = []
        for flip in (frozenset(), frozenset(group)):
            placed = tuple(place(n, found.side[n] ^ (n in flip)) for n in group)
            options.append(Option(placed, tuple(t for t in with_core if breaks(t, flip))))
        options.sort(key=lambda o: [(p.camp, p.opposite) for p in o.camps])
        undetermined.append(Undetermined(tuple(group), (options[0], options[1])))
    loose = {p.actor for p in unsettled}
    breaking = []
    undecided = []
    for t in ties:
        u, v = t.source.id, t.target.id
        if (u in core) != (v in core):
            if u in loose or v in loose:
                undecided.append(t)
            continue  # in an undetermined group's options
        if u in core or (found.group[u] == found.group[v] and u not in loose and v not in loose):
            if breaks(t):
                breaking.append(t)
        else:
            undecided.append(t)
    unaligned = tuple(sorted((n for n in g.nodes if n not in found.side), key=lambda n: names[n]))
    return Camps(
        tuple(camp_list),
        unaligned,
        tuple(breaking),
        len(ties),
        None,
        members,
        tuple(undetermined),
        tuple(unsettled),
        tuple(undecided),
        Frustration(found.broken + settled, found.lower + settled, len(ties), found.seconds, found.timed_out),
        tuple(pairs),
        blocs,
    )


def _blocs(members: Sequence[str], kinds: dict[tuple[str, str], list[int]]) -> tuple[tuple[str, ...], ...]:
    """The camp's members grouped by the cooperative relations among them (pairs with more
    cooperative relations than hostile), largest first."""
    bond = nx.Graph()
    bond.add_nodes_from(members)
    bond.add_edges_from(p for p, (c, h) in kinds.items() if c > h and p[0] in bond and p[1] in bond)
    place = {m: i for i, m in enumerate(members)}
    found = [sorted(c, key=place.__getitem__) for c in nx.connected_components(bond)]
    return tuple(tuple(b) for b in sorted(found, key=lambda b: (-len(b), place[b[0]])))


def _pair(u: str, v: str) -> tuple[str, str]:
    return (u, v) if u < v else (v, u)


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
    count = dict(g.degree())
    degree = [count[n] for n in nodes]
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
        recorded = between.get(_pair(a, b), [])
        friendly = tuple(t for t in recorded if t.sign > 0)
        return SharedEnemy(a, b, tuple(common), ties, friendly, tuple(t for t in recorded if t.sign == 0))

    return SharedEnemies([(nodes[k >> bits & mask], nodes[k & mask]) for k in keys], make)


Enmities = tuple[dict[str, dict[str, list[Relation]]], dict[tuple[str, str], list[Relation]], list[str], dict[str, int]]


def _enmities(g: nx.MultiDiGraph) -> Enmities:
    """Each actor's enemies with the hostile relations to each, the relations of each pair,
    and the actors in order of name (then id) with their place in that order."""
    hostile: dict[str, dict[str, list[Relation]]] = defaultdict(lambda: defaultdict(list))
    between: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for t in relations(g):
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
