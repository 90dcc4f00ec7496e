"""Keep the checked graph between runs, keyed on the content of every input file.

Checking 10,000 relations (parsing, cross-references, verifying every quote)
takes seconds; a path query should not. Query commands therefore reuse the
graph of a previous run when, and only when, the bytes of every data and seed
file and of the code that builds the graph are the same — so a cached answer
can never be stale. Only data that passed every check is ever stored.

The cache holds JSON (node-link data), never pickles: nothing in it can run.
Set ACTORGRAPH_CACHE_DIR to move it, or ACTORGRAPH_NO_CACHE=1 to bypass it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import networkx as nx

KEEP = 8  # newest cache entries kept; older ones are removed


def cache_dir() -> Path:
    configured = os.environ.get("ACTORGRAPH_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "actorgraph"


def content_key(data_dir: Path, seeds_dir: Path) -> str:
    digest = hashlib.sha256()
    # All of the package's code, not a hand-kept list of the modules that build the graph:
    # a list goes stale the day a check moves to a new module.
    inputs = sorted(Path(__file__).parent.glob("*.py"))
    inputs += sorted(p for p in data_dir.glob("*.yaml") if p.is_file())
    inputs += sorted(p for p in seeds_dir.iterdir() if p.is_file())
    for path in inputs:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def checked_graph(data_dir: Path, seeds_dir: Path) -> nx.MultiDiGraph:
    """The graph of checked data, from the cache when the inputs are unchanged.

    Raises `DataProblems` exactly as `load_checked` does when the data is bad.
    """
    from ..dataset.check import load_checked
    from .build import build_graph

    if os.environ.get("ACTORGRAPH_NO_CACHE"):
        return build_graph(load_checked(data_dir, seeds_dir))
    try:
        key = content_key(data_dir, seeds_dir)
    except OSError:
        return build_graph(load_checked(data_dir, seeds_dir))  # unreadable input: let the check say so
    entry = cache_dir() / f"{key}.json"
    try:
        data = json.loads(entry.read_bytes())
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (OSError, ValueError, KeyError, TypeError, nx.NetworkXError):
        pass  # absent or damaged: rebuild
    g = build_graph(load_checked(data_dir, seeds_dir))
    _store(entry, g)
    return g


def _store(entry: Path, g: nx.MultiDiGraph) -> None:
    """Best effort: a read-only or full disk costs speed, never an answer."""
    from ..outputs.files import write_atomic

    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(entry, json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False))
        entries = sorted(entry.parent.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
