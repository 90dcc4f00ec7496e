"""Shared fixtures: copies of datasets in a temporary folder, and a CLI runner.

Tests run the CLI from inside the copy, as a user does from the repository
root, so messages carry the same relative paths (`data/edges.yaml:42: ...`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from actorgraph.cli import cli
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# A frozen copy of the Kabul dataset as first curated: tests that need a real, rich map use
# it, so that a curator's edit of the shipped data/ never turns the suite red.
KABUL = FIXTURES / "kabul"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own graph cache, so no test reads another's (or the user's)."""
    path = tmp_path / "graph-cache"
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(path))
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], Path]:
    """Copy a dataset (a folder with data/ and seeds/) into tmp and work from there."""

    def make(source: Path) -> Path:
        dest = tmp_path / "project"
        shutil.copytree(source / "data", dest / "data")
        shutil.copytree(source / "seeds", dest / "seeds")
        monkeypatch.chdir(dest)
        return dest

    return make


@pytest.fixture
def kabul(project: Callable[[Path], Path]) -> Path:
    """A private copy of the Kabul fixture dataset."""
    return project(KABUL)


@pytest.fixture
def small(project: Callable[[Path], Path]) -> Path:
    """A private copy of the three-group test dataset."""
    return project(FIXTURES / "valid")


@pytest.fixture
def mixed(project: Callable[[Path], Path]) -> Path:
    """A private copy of a map with two actor kinds (groups and a state) and two sources."""
    return project(FIXTURES / "mixed")


@pytest.fixture
def handmade(project: Callable[[Path], Path]) -> Path:
    """A private copy of a map laid out by hand: comments, blank lines, quoting kept as written."""
    return project(FIXTURES / "handmade")


def map_files(root: Path) -> dict[str, bytes]:
    """Every file of a map folder, by its path in it (not the lock file an edit leaves, nor a
    fixture's README): to compare a whole map before and after a command."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".") and p.name != "README.md"
    }


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


HANG_GUARD = 60  # seconds: bad input must be answered, not spun on (not a speed assertion)


def process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`actorgraph ARGS` as its own process, for what CliRunner cannot show: `python -m`,
    signals, special files, start-up."""
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args], cwd=cwd, capture_output=True, text=True, timeout=HANG_GUARD
    )
