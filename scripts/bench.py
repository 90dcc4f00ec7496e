#!/usr/bin/env python3
"""Time actorgraph's commands as whole processes, against the floor of a bare interpreter that
imports networkx and yaml, on the shipped data and on synthetic data of growing size.

Whole processes, because start-up is most of what a user waits for on small data; the ratio
to the floor, not the seconds, is what to compare across machines. For each size the table
also gives the growth exponent k in time ~ size^k between neighbouring sizes (1 = linear).

    python scripts/bench.py                            # shipped data only
    python scripts/bench.py --sizes 100,1000,10000     # plus synthetic data (relations)
    python scripts/bench.py --sizes 100,1000,10000 --page --write docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = [sys.executable, "-c", "import networkx, yaml"]
SHIPPED: list[tuple[str, list[str]]] = [
    ("check", ["check"]),
    ("path hts iskp", ["path", "hts", "iskp"]),
    ("path hts iskp --all --format json", ["path", "hts", "iskp", "--all", "--format", "json"]),
    ("show taliban", ["show", "taliban"]),
    ("list relations", ["list", "relations"]),
    ("analyze", ["analyze"]),
    ("export --format json", ["export", "--format", "json"]),
    ("export --format graphml", ["export", "--format", "graphml"]),
    ("export --format stix", ["export", "--format", "stix"]),
    ("build -o <tmp>", ["build", "-o", "{tmp}/graph.html"]),
]


def timed(argv: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    """Median wall time of `runs` runs, after one warm-up run that fills the OS caches."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        if i:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def actorgraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "actorgraph", *args]


def shipped_table(runs: int, tmp: Path, floor: float) -> str:
    rows = [("floor: `python -c 'import networkx, yaml'`", floor)]
    for label, argv in SHIPPED:
        rows.append((f"`actorgraph {label}`", timed(actorgraph(*(a.format(tmp=tmp) for a in argv)), runs)))
    lines = ["| command | median (ms) | ratio to floor |", "|---|---:|---:|"]
    lines += [f"| {label} | {t * 1000:.0f} | {t / floor:.2f}x |" for label, t in rows]
    return "\n".join(lines)


def page_draw_seconds(page: Path) -> float:
    """Seconds from navigation until vis-network has drawn the graph once, in headless Chromium
    (the page records that moment as window.actorgraphFirstDraw)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.headless import launch

    with sync_playwright() as p:
        browser = launch(p)
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        tab.goto(page.as_uri())
        tab.wait_for_function("window.actorgraphFirstDraw !== undefined", timeout=120_000)
        seconds = float(tab.evaluate("window.actorgraphFirstDraw")) / 1000
        browser.close()
    return seconds


COLUMNS = ["check", "path (first)", "path (cached)", "export json", "build"]


def sizes_table(sizes: list[int], runs: int, tmp: Path, floor: float, page: bool) -> str:
    results: list[tuple[int, int, dict[str, float]]] = []
    for relations in sizes:
        actors = max(10, relations // 5)
        folder = tmp / f"synth-{relations}"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "synth.py"),
                str(folder),
                "--actors",
                str(actors),
                "--relations",
                str(relations),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        dirs = ["--data-dir", str(folder / "data"), "--seeds-dir", str(folder / "seeds")]
        cache = folder / "cache"
        cold_env = {**os.environ, "ACTORGRAPH_NO_CACHE": "1"}
        warm_env = {**os.environ, "ACTORGRAPH_CACHE_DIR": str(cache)}
        row = {
            "check": timed(actorgraph("check", *dirs), runs),
            "path (first)": timed(actorgraph("path", "a00001", f"a{actors - 1:05d}", *dirs), runs, cold_env),
            "path (cached)": timed(actorgraph("path", "a00001", f"a{actors - 1:05d}", *dirs), runs, warm_env),
            "export json": timed(actorgraph("export", "--format", "json", *dirs), runs),
            "build": timed(actorgraph("build", "-o", str(folder / "graph.html"), *dirs), max(1, runs // 3)),
        }
        if page:
            row["page draw"] = statistics.median(page_draw_seconds(folder / "graph.html") for _ in range(3))
        results.append((actors, relations, row))
    columns = COLUMNS + (["page draw"] if page else [])
    lines = [
        "| actors | relations | " + " | ".join(f"{c} (s)" for c in columns) + " |",
        "|---:|---:|" + "---:|" * len(columns),
    ]
    for actors, relations, row in results:
        lines.append(f"| {actors:,} | {relations:,} | " + " | ".join(f"{row[c]:.2f}" for c in columns) + " |")
    growth = []
    for (_, n1, r1), (_, n2, r2) in itertools.pairwise(results):
        ks = [math.log(r2[c] / r1[c]) / math.log(n2 / n1) for c in columns]
        growth.append(f"| {n1:,} → {n2:,} | " + " | ".join(f"{k:.2f}" for k in ks) + " |")
    if growth:
        lines += [
            "",
            "Growth exponent k (time ~ relations^k) between neighbouring sizes; start-up keeps it small at first:",
            "",
        ]
        lines += ["| sizes | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns), *growth]
    lines += ["", f"Floor on this machine: {floor * 1000:.0f} ms."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (median reported)")
    parser.add_argument("--sizes", default="", help="comma-separated relation counts for synthetic data")
    parser.add_argument("--page", action="store_true", help="also time the page's first draw in headless Chromium")
    parser.add_argument("--write", type=Path, help="also write the tables as markdown to this file")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    tmp = Path(tempfile.mkdtemp(prefix="actorgraph-bench-"))
    try:
        floor = timed(FLOOR, args.runs)
        shipped = shipped_table(args.runs, tmp, floor)
        print(shipped)
        scaled = sizes_table(sizes, max(1, args.runs // 2), tmp, floor, args.page) if sizes else ""
        print(scaled)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.write:
        python = f"{platform.python_implementation()} {platform.python_version()}"
        machine = f"{python}, {os.cpu_count()} cores, {platform.machine()}"
        text = (
            "# Benchmarks\n\n"
            f"Produced by `python scripts/bench.py {' '.join(sys.argv[1:])}` ({machine}).\n\n"
            "## The shipped data\n\n"
            f"Each command runs as a whole process ({args.runs} timed runs after one warm-up; the median is "
            "shown), against the floor of a bare interpreter importing networkx and yaml. Ratios travel "
            "between machines; milliseconds do not. Query commands import neither pandas nor pyvis; only "
            "`build` imports pyvis, and only `export --format stix` imports stix2. `check` never imports "
            "networkx. Most of what remains above the floor is click, and reading, checking and "
            "quote-verifying the data on every run, so that no answer rests on data that fails `check`.\n\n"
            f"{shipped}\n"
        )
        if scaled:
            text += (
                "\n## Synthetic data of growing size\n\n"
                "`scripts/synth.py` writes N/5 actors and N relations with the shipped vocabularies and real "
                "quotes from the seed texts. `path (first)` checks the data from scratch; `path (cached)` "
                "reuses the graph of an earlier run with identical input bytes (see graph/cache.py). "
                "`page draw` is the time from opening the built page in headless Chromium until vis-network "
                "has drawn it (layout is computed at build time).\n\n"
                f"{scaled}\n"
            )
        args.write.write_text(text)


if __name__ == "__main__":
    main()
