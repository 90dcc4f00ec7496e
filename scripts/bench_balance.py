#!/usr/bin/env python3
"""Measure how far `analyze` proves its camps: the best split's frustration exact or a bound,
and whom it places, on signed maps of a few dozen to a few thousand actors.

Two kinds of map. *Planted*: two camps, each relation agreeing with them except a share
(`noise`) whose sign is flipped, ends chosen preferentially (a few hubs, many small actors) as
scripts/synth.py chooses them; real maps of armed groups look like this at low noise. *Synthetic*:
scripts/synth.py's own maps, whose relation types (and so signs) are drawn at random: no camps at
all, the hardest case for a split, and the one the benchmarks of the other commands use.

Times are processor seconds of the split alone (what the time limit counts), median of the
runs. Writes a markdown table to stdout, or between the markers in --write FILE.

    python scripts/bench_balance.py --write docs/analysis.md
"""

from __future__ import annotations

import argparse
import itertools
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- bench_balance.py: begin -->", "<!-- bench_balance.py: end -->"


def planted(n: int, pairs_per_actor: int, noise: float, seed: int) -> tuple[list[str], dict[tuple[str, str], int]]:
    rng = random.Random(seed)
    ids = [f"a{i:05d}" for i in range(n)]
    camp = [rng.randrange(2) for _ in range(n)]
    cumulative = list(itertools.accumulate(1.0 / (1 + i) ** 0.6 for i in range(n)))
    pairs: dict[tuple[str, str], int] = {}
    while len(pairs) < pairs_per_actor * n:
        a, b = rng.choices(range(n), cum_weights=cumulative, k=2)
        if a == b:
            continue
        sign = 1 if camp[a] == camp[b] else -1
        pairs[(ids[min(a, b)], ids[max(a, b)])] = -sign if rng.random() < noise else sign
    return ids, pairs


def from_synth(n: int, relations: int, seed: int) -> tuple[list[str], dict[tuple[str, str], int]]:
    """The signed pairs of a scripts/synth.py map, as `analyze` sees them."""
    from actorgraph.network.build import build_graph
    from actorgraph.network.cache import checked_dataset
    from actorgraph.network.records import relations as all_relations

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "map"
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "synth.py"), str(folder), "--actors", str(n),
             "--relations", str(relations), "--seed", str(seed)],
            check=True, capture_output=True,
        )  # fmt: skip
        g = build_graph(checked_dataset(folder / "data", folder / "seeds"))
    net: dict[tuple[str, str], int] = {}
    for r in all_relations(g):
        if r.sign:
            key = (min(r.source.id, r.target.id), max(r.source.id, r.target.id))
            net[key] = net.get(key, 0) + r.sign
    return sorted({n for p in net for n in p}), net


def run(nodes: list[str], pairs: dict[tuple[str, str], int], limit: float, runs: int) -> dict[str, object]:
    from actorgraph.network import balance

    degree: dict[str, int] = {}
    for u, v in pairs:
        degree[u] = degree.get(u, 0) + 1
        degree[v] = degree.get(v, 0) + 1
    order = sorted(nodes, key=lambda n: (-degree.get(n, 0), n))
    seconds = []
    for _ in range(runs):
        start = time.process_time()
        found = balance.split(order, pairs, limit)
        seconds.append(time.process_time() - start)
    counts = {s: sum(1 for v in found.status.values() if v == s) for s in
              (balance.FIXED, balance.FLOATING, balance.UNSETTLED, balance.PROVISIONAL)}  # fmt: skip
    return {
        "seconds": statistics.median(seconds),
        "exact": found.exact,
        "broken": found.broken,
        "lower": found.lower,
        "method": ", ".join(m for m in found.method if m != "exhaustive") or "exhaustive",
        **counts,
    }


def table(limit: float, runs: int, sizes: list[int], big: list[int]) -> str:
    from actorgraph.network import balance

    lines = [
        "| map | actors | signed pairs | noise | seconds | frustration | method | fixed | floating | unsettled "
        "| provisional |",
        "|---|---:|---:|---:|---:|---|---|---:|---:|---:|---:|",
    ]

    def row(kind: str, n: int, noise: str, nodes: list[str], pairs: dict[tuple[str, str], int]) -> None:
        r = run(nodes, pairs, limit, runs)
        weight = r["broken"] if r["exact"] else f"{r['lower']}–{r['broken']} (bound)"
        lines.append(
            f"| {kind} | {n:,} | {len(pairs):,} | {noise} | {r['seconds']:.2f} | {weight} | {r['method']} | "
            f"{r[balance.FIXED]} | {r[balance.FLOATING]} | {r[balance.UNSETTLED]} | {r[balance.PROVISIONAL]} |"
        )
        print(lines[-1], file=sys.stderr, flush=True)

    for n in sizes:
        for noise in (0.05, 0.15, 0.3):
            nodes, pairs = planted(n, 3, noise, 1)
            row("planted", n, f"{noise:.2f}", nodes, pairs)
        nodes, pairs = from_synth(n, 5 * n, 1)
        row("synth.py", n, "random", nodes, pairs)
    for n in big:
        nodes, pairs = planted(n, 3, 0.1, 1)
        row("planted", n, "0.10", nodes, pairs)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,200,300,500", help="actors per map (comma-separated)")
    parser.add_argument("--big", default="2000", help="larger planted maps, past the exact limit")
    parser.add_argument("--time-limit", type=float, default=None, help="seconds per split (default: analyze's)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--write", type=Path, help="replace the table between the markers in this file")
    args = parser.parse_args()
    from actorgraph.network import balance

    limit = args.time_limit if args.time_limit is not None else balance.TIME_LIMIT
    sizes = [int(s) for s in args.sizes.split(",") if s]
    big = [int(s) for s in args.big.split(",") if s]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "graph"], cwd=ROOT, capture_output=True, text=True)
    head = (
        f"Produced by `python scripts/bench_balance.py {' '.join(sys.argv[1:])}`".rstrip()
        + f" (CPython {platform.python_version()}, {platform.machine()}, commit {commit.stdout.strip()}"
        + (" with uncommitted changes" if dirty.stdout.strip() else "")
        + f"; time limit {limit:g} s of processor time per split, median of {args.runs} run(s))."
    )
    text = head + "\n\n" + table(limit, args.runs, sizes, big) + "\n"
    if args.write is None:
        print(text)
        return
    old = args.write.read_text()
    if BEGIN not in old:
        raise SystemExit(f"{args.write} has no {BEGIN} marker")
    before, rest = old.split(BEGIN, 1)
    _, after = rest.split(END, 1)
    args.write.write_text(f"{before}{BEGIN}\n{text}{END}{after}")


if __name__ == "__main__":
    main()
