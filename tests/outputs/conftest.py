"""Fixtures of the export tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES


@pytest.fixture
def opencti_map(project: Callable[[Path], Path]) -> Path:
    """A private copy of the map made for the STIX and OpenCTI tests (settings, licences,
    disputes, notes, a state among the groups)."""
    return project(FIXTURES / "opencti")
