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


PROFILE_IMPORT = """
import importlib, json, pkgutil, sys
called = set()
def note(frame, event, arg):
    if event == "call" and frame.f_globals.get("__name__", "").startswith("actorgraph"):
        qualname = frame.f_code.co_qualname.split(".<locals>")[0]
        if "." not in qualname:
            called.add(frame.f_globals["__name__"] + ".x_" + qualname)
sys.setprofile(note)
import actorgraph
for info in pkgutil.walk_packages(actorgraph.__path__, "actorgraph."):
    if not info.name.endswith("__main__"):
        importlib.import_module(info.name)
sys.setprofile(None)
print(json.dumps(sorted(called)))
"""


def test_every_function_set_aside_as_run_at_import_does_run_at_import() -> None:
    """The report leaves these out of the score because mutmut cannot switch them on: a name
    that no longer runs at import (renamed, or now called by a command) must not stay hidden."""
    import json
    import subprocess

    done = subprocess.run([sys.executable, "-c", PROFILE_IMPORT], capture_output=True, text=True, check=True)
    called = set(json.loads(done.stdout))
    assert called >= _script().AT_IMPORT, sorted(_script().AT_IMPORT - called)


def test_a_mutant_is_of_code_run_at_import_by_its_function_alone() -> None:
    script = _script()
    assert script.at_import("actorgraph.cli.x_formats__mutmut_12")
    assert not script.at_import("actorgraph.cli.x_formats_more__mutmut_12")
    assert not script.at_import("actorgraph.cli.x_main__mutmut_3")
