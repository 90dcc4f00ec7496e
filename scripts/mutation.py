"""Mutation testing of actorgraph with mutmut: which deliberate bugs does the suite miss?

mutmut names each mutant after the module path of the file it mutates and expects the tests
to import that same name, so the run happens in a scratch copy of the repository where the
package folder is called `actorgraph/` (in the repository it is `graph/`, installed under
that name by `package-dir`). The browser, style, fuzzing and watch tests are left out: they check the page,
the code's form and timing, not the core's answers, and would only slow every mutant down.

    python scripts/mutation.py                    # the modules changed since their last run (all, the first time)
    python scripts/mutation.py --all              # every module of the package again (hours on 2 cores)
    python scripts/mutation.py network/records.py # one module
    python scripts/mutation.py --report-only      # rewrite docs/mutation.md from the kept results
    python scripts/mutation.py --survivors api.py # only api.py's survivors again, after new tests
    python scripts/mutation.py --only actorgraph.api.x__fields__mutmut_16   # these mutants only
    python scripts/mutation.py --sample 1000      # a random sample of those not yet run, to estimate the rest

Running every mutant takes many hours on 2 cores (a surviving mutant of a module every test
reaches costs the whole suite). `--sample N` draws a seeded random sample of the mutants not run
yet, spread over the modules in proportion, and runs only those: the report then gives the whole
package's score as measured where run and estimated from the sample elsewhere, with a 95%
interval, and also as the sample's own run found it (tests written afterwards for its survivors
make the later figure lean high).

Results are kept per module in .mutation-results.json, with the hash of the source they were run
on: a report at a later commit reuses every module whose code did not change, and names those
it could not report.

Needs mutmut (`pip install mutmut`). Writes docs/mutation.md: the score per module and every
surviving mutant by kind, so each can be judged a missing test, dead code, or an equivalent
change. Mutants that only reword a message (a change inside a string literal that holds a
space: prose, not a key or a name the code compares) are counted apart and left out of the
score: the suite pins the messages that matter by their words, and thousands of "XX"-wrapped
sentences would hide the mutants that change behaviour.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tokenize
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The scratch copy mutmut works in; one per checkout, so two runs never share (or delete) one.
WORK = Path("/tmp") / f"actorgraph-mutation-{hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]}"
# Every module of the package but the entry point (the page's JavaScript is not Python).
EVERY = sorted(
    p.relative_to(ROOT / "graph").as_posix()
    for p in (ROOT / "graph").rglob("*.py")
    if p.name != "__main__.py" and p.read_text().strip()
)
COPIED = ["tests", "data", "seeds", "schema", "scripts", "README.md"]
CONFIG = """
[tool.mutmut]
source_paths = ["actorgraph/"]
only_mutate = {only}
also_copy = {copied}
# Each mutant's tests run in a process forked from one that has imported the tests but run none:
# forked from mutmut's own process (the default), they would inherit the caches (functools'
# lru_cache) its clean run filled, and a mutant behind a cache would never run.
process_isolation = "forkserver"
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x", "--ignore=tests/browser",
                       "--ignore=tests/test_style.py", "--ignore=tests/test_hostile.py",
                       "--ignore=tests/outputs/test_watch.py", "--ignore=tests/test_mutation_report.py",
                       "-k", "not watch and not a_field_added_in_one_line"]

[tool.pytest.ini_options]
testpaths = ["tests"]
"""


def prepare(modules: list[str]) -> None:
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    shutil.copytree(ROOT / "graph", WORK / "actorgraph", ignore=shutil.ignore_patterns("__pycache__"))
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, WORK / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, WORK / name)
    only = [f"actorgraph/{m}" for m in modules]
    (WORK / "pyproject.toml").write_text(CONFIG.format(only=only, copied=COPIED))


# Read every mutant's status and diff in one process (`mutmut show` per mutant would start 20,000
# interpreters), in the workspace, where mutmut finds its configuration and its mutants. The diff
# is taken from the text of the two generated functions (the unmutated copy and the mutant) that
# mutmut's line index points at; parsing both with libcst for each mutant, as mutmut's own
# get_diff_for_mutant does, takes minutes over the package. It falls back to mutmut's diff.
_HARVEST = """
import difflib, json, sys, textwrap
from mutmut.mutation.data import MutantLineSpans, SourceFileMutationData
from mutmut.mutation.diff_apply import generated_function_names, get_diff_for_mutant
from mutmut.stats import status_by_exit_code
from mutmut.utils.file_utils import walk_mutatable_files
out = {}
for path in walk_mutatable_files():
    m = SourceFileMutationData(path=path)
    m.load()
    spans = MutantLineSpans.load(path)
    lines = (spans.mutants_path.read_text().splitlines() if spans else [])
    for name, code in m.exit_code_by_key.items():
        orig, mutant = generated_function_names(name)
        try:
            a, b = (spans.span_by_function_name[n] for n in (orig, mutant))
            old = textwrap.dedent("\\n".join(lines[a.start - 1 : a.end]).replace(orig, "f")).splitlines()
            new = textwrap.dedent("\\n".join(lines[b.start - 1 : b.end]).replace(mutant, "f")).splitlines()
            diff = "\\n".join(difflib.unified_diff(old, new, lineterm=""))
        except Exception:
            try:
                diff = get_diff_for_mutant(name, path=m.path)
            except Exception as exc:  # a mutant mutmut cannot show: kept, with why
                diff = f"(no diff: {exc})"
        kept = [ln for ln in diff.splitlines() if ln[:1] in "+-" and ln[:2] not in ("++", "--")]
        out[name] = [status_by_exit_code[code], "\\n".join(kept)]
json.dump(out, sys.stdout)
"""


# Make the mutants without running any, so the ones not worth a run can be set aside first.
_GENERATE = """
import os
from mutmut.__main__ import create_mutants, store_lines_covered_by_tests
from mutmut.mutation.trampoline import set_mutant_under_test
from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir, setup_source_paths
set_mutant_under_test("mutant_generation")
os.makedirs("mutants", exist_ok=True)
copy_src_dir()
copy_also_copy_files()
setup_source_paths()
store_lines_covered_by_tests()
create_mutants(os.cpu_count() or 2)
"""

# Mark mutants as skipped (mutmut's exit code 34): `mutmut run` keeps a result it already has, so
# it runs only the others.
_SKIP = """
import json, sys
from mutmut.mutation.data import SourceFileMutationData
from mutmut.utils.file_utils import walk_mutatable_files
skip = set(json.load(sys.stdin))
for path in walk_mutatable_files():
    m = SourceFileMutationData(path=path)
    m.load()
    for name in m.exit_code_by_key:
        if name in skip:
            m.exit_code_by_key[name] = 34
    m.save()
"""


# `mutmut run`, with each mutant's tests in the order most likely to stop early: mutmut hands the
# fork server its tests as a set, and with `-x` a killed mutant costs every test run before the
# first that fails. The tests of the mutated module's own test file go first (the most likely to
# notice), then the rest, quickest first. The order reaches into mutmut's runners (3.8); a mutmut
# without them runs as it is, only slower.
_RUN = """
import sys
from pathlib import PurePath
from mutmut.__main__ import cli
from mutmut.state import state
try:
    from mutmut.workers.isolation import ForkRunner, ForkServerRunner
except ImportError:
    ForkRunner = ForkServerRunner = None

def ordered(submit):
    def wrapper(self, mutant_name, tests, cpu_time_limit, estimated_time):
        stem = mutant_name.split(".x_")[0].split(".xǁ")[0].rsplit(".", 1)[-1]
        def key(test):
            own = PurePath(test.split("::")[0]).stem.removeprefix("test_").startswith(stem)
            return (not own, state().duration_by_test.get(test, 0.0), test)
        return submit(self, mutant_name, sorted(tests, key=key), cpu_time_limit, estimated_time)
    return wrapper

for runner in (ForkRunner, ForkServerRunner):
    if runner is not None and hasattr(runner, "submit"):
        runner.submit = ordered(runner.submit)
sys.argv = ["mutmut", "run"]
cli()
"""


def harvest() -> dict[str, tuple[str, str]]:
    """mutant name -> (status, diff), from the workspace's last run."""
    done = subprocess.run([sys.executable, "-c", _HARVEST], cwd=WORK, capture_output=True, text=True, check=True)
    return {name: (status, diff) for name, (status, diff) in json.loads(done.stdout).items()}


STORE = ROOT / ".mutation-results.json"  # per module: the hash of its source and its mutants' results


def _source_hash(module: str, base: Path) -> str:
    return hashlib.sha256((base / module).read_bytes()).hexdigest()


def module_of(name: str) -> str:
    """The module path under graph/ of a mutant's name (`actorgraph.network.build.x_...`; a
    package's own module, `actorgraph.present.x_...`, is its `__init__.py`)."""
    dotted = name.split(".x_")[0].split(".xǁ")[0]
    path = "/".join(dotted.split(".")[1:])
    return f"{path}/__init__.py".lstrip("/") if (not path or (ROOT / "graph" / path).is_dir()) else f"{path}.py"


def store(found: dict[str, tuple[str, str]], modules: list[str]) -> dict[str, Any]:
    """Keep this run's results for `modules` (with the hash of the source the workspace
    mutated), beside earlier runs' results for the others. A mutant this run skipped keeps the
    result an earlier run on the same source gave it."""
    kept: dict[str, Any] = json.loads(STORE.read_text()) if STORE.exists() else {}
    for module in modules:
        digest = _source_hash(module, WORK / "actorgraph")
        before = kept.get(module, {})
        earlier = before.get("mutants", {}) if before.get("hash") == digest else {}
        kept[module] = {"hash": digest, "mutants": dict(earlier)}
    for name, result in found.items():
        module = module_of(name)
        if result[0] == "skipped" and kind_of(result[1]) != "wording":
            # set aside as code that runs at import, or by a --survivors run (still to run)
            result = ("at import" if at_import(name) else "not checked", result[1])
        before = kept[module]["mutants"].get(name) if module in modules else None
        # A mutant this run skipped, or stopped before it reached, keeps an earlier verdict.
        if module in modules and not (before and before[0] in JUDGED and result[0] not in JUDGED[:4]):
            kept[module]["mutants"][name] = list(result)
    STORE.write_text(json.dumps(kept, indent=0, sort_keys=True))
    return kept


# The verdicts that leave a bug the suite would not notice.
LEFT = ("survived", "no tests")
# A result that settles a mutant (the rest, "not checked" above all, are run next time).
JUDGED = ("killed", "survived", "timeout", "no tests", "skipped", "suspicious", "segfault", "caught by type check",
          "at import")  # fmt: skip


def unfinished(kept: dict[str, Any]) -> list[str]:
    """The modules with mutants still to run: changed since their results were kept, or left
    part-way by a run that ran out of time."""
    changed = set(stale(kept))
    return [m for m in EVERY if m in changed or any(status not in JUDGED for status, _ in kept[m]["mutants"].values())]


def merge(other: Path) -> dict[str, Any]:
    """Take another checkout's results (a run beside this one, on the same code): per mutant,
    the better-informed of the two (a kill over a survivor, a verdict over "not checked")."""
    kept: dict[str, Any] = json.loads(STORE.read_text()) if STORE.exists() else {}
    rank = {"killed": 3, "timeout": 3, "survived": 2, "no tests": 2}
    for module, theirs in json.loads(other.read_text()).items():
        if module not in EVERY or theirs["hash"] != _source_hash(module, ROOT / "graph"):
            continue
        ours = kept.get(module)
        if ours is None or ours["hash"] != theirs["hash"]:
            kept[module] = theirs
            continue
        for name, result in theirs["mutants"].items():
            before = ours["mutants"].get(name)
            if before is None or rank.get(result[0], 1 if result[0] in JUDGED else 0) > rank.get(
                before[0], 1 if before[0] in JUDGED else 0
            ):
                ours["mutants"][name] = result
    STORE.write_text(json.dumps(kept, indent=0, sort_keys=True))
    return kept


def stale(kept: dict[str, Any]) -> list[str]:
    """The modules whose source changed since their results were kept (or that have none)."""
    return [m for m in EVERY if kept.get(m, {}).get("hash") != _source_hash(m, ROOT / "graph")]


def _changed_tokens(diff: str) -> tuple[list[tokenize.TokenInfo], list[tokenize.TokenInfo]]:
    """The tokens of the removed and the added lines that differ."""

    def tokens(lines: list[str]) -> list[tokenize.TokenInfo]:
        text = "\n".join(line[1:].strip() for line in lines) + "\n"
        try:
            return [
                tok
                for tok in tokenize.generate_tokens(io.StringIO(text).readline)
                if tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.COMMENT)
            ]
        except (tokenize.TokenError, IndentationError, SyntaxError):
            return []

    old = tokens([ln for ln in diff.splitlines() if ln.startswith("-")])
    new = tokens([ln for ln in diff.splitlines() if ln.startswith("+")])
    matcher = difflib.SequenceMatcher(None, [t.string for t in old], [t.string for t in new], autojunk=False)
    removed, added = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


KEYWORDS = {"True", "False", "None", "and", "or", "not", "is", "in", "break", "continue", "return"}


def kind_of(diff: str) -> str:
    """What a mutant changes: "wording" (prose inside a string), or the kind of code it alters."""
    removed, added = _changed_tokens(diff)
    changed = removed + added
    if not changed:
        return "other"
    if all(t.type == tokenize.STRING for t in changed):
        return "wording" if any(" " in t.string for t in removed) else "string"
    types = {t.type for t in changed}
    if types <= {tokenize.NUMBER}:
        return "number"
    if types <= {tokenize.OP} or all(t.type == tokenize.OP or t.string in KEYWORDS for t in changed):
        return "operator" if types == {tokenize.OP} else "keyword"
    if any(t.string in KEYWORDS for t in changed):
        return "keyword"
    return "other"


KIND_WORDS = {
    "operator": "an operator or comparison",
    "keyword": "a constant, keyword or a statement's value",
    "number": "a number",
    "string": "a string the code compares or uses as a key",
    "other": "an argument, a call or a whole expression",
}


EQUIVALENTS = ROOT / "docs" / "mutation-equivalents.md"
_FULL = re.compile(r"`(x\S*?__mutmut_)(\d+)`")
_SHORT = re.compile(r"`_(\d+)`")


def _entries(text: str) -> dict[str, tuple[str, bool]]:
    """Each mutant docs/mutation-equivalents.md names, by full name: its module's heading, and
    whether its entry begins "Left" (a gap the file says it leaves, not an equivalent mutant).
    The file names them per module (`## curation/diff.py`) in backticks, a run of the same
    function's mutants shortened after the first (`x_f__mutmut_12`, `_13`, `_15`)."""
    names: dict[str, tuple[str, bool]] = {}
    module = heading = prefix = ""
    left = False
    for line in text.splitlines():
        if line.startswith("## "):
            heading = line[3:].split(":")[0].strip()
            path = heading.removesuffix(".py").removesuffix("/__init__")
            module = "actorgraph." + path.replace("/", ".")
            prefix, left = "", False
            continue
        if line.startswith("- ") or not line.strip():  # an entry begins (or a paragraph ends)
            left = line.startswith("- Left")
        if not module:
            continue
        spans = sorted(
            [(m.start(), m) for m in _FULL.finditer(line)] + [(m.start(), m) for m in _SHORT.finditer(line)],
            key=lambda s: s[0],
        )
        for _, m in spans:
            if m.re is _FULL:
                prefix = m.group(1)
                names[f"{module}.{m.group(1)}{m.group(2)}"] = (heading, left)
            elif prefix:
                names[f"{module}.{prefix}{m.group(1)}"] = (heading, left)
    return names


def explained(text: str) -> dict[str, str]:
    """The mutants docs/mutation-equivalents.md explains, by full name, each with its module's heading."""
    return {name: heading for name, (heading, _) in _entries(text).items()}


def left_as_gaps(text: str) -> set[str]:
    """The mutants docs/mutation-equivalents.md explains as gaps: named in an entry that begins "Left"."""
    return {name for name, (_, left) in _entries(text).items() if left}


# Functions that run only while the package is imported: the decorators that build the command
# line's options from the field specs, the spec declarations themselves, the edit lock's
# decorator. mutmut switches a mutant on only in the worker it forks after importing, so every
# mutant of these would "survive" untried (what they build is made once, by the original). They
# are set aside before a run and reported apart; docs/mutation-equivalents.md names the tests,
# confirmed by hand, that pin what they build. tests/test_mutation_report.py checks that each
# still runs at import.
AT_IMPORT = frozenset(
    {
        "actorgraph.cli.x_data_options",
        "actorgraph.cli.x_evidence_options",
        "actorgraph.cli.x_focus_options",
        "actorgraph.cli.x_formats",
        "actorgraph.cli.x_spec_options",
        "actorgraph.cli.x__export_help",
        "actorgraph.cli.x__export_doc",
        "actorgraph.cli.x__export_choices",
        "actorgraph.cli.x_into_option",
        "actorgraph.cli.x_quoted_relation",
        "actorgraph.cli.x__vocabulary_command",
        "actorgraph.curation.transaction.x_locked",
        "actorgraph.dataset.fields.x_spec",
    }
)


def at_import(name: str) -> bool:
    """Whether a mutant is of a function that runs only at import (see AT_IMPORT)."""
    return name.rpartition("__mutmut_")[0] in AT_IMPORT


SCORED = ("killed", "timeout", "survived", "no tests")  # the verdicts the score counts
SAMPLE_KEY = "sample"  # in the store: the random sample drawn from the mutants not yet run


def draw(frame: dict[str, list[str]], size: int) -> list[str]:
    """A random sample of `size` mutants from the frame (module -> mutants not yet run), spread
    over the modules in proportion to their share (at least two from each, or all it has, so
    every module is seen: those floors may take it a few over `size`). The seed is fixed: the
    same frame gives the same sample."""
    rng = random.Random("actorgraph mutation sample")
    total = sum(map(len, frame.values()))
    exact = {m: size * len(names) / total for m, names in frame.items()}
    counts = {m: min(len(frame[m]), max(2, int(exact[m]))) for m in frame}
    spare = size - sum(counts.values())
    for m in sorted(frame, key=lambda m: exact[m] - int(exact[m]), reverse=True):  # largest remainders
        if spare <= 0:
            break
        if counts[m] < len(frame[m]):
            counts[m] += 1
            spare -= 1
    return sorted(name for m in sorted(frame) for name in rng.sample(sorted(frame[m]), counts[m]))


def estimate(kept: dict[str, Any], *, as_drawn: bool = False) -> tuple[int, int, float, float] | None:
    """Killed and judged counts over the mutants run outside the sample's frame, plus the frame's
    killed mutants estimated from its random sample, with the standard error of that estimate:
    (known killed, mutants in all, estimated killed in the frame, standard error). Stratified by
    module (each module's share of the frame over its share of the sample). None when no sample
    was drawn, or a module's code changed since (its stratum no longer describes it).

    `as_drawn`: the sample's verdicts from its own run, before any test written for its
    survivors. Tests written knowing which mutants the sample holds kill those more surely than
    the frame's others, so the estimate from later verdicts leans high; this one does not."""
    sample = kept.get(SAMPLE_KEY)
    if not sample or stale(kept) or (as_drawn and "first" not in sample):
        return None
    frame: dict[str, list[str]] = sample["frame"]
    if any(kept[m]["hash"] != sample["hashes"][m] for m in frame):
        return None
    in_frame = {n for names in frame.values() for n in names}
    chosen = set(sample["names"])
    known_killed = known = 0
    guess = variance = 0.0
    for module in EVERY:
        results = kept[module]["mutants"]
        for name, (status, diff) in results.items():
            if name in in_frame or kind_of(diff) == "wording" or at_import(name):
                continue
            known += status in SCORED
            known_killed += status in ("killed", "timeout")
        names = frame.get(module, [])
        verdicts = sample["first"] if as_drawn else {n: r[0] for n, r in results.items()}
        seen = [verdicts[n] for n in names if n in chosen and verdicts.get(n, "") in SCORED]
        if not names:
            continue
        if not seen:
            return None  # a stratum with no judged sample: no estimate
        p = sum(s in ("killed", "timeout") for s in seen) / len(seen)
        guess += len(names) * p
        spread = p * (1 - p) * len(seen) / (len(seen) - 1) if len(seen) > 1 else 0.25
        variance += len(names) ** 2 * (1 - len(seen) / len(names)) * spread / len(seen)
    return known_killed, known + len(in_frame), guess, variance**0.5


def report(kept: dict[str, Any]) -> str:
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # kind -> (module, name, diff)
    wording = Counter[str]()
    missing = stale(kept)
    found = {n: r for m, k in kept.items() if m in EVERY and m not in missing for n, r in k["mutants"].items()}
    waiting = Counter[str]()  # mutants a run that ran out of time left unrun, per module
    entries = _entries(EQUIVALENTS.read_text(encoding="utf-8")) if EQUIVALENTS.exists() else {}
    equivalent = {name: heading for name, (heading, _) in entries.items()}
    gaps = {n for n, (_, left) in entries.items() if left and found.get(n, ("",))[0] in LEFT}
    accounted: dict[str, list[str]] = defaultdict(list)  # module -> survivors the equivalents file explains
    imported: dict[str, list[str]] = defaultdict(list)  # module -> mutants of code that runs at import
    for name, (status, diff) in sorted(found.items()):
        module = name.split(".x_")[0].split(".xǁ")[0]
        kind = kind_of(diff)
        if kind == "wording":  # set aside before the run (mutmut's "skipped") or, in older results, run
            wording[module] += 1
            continue
        if at_import(name):  # out of mutmut's reach, whatever an older run said of it
            imported[module].append(name.split(".")[-1])
            continue
        if status not in JUDGED:
            waiting[module] += 1
        left = status in LEFT
        if left and name in equivalent:
            accounted[module].append(name.split(".")[-1])
        elif left:
            survivors[kind].append((module, name, diff))
        by_module[module][status] += 1
    total = Counter[str]()
    rows = []
    for module, counts in sorted(by_module.items()):
        total.update(counts)
        # A mutant in code no test reaches is a bug no test would notice: it counts against the score.
        judged = counts["killed"] + counts["survived"] + counts["timeout"] + counts["no tests"]
        score = (counts["killed"] + counts["timeout"]) / judged if judged else 1.0
        killed = counts["killed"] + counts["timeout"]
        lost = counts["survived"] + counts["no tests"]
        rows.append(
            f"| `{module}` | {judged} | {killed} | {lost} | {f'{score:.0%}' if judged else '—'} | {wording[module]}"
            f" | {waiting[module] or ''} |"
        )
    judged = total["killed"] + total["survived"] + total["timeout"] + total["no tests"]
    score = (total["killed"] + total["timeout"]) / judged if judged else 1.0
    reported = len(EVERY) - len(missing)  # a module with nothing to mutate (intake/__init__.py) is measured too
    partly = sum(1 for n in waiting if waiting[n])
    scope = (
        "the whole package"
        if not missing and not partly
        else (
            f"the mutants run so far in all {len(EVERY)} of the package's modules"
            if not missing
            else f"{reported} of the package's {len(EVERY)} modules only"
        )
        + (f", {partly} of them in part ({sum(waiting.values())} mutants not yet run)" if partly else "")
    )
    headline = (
        f"**Score over {scope}: {score:.1%}** ({total['killed'] + total['timeout']} of {judged} mutants killed;"
        f" {total['no tests']} of the rest in code no test reaches; {sum(wording.values())} wording-only mutants"
        f" and {sum(map(len, imported.values()))} in code that runs at import apart)."
        if judged
        else "**No mutant has been run at this checkout, so there is no score.** The results are kept in"
        " .mutation-results.json, beside the repository and not in it; `python scripts/mutation.py` makes"
        " them (hours on 2 cores), `--sample N` an estimate."
    )
    guessed = estimate(kept) if partly and not missing else None
    drawn = estimate(kept, as_drawn=True) if guessed else None
    if guessed:
        _, everything, _, _ = guessed
        sample = kept[SAMPLE_KEY]
        frame = sum(map(len, sample["frame"].values()))

        def figure(found: tuple[int, int, float, float]) -> str:
            known_killed, _, frame_killed, error = found
            low, high = (known_killed + frame_killed + z * error for z in (-1.96, 1.96))
            return (
                f"{(known_killed + frame_killed) / everything:.1%}** (95% interval {low / everything:.1%} to"
                f" {high / everything:.1%})"
            )

        # The sample's own verdicts come first where kept: the later ones lean high (see `estimate`).
        headline += (
            f"\n\n**Estimated over the whole package: {figure(drawn or guessed)} of its {everything} mutants: those"
            f" run before the sample was drawn, {everything - frame}, as measured; the {frame} then not yet run, from"
            f" a random sample of {len(sample['names'])} of them drawn across every module (`--sample`), each module"
            " weighted by its share"
            + (", with the verdicts of the sample's own run." if drawn else ".")
            + " The table counts every mutant run so far, the sample's among them."
        )
        if drawn:
            headline += (
                " With the verdicts since, after the tests written for the sample's survivors: **"
                + figure(guessed)
                + "; that figure leans high, as those tests were written knowing which mutants the sample holds."
            )
    out = [
        "# Mutation testing",
        "",
        "`python scripts/mutation.py` runs [mutmut](https://github.com/boxed/mutmut) over every module",
        "of the package: each mutant is a small deliberate bug, and a mutant the suite does not notice",
        "is a missing test or dead code. The browser and style tests are left out of the run. Mutants",
        "that only reword a message (a change inside a string literal holding a space) are counted in",
        "the last column and left out of the score. Regenerated by the script; do not edit.",
        "",
        headline,
        "",
        "| module | mutants | killed | survived or unreached | score | wording only | not yet run |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        *(
            [f"Not measured at this commit (never run, or their code changed since): {', '.join(missing)}.", ""]
            if missing
            else []
        ),
        f"**Survivors (and mutants no test reaches): {total['survived'] + total['no tests']}, of which"
        f" {sum(map(len, accounted.values()))} are explained in"
        f" docs/mutation-equivalents.md and {sum(map(len, survivors.values()))} are not yet.** Of those"
        f' explained, {len(gaps)} are gaps the file says it leaves (its entries that begin "Left"), not'
        " equivalent mutants.",
        "",
        "## Survivors not yet explained, by kind",
        "",
        "Each is a change the suite does not notice: the next test to write, dead code, or an",
        "equivalent change (a default never used, an order that cannot matter) still to be written",
        "up in docs/mutation-equivalents.md.",
        "",
    ]
    for kind, found_kind in sorted(survivors.items(), key=lambda kv: -len(kv[1])):
        out += [f"### {KIND_WORDS.get(kind, kind)} ({len(found_kind)})", "", "```diff"]
        for module, name, diff in found_kind:
            out += [f"# {module}: {name.split('.')[-1]}", diff]
        out += ["```", ""]
    out += [
        "## Mutants of code that runs at import, out of mutmut's reach",
        "",
        "mutmut switches a mutant on only in the worker it forks after importing the package, so",
        "these functions (scripts/mutation.py's AT_IMPORT) never run mutated; they are left out of",
        "the score, and docs/mutation-equivalents.md names the tests, confirmed by hand, that pin",
        "what they build.",
        "",
        *_listing(imported),
        "",
        "## Survivors explained in docs/mutation-equivalents.md",
        "",
        *_listing(accounted),
        "",
    ]
    # A name the file explains that is no longer a survivor was killed by a later test, or its
    # function changed and mutmut numbered its mutants anew: either way the entry wants a look.
    gone = sorted(n for n in equivalent if found.get(n, ("",))[0] in JUDGED and found[n][0] not in LEFT)
    if gone:
        out += [
            "Named in docs/mutation-equivalents.md but not a survivor of the kept results (killed since, or",
            f"renumbered by a change to its function): {', '.join(f'`{n}`' for n in gone)}.",
            "",
        ]
    return "\n".join(out).rstrip() + "\n"


def _listing(names_by_module: dict[str, list[str]]) -> list[str]:
    """One line per module: how many, then the names in the order of their numbers."""
    return [
        f"- `{module}` ({len(names)}): {', '.join(sorted(names, key=_natural))}"
        for module, names in sorted(names_by_module.items())
    ]


def _natural(name: str) -> tuple[str, int]:
    """Mutant names in the order of their numbers (`_9` before `_10`)."""
    stem, _, number = name.rpartition("_")
    return (stem, int(number)) if number.isdigit() else (name, 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help="modules under graph/ (default: every one)")
    parser.add_argument("--report-only", action="store_true", help="only rewrite the report from the kept results")
    parser.add_argument("--harvest", action="store_true", help="keep the workspace's last run, then report")
    parser.add_argument("--all", action="store_true", help="run every module again, not only those changed")
    parser.add_argument("--minutes", type=float, help="stop after this long; the next run takes up from there")
    parser.add_argument("--merge", type=Path, help="take in another checkout's .mutation-results.json, then report")
    parser.add_argument(
        "--survivors", action="store_true", help="run again only the mutants that survived (after adding tests)"
    )
    parser.add_argument("--work", type=Path, help="the scratch folder mutmut runs in (default: one per checkout)")
    parser.add_argument(
        "--sample",
        type=int,
        metavar="N",
        help="run a random sample of N of the mutants not yet run, spread over the modules, to estimate the"
        " score of the whole package before every mutant has run",
    )
    parser.add_argument(
        "--only", nargs="+", metavar="MUTANT", help="run only these mutants (mutmut's names), e.g. after one new test"
    )
    args = parser.parse_args()
    if args.work is not None:
        global WORK
        WORK = args.work
    kept: dict[str, Any] = json.loads(STORE.read_text()) if STORE.exists() else {}
    if args.merge:
        kept = merge(args.merge)
    elif args.harvest:
        found = harvest()
        kept = store(found, sorted({module_of(n) for n in found} & set(EVERY)))
    elif not args.report_only:
        named = sorted({module_of(name) for name in args.only or ()})
        modules = args.modules or named or (EVERY if args.all else unfinished(kept))
        if modules:
            prepare(modules)
            # Tests that start `python -m actorgraph` run the workspace's unmutated copy (mutants
            # cannot run outside mutmut), not a checkout that may be changing under the run.
            env = {**os.environ, "PYTHONPATH": str(WORK)}
            subprocess.run([sys.executable, "-c", _GENERATE], cwd=WORK, env=env, check=True, capture_output=True)
            made = harvest()
            wording = {name for name, (_, diff) in made.items() if kind_of(diff) == "wording"}
            # What an earlier run on this same source said of each mutant (nothing with --all).
            earlier = {
                name: status
                for module in modules
                if not args.all and kept.get(module, {}).get("hash") == _source_hash(module, WORK / "actorgraph")
                for name, (status, _) in kept[module]["mutants"].items()
            }
            if args.sample:
                frame = defaultdict(list)
                for name in made:
                    if (
                        kind_of(made[name][1]) != "wording"
                        and not at_import(name)
                        and earlier.get(name, "not checked") not in JUDGED
                    ):
                        frame[module_of(name)].append(name)
                chosen = draw(frame, args.sample)
                hashes = {m: _source_hash(m, WORK / "actorgraph") for m in frame}
                sample = {"frame": frame, "names": chosen, "hashes": hashes}
                rest = set(made) - set(chosen)
            elif args.only:
                rest = set(made) - set(args.only)
            elif args.survivors:  # only the mutants it let live run again
                rest = {name for name in made if earlier.get(name, "survived") not in LEFT}
            else:  # a run that ran out of time is taken up where it stopped
                rest = {name for name in made if earlier.get(name, "not checked") in JUDGED}
            skip = wording | rest | {name for name in made if at_import(name)}
            marks = json.dumps(sorted(skip))
            subprocess.run([sys.executable, "-c", _SKIP], cwd=WORK, env=env, check=True, input=marks, text=True)
            print(f"{len(made) - len(skip)} of {len(made)} mutants to run", file=sys.stderr)
            with open(WORK / "mutmut.log", "w") as log:
                # A session of its own, so a time limit stops mutmut and every worker it started.
                command = [sys.executable, "-c", _RUN]
                run = subprocess.Popen(command, cwd=WORK, env=env, stdout=log, stderr=log, start_new_session=True)
                try:
                    run.wait(timeout=args.minutes * 60 if args.minutes else None)
                except subprocess.TimeoutExpired:
                    print(f"stopping after {args.minutes} minutes; the next run takes up from here", file=sys.stderr)
                    os.killpg(run.pid, signal.SIGINT)
                    try:
                        run.wait(timeout=120)
                    except subprocess.TimeoutExpired:
                        os.killpg(run.pid, signal.SIGKILL)
                        run.wait()
            kept = store(harvest(), modules)
            if args.sample:
                # the sample's own verdicts, kept apart from later runs' (see `estimate`)
                sample["first"] = {n: kept[module_of(n)]["mutants"].get(n, ["not checked"])[0] for n in chosen}
                kept[SAMPLE_KEY] = sample
                STORE.write_text(json.dumps(kept, indent=0, sort_keys=True))
    missing = unfinished(kept)
    if missing:
        print(f"not measured, or not in full, at this commit: {', '.join(missing)}", file=sys.stderr)
    (ROOT / "docs" / "mutation.md").write_text(report(kept), encoding="utf-8")
    print(f"wrote {ROOT / 'docs' / 'mutation.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
