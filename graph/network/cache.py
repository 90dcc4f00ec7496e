"""Keep the checked dataset between runs, keyed on the content of every input file.

Checking 10,000 relations (parsing, cross-references, verifying every quote)
takes seconds; a path query should not. Query commands therefore reuse the
checked dataset of a previous run when, and only when, the bytes of every data
and seed file and of actorgraph's own code are the same — so a cached answer
can never be stale. Only data that passed every check is ever stored. The graph
itself is rebuilt from it each time, which costs little.

The cache holds JSON decoded into the model's own types by msgspec, which
checks the shape as it decodes: nothing in it can run, and an entry of the
wrong shape is ignored and replaced. Any failure to read or write the cache
costs speed, never an answer. Set ACTORGRAPH_CACHE_DIR to move it, or
ACTORGRAPH_NO_CACHE=1 to bypass it.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import msgspec

from ..dataset.check import load_checked
from ..dataset.format import PARTS, part_files
from ..dataset.load import map_limits
from ..dataset.model import Dataset
from ..files import Unreadable, map_roots, read_inside

KEEP = 8  # newest cache entries kept; older ones are removed
_PACKAGE = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    configured = os.environ.get("ACTORGRAPH_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "actorgraph"


def content_key(data_dir: Path, seeds_dir: Path) -> str:
    digest = hashlib.sha256()
    # All of the package's code, not a hand-kept list of the modules that build the dataset:
    # a list goes stale the day a check moves to a new module.
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    # The map's files, read as `check` reads them: only from inside the map, bounded.
    roots = map_roots(data_dir, seeds_dir)
    limits = map_limits(data_dir, seeds_dir)
    parts = [p for name in PARTS for p in part_files(data_dir, name)]  # data/edges/*.yaml, data/actors/*.yaml
    for path in [*sorted(data_dir.glob("*.yaml")), *parts, *sorted(seeds_dir.iterdir())]:
        try:
            content = read_inside(path, roots, max(limits.file_bytes, limits.text_bytes))
        except Unreadable as exc:
            content = str(exc).encode()  # the check will say so; the key still changes with it
        name = path.name if path.parent in (data_dir, seeds_dir) else f"{path.parent.name}/{path.name}"
        digest.update(name.encode() + b"\0" + content + b"\0")
    digest.update(msgspec.__version__.encode())
    return digest.hexdigest()


def checked_dataset(data_dir: Path, seeds_dir: Path) -> Dataset:
    """The checked dataset, from the cache when the inputs are unchanged.

    Raises `DataError` exactly as `load_checked` does when the data is bad.
    """
    if os.environ.get("ACTORGRAPH_NO_CACHE"):
        return load_checked(data_dir, seeds_dir)
    try:
        key = content_key(data_dir, seeds_dir)
    except OSError:
        return load_checked(data_dir, seeds_dir)  # unreadable input: let the check say so
    entry = cache_dir() / f"{key}.json"
    try:
        return msgspec.json.decode(entry.read_bytes(), type=Dataset)
    except (OSError, msgspec.DecodeError):
        pass  # absent, unreadable or of the wrong shape: check again, and replace it
    data = load_checked(data_dir, seeds_dir)
    _store(entry, msgspec.json.encode(data))
    return data


def _store(entry: Path, content: bytes, keep: int = KEEP) -> None:
    """Best effort: a read-only, full or missing cache folder costs speed, never an answer."""
    from ..errors import WriteError
    from ..files import write_atomic

    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(entry, content)
        entries = sorted(entry.parent.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
    except (OSError, WriteError):
        pass


KEEP_SENTENCES = 256  # source texts whose sentences are kept


@functools.cache
def _splitter_key() -> bytes:
    """What a cached split depends on besides the text: the splitter's code and pySBD's version."""
    from importlib.metadata import version

    from ..dataset import sentences

    return Path(sentences.__file__).read_bytes() + version("pysbd").encode()


def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """`dataset.sentences.sentence_spans`, kept between runs under the text's hash (and the
    splitter's code): splitting sources into sentences costs a small map's page more than
    everything else together, and a source's text rarely changes once registered."""
    from ..dataset import sentences

    if os.environ.get("ACTORGRAPH_NO_CACHE"):
        return sentences.sentence_spans(text)
    digest = hashlib.sha256(text.encode("utf-8") + b"\0")
    digest.update(_splitter_key())
    entry = cache_dir() / "sentences" / f"{digest.hexdigest()}.json"
    try:
        found = msgspec.json.decode(entry.read_bytes(), type=list[tuple[int, int]])
        if all(0 <= a < b <= len(text) for a, b in found):
            return tuple(found)
    except (OSError, msgspec.DecodeError):
        pass
    spans = sentences.sentence_spans(text)
    _store(entry, msgspec.json.encode(spans), KEEP_SENTENCES)
    return spans
