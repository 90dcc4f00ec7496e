#!/usr/bin/env python3
"""Measure the exports for other platforms on synthetic maps, and the Parquet tables in DuckDB
and pandas beside `actorgraph path`: the numbers in docs/scale.md.

    python scripts/scale.py                       # 10,000 and 50,000 relations
    python scripts/scale.py --sizes 2000          # one size

Sizes are relation counts, each with a fifth as many actors (scripts/synth.py). Each command
runs as its own process (with the graph cache off), timed with its peak memory by GNU time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench import NO_CACHE, run  # noqa: E402  (wall seconds and peak MiB of one process)
from tests.outputs.test_parquet import SHORTEST  # noqa: E402  (the query the test checks against `path`)

EXPORTS = ("stix", "parquet", "neo4j")


def measure(size: int, work: Path) -> list[str]:
    folder = work / f"map-{size}"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "synth.py"), str(folder), "--actors", str(size // 5),
         "--relations", str(size)],
        check=True, capture_output=True,
    )  # fmt: skip
    data = ["--data-dir", str(folder / "data")]
    rows = []
    for fmt in EXPORTS:
        out = work / f"{fmt}-{size}" if fmt != "stix" else work / f"{size}.stix.json"
        seconds, mib = run(["actorgraph", "export", "--format", fmt, "-o", str(out), *data], env=NO_CACHE)
        on_disk = sum(p.stat().st_size for p in out.iterdir()) if out.is_dir() else out.stat().st_size
        disk = f"{on_disk / 2**20:.1f} MiB"
        rows.append(f"| {size:,} | `export --format {fmt}` | {seconds:.1f} s | {mib:.0f} MiB | {disk} |")
    tables = work / f"parquet-{size}"
    a, b = _pair(tables)
    seconds, mib = run(["actorgraph", "path", a, b, "--format", "json", *data], env=NO_CACHE)
    rows.append(f"| {size:,} | `path {a} {b}` (checks the map first) | {seconds:.1f} s | {mib:.0f} MiB | |")
    seconds, routes = _duckdb(tables, a, b)
    rows.append(f"| {size:,} | DuckDB: the same shortest routes in SQL ({routes} routes) | {seconds:.2f} s | | |")
    seconds = _pandas(tables)
    rows.append(f"| {size:,} | pandas: read the four tables | {seconds:.2f} s | | |")
    return rows


def _pair(tables: Path) -> tuple[str, str]:
    """Two actors four relations apart (or as far apart as the map allows), the same every run."""
    import networkx as nx
    import pyarrow.parquet as pq

    rel = pq.read_table(tables / "relations.parquet", columns=["source", "target"]).to_pylist()
    g = nx.Graph((r["source"], r["target"]) for r in rel)
    start = min(g.nodes)
    far = nx.single_source_shortest_path_length(g, start)
    wanted = min(4, max(far.values()))
    return start, min(n for n, d in far.items() if d == wanted)


def _duckdb(tables: Path, a: str, b: str) -> tuple[float, int]:
    import duckdb

    query = SHORTEST.format(dir=tables)
    begin = time.perf_counter()
    rows = duckdb.execute(query, {"from": a, "to": b}).fetchall()
    return time.perf_counter() - begin, len(rows)


def _pandas(tables: Path) -> float:
    import pandas as pd

    begin = time.perf_counter()
    for name in ("actors", "relations", "evidence", "sources"):
        pd.read_parquet(tables / f"{name}.parquet")
    return time.perf_counter() - begin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,50000", help="relation counts, comma-separated")
    args = parser.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    print(f"`python scripts/scale.py --sizes {args.sizes}` at commit {commit.stdout.strip()}, "
          f"{os.cpu_count()} cores, Python {sys.version.split()[0]}\n")  # fmt: skip
    print("| relations | what | time | peak memory | on disk |")
    print("|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="actorgraph-scale-") as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            print("\n".join(measure(size, Path(tmp))), flush=True)


if __name__ == "__main__":
    main()
