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
import shutil
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
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x", "--ignore=tests/browser",
                       "--ignore=tests/test_style.py", "--ignore=tests/test_hostile.py",
                       "--ignore=tests/outputs/test_watch.py",
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
# interpreters), in the workspace, where mutmut finds its configuration and its mutants.
_HARVEST = """
import json, sys
from mutmut.mutation.data import SourceFileMutationData
from mutmut.mutation.diff_apply import get_diff_for_mutant
from mutmut.stats import status_by_exit_code
from mutmut.utils.file_utils import walk_mutatable_files
out = {}
for path in walk_mutatable_files():
    m = SourceFileMutationData(path=path)
    m.load()
    for name, code in m.exit_code_by_key.items():
        try:
            diff = get_diff_for_mutant(name, path=m.path)
        except Exception as exc:  # a mutant mutmut cannot show: kept, with why
            diff = f"(no diff: {exc})"
        lines = [ln for ln in diff.splitlines() if ln[:1] in "+-" and ln[:2] not in ("++", "--")]
        out[name] = [status_by_exit_code[code], "\\n".join(lines)]
json.dump(out, sys.stdout)
"""


def harvest() -> dict[str, tuple[str, str]]:
    """mutant name -> (status, diff), from the workspace's last run."""
    done = subprocess.run([sys.executable, "-c", _HARVEST], cwd=WORK, capture_output=True, text=True, check=True)
    return {name: (status, diff) for name, (status, diff) in json.loads(done.stdout).items()}


STORE = ROOT / ".mutation-results.json"  # per module: the hash of its source and its mutants' results


def _source_hash(module: str, base: Path) -> str:
    return hashlib.sha256((base / module).read_bytes()).hexdigest()


def module_of(name: str) -> str:
    """The module path under graph/ of a mutant's name (`actorgraph.network.build.x_...`)."""
    dotted = name.split(".x_")[0].split(".xǁ")[0].removeprefix("actorgraph.")
    return dotted.replace(".", "/") + ".py"


def store(found: dict[str, tuple[str, str]], modules: list[str]) -> dict[str, Any]:
    """Keep this run's results for `modules` (with the hash of the source the workspace
    mutated), beside earlier runs' results for the others."""
    kept: dict[str, Any] = json.loads(STORE.read_text()) if STORE.exists() else {}
    for module in modules:
        kept[module] = {"hash": _source_hash(module, WORK / "actorgraph"), "mutants": {}}
    for name, result in found.items():
        module = module_of(name)
        if module in modules:
            kept[module]["mutants"][name] = list(result)
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


def report(kept: dict[str, Any]) -> str:
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # kind -> (module, name, diff)
    wording = Counter[str]()
    missing = stale(kept)
    found = {n: r for m, k in kept.items() if m in EVERY and m not in missing for n, r in k["mutants"].items()}
    for name, (status, diff) in sorted(found.items()):
        module = name.split(".x_")[0].split(".xǁ")[0]
        if status in ("killed", "survived", "timeout", "no tests"):
            kind = kind_of(diff)
            if kind == "wording":
                wording[module] += 1
                continue
            if status == "survived":
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
        left = counts["survived"] + counts["no tests"]
        rows.append(f"| `{module}` | {judged} | {killed} | {left} | {score:.0%} | {wording[module]} |")
    judged = total["killed"] + total["survived"] + total["timeout"] + total["no tests"]
    score = (total["killed"] + total["timeout"]) / judged if judged else 1.0
    reported = len({module_of(n + ".x_") for n in by_module})
    scope = "the whole package" if not missing else f"{reported} of the package's {len(EVERY)} modules only"
    out = [
        "# Mutation testing",
        "",
        "`python scripts/mutation.py` runs [mutmut](https://github.com/boxed/mutmut) over every module",
        "of the package: each mutant is a small deliberate bug, and a mutant the suite does not notice",
        "is a missing test or dead code. The browser and style tests are left out of the run. Mutants",
        "that only reword a message (a change inside a string literal holding a space) are counted in",
        "the last column and left out of the score. Regenerated by the script; do not edit.",
        "",
        f"**Score over {scope}: {score:.1%}** ({total['killed'] + total['timeout']} of {judged} mutants killed;"
        f" {total['no tests']} of the rest in code no test reaches; {sum(wording.values())} wording-only mutants"
        " apart).",
        "",
        "| module | mutants | killed | survived or unreached | score | wording only |",
        "|---|---:|---:|---:|---:|---:|",
        *rows,
        "",
        *([f"Not in this report, their code changed since their run: {', '.join(missing)}.", ""] if missing else []),
        "## Survivors, by kind",
        "",
        "Each is a change the suite does not notice: an equivalent change (a default never used, an",
        "order that cannot matter), code reached only by stand-ins for broken data, or the next test",
        "to write.",
        "",
    ]
    for kind, found_kind in sorted(survivors.items(), key=lambda kv: -len(kv[1])):
        out += [f"### {KIND_WORDS.get(kind, kind)} ({len(found_kind)})", "", "```diff"]
        for module, name, diff in found_kind:
            out += [f"# {module}: {name.split('.')[-1]}", diff]
        out += ["```", ""]
    return "\n".join(out).rstrip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help="modules under graph/ (default: every one)")
    parser.add_argument("--report-only", action="store_true", help="only rewrite the report from the kept results")
    parser.add_argument("--harvest", action="store_true", help="keep the workspace's last run, then report")
    parser.add_argument("--all", action="store_true", help="run every module again, not only those changed")
    parser.add_argument("--work", type=Path, help="the scratch folder mutmut runs in (default: one per checkout)")
    args = parser.parse_args()
    if args.work is not None:
        global WORK
        WORK = args.work
    kept: dict[str, Any] = json.loads(STORE.read_text()) if STORE.exists() else {}
    if args.harvest:
        found = harvest()
        kept = store(found, sorted({module_of(n) for n in found} & set(EVERY)))
    elif not args.report_only:
        modules = args.modules or (EVERY if args.all else stale(kept))
        if modules:
            prepare(modules)
            # Tests that start `python -m actorgraph` run the workspace's unmutated copy (mutants
            # cannot run outside mutmut), not a checkout that may be changing under the run.
            env = {**os.environ, "PYTHONPATH": str(WORK)}
            subprocess.run([sys.executable, "-m", "mutmut", "run"], cwd=WORK, env=env, check=False)
            kept = store(harvest(), modules)
    missing = stale(kept)
    if missing:
        print(f"not reported, their code changed since their run: {', '.join(missing)}", file=sys.stderr)
    (ROOT / "docs" / "mutation.md").write_text(report(kept), encoding="utf-8")
    print(f"wrote {ROOT / 'docs' / 'mutation.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
