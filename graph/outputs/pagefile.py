"""Check the data and write the HTML page: the one path both `build` and `watch` take.

Nothing is written unless the data passes every check, and the write replaces
the old page whole, so a curator always has the last good page.
"""

from __future__ import annotations

from pathlib import Path

from ..dataset.model import Dataset


def write_page(data_dir: Path, seeds_dir: Path, output: Path) -> Dataset:
    """Raises `DataProblems` (writing nothing) when the data fails a check."""
    from ..dataset.check import load_checked
    from ..network.build import build_graph
    from .files import write_atomic
    from .page import render_html

    data = load_checked(data_dir, seeds_dir)
    write_atomic(output, render_html(data, build_graph(data)))
    return data
