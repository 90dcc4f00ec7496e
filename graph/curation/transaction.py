"""An edit as one transaction: check the result, then write it, holding the map's lock.

An edit is checked before it is written: the new text goes into a scratch copy of
its folder and the map is checked there, with the same checks and messages as
`actorgraph check`. A record that check would refuse is refused, and the file is
left as it was. Two edits at once (two terminals, a script running ten in
parallel) follow one another through the map's lock instead of each overwriting
the other's record, and a file an editor saved meanwhile is never overwritten.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from ..dataset.load import display_path
from ..dataset.model import Dataset, Location, Problem
from ..errors import ActorgraphError, DataError, ReadError
from ..files import LOCK_NAME, MB, Unreadable, as_named, inside, map_folder, map_roots, read_inside

_T = TypeVar("_T")


def apply(
    data_dir: Path,
    seeds_dir: Path,
    target: Path,
    new_text: str,
    old_text: str = "",
    extra: Mapping[str, str] | None = None,
    expect: Callable[[Dataset], str | None] | None = None,
) -> None:
    """Write `new_text` to `target` (a file of the data or seeds folder) — with `extra` files
    (name -> text) beside it — if, and only if, the map then passes every check.

    The check runs on a scratch copy of that folder; its messages name the real files, as
    `check` would. A problem in lines the edit adds is reported as being in the new record,
    not at a line the file does not have. `expect` says, of the checked result, what is wrong
    if the edit did not do what it said it would (None: it did): an edit that passes `check`
    but lands somewhere else (inside a comment) is refused, not reported as done.
    """
    from ..dataset.check import check_dataset
    from ..files import write_atomic

    # The folder the target is in: the seeds folder, or the data folder (the target may be a part
    # of a list in a folder of it, data/edges/east.yaml)
    in_seeds = target.parent.resolve() == seeds_dir.resolve()
    folder = seeds_dir if in_seeds else data_dir
    inner = target.relative_to(folder)
    added, shift = _changed_lines(old_text, new_text)
    with tempfile.TemporaryDirectory(prefix="actorgraph-edit-") as tmp:
        # Named as the folder is: the copy's messages are turned back into the real folder's
        # by that name (a root folder has none).
        scratch = Path(tmp) / (as_named(folder).name or "folder")
        try:
            _scratch_copy(folder, scratch, map_roots(data_dir, seeds_dir))
        except (OSError, shutil.Error) as exc:
            raise ReadError(f"cannot read '{display_path(folder)}' to check the edit: {_reason(exc)}") from None
        (scratch / inner).parent.mkdir(parents=True, exist_ok=True)
        (scratch / inner).write_text(new_text, encoding="utf-8")
        for name, text in (extra or {}).items():
            (scratch / name).write_text(text, encoding="utf-8")
        result, problems = check_dataset(data_dir if in_seeds else scratch, scratch if in_seeds else seeds_dir)
        scratch_name, real_name = display_path(scratch), display_path(folder)
        if problems:
            raise DataError(_renamed(p, scratch_name, real_name, inner.as_posix(), added, shift) for p in problems)
        missed = expect(result) if expect is not None else None
        if missed:
            raise ActorgraphError(f"{missed}; nothing was written")
    raw = read_raw(target)
    if raw.decode("utf-8-sig").replace("\r\n", "\n") != old_text:
        raise ActorgraphError(
            f"{display_path(target)} changed while the edit was being checked (an editor saved it?); "
            "nothing was written, run the command again"
        )
    written = []
    try:
        for name, text in (extra or {}).items():
            write_atomic(folder / name, text)
            written.append(folder / name)
        write_atomic(target, encode_like(new_text, raw))
    except BaseException:
        for path in written:  # all or nothing: no text left behind that nothing registers
            path.unlink(missing_ok=True)
        raise


def _scratch_copy(folder: Path, scratch: Path, roots: tuple[Path, ...], _seen: frozenset[Path] = frozenset()) -> None:
    """A copy of `folder` to check an edit in, that reads nothing the map may not. Links are
    copied as links, so one that leads out of the map stays one and the check refuses it as it
    refuses it in the map, instead of the copy reading where it leads (a secret whose lines an
    error would quote, a pipe, the whole disk). A link to somewhere inside the map leads to the
    same place from the copy: into the copy, when it points into the folder copied; elsewhere in
    the map, to a copy of what it leads to (the copy's check may read only the copy), made the
    same way, except a folder already being copied, which stays a link (a loop of links)."""
    shutil.copytree(folder, scratch, symlinks=True)
    base = folder.resolve()
    seen = _seen | {base}
    for top, dirs, files in os.walk(scratch):  # never into a linked folder
        for name in dirs + files:
            link = Path(top) / name
            if not link.is_symlink():
                continue
            real = (folder / link.relative_to(scratch)).resolve()
            if not inside(real, roots):
                continue
            link.unlink()
            if real == base or base in real.parents:
                link.symlink_to(scratch / real.relative_to(base))
            elif real.is_file():
                shutil.copyfile(real, link)  # elsewhere in the map, where the copy's check may not read
            elif real.is_dir() and real not in seen:
                _scratch_copy(real, link, roots, seen)
            else:
                link.symlink_to(real)


def _changed_lines(old_text: str, new_text: str) -> tuple[range, int]:
    """The 1-based numbers of the lines of `new_text` that `old_text` does not have: those between
    the lines both share at the start and at the end (an edit changes one stretch of a file); and
    how many lines the lines after them moved down. Linear: a line-by-line diff of a file whose
    lines repeat (`kind: militant_group` twenty thousand times) is quadratic."""
    old, new = old_text.splitlines(), new_text.splitlines()
    head, tail = _shared(old, new)
    return range(head + 1, len(new) - tail + 1), len(new) - len(old)


def _shared(old: list[str], new: list[str]) -> tuple[int, int]:
    """How many lines the two share at the start, and (not overlapping those) at the end."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, tail


def _renamed(p: Problem, scratch_name: str, real_name: str, file_name: str, added: range, shift: int) -> Problem:
    """A problem the check found in the scratch copy, as the user will look for it: in the real
    file; "in the new record" when it is in the lines the edit writes; and below them, at its
    line in the file as it is (the edit was not written), not in the text that was checked."""
    file = p.location.file.replace(scratch_name, real_name, 1)
    line = p.location.line
    if file.endswith(file_name) and line is not None:
        if line in added:
            return Problem(Location(file), f"in the new record: {p.message}")
        if line >= added.stop:
            line -= shift
    return Problem(Location(file, line, p.location.column), p.message)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list):
        first = exc.args[0][0]  # (source, destination, reason) per file that failed
        return f"{first[0]}: {first[2]}"
    return str(getattr(exc, "strerror", None) or exc)


def read_data(path: Path) -> str:
    """A data file's text as the edits work on it: without a byte-order mark, lines ending in
    "\n" (`_encode` puts the file's own back when it is written)."""
    return read_raw(path).decode("utf-8-sig").replace("\r\n", "\n")


EDIT_BYTES = 2048 * MB  # the most any map's settings may allow a file; `check` holds each map to its own


def read_raw(path: Path) -> bytes:
    if not os.path.lexists(path):
        return b""
    try:
        raw = read_inside(path, (path.parent.resolve(),), EDIT_BYTES)
        raw.decode("utf-8-sig")
    except (Unreadable, UnicodeDecodeError) as exc:
        raise ReadError(f"cannot read '{display_path(path)}': {exc}; run `actorgraph check`") from None
    return raw


def encode_like(text: str, like: bytes) -> bytes:
    """`text` in the conventions of the file it replaces: its byte-order mark, and each line's own
    ending: the lines the edit left as they were keep theirs (a file a Windows editor touched
    holds some CRLF lines among LF ones, and an edit must not change lines it did not edit); the
    lines it wrote take the ending most of the file's lines have."""
    old = like.decode("utf-8-sig", errors="replace").split("\n")
    endings = ["\r\n" if piece.endswith("\r") else "\n" for piece in old[:-1]]
    majority = "\r\n" if 2 * endings.count("\r\n") > len(endings) else "\n"
    new = text.split("\n")
    head, tail = _shared([piece.removesuffix("\r") if i < len(endings) else piece for i, piece in enumerate(old)], new)
    shift = len(old) - len(new)
    out = []
    for i, piece in enumerate(new[:-1]):
        if i < min(head, len(endings)):  # the old last line, without an ending, may match a new one
            ending = endings[i]
        elif i >= len(new) - tail and i + shift < len(endings):
            ending = endings[i + shift]
        else:
            ending = majority
        out.append(piece + ending)
    out.append(new[-1])
    return (b"\xef\xbb\xbf" if like.startswith(b"\xef\xbb\xbf") else b"") + "".join(out).encode("utf-8")


LOCK_WAIT = 60  # seconds another edit may hold the map before this one gives up


def locked(function: Callable[..., _T]) -> Callable[..., _T]:
    """Run an edit holding the map's lock, so two edits at once (two terminals, a script running
    ten in parallel) follow one another instead of each overwriting the other's record."""

    @functools.wraps(function)
    def wrapper(data_dir: Path, seeds_dir: Path, *args: Any, **kwargs: Any) -> _T:
        with map_lock(lock_path(data_dir, seeds_dir)):
            return function(data_dir, seeds_dir, *args, **kwargs)

    return wrapper


@contextlib.contextmanager
def map_lock(path: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the lock file at `path` (created if need be) until the block ends.

    The lock can do no harm to anything a map's contents point at: a map arrives through pull
    requests, and one that commits `.actorgraph-lock -> ../../thesis.docx` must not touch that
    file. So the lock is opened without following a link (O_NOFOLLOW: a link is refused, never
    created through), read-only, never truncated, written or re-moded, and must be a regular file;
    the lock itself is the kernel's advisory `flock` on the open file, released when it closes
    (even on kill -9). No third-party lock library: their versions differ in exactly these
    points (some open with truncation and follow the link)."""
    shown = display_path(path)
    try:
        fd = os.open(path, _LOCK_FLAGS, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            raise ActorgraphError(
                f"{shown} is a symbolic link; actorgraph never follows its lock file. Delete it (a map never "
                "holds it; `actorgraph check` reports it) and run the command again; nothing was written"
            ) from None
        raise ActorgraphError(f"cannot take the map's lock {shown}: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ActorgraphError(f"{shown} is not a regular file; delete it and run the command again")
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise ActorgraphError(f"another actorgraph edit has held the map for {wait:g} s ({shown}); try again")
            time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


_LOCK_FLAGS = (
    os.O_RDONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
)


def _try_lock(fd: int) -> bool:
    """Take an exclusive lock on `fd` without waiting; False when another process holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def lock_path(data_dir: Path, seeds_dir: Path) -> Path:
    """The map's lock file: in the folder holding data/ and seeds/, else in the data folder."""
    return (map_folder(data_dir, seeds_dir) or data_dir) / LOCK_NAME
