"""`actorgraph init`: a new, empty map that passes `check` and builds.

The templates (the vocabularies, commented so a curator sees how to extend them,
a README and a .gitignore) ship inside the package, and the JSON Schemas are
written from the installed version's own field specs, so a map started from a
`pip install` outside any repository is complete.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..dataset.format import ACTORS_FILE, EDGES_FILE, SETTINGS_FILE, SOURCES_FILE
from ..dataset.schema import render, schemas
from ..errors import UsageError

LAYOUT = {
    f"data/{ACTORS_FILE}": "actors.yaml",
    f"data/{EDGES_FILE}": "edges.yaml",
    f"data/{SETTINGS_FILE}": "settings.yaml",
    f"seeds/{SOURCES_FILE}": "sources.yaml",
    "README.md": "README.md",
    ".gitignore": "gitignore",
}


def init(folder: Path) -> list[Path]:
    """Write a new map into `folder` (created if need be); returns the files written. Refuses,
    writing nothing, when the folder already holds any of the map's files."""
    from ..files import write_atomic

    files = {folder / rel: _template(name) for rel, name in LAYOUT.items()}
    files.update({folder / "schema" / name: render(schema) for name, schema in schemas().items()})
    present = [p for p in files if p.exists() or p.is_symlink()]
    # A folder on the way that is a link (a committed `data -> /elsewhere`) would have the new
    # map written wherever it leads: refused, as a link out of a map is everywhere else.
    linked = sorted({f for p in files for f in p.relative_to(folder).parents if f.parts and (folder / f).is_symlink()})
    if linked:
        raise UsageError(
            f"'{folder / linked[0]}' is a symbolic link; init writes a map's folders only where they are, "
            "not through a link: remove it, or start the map in another folder"
        )
    if present:
        shown = ", ".join(str(p) for p in present[:3]) + (" ..." if len(present) > 3 else "")
        raise UsageError(f"'{folder}' already holds a map ({shown}); start the new one in another folder")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"'{folder}' is a file, not a folder")
    for path, text in files.items():
        write_atomic(path, text)
    return list(files)


def _template(name: str) -> str:
    return (resources.files(__package__) / "templates" / name).read_text(encoding="utf-8")
