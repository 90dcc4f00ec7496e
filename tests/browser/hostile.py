"""A copy of the small fixture with markup planted wherever curators' text reaches the page.

Names, aliases, descriptions, notes and quotes are shown on the page; each is
a place where a careless `innerHTML` or an unescaped JSON block would turn data
into code. The planted strings set `window.__pwned` if they ever run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "</script><script>window.__pwned=2</script>"
QUOTE = f"{IMG} and {SCRIPT}"
NOTE = "<b>not bold</b><!-- <script>window.__pwned=3</script>"

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "valid"


def plant(dest: Path) -> Path:
    """Copy the small fixture to `dest` and plant markup in it; returns `dest`."""
    shutil.copytree(FIXTURE / "data", dest / "data")
    shutil.copytree(FIXTURE / "seeds", dest / "seeds")

    memo = dest / "seeds" / "memo.txt"
    memo.write_text(memo.read_text(encoding="utf-8") + f"\nSomeone scrawled {QUOTE} in the margin.\n", encoding="utf-8")

    actors_file = dest / "data" / "actors.yaml"
    actors = yaml.safe_load(actors_file.read_text(encoding="utf-8"))
    first, second = actors["actors"][0], actors["actors"][1]
    first["description"] = f"{first.get('description', 'A group.')} {IMG}"
    second["aliases"] = [*second.get("aliases", []), SCRIPT]
    _dump(actors_file, actors)

    edges_file = dest / "data" / "edges.yaml"
    edges = yaml.safe_load(edges_file.read_text(encoding="utf-8"))
    rival = next(e for e in edges["edges"] if e["type"] == "rival")
    rival["evidence"].append({"doc": rival["evidence"][0]["doc"], "quote": QUOTE, "attributed_to": IMG})
    rival["note"] = NOTE
    _dump(edges_file, edges)
    return dest


def _dump(path: Path, value: object) -> None:
    path.write_text(yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
