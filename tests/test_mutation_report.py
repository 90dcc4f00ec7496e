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


def test_a_sample_spreads_over_every_module_in_proportion_and_is_the_same_each_time() -> None:
    script = _script()
    frame = {
        "big.py": [f"actorgraph.big.x_f__mutmut_{i}" for i in range(1, 801)],
        "middle.py": [f"actorgraph.middle.x_f__mutmut_{i}" for i in range(1, 181)],
        "small.py": [f"actorgraph.small.x_f__mutmut_{i}" for i in range(1, 20)],
        "tiny.py": ["actorgraph.tiny.x_f__mutmut_1"],
    }
    chosen = script.draw(frame, 100)
    assert chosen == script.draw(frame, 100)
    per = {m: sum(name in names for name in chosen) for m, names in frame.items()}
    # 80%, 18% and 1.9% of the frame: a small module still gets two, one with a single mutant its
    # one, and those floors may take the sample a little over the size asked for.
    assert per == {"big.py": 80, "middle.py": 18, "small.py": 2, "tiny.py": 1}
    assert len(set(chosen)) == len(chosen) == 101
    assert sorted(map(len, map(set, (script.draw(frame, 500), chosen)))) == [101, 500]
    assert script.draw(frame, 100) != script.draw({**frame, "tiny.py": []}, 100)


def _kept(script: ModuleType, results: dict[str, dict[str, list[str]]]) -> dict[str, object]:
    """A store at this checkout's sources: each module's hash, with the given mutants' results."""
    return {m: {"hash": script._source_hash(m, ROOT / "graph"), "mutants": results.get(m, {})} for m in script.EVERY}


def test_the_estimate_weights_each_module_by_its_share_of_the_mutants_not_yet_run() -> None:
    script = _script()
    code = "-    a = 1\n+    a = 2"
    first, second = "api.py", "cli.py"
    in_first = [f"actorgraph.api.x_f__mutmut_{i}" for i in range(1, 11)]
    in_second = [f"actorgraph.cli.x_g__mutmut_{i}" for i in range(1, 5)]
    results = {
        # api: ten mutants in the frame, five sampled (four killed), five still to run.
        first: {
            **{n: ["killed", code] for n in in_first[:4]},
            in_first[4]: ["survived", code],
            **{n: ["not checked", code] for n in in_first[5:]},
        },
        # cli: four in the frame, two sampled (both survived); a killed one and a wording one run before.
        second: {
            **{n: ["survived", code] for n in in_second[:2]},
            **{n: ["not checked", code] for n in in_second[2:]},
            "actorgraph.cli.x_h__mutmut_1": ["killed", code],
            "actorgraph.cli.x_h__mutmut_2": ["survived", '-    say("a b")\n+    say("XXa bXX")'],
        },
    }
    kept = _kept(script, results)
    kept[script.SAMPLE_KEY] = {
        "frame": {first: in_first, second: in_second},
        "names": in_first[:5] + in_second[:2],
        "hashes": {m: kept[m]["hash"] for m in (first, second)},  # type: ignore[index]
    }
    known_killed, everything, frame_killed, error = script.estimate(kept)
    assert (known_killed, everything) == (1, 1 + 14)
    assert frame_killed == 10 * 4 / 5 + 4 * 0
    # api's stratum: 10² × (1 − 5/10) × (0.8 × 0.2 × 5/4) / 5 = 2; cli's sample has no spread.
    assert abs(error - 2**0.5) < 1e-9
    assert "Estimated over the whole package: 60.0%" in script.report(kept)
    assert script.estimate(kept, as_drawn=True) is None  # no verdicts kept from the sample's own run
    # At its own run two of api's five sampled mutants had lived; a test since killed one.
    kept[script.SAMPLE_KEY]["first"] = {  # type: ignore[index]
        **{n: "killed" for n in in_first[1:4]},
        **{n: "survived" for n in (in_first[0], in_first[4], *in_second[:2])},
    }
    assert script.estimate(kept, as_drawn=True)[:3] == (1, 15, 10 * 3 / 5)
    text = script.report(kept)
    assert "Estimated over the whole package: 46.7%** (95% interval" in text  # the sample's own run first
    assert "with the verdicts of the sample's own run." in text
    assert "after the tests written for the sample's survivors: **60.0%** (95% interval" in text

    kept[script.SAMPLE_KEY]["hashes"][first] = "another source"  # type: ignore[index]
    assert script.estimate(kept) is None
    kept[script.SAMPLE_KEY]["hashes"][first] = kept[first]["hash"]  # type: ignore[index]
    results[first][in_first[0]] = ["not checked", code]  # fewer judged in the sample: a wider spread
    assert script.estimate(kept)[3] > error


def test_an_entry_that_begins_left_names_gaps_not_equivalents() -> None:
    script = _script()
    text = """## curation/diff.py

- `x_a__mutmut_1` (equivalent): a reason
  over two lines naming `x_b__mutmut_2` too.
- Left (not pinned): `x_c__mutmut_3`, `_4` (a gap): a reason
  that goes on, naming `_5`.

## api.py

- `x_d__mutmut_6`: equivalent.
- Left: `x_e__mutmut_7`.
"""
    assert script.left_as_gaps(text) == {
        "actorgraph.curation.diff.x_c__mutmut_3",
        "actorgraph.curation.diff.x_c__mutmut_4",
        "actorgraph.curation.diff.x_c__mutmut_5",
        "actorgraph.api.x_e__mutmut_7",
    }
    assert set(script.explained(text)) > script.left_as_gaps(text)


def test_a_checkout_with_no_results_claims_no_score() -> None:
    """A fresh clone has no results (they are not in the repository): its report says there is
    no score, never 100% of nothing."""
    script = _script()
    assert "No mutant has been run at this checkout, so there is no score." in script.report({})
    waiting = _kept(script, {"api.py": {"actorgraph.api.x_f__mutmut_1": ["not checked", "-    a = 1\n+    a = 2"]}})
    text = script.report(waiting)
    assert "No mutant has been run at this checkout, so there is no score." in text
    (row,) = [row for row in text.splitlines() if row.startswith("| `actorgraph.api`")]
    assert row.split("|")[5].strip() == "—" and "100%" not in text, row
