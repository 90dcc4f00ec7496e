"""Reading a map's files and writing outputs, as the two places where a dataset meets the disk.

A map is untrusted input: it arrives through pull requests and is checked in
public CI. So reads stay inside the map (a symbolic link is followed only into
it; devices, pipes and runaway sizes are refused), and writes land only where
the user said (never through a link that leads out of the map, never over a
device or an input), each replaced whole or not at all: analysts keep the last
good page open while they edit, and a crash, a kill or a full disk must never
leave half a file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import WriteError

MB = 1024 * 1024
MAX_TEXT_BYTES = 16 * MB  # a source text; far beyond any real article
LOCK_NAME = ".actorgraph-lock"  # the lock edits hold, in the map's folder; never part of a map


@dataclass(frozen=True)
class Limits:
    """How much of a map is read: each data file, each source text, and everything together.

    A map arrives through pull requests, so what it may cost is bounded by these before a byte
    is parsed; the defaults admit a map of 50,000 relations with real-length quotes and notes
    in one file (about 35 MB), and a map may raise them in its settings (data/settings.yaml:
    `max_file_mb`, `max_text_mb`, `max_map_mb`), where a reviewer sees the change in `diff`."""

    file_bytes: int = 64 * MB  # one YAML file of the data folder (or the seeds folder's sources.yaml)
    text_bytes: int = MAX_TEXT_BYTES  # one source text
    map_bytes: int = 256 * MB  # every file of the map together

    def describe(self) -> str:
        return (
            f"{self.file_bytes // MB} MB per data file, {self.text_bytes // MB} MB per source text, "
            f"{self.map_bytes // MB} MB in all"
        )


class Unreadable(Exception):
    """Why a file of the map cannot be read, in words for a `file: message` problem."""


class TooLarge(Unreadable):
    """Past the limit it was read with (which the caller may name, and say how to raise)."""


class Missing(Unreadable):
    """There is no file at all (callers word that their own way: "text file 'x' not found")."""


def as_named(path: Path) -> Path:
    """The path the user named, absolute, with `.` and `..` taken as the folders they name
    (`--data-dir .` is the data folder, not a folder with no name) but no link followed: a
    link named stays the link, not where it leads."""
    return Path(os.path.normpath(path.absolute()))


def map_folder(data_dir: Path, seeds_dir: Path) -> Path | None:
    """The folder holding a map's data and seeds folders side by side (a repository's root),
    resolved; None when the user named folders that are not side by side."""
    data, seeds = as_named(data_dir), as_named(seeds_dir)
    return data.parent.resolve() if data.parent == seeds.parent else None


def map_roots(data_dir: Path, seeds_dir: Path) -> tuple[Path, ...]:
    """The folders a map's files may live in: the map folder, when there is one (a data or
    seeds folder committed as a link out of it leads nowhere the map may read); else the two
    folders the user named."""
    folder = map_folder(data_dir, seeds_dir)
    return (folder,) if folder else tuple(sorted({data_dir.resolve(), seeds_dir.resolve()}))


def inside(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def read_inside(path: Path, roots: tuple[Path, ...], limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of a file of the map, refusing what a hostile contribution could use to reach
    outside it: a symbolic link that leads out of the map (its text would end up in pages and
    CI logs), a device, pipe or socket (a read that never ends or never starts), and anything
    past `limit` bytes, counted as read, not as the file system reports them."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise Missing("file not found") from None
    except OSError as exc:
        raise Unreadable(f"cannot read file: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        target = os.readlink(path)
        if not inside(path.resolve(), roots):
            raise Unreadable(f"is a symbolic link to '{target}', outside the map; put the file itself here")
        try:
            info = os.stat(path)
        except OSError:
            raise Unreadable(f"is a symbolic link to '{target}', which does not exist") from None
    elif not inside(path.resolve(), roots):  # a folder on its way is the link
        raise Unreadable(
            f"is reached through a folder that links outside the map (to '{path.resolve().parent}'); "
            "put the folder itself here"
        )
    if stat.S_ISDIR(info.st_mode):
        raise Unreadable("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable("is not a regular file (a device, a pipe or a socket); put a text file here")
    try:
        # O_NONBLOCK: should the file be swapped for a pipe after the check above, opening it
        # still returns at once, and fstat below refuses it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise Unreadable(f"cannot read file: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise Unreadable("is not a regular file (a device, a pipe or a socket); put a text file here")
        raw = _read_at_most(fh, limit + 1, os.fstat(fh.fileno()).st_size)
    if len(raw) > limit:
        raise TooLarge(f"file is larger than {limit // MB} MB, the limit")
    return raw


def _read_at_most(fh: BinaryIO, most: int, expected: int) -> bytes:
    """Up to `most` bytes of `fh`, in one read of the size the file says it has (`read(most)` would
    allocate all of `most` first, a limit's worth of memory for a small file), then on in
    chunks should the file hold more than it said."""
    parts = [fh.read(min(most, expected + 1))]
    got = len(parts[0])
    while got < most and parts[-1]:
        parts.append(fh.read(min(most - got, _CHUNK)))
        got += len(parts[-1])
    return b"".join(parts)


_CHUNK = 1024 * 1024


def read_text(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    """A text file the user named, as UTF-8: read as the map's own files are (a regular file,
    at most `limit` bytes counted as read), but wherever the user's link leads, since they
    named it; or a `ReadError` that says what is wrong with it."""
    from .errors import ReadError

    try:
        raw = read_inside(path, (path.resolve().parent,), limit)
    except Unreadable as exc:
        raise ReadError(f"cannot read '{path}': {exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"cannot read '{path}': not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8 first"
        ) from None


TEMP_PREFIX = ".actorgraph-"  # temporary files beside an output; a map's .gitignore covers them


def write_output(path: Path, content: str | bytes, *, data_dir: Path, seeds_dir: Path, force: bool = False) -> None:
    """Write an output the user named, and only there.

    A device or a pipe (`/dev/null`, `/dev/stdout`) is written to as a stream, never replaced
    by a file. A symbolic link is followed only when it stays inside the map or the working
    folder it sits in (a committed `build/graph.html -> ../../victim` must not make a build
    overwrite a file elsewhere), unless `force`. Nothing is ever written into the map's data
    or seeds folders, so an output can never replace an input. Everything else is replaced
    whole, atomically.
    """
    lexical = Path(os.path.abspath(path))
    real = path.resolve()
    for folder in (data_dir, seeds_dir):
        if inside(real, (folder.resolve(),)):
            raise WriteError(
                f"cannot write '{path}': it is inside the map's {folder.name}/ folder, which holds its inputs; "
                "write outputs elsewhere (build/ is the usual place)"
            )
    homes = (*map_roots(data_dir, seeds_dir), Path.cwd().resolve())
    if not force and inside(lexical, homes) and not inside(real, homes):
        raise WriteError(
            f"cannot write '{path}': it is a symbolic link (or inside one) that leads to '{real}', outside "
            "the map; remove the link, or pass --force to write there"
        )
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        info = None  # a new file; write_atomic says what is wrong with its folder, if anything
    except OSError as exc:
        raise WriteError(f"cannot write '{path}': {exc.strerror or exc}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise WriteError(f"cannot write '{path}': it is a folder; name a file")
    if info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            with open(path, "wb") as fh:  # a stream: never rename anything over a device
                fh.write(data)
        except OSError as exc:
            raise WriteError(f"cannot write '{path}': {exc.strerror or exc}") from None
        return
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise WriteError(f"cannot write '{path}': it is not a regular file (a socket?)")
    write_atomic(path, content)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Replace `path` whole or not at all: written beside it under a temporary name, then renamed
    over it. A symbolic link is followed (its target replaced, the link kept), and an existing
    file keeps its permissions."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = path.resolve() if path.is_symlink() else path
    folder = target.parent
    for parent in [folder, *folder.parents]:
        if parent.exists():
            if not parent.is_dir():
                raise WriteError(f"cannot write '{path}': '{parent}' is a file, not a folder")
            break
    try:
        folder.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write '{path}': {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WriteError(f"cannot write '{path}': {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _default_mode() -> int:
    """What a plain `open(path, "w")` would give: 0666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
