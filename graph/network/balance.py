"""The best split of a signed network into two camps, proven best where it can be, and which
actors every best split places the same way.

Structural balance says a network whose every cycle has an even number of hostile ties splits
into two camps, friendly inside and hostile across. Real networks never quite do: the least
weight of relations that any split must break is the network's frustration (the line index of
balance). Finding it is NP-hard (max-cut in disguise), so this module says how sure it is of
each answer rather than handing back a split as if it were the only one:

- Blocks. A network falls apart at its cut vertices into blocks (biconnected components). Any
  best split of each block, turned to agree at the actors blocks share, is a best split of the
  whole, and the frustration is the sum over blocks. Most blocks of a real map are one pair.
- Blocks of up to `EXHAUSTIVE` actors are searched exhaustively: every split at once, in numpy.
- Larger blocks, up to `LP_LIMIT` actors, by linear programming over the cycle inequalities of
  the cut polytope (Barahona and Mahjoub), separated by shortest paths in a doubled graph. On a
  map whose camps are real the relaxation is usually integral, and the split it gives is proven
  best. When it is not, HiGHS' branch and bound (scipy's `milp`) works on, within the time left.
- Past `LP_LIMIT` actors, or when time runs out, the answer is a bound: the best split found
  breaks `broken`, and no split breaks less than `lower` (edge-disjoint unbalanced cycles, each
  of which loses at least one relation whatever the split, or the relaxation's value).

Two actors are *bound* when every best split puts them on the same sides relative to each
other. Being bound is an equivalence, and it composes across blocks through the shared actors,
so each block's classes are found on their own: exhaustively, or from the relaxation's reduced
costs (a fixed actor whose reduced cost is positive cannot move without breaking more) with an
explicit test of moving it where those prove nothing. The largest class of each connected part
is its core, whose two sides are the camps; actors outside it float: an equally good split
places them the other way.
"""

from __future__ import annotations

import itertools
import math
import time
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

EXHAUSTIVE = 16  # blocks up to this many actors: every split tried (2^15 at most, vectorised)
LP_LIMIT = 1000  # blocks up to this many actors: linear programming, then branch and bound
TIME_LIMIT = 10.0  # seconds of processor time for one split of a whole map; past it, bounds
PACKING_SECONDS = 1.0  # at most this long packing cycles for a lower bound, per block too large to solve
TOLERANCE = 1e-6

# What an actor's placement rests on, in `Split.status`:
FIXED = "fixed"  # every best split puts it on this side of its part's core
PROVISIONAL = "provisional"  # the best split found does; not proven best (a bound)
FLOATING = "floating"  # equally good splits put it on either side (proven)
UNSETTLED = "unsettled"  # the split is proven best, but whether it floats was not settled in time

Pairs = Mapping[tuple[str, str], int]  # (u, v) -> net weight: cooperative relations minus hostile ones


@dataclass(frozen=True)
class Split:
    """The best split found of a signed network, and how far it is proven."""

    side: dict[str, int]  # 0 or 1 in the best split found; each part's most connected actor on 0
    part: dict[str, int]  # which connected part (over every signed pair) each actor is in
    group: dict[str, int]  # actors with one group move together; each part's core is its group
    status: dict[str, str]  # FIXED, PROVISIONAL, FLOATING or UNSETTLED
    broken: int  # the weight the split breaks
    lower: int  # the weight every split breaks at least; equal to `broken` when proven best
    seconds: float = 0.0  # time spent
    timed_out: bool = False  # the time limit cut the search short
    method: tuple[str, ...] = field(default=())  # how the blocks were solved, for the record

    @property
    def exact(self) -> bool:
        return self.lower == self.broken


def split(nodes: Sequence[str], pairs: Pairs, time_limit: float = TIME_LIMIT) -> Split:
    """The best split of the actors `nodes` (most connected first: each part's core is chosen,
    among classes of one size, as the one holding the earliest actor) under `pairs`.

    Examples
    --------
    A triangle of enemies cannot be balanced: one relation breaks, whichever; the actor
    that is alone in its camp is any of the three, so all of them float but the first:

    >>> s = split(["a", "b", "c"], {("a", "b"): -1, ("a", "c"): -1, ("b", "c"): -1})
    >>> s.broken, s.lower, s.status["a"], s.status["b"]
    (1, 1, 'fixed', 'floating')

    A friend's friend is bound to it, and their common enemy to the other side:

    >>> s = split(["a", "b", "c", "d"], {("a", "b"): 1, ("b", "c"): 1, ("c", "d"): -1})
    >>> [s.side[n] for n in "abcd"], s.status["d"], s.exact
    ([0, 0, 0, 1], 'fixed', True)
    """
    start = time.process_time()
    deadline = start + time_limit
    order = {n: i for i, n in enumerate(nodes)}
    for pair in pairs:
        if pair[0] not in order or pair[1] not in order:
            raise ValueError(f"pair {pair} names an actor not in nodes")
    everything = nx.Graph()
    everything.add_nodes_from(nodes)
    everything.add_edges_from(pairs)
    signed = nx.Graph()
    signed.add_nodes_from(nodes)
    signed.add_edges_from((u, v, {"w": w}) for (u, v), w in pairs.items() if w)

    side: dict[str, int] = {}
    part: dict[str, int] = {}
    proven = _UnionFind()  # bound actors, proven
    joined = _UnionFind()  # bound, or provisionally so (blocks not solved exactly)
    unsettled: set[str] = set()
    provisional: set[str] = set()
    broken = lower = 0
    timed_out = False
    methods: list[str] = []
    for index, component in enumerate(
        sorted(nx.connected_components(everything), key=lambda c: min(order[n] for n in c))
    ):
        for n in component:
            part[n] = index
            proven.add(n)
            joined.add(n)
        for piece in sorted(
            nx.connected_components(signed.subgraph(component)), key=lambda c: min(order[n] for n in c)
        ):
            blocks = sorted(
                (sorted(b, key=order.__getitem__) for b in nx.biconnected_components(signed.subgraph(piece))),
                key=lambda b: order[b[0]],
            )
            solved: list[tuple[list[str], list[int]]] = []
            for members in blocks:
                index_of = {n: i for i, n in enumerate(members)}
                edges = [(index_of[u], index_of[v], signed[u][v]["w"]) for u, v in signed.subgraph(members).edges]
                result = _solve_block(len(members), edges, deadline)
                timed_out |= result.timed_out
                methods.append(result.method)
                broken += result.broken
                lower += result.lower
                solved.append((members, result.side))
                if result.exact:
                    for i, n in enumerate(members):
                        if result.classes[i] < 0:
                            unsettled.add(n)
                    for cls in set(result.classes) - {-1}:
                        bound = [n for i, n in enumerate(members) if result.classes[i] == cls]
                        for n in bound[1:]:
                            proven.union(bound[0], n)
                            joined.union(bound[0], n)
                else:
                    provisional.update(members)
                    for n in members[1:]:
                        joined.union(members[0], n)
            side.update(_glue(min(piece, key=order.__getitem__), solved))
    # Each part's core: its largest group (ties: the one with the earliest actor).
    status: dict[str, str] = {}
    group: dict[str, int] = {}
    roots = {n: joined.find(n) for n in nodes}
    ids = {r: i for i, r in enumerate(dict.fromkeys(roots[n] for n in nodes))}
    by_part: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for n in nodes:
        by_part[part[n]][roots[n]].append(n)
    for groups in by_part.values():
        core_root = max(groups, key=lambda r: (len(groups[r]), -order[groups[r][0]]))
        core = groups[core_root]
        # The part of the core proven bound: the largest proven class inside it.
        classes: dict[str, list[str]] = defaultdict(list)
        for n in core:
            classes[proven.find(n)].append(n)
        sure = max(classes.values(), key=lambda c: (len(c), -order[c[0]]))
        for root, members in groups.items():
            shaky = any(n in unsettled for n in members)
            for n in members:
                group[n] = ids[root]
                if root == core_root:
                    status[n] = FIXED if n in sure and n not in provisional else PROVISIONAL
                else:
                    status[n] = UNSETTLED if shaky else FLOATING
    # Provisional blocks leave their actors' group unproven; an unsettled core actor likewise.
    for n in nodes:
        if status[n] == FIXED and n in unsettled:
            status[n] = UNSETTLED
    return Split(
        side, part, group, status, broken, lower, time.process_time() - start, timed_out, tuple(dict.fromkeys(methods))
    )


def _glue(first: str, solved: list[tuple[list[str], list[int]]]) -> dict[str, int]:
    """One side for every actor of a connected piece from its blocks' own splits, each block
    turned to agree with the others at the actor they share (the block-cut tree has no cycle,
    so this never conflicts)."""
    holding: dict[str, list[int]] = defaultdict(list)
    for b, (members, _) in enumerate(solved):
        for n in members:
            holding[n].append(b)
    side = {first: 0}
    done: set[int] = set()
    queue = [first]
    while queue:
        n = queue.pop()
        for b in holding[n]:
            if b in done:
                continue
            done.add(b)
            members, sides = solved[b]
            flip = sides[members.index(n)] ^ side[n]
            for m, s in zip(members, sides, strict=True):
                if m not in side:
                    side[m] = s ^ flip
                    queue.append(m)
    return side


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def add(self, x: Hashable) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: Any) -> Any:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


# --- one block ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    side: list[int]  # 0/1 per actor, actor 0 on 0
    broken: int
    lower: int
    classes: list[int]  # per actor: its class (bound actors share one), -1 not settled; all 0 when not exact
    method: str
    timed_out: bool = False

    @property
    def exact(self) -> bool:
        return self.broken == self.lower


Edges = list[tuple[int, int, int]]  # (i, j, signed weight), i != j, one per pair


def _solve_block(k: int, edges: Edges, deadline: float) -> _Block:
    if k <= EXHAUSTIVE:
        return _exhaustive(k, edges)
    if k <= LP_LIMIT and time.process_time() < deadline:
        return _Relaxation(k, edges).solve(deadline)
    side = _greedy(k, edges)
    cost = _cost(side, edges)
    lower = _packing_bound(k, edges, side, deadline)
    return _Block(side, cost, lower, [0] * k, "bound", time.process_time() >= deadline)


def _cost(side: Sequence[int], edges: Edges) -> int:
    return sum(abs(w) for i, j, w in edges if (side[i] != side[j]) == (w > 0))


def _exhaustive(k: int, edges: Edges) -> _Block:
    """Every split with actor 0 on side 0, at once; the classes from all the best ones: two actors
    are bound when their sides differ, or agree, in every best split."""
    import numpy as np

    rows = np.arange(1 << (k - 1), dtype=np.int64)
    splits = np.zeros((len(rows), k), dtype=np.int8)
    splits[:, 1:] = (rows[:, None] >> np.arange(k - 1)) & 1
    i = np.array([e[0] for e in edges], dtype=np.intp)
    j = np.array([e[1] for e in edges], dtype=np.intp)
    w = np.array([e[2] for e in edges], dtype=np.int64)
    broken = (splits[:, i] != splits[:, j]) == (w > 0)
    cost = broken.astype(np.int64) @ np.abs(w)
    best = int(cost.min())
    optima = splits[cost == best]
    pattern = optima ^ optima[0]  # an actor's column: where it sits relative to the first best split
    seen: dict[bytes, int] = {}
    classes = [seen.setdefault(pattern[:, c].tobytes(), len(seen)) for c in range(k)]
    return _Block([int(s) for s in optima[0]], best, best, classes, "exhaustive")


def _greedy(k: int, edges: Edges) -> list[int]:
    """A good split, fast: a spanning tree's colouring (which keeps every tree relation), then
    moving any actor whose move breaks less, until none does."""
    ties: list[list[tuple[int, int]]] = [[] for _ in range(k)]
    for i, j, w in edges:
        ties[i].append((j, w))
        ties[j].append((i, w))
    side = [-1] * k
    for root in range(k):
        if side[root] >= 0:
            continue
        side[root] = 0
        queue = [root]
        for n in queue:
            for m, w in ties[n]:
                if side[m] < 0:
                    side[m] = side[n] if w > 0 else 1 - side[n]
                    queue.append(m)

    def broken_by(n: int, s: int) -> int:
        return sum(abs(w) for m, w in ties[n] if (s != side[m]) == (w > 0))

    for _ in range(50):  # sweeps; each move lowers the cost, so this ends long before
        moved = False
        for n in range(k):
            if broken_by(n, 1 - side[n]) < broken_by(n, side[n]):
                side[n] = 1 - side[n]
                moved = True
        if not moved:
            break
    if side[0]:
        side = [1 - s for s in side]
    return side


def _packing_bound(k: int, edges: Edges, side: Sequence[int], deadline: float) -> int:
    """A lower bound: unbalanced cycles packed so that no relation's weight is used twice. Each
    relation the split breaks closes, with two or three unbroken relations, a cycle holding one
    broken relation: an unbalanced cycle, which loses at least one relation whatever the split.
    Short cycles only, and at most `PACKING_SECONDS` of it: the bound stays a bound, only looser."""
    stop = min(deadline, time.process_time() + PACKING_SECONDS)
    left = [abs(w) for _, _, w in edges]
    kept: list[dict[int, int]] = [{} for _ in range(k)]  # actor -> neighbour -> relation, unbroken, weight left
    broken = []
    for e, (i, j, w) in enumerate(edges):
        if (side[i] != side[j]) == (w > 0):
            broken.append(e)
        else:
            kept[i][j] = e
            kept[j][i] = e
    total = 0
    for count, e in enumerate(broken):
        if count % 64 == 0 and time.process_time() > stop:
            break
        i, j, _ = edges[e]
        path = _short_path(kept, i, j)
        if path is None:
            continue
        amount = min(left[e], *(left[p] for p in path))
        total += amount
        for p in (e, *path):
            left[p] -= amount
            if left[p] == 0 and p != e:
                a, b, _ = edges[p]
                del kept[a][b], kept[b][a]
    return total


def _short_path(kept: list[dict[int, int]], a: int, b: int) -> list[int] | None:
    """The relations of a path of two or three steps from a to b, if there is one; the work is
    bounded by the degrees of the actors on the way, never a search of the whole map."""
    small, large = (a, b) if len(kept[a]) <= len(kept[b]) else (b, a)
    ends = kept[large]
    for x, e in kept[small].items():
        if x in ends:
            return [e, ends[x]]
    for x, e in kept[small].items():
        middle = kept[x]
        if len(middle) <= len(ends):
            for y, f in middle.items():
                if y != small and y in ends:
                    return [e, f, ends[y]]
        else:
            for y, g in ends.items():
                if y != small and y != x and y in middle:
                    return [e, middle[y], g]
    return None


class _Relaxation:
    """The linear relaxation of one block's best split, tightened by cycle inequalities.

    One variable per relation, y_e in [0, 1]: whether its ends are apart. A cooperative relation
    costs w y_e, a hostile one w (1 - y_e). A split crosses every cycle an even number of times,
    so for each cycle C and each odd F within it, sum(y_F) - sum(y_{C-F}) <= |F| - 1; these are
    added as they are found violated, and when the relaxation's y is whole and consistent it is
    a split, proven best. A question "can actor c sit against actor a in a best split?" adds a
    relation of weight 0 between them, fixed apart or together; the cycles through it are that
    question's own, the others are kept for every question about the block.

    Branch and bound adds x_i, actor i's side, tied to each y_e (|x_i - x_j| <= y_e <=
    min(x_i + x_j, 2 - x_i - x_j)), so that a whole x is always a split.
    """

    def __init__(self, k: int, edges: Edges) -> None:
        import numpy as np

        self.k, self.m = k, len(edges)
        self.edges = edges
        self.w = np.array([abs(e[2]) for e in edges], dtype=float)
        hostile = np.array([e[2] < 0 for e in edges])
        self.cost = np.where(hostile, -self.w, self.w)
        self.constant = float(self.w[hostile].sum())
        self.cuts: list[Cut] = []  # cycle inequalities over the block's own relations
        self.neighbours: list[list[tuple[int, int]]] = [[] for _ in range(k)]
        for i, j, w in edges:
            self.neighbours[i].append((j, w))
            self.neighbours[j].append((i, w))
        self.best: list[int] = []

    # --- the relaxation ---------------------------------------------------------------------

    def relax(self, deadline: float, question: tuple[int, int, int] | None = None, enough: float = math.inf) -> Relaxed:
        """The relaxation's value (a lower bound on what a split breaks), its solution, and the
        split it is when it is one. `question` (a, c, apart) asks it with c fixed apart from a
        (1) or beside it (0). Cycle inequalities are added until none is violated, or until the
        value reaches `enough` (then the bound has proved what the caller needed)."""
        import numpy as np
        from scipy.optimize import linprog

        ends = [(i, j) for i, j, _ in self.edges]
        cost = self.cost
        bounds = np.zeros((self.m, 2))
        bounds[:, 1] = 1.0
        own: list[Cut] = []
        if question is not None:
            a, c, apart = question
            ends.append((a, c))
            cost = np.append(cost, 0.0)
            bounds = np.vstack([bounds, [float(apart), float(apart)]])
        width = len(ends)
        while True:
            matrix, rhs = _cut_matrix([*self.cuts, *own], width)
            res = linprog(cost, A_ub=matrix, b_ub=rhs, bounds=bounds, method="highs")
            if res.status != 0:  # cannot happen (any split is feasible) but for numerical trouble
                return Relaxed(-math.inf, None, None)
            value = float(res.fun) + self.constant
            if value > enough - TOLERANCE:
                return Relaxed(value, res, _as_split(self.k, ends, res.x))
            found = _separate(self.k, ends, res.x, self.seen_cuts(own))
            if not found or time.process_time() > deadline:
                return Relaxed(value, res, _as_split(self.k, ends, res.x))
            for cut in found:
                (own if question is not None and self.m in (*cut[0], *cut[1]) else self.cuts).append(cut)

    def seen_cuts(self, own: list[Cut]) -> set[Cut]:
        return {*self.cuts, *own}

    def search(
        self, deadline: float, question: tuple[int, int, int] | None = None
    ) -> tuple[list[int] | None, int] | None:
        """Branch and bound (HiGHS) on the tightened model, actor 0 on side 0 (and `question`'s
        c apart from, or beside, its a): the best split it finds and the lower bound it proves
        before the deadline (None: no time left to start)."""
        import numpy as np
        import scipy.sparse as sp
        from scipy.optimize import Bounds, LinearConstraint, milp

        left = deadline - time.process_time()
        if left <= 0:
            return None
        k, m = self.k, self.m
        e = np.arange(m)
        i = np.array([a for a, _, _ in self.edges], dtype=np.intp)
        j = np.array([b for _, b, _ in self.edges], dtype=np.intp)
        signs = np.array([[-1, -1, 1], [1, 1, 1], [1, -1, -1], [-1, 1, -1]], dtype=float)  # x_i, x_j, y_e
        rows = np.repeat(np.concatenate([4 * e + r for r in range(4)]), 3)
        cols = np.tile(np.stack([i, j, k + e], axis=1).ravel(), 4)
        vals = np.concatenate([np.tile(signs[r], m) for r in range(4)])
        ties = sp.csr_matrix((vals, (rows, cols)), shape=(4 * m, k + m))
        tie_rhs = np.tile([0.0, 2.0, 0.0, 0.0], m)
        cuts, cut_rhs = _cut_matrix(self.cuts, m)
        if cuts is not None:
            ties = sp.vstack([ties, sp.hstack([sp.csr_matrix((len(self.cuts), k)), cuts])], format="csr")
            tie_rhs = np.concatenate([tie_rhs, cut_rhs])
        low, high = np.full(len(tie_rhs), -np.inf), tie_rhs
        if question is not None:  # x_a + x_c = 1 (apart) or x_a - x_c = 0 (beside)
            a, c, apart = question
            row = sp.csr_matrix(([1.0, 1.0 if apart else -1.0], ([0, 0], [a, c])), shape=(1, k + m))
            ties = sp.vstack([ties, row], format="csr")
            low, high = np.append(low, float(apart)), np.append(high, float(apart))
        upper = np.ones(k + m)
        upper[0] = 0.0
        res = milp(
            np.concatenate([np.zeros(k), self.cost]),
            integrality=np.concatenate([np.ones(k), np.zeros(m)]),
            bounds=Bounds(np.zeros(k + m), upper),
            constraints=LinearConstraint(ties, low, high),
            options={"time_limit": left},
        )
        found = None if res.x is None else [round(v) for v in res.x[:k]]
        if res.status == 0:
            return found, math.ceil(res.fun + self.constant - TOLERANCE)
        bound = getattr(res, "mip_dual_bound", None)
        lower = math.ceil(bound + self.constant - TOLERANCE) if bound is not None and math.isfinite(bound) else 0
        return found, lower

    # --- the block --------------------------------------------------------------------------

    def solve(self, deadline: float) -> _Block:
        """The block's best split, proven by the relaxation or by branch and bound, or bounds."""
        best = _greedy(self.k, self.edges)
        first = self.relax(deadline, enough=_cost(best, self.edges) - 1 + 2 * TOLERANCE)
        method = "linear programming"
        if first.side is not None:
            best = first.side
        best_cost = _cost(best, self.edges)
        lower = max(0, math.ceil(first.value - TOLERANCE))
        if lower < best_cost:
            method = "branch and bound"
            outcome = self.search(deadline)
            if outcome is not None:
                found, proven = outcome
                if found is not None and _cost(found, self.edges) < best_cost:
                    best, best_cost = found, _cost(found, self.edges)
                lower = max(lower, proven)
        if lower < best_cost:
            return _Block(best, best_cost, lower, [0] * self.k, "bound", True)
        self.best = best
        classes, settled = self.classes(best_cost, first, deadline)
        return _Block(best, best_cost, best_cost, classes, method, not settled)

    def classes(self, opt: int, first: Relaxed, deadline: float) -> tuple[list[int], bool]:
        """Which actors every best split binds together (-1: not settled in time).

        First the cheap proofs both ways: a relation whose reduced cost in the relaxation says
        that changing whether it breaks would cost more binds its two ends; moving one actor,
        or two related ones, without breaking more shows another best split, which parts
        every pair it moves apart. Then each remaining question (is this class bound to that
        one?) is asked, largest classes first: fix one against the other and see whether the
        best cost rises. Every best split found on the way answers many questions at once."""
        best = self.best
        bound = _UnionFind()
        for n in range(self.k):
            bound.add(n)
        if first.res is not None:
            y = first.res.x
            reduced = first.res.lower.marginals - first.res.upper.marginals
            for e, (i, j, _) in enumerate(self.edges):
                apart = best[i] != best[j]
                if abs(y[e] - apart) < TOLERANCE and first.value + reduced[e] > opt + TOLERANCE:
                    bound.union(i, j)
        optima = [best, *self._neighbours(opt)]
        groups: dict[int, list[int]] = defaultdict(list)
        for n in range(self.k):
            groups[bound.find(n)].append(n)
        pending = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
        unsure: set[int] = set()
        done: list[list[int]] = []
        while pending:
            members = pending.pop(0)
            a = members[0]
            rest = []
            for other in pending:
                c = other[0]
                where = best[c] ^ best[a]
                if any((o[c] ^ o[a]) != where for o in optima):
                    rest.append(other)  # another best split moves them apart
                    continue
                verdict = self._ask(a, c, 1 - where, opt, deadline) if time.process_time() < deadline else None
                if verdict is True:
                    members = members + other
                elif isinstance(verdict, list):
                    optima.append(verdict)
                    rest.append(other)
                else:
                    unsure.update(other)  # bound to this class or not: not settled
            done.append(members)
            pending = rest
        classes = [-1] * self.k
        for number, members in enumerate(done):
            for n in members:
                classes[n] = number
        for n in unsure:
            classes[n] = -1
        return classes, not unsure

    def _neighbours(self, opt: int) -> list[list[int]]:
        """Other best splits one or two moves away: an actor, or two related actors, moved to
        the other side without breaking more."""
        best = self.best
        gain = [0] * self.k  # how much moving each actor alone would break, net
        change = [-abs(w) if (best[i] != best[j]) == (w > 0) else abs(w) for i, j, w in self.edges]
        for (i, j, _), c in zip(self.edges, change, strict=True):
            gain[i] += c
            gain[j] += c
        found = [[s ^ (m == n) for m, s in enumerate(best)] for n in range(self.k) if gain[n] == 0]
        for (i, j, _), c in zip(self.edges, change, strict=True):
            if gain[i] + gain[j] - 2 * c == 0:  # the relation between them does not change
                found.append([s ^ (m in (i, j)) for m, s in enumerate(best)])
        return found

    def _ask(self, a: int, c: int, apart: int, opt: int, deadline: float) -> bool | list[int] | None:
        """Put c `apart` from a (1) or beside it (0), against the best split: True when that must
        break more (c is bound to a), a best split with c there when there is one, None when the
        time ran out first."""
        moved = self._repair(a, c, opt)
        if moved is not None:
            return moved
        relaxed = self.relax(deadline, (a, c, apart), enough=opt + 2 * TOLERANCE)
        if relaxed.value > opt + TOLERANCE:
            return True
        if relaxed.side is not None and _cost(relaxed.side, self.edges) == opt:
            return relaxed.side
        return self._verdict(self.search(deadline, (a, c, apart)), opt)

    def _verdict(self, outcome: tuple[list[int] | None, int] | None, opt: int) -> bool | list[int] | None:
        if outcome is None:
            return None
        found, lower = outcome
        if found is not None and _cost(found, self.edges) == opt:
            return found
        return True if lower > opt else None

    def _repair(self, a: int, c: int, opt: int) -> list[int] | None:
        """A best split with c moved against a, found by moving c and then any other actor
        whose move breaks less, when that is enough (it often is: an actor that floats usually
        floats alone or with a few neighbours)."""
        side = [s ^ (n == c) for n, s in enumerate(self.best)]
        for _ in range(20):
            moved = False
            for n in range(self.k):
                if n in (a, c):
                    continue
                change = sum(abs(w) if (side[n] != side[m]) != (w > 0) else -abs(w) for m, w in self.neighbours[n])
                if change < 0:
                    side[n] ^= 1
                    moved = True
            if not moved:
                break
        return side if _cost(side, self.edges) == opt else None


Cut = tuple[tuple[int, ...], tuple[int, ...]]  # relations in F, relations in C - F


@dataclass(frozen=True)
class Relaxed:
    value: float  # a lower bound on what any split (with the question's fixing) breaks
    res: Any  # scipy's result: the solution and its reduced costs
    side: list[int] | None  # the split the solution is, when it is one


def _cut_matrix(cuts: Sequence[Cut], width: int) -> tuple[Any, Any]:
    """The cycle inequalities as a sparse matrix over `width` relation variables, and their
    right-hand sides (None, None when there are none)."""
    import numpy as np
    import scipy.sparse as sp

    if not cuts:
        return None, None
    rows, cols, vals = [], [], []
    for r, (inside, outside) in enumerate(cuts):
        rows += [r] * (len(inside) + len(outside))
        cols += [*inside, *outside]
        vals += [1.0] * len(inside) + [-1.0] * len(outside)
    rhs = np.array([len(inside) - 1.0 for inside, _ in cuts])
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(cuts), width)), rhs


def _as_split(k: int, ends: Sequence[tuple[int, int]], y: Any) -> list[int] | None:
    """The split a relaxed solution is (actor 0 on side 0), when it is whole and consistent."""
    import numpy as np

    if np.any(np.minimum(y, 1 - y) > TOLERANCE):
        return None
    ties: list[list[tuple[int, int]]] = [[] for _ in range(k)]
    for (i, j), value in zip(ends, y, strict=True):
        ties[i].append((j, int(value > 0.5)))
        ties[j].append((i, int(value > 0.5)))
    side = [-1] * k
    side[0] = 0
    queue = [0]
    for n in queue:
        for m, away in ties[n]:
            if side[m] < 0:
                side[m] = side[n] ^ away
                queue.append(m)
            elif side[m] != side[n] ^ away:
                return None
    return side


def _separate(k: int, ends: Sequence[tuple[int, int]], y: Any, seen: set[Cut]) -> list[Cut]:
    """Violated cycle inequalities: a walk from (v, 0) to (v, 1) in the doubled graph, where a
    relation either keeps the layer (in C - F, costing y_e) or changes it (in F, costing
    1 - y_e), that costs less than 1. The shortest such walks, made into simple cycles."""
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.csgraph import dijkstra

    i = np.array([a for a, _ in ends], dtype=np.intp)
    j = np.array([b for _, b in ends], dtype=np.intp)
    stay = np.maximum(y, 0.0) + 1e-9
    cross = np.maximum(1.0 - y, 0.0) + 1e-9
    rows = np.concatenate([i, j, i + k, j + k, i, j, i + k, j + k])
    cols = np.concatenate([j, i, j + k, i + k, j + k, i + k, j, i])
    vals = np.concatenate([stay, stay, stay, stay, cross, cross, cross, cross])
    graph = sp.csr_matrix((vals, (rows, cols)), shape=(2 * k, 2 * k))
    edge_of = {(a, b): e for e, (a, b) in enumerate(ends)} | {(b, a): e for e, (a, b) in enumerate(ends)}
    partial = np.minimum(y, 1 - y) > TOLERANCE
    sources = np.unique(np.concatenate([i[partial], j[partial]])) if partial.any() else np.arange(k)
    dist, pred = dijkstra(graph, indices=sources, return_predecessors=True, limit=1.0)
    closing = dist[np.arange(len(sources)), sources + k]
    found: list[Cut] = []
    taken = set(seen)
    for r in np.argsort(closing):
        if closing[r] >= 1.0 - 1e-4 or len(found) >= max(50, 2 * k):
            break
        s = int(sources[r])
        walk = [s + k]
        while walk[-1] != s:
            walk.append(int(pred[r, walk[-1]]))
        cycle = _simple_odd_cycle(walk[::-1], k)
        steps = [(edge_of[a % k, b % k], (a >= k) != (b >= k)) for a, b in itertools.pairwise(cycle)]
        cut = (tuple(sorted(e for e, c in steps if c)), tuple(sorted(e for e, c in steps if not c)))
        if cut in taken or len(cut[0]) - y[list(cut[0])].sum() + y[list(cut[1])].sum() >= 1.0 - 1e-4:
            continue
        taken.add(cut)
        found.append(cut)
    return found


def _simple_odd_cycle(walk: list[int], k: int) -> list[int]:
    """A closed walk in the doubled graph (from (v, 0) to (v, 1)) made into a simple cycle of
    the same parity and no greater cost: a loop that returns to an actor on the same layer is
    even and is cut out; one that returns on the other layer is itself odd, and shorter."""
    while True:
        seen: dict[int, int] = {}
        for pos, node in enumerate(walk):
            actor = node % k
            if actor in seen and not (pos == len(walk) - 1 and seen[actor] == 0):
                before = seen[actor]
                walk = walk[:before] + walk[pos:] if walk[before] == node else walk[before : pos + 1]
                break
            seen[actor] = pos
        else:
            return walk
