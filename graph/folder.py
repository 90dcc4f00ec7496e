"""A map on disk, named once: its data folder and its seeds folder, resolved together.

A curator names a map in one of three ways — the repository root (`my-map`, holding
`data/` and `seeds/`), its data folder (`my-map/data`, the seeds folder beside it), or
both folders — and every command, the Python API and every edit then work on the same
pair. Resolving it once, here, keeps one rule for where the seeds folder is and one
message (and exit status) for a folder that is not there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .dataset.format import ACTORS_FILE, default_seeds
from .errors import UsageError
from .files import map_folder, map_roots

DATA_HOLDS = "actors.yaml and edges.yaml"
SEEDS_HOLDS = "sources.yaml and the source texts"


class FolderMissing(UsageError):
    """A folder the user named (or the default one) is not there."""

    def __init__(self, folder: Path, holds: str, option: str) -> None:
        self.folder, self.option = folder, option
        super().__init__(f"folder '{folder}' not found (it should hold {holds})")


@dataclass(frozen=True)
class MapFolder:
    """Where a map's files are: `data` (actors.yaml, edges.yaml, ...) and `seeds` (sources.yaml
    and the texts)."""

    data: Path
    seeds: Path

    @classmethod
    def of(cls, data: str | Path = "data", seeds: str | Path | None = None) -> MapFolder:
        """The map the user named: a data folder (its seeds folder beside it unless `seeds`
        says otherwise), or a map's root folder holding `data/` and `seeds/`. Raises
        `FolderMissing` (a `UsageError`, exit status 2) for a folder that is not there."""
        data = Path(data)
        if seeds is None and not (data / ACTORS_FILE).exists() and (data / "data").is_dir():
            data = data / "data"  # the map's root, as `actorgraph init` makes it
        if data == Path("data") and not data.is_dir():
            # Run from inside the map's data or seeds folder: the map is the one around it.
            here = Path.cwd()
            data = next((d for d in (here, here.parent / "data") if (d / ACTORS_FILE).is_file()), data)
        seeds = Path(seeds) if seeds is not None else default_seeds(data)
        if not data.is_dir():
            raise FolderMissing(data, DATA_HOLDS, "--data-dir")
        if not seeds.is_dir():
            raise FolderMissing(seeds, SEEDS_HOLDS, "--seeds-dir")
        return cls(data, seeds)

    @property
    def root(self) -> Path | None:
        """The folder holding both, when they sit side by side (a repository's root)."""
        return map_folder(self.data, self.seeds)

    @property
    def roots(self) -> tuple[Path, ...]:
        """The folders the map's files may be read from (see `files.map_roots`)."""
        return map_roots(self.data, self.seeds)
