"""When each record last changed (actorgraph.outputs.history), read from git's blame of HEAD."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from actorgraph.dataset.check import load_checked
from actorgraph.outputs.history import record_times

FIRST, SECOND = "2024-05-06T07:08:09+00:00", "2025-01-02T03:04:05+00:00"


def _git(folder: Path, *args: str, when: str = FIRST) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_CONFIG_GLOBAL": os.devnull}
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", *identity, *args], cwd=folder, env=env, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_each_record_gets_the_newest_commit_among_its_own_lines(full_map: Path) -> None:
    """A later commit that changes the middle actor dates that actor alone: the actors before and
    after it keep the date of the commit that wrote them (git's blame names a commit's time only
    the first time the commit appears, so lines of an older commit after a newer one must still
    get the older time)."""
    _git(full_map, "init", "-q")
    _git(full_map, "add", "-A")
    _git(full_map, "commit", "-q", "-m", "map")
    actors = full_map / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("    founded: 2012-02\n", "    founded: 2012-03\n"))
    _git(full_map, "commit", "-q", "-am", "beta founded later", when=SECOND)
    data = load_checked(full_map / "data", full_map / "seeds")
    when = record_times(data, (full_map / "data", full_map / "seeds"))
    dated = {a.id: when(a.location) for a in data.actors}
    first, second = datetime.fromisoformat(FIRST).astimezone(UTC), datetime.fromisoformat(SECOND).astimezone(UTC)
    assert dated == {"alpha": first, "beta": second, "delta": first}
    assert {when(e.location) for e in data.edges} == {first}
