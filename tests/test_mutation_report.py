"""The mutation report's bookkeeping: which survivors docs/mutation-equivalents.md explains.

The report counts a survivor as explained only when the equivalents file names it under its
module's heading, so a misread name would either hide a live mutant or leave an explained one
listed as work still to do."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_script", ROOT / "scripts" / "mutation.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("mutation_script", module)
    spec.loader.exec_module(module)
    return module


def test_names_are_read_per_module_with_shortened_runs() -> None:
    text = """# Equivalent mutants

Prose that names `x_not_under_a_heading__mutmut_1` before any module.

## curation/diff.py

- `x__is_revision__mutmut_8`, `_10`, `_12` (a reason): more words.
- `xǁMapǁadd__mutmut_5` and `_6`.

## outputs/page/__init__.py

- `x_waiting_page__mutmut_3`, `_11`.

## network/analyze.py: sampled_betweenness

- `x_sampled_betweenness__mutmut_15`.
"""
    names = _script().explained(text)
    assert set(names) == {
        "actorgraph.curation.diff.x__is_revision__mutmut_8",
        "actorgraph.curation.diff.x__is_revision__mutmut_10",
        "actorgraph.curation.diff.x__is_revision__mutmut_12",
        "actorgraph.curation.diff.xǁMapǁadd__mutmut_5",
        "actorgraph.curation.diff.xǁMapǁadd__mutmut_6",
        "actorgraph.outputs.page.x_waiting_page__mutmut_3",
        "actorgraph.outputs.page.x_waiting_page__mutmut_11",
        "actorgraph.network.analyze.x_sampled_betweenness__mutmut_15",
    }
    assert names["actorgraph.network.analyze.x_sampled_betweenness__mutmut_15"] == "network/analyze.py"


def test_a_shortened_name_starts_no_run_of_its_own() -> None:
    """A `_7` before any full name under its heading names nothing: it could belong to any function."""
    assert _script().explained("## api.py\n\n- `_7` then `x_f__mutmut_2`, `_3`.\n") == {
        "actorgraph.api.x_f__mutmut_2": "api.py",
        "actorgraph.api.x_f__mutmut_3": "api.py",
    }
