"""Write output files so that a crash, a kill or a full disk never leaves half a file.

Analysts keep the last good page open while they edit; replacing it must be
all or nothing, so we write beside it and rename over it. A symlink is
followed (the file it points to is replaced, the link stays), and a file that
already exists keeps its permissions.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import WriteError

MAX_TEXT_BYTES = 10 * 1024 * 1024  # a source text or data file; far beyond any real article


def read_text(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    """A text file the user named, as UTF-8: a regular file, read at most `limit` bytes (whatever
    the file system says its size is), or a `ReadError` that says what is wrong with it."""
    from .errors import ReadError

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(f"cannot read '{path}': not a regular file")
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
    except FileNotFoundError:
        raise ReadError(f"cannot read '{path}': no such file") from None
    except OSError as exc:
        raise ReadError(f"cannot read '{path}': {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise ReadError(f"cannot read '{path}': larger than {limit // 2**20} MB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"cannot read '{path}': not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8 first"
        ) from None


def write_atomic(path: Path, content: str | bytes) -> None:
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
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
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
