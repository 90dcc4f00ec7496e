#!/usr/bin/env python3
"""Time each actorgraph command as a whole process against the floor of a bare interpreter
that imports networkx and yaml, and print the ratios.

Whole processes, because start-up (imports) is most of what a user waits for on a small
dataset. The ratio, not the seconds, is the number to compare across machines.

    python scripts/bench.py                 # print the table
    python scripts/bench.py --write docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = [sys.executable, "-c", "import networkx, yaml"]
COMMANDS: list[tuple[str, list[str]]] = [
    ("check", ["check"]),
    ("path hts iskp", ["path", "hts", "iskp"]),
    ("path hts iskp --all --format json", ["path", "hts", "iskp", "--all", "--format", "json"]),
    ("show taliban", ["show", "taliban"]),
    ("list relations", ["list", "relations"]),
    ("analyze", ["analyze"]),
    ("export --format json", ["export", "--format", "json"]),
    ("export --format graphml", ["export", "--format", "graphml"]),
    ("build -o <tmp>", ["build", "-o", "{tmp}/graph.html"]),
]


def timed(argv: list[str], runs: int) -> float:
    """Median wall time of `runs` runs, after one warm-up run that fills the OS caches."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if i:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs per command (median reported)")
    parser.add_argument("--write", type=Path, help="also write the table as markdown to this file")
    args = parser.parse_args()
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    floor = timed(FLOOR, args.runs)
    rows = [("floor: python -c 'import networkx, yaml'", floor, 1.0)]
    for label, argv in COMMANDS:
        full = [sys.executable, "-m", "graph", *(a.format(tmp=tmp) for a in argv)]
        t = timed(full, args.runs)
        rows.append((f"actorgraph {label}", t, t / floor))
    lines = [
        "| command | median (ms) | ratio to floor |",
        "|---|---:|---:|",
        *(f"| `{label}` | {t * 1000:.0f} | {ratio:.2f}x |" for label, t, ratio in rows),
    ]
    table = "\n".join(lines)
    print(table)
    if args.write:
        python = f"{platform.python_implementation()} {platform.python_version()}"
        machine = f"{python}, {os.cpu_count()} cores, {platform.machine()}"
        args.write.write_text(
            "# Benchmarks\n\n"
            "Produced by `python scripts/bench.py --write docs/benchmarks.md` on the shipped data "
            f"({machine}). Each command runs as a whole process ({args.runs} timed runs after one "
            "warm-up; the median is shown), against the floor of a bare interpreter importing "
            "networkx and yaml. Ratios travel between machines; milliseconds do not.\n\n"
            f"{table}\n\n"
            "Query commands import neither pandas nor pyvis; only `build` imports pyvis. Most of\n"
            "what remains above the floor is click and reading, checking and quote-verifying the\n"
            "data on every run, which the tool does so that no answer rests on data that fails\n"
            "`check`.\n"
        )


if __name__ == "__main__":
    main()
