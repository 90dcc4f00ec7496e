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
    """A later commit that changes the middle actor's second line dates that actor alone: the
    actors before and after it keep the date of the commit that wrote them (git's blame names a
    commit's time only the first time the commit appears, so lines of an older commit after a
    newer one must still get the older time)."""
    _git(full_map, "init", "-q")
    _git(full_map, "add", "-A")
    _git(full_map, "commit", "-q", "-m", "map")
    actors = full_map / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("name: Beta Brigade\n", "name: The Beta Brigade\n"))
    _git(full_map, "commit", "-q", "-am", "beta renamed", when=SECOND)
    data = load_checked(full_map / "data", full_map / "seeds")
    when = record_times(data, (full_map / "data", full_map / "seeds"))
    dated = {a.id: when(a.location) for a in data.actors}
    first, second = datetime.fromisoformat(FIRST).astimezone(UTC), datetime.fromisoformat(SECOND).astimezone(UTC)
    assert dated == {"alpha": first, "beta": second, "delta": first}
    assert {when(e.location) for e in data.edges} == {first}


def _committed(root: Path) -> None:
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "map")


def _dates(root: Path) -> set[datetime | None]:
    """The dates of every actor, relation and source of the map."""
    data = load_checked(root / "data", root / "seeds")
    when = record_times(data, (root / "data", root / "seeds"))
    records = [*data.actors, *data.edges, *data.sources.values()]
    return {when(r.location) for r in records}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_map_s_own_git_configuration_runs_nothing(full_map: Path, tmp_path: Path) -> None:
    """A map is untrusted, its `.git` too: a text conversion filter its configuration names for
    its data files (which `git blame` runs by default) is not run, and the dates are still read."""
    ran = tmp_path / "ran"
    (full_map / ".gitattributes").write_text("*.yaml diff=hostile\n")
    _committed(full_map)
    _git(full_map, "config", "diff.hostile.textconv", f"touch {ran}; cat")
    assert _dates(full_map) == {datetime.fromisoformat(FIRST).astimezone(UTC)}
    assert not ran.exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("scope", ["GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM"])
def test_the_dates_do_not_depend_on_the_user_s_or_the_system_s_git_configuration(
    scope: str, full_map: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same commit gives the same dates on any machine: a user's or a system's git
    configuration (here one that makes every blame fail) is not read."""
    _committed(full_map)
    config = tmp_path / "gitconfig"
    config.write_text("[blame]\n\tignoreRevsFile = no-such-file\n")
    monkeypatch.setenv(scope, str(config))
    assert _dates(full_map) == {datetime.fromisoformat(FIRST).astimezone(UTC)}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_every_record_is_dated_sources_and_a_one_line_record_at_a_file_s_end_too(full_map: Path) -> None:
    """Sources are dated from the seeds folder's sources.yaml, the others from the data folder;
    a record written on one line, the file's last, is dated as well; without the folders the
    locations' own paths are read (from the map's folder)."""
    with (full_map / "data" / "actors.yaml").open("a") as f:
        f.write("  - {id: omega, name: Omega, kind: state}\n")
    _committed(full_map)
    first = datetime.fromisoformat(FIRST).astimezone(UTC)
    assert _dates(full_map) == {first}
    data = load_checked(full_map / "data", full_map / "seeds")
    when = record_times(data)
    assert {when(r.location) for r in [*data.actors, *data.sources.values()]} == {first}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_map_whose_git_cannot_blame_its_files_gets_no_dates_and_no_error(full_map: Path) -> None:
    """Where git refuses the blame (here the map's own configuration names a list of revisions
    to ignore that does not exist), no record gets a date, and nothing fails."""
    _committed(full_map)
    _git(full_map, "config", "blame.ignoreRevsFile", "no-such-file")
    assert _dates(full_map) == {None}


def test_a_git_that_does_not_answer_is_given_up_on_and_dates_nothing(
    full_map: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A git that hangs (a network file system, a lock) is waited on for the time limit only,
    then stopped: the records get no date from it, and the export goes on."""
    from actorgraph.outputs import history

    fake = tmp_path / "bin"
    fake.mkdir()
    answered = tmp_path / "answered"
    (fake / "git").write_text(f"#!/bin/sh\nsleep 5\necho >> {answered}\n")
    (fake / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(history, "_TIMEOUT", 0.5)
    data = load_checked(full_map / "data", full_map / "seeds")
    when = record_times(data, (full_map / "data", full_map / "seeds"))
    assert {when(a.location) for a in data.actors} == {None}
    assert not answered.exists()  # each call was stopped before its sleep ended
