"""Rewrite schema/*.schema.json from the loader's field specs (a test fails when they drift).

python scripts/write_schemas.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from actorgraph.dataset.schema import render, schemas

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"


def main() -> None:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, schema in schemas().items():
        (SCHEMA_DIR / name).write_text(render(schema), encoding="utf-8")
        print(f"wrote {SCHEMA_DIR / name}", file=sys.stderr)


if __name__ == "__main__":
    main()
