"""An edit as one transaction: check the result, then write it, holding the map's lock.

An edit is checked before it is written: the new text goes into a scratch copy of
its folder and the map is checked there, with the same checks and messages as
`actorgraph check`. A record that check would refuse is refused, and the file is
left as it was. Two edits at once (two terminals, a script running ten in
parallel) follow one another through the map's lock instead of each overwriting
the other's record, and a file an editor saved meanwhile is never overwritten.
"""

from __future__ import annotations

import difflib
import functools
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from ..dataset.load import display_path
from ..dataset.model import Location, Problem
from ..errors import ActorgraphError, DataError, ReadError
from ..files import Unreadable, map_folder, read_inside

_T = TypeVar("_T")


def apply(
    data_dir: Path,
    seeds_dir: Path,
    target: Path,
    new_text: str,
    old_text: str = "",
    extra: Mapping[str, str] | None = None,
) -> None:
    """Write `new_text` to `target` (a file of the data or seeds folder) — with `extra` files
    (name -> text) beside it — if, and only if, the map then passes every check.

    The check runs on a scratch copy of that folder; its messages name the real files, as
    `check` would. A problem in lines the edit adds is reported as being in the new record,
    not at a line the file does not have.
    """
    from ..dataset.check import check_dataset
    from ..files import write_atomic

    folder = target.parent
    added = _added_lines(old_text, new_text)
    with tempfile.TemporaryDirectory(prefix="actorgraph-edit-") as tmp:
        scratch = Path(tmp) / folder.name
        try:
            shutil.copytree(folder, scratch)
        except (OSError, shutil.Error) as exc:
            raise ReadError(f"cannot read '{display_path(folder)}' to check the edit: {_reason(exc)}") from None
        (scratch / target.name).write_text(new_text, encoding="utf-8")
        for name, text in (extra or {}).items():
            (scratch / name).write_text(text, encoding="utf-8")
        in_seeds = folder.resolve() == seeds_dir.resolve()
        _, problems = check_dataset(data_dir if in_seeds else scratch, scratch if in_seeds else seeds_dir)
        scratch_name, real_name = display_path(scratch), display_path(folder)
        if problems:
            raise DataError(_renamed(p, scratch_name, real_name, target.name, added) for p in problems)
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


def _added_lines(old_text: str, new_text: str) -> set[int]:
    """1-based numbers of the lines of `new_text` that `old_text` does not have."""
    matcher = difflib.SequenceMatcher(None, old_text.splitlines(), new_text.splitlines(), autojunk=False)
    return {j + 1 for tag, _, _, j1, j2 in matcher.get_opcodes() if tag in ("insert", "replace") for j in range(j1, j2)}


def _renamed(p: Problem, scratch_name: str, real_name: str, file_name: str, added: set[int]) -> Problem:
    file = p.location.file.replace(scratch_name, real_name, 1)
    if file.endswith(file_name) and p.location.line in added:
        return Problem(Location(file), f"in the new record: {p.message}")
    return Problem(Location(file, p.location.line, p.location.column), p.message)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list):
        first = exc.args[0][0]  # (source, destination, reason) per file that failed
        return f"{first[0]}: {first[2]}"
    return str(getattr(exc, "strerror", None) or exc)


def read_data(path: Path) -> str:
    """A data file's text as the edits work on it: without a byte-order mark, lines ending in
    "\n" (`_encode` puts the file's own back when it is written)."""
    return read_raw(path).decode("utf-8-sig").replace("\r\n", "\n")


def read_raw(path: Path) -> bytes:
    if not os.path.lexists(path):
        return b""
    try:
        raw = read_inside(path, (path.parent.resolve(),))
        raw.decode("utf-8-sig")
    except (Unreadable, UnicodeDecodeError) as exc:
        raise ReadError(f"cannot read '{display_path(path)}': {exc}; run `actorgraph check`") from None
    return raw


def encode_like(text: str, like: bytes) -> bytes:
    """`text` in the conventions of the file it replaces: its byte-order mark and, when its lines
    end in CRLF (an editor on Windows), CRLF."""
    if like.replace(b"\r\n", b"").count(b"\n") < like.count(b"\r\n"):
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if like.startswith(b"\xef\xbb\xbf") else b"") + text.encode("utf-8")


LOCK_NAME = ".actorgraph-lock"


LOCK_WAIT = 60  # seconds another edit may hold the map before this one gives up


def locked(function: Callable[..., _T]) -> Callable[..., _T]:
    """Run an edit holding the map's lock, so two edits at once (two terminals, a script running
    ten in parallel) follow one another instead of each overwriting the other's record."""

    @functools.wraps(function)
    def wrapper(data_dir: Path, seeds_dir: Path, *args: Any, **kwargs: Any) -> _T:
        from filelock import FileLock, Timeout

        root = map_folder(data_dir, seeds_dir) or data_dir
        try:
            with FileLock(root / LOCK_NAME, timeout=LOCK_WAIT):
                return function(data_dir, seeds_dir, *args, **kwargs)
        except Timeout:
            raise ActorgraphError(
                f"another actorgraph edit has held the map for {LOCK_WAIT} s ({root / LOCK_NAME}); try again"
            ) from None

    return wrapper
