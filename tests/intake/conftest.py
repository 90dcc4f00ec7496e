"""The intake fixture: an invented field report and a map with cues but no relations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES


@pytest.fixture
def report(project: Callable[[Path], Path]) -> Path:
    return project(FIXTURES / "intake")


@pytest.fixture
def sahel(project: Callable[[Path], Path]) -> Path:
    """An invented note on Sahel groups: sentences whose qualifiers and negations a proposal
    must not outrun (issue 19)."""
    return project(FIXTURES / "qualifiers")
