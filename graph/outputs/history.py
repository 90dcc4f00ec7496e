"""When each record of a map last changed, from the git commits that wrote its lines.

The STIX export dates an object by its sources where they carry a date; where none does (an
opinion piece that names no date), the commit that last changed the record is the only honest
date there is. The answer depends only on the commit, so the same commit exports the same bytes.

A map is untrusted input, so git is asked only what needs no working tree (`rev-parse`,
`cat-file`, `blame` of HEAD, without text conversion filters), with the user's and the system's
configuration left out: nothing a map's own `.git` could configure runs. A file with uncommitted
changes has no commit to name, and gets no date from here.
"""

from __future__ import annotations

import bisect
import os
import shutil
import subprocess
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from ..dataset.format import SOURCES_FILE
from ..dataset.model import Dataset, Location

_TIMEOUT = 60  # seconds for one git command: a map's history is read, never waited on forever


def record_times(data: Dataset, folders: tuple[Path, Path] | None = None) -> Callable[[Location], datetime | None]:
    """A function giving, for the location of a record (its first line), the time of the newest
    commit among the lines it spans (up to the next record of its file); None where git cannot say.

    `folders` (the map's data and seeds folders) say where the files are: a dataset from the
    cache remembers the paths it was first read by, which need not be where it is now."""
    starts: dict[str, list[int]] = {}
    for loc in _record_starts(data):
        if loc.line is not None:
            starts.setdefault(loc.file, []).append(loc.line)
    for lines in starts.values():
        lines.sort()
    times = {name: _line_times(_where(name, folders)) for name in starts}

    def when(loc: Location) -> datetime | None:
        lines, first = times.get(loc.file), loc.line
        if not lines or first is None or first > len(lines):
            return None
        known = starts[loc.file]
        after = bisect.bisect_right(known, first)
        end = known[after] - 1 if after < len(known) else len(lines)
        return datetime.fromtimestamp(max(lines[first - 1 : end]), tz=UTC)

    return when


def _where(shown: str, folders: tuple[Path, Path] | None) -> Path:
    if folders is None:
        return Path(shown)
    data_dir, seeds_dir = folders
    name = Path(shown).name
    return (seeds_dir if name == SOURCES_FILE else data_dir) / name


def _record_starts(data: Dataset) -> Iterable[Location]:
    yield from (a.location for a in data.actors)
    yield from (e.location for e in data.edges)
    yield from (s.location for s in data.sources.values())
    for vocabulary in (data.actor_kinds, data.relation_types, data.confidence_levels, data.source_kinds):
        yield from (entry.location for entry in vocabulary.values())


def _git(folder: Path, *args: str) -> bytes | None:
    git = shutil.which("git")
    if git is None:
        return None
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_TERMINAL_PROMPT": "0"}
    env["GIT_OPTIONAL_LOCKS"] = "0"
    command = [git, "-c", "core.fsmonitor=false", "-C", str(folder), *args]
    try:
        done = subprocess.run(command, capture_output=True, timeout=_TIMEOUT, env=env, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _line_times(path: Path) -> list[int] | None:
    """The commit time of each line of a file, when the file is exactly as HEAD has it."""
    try:
        folder = path.resolve().parent
        text = path.read_bytes()
    except OSError:
        return None
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    try:
        root = Path(top.decode().strip()).resolve()
        name = path.resolve().relative_to(root).as_posix()
    except (ValueError, UnicodeDecodeError):
        return None
    if _git(root, "cat-file", "blob", f"HEAD:{name}") != text:
        return None  # uncommitted changes (or not tracked): no commit wrote these lines
    blame = _git(root, "blame", "--porcelain", "--no-textconv", "HEAD", "--", name)
    return _parse_blame(blame) if blame is not None else None


def _parse_blame(porcelain: bytes) -> list[int]:
    """Per line, the committer time of the commit that last changed it (`git blame --porcelain`:
    a header line per line, a commit's details only the first time it appears)."""
    times: dict[bytes, int] = {}
    out: list[int] = []
    commit = b""
    expect_header = True
    for line in porcelain.split(b"\n"):
        if line.startswith(b"\t"):
            out.append(times.get(commit, 0))
            expect_header = True
        elif expect_header and line:
            commit = line.split(b" ", 1)[0]
            expect_header = False
        elif line.startswith(b"committer-time "):
            times[commit] = int(line.split(b" ", 1)[1])
    return out
