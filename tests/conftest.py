"""Shared fixtures: copies of datasets in a temporary folder, and a CLI runner.

Tests run the CLI from inside the copy, as a user does from the repository
root, so messages carry the same relative paths (`data/edges.yaml:42: ...`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from actorgraph.cli import cli
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
def shipped(project: Callable[[Path], Path]) -> Path:
    """A private copy of the repository's own data."""
    return project(ROOT)


@pytest.fixture
def small(project: Callable[[Path], Path]) -> Path:
    """A private copy of the three-group test dataset."""
    return project(FIXTURES / "valid")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)
