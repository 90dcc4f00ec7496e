#!/usr/bin/env python3
"""Run the pathological inputs of issue 23 (hostile input, round three) at the issue's sizes and
record each command's wall time and peak memory: each should finish under 10 s and 1 GB on two
cores. The suite's regression tests (tests/test_hostile.py) run the same inputs at small, fixed
sizes under a generous guard; this measures them at full size.

Each case starts from the three-group test map (tests/fixtures/valid), makes it pathological
in one way, and runs one command as its own process under GNU time (`/usr/bin/time -f %M`),
with the cache off and a cut-off of `--timeout` seconds.

    python scripts/hostile_bench.py                                   # every case, a table on stdout
    python scripts/hostile_bench.py --write docs/hostile-benchmarks.md
    python scripts/hostile_bench.py --only lookalike,real-map
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "fixtures" / "valid"
TIME = "/usr/bin/time"
ENV = {**os.environ, "ACTORGRAPH_NO_CACHE": "1"}
QUOTE = "The Alpha Front and the Beta Brigade are bitter rivals"
RELATION = "  - source: alpha\n    target: {target}\n    type: {type}\n    evidence:\n"
RELATION += '      - doc: memo\n        quote: "{quote}"\n'
MB = 1024 * 1024


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(text)


def long_text(size: int) -> str:
    """Varied prose of about `size` characters, curly quotes and dashes included."""
    words = "the front — said “allies” of a brigade’s rivals in valleys near towns over years".split()
    out, total, i = [], 0, 0
    while total < size:
        sentence = " ".join(words[(i * 7 + k) % len(words)] for k in range(12)) + f" {i}.\n"
        out.append(sentence)
        total += len(sentence)
        i += 1
    return "".join(out)


# --- the cases: each makes a map pathological and says which command to run -------------------


def lookalike(m: Path) -> list[str]:
    append(m / "data/actors.yaml", "  - id: unit\n    name: Unit 1011 0110 1101 0011\n    kind: militant_group\n"
                                   "  - id: delta\n    name: \u0410lpha Front\n    kind: militant_group\n")  # fmt: skip
    return ["check"]


def one_name(m: Path) -> list[str]:
    append(
        m / "data/actors.yaml",
        "".join(f"  - id: g{i}\n    name: Same Name\n    kind: militant_group\n" for i in range(3000)),
    )
    return ["check"]


def missing_quote(m: Path) -> list[str]:
    memo = m / "seeds/memo.txt"
    memo.write_text(long_text(5 * MB) + memo.read_text(), encoding="utf-8")
    edges = m / "data/edges.yaml"
    edges.write_text(edges.read_text().replace("are bitter rivals", "are sworn rivals"))
    return ["check"]


def types_between_a_pair(m: Path) -> list[str]:
    edges = m / "data/edges.yaml"
    n = 3000
    types = "".join(
        f"  t{i}:\n    label: t {i}\n    directed: true\n    sign: {i % 3 - 1}\n    definition: T.\n" for i in range(n)
    )
    relations = "".join(RELATION.format(target="beta", type=f"t{i}", quote=QUOTE) for i in range(n))
    edges.write_text(edges.read_text().replace("confidence_levels:", types + "confidence_levels:") + relations)
    return ["build", "-o", "out/graph.html"]


def refused_aliases(m: Path) -> list[str]:
    append(
        m / "data/actors.yaml",
        "".join(f"  - id: r{i}\n    name: *a{i}\n    kind: militant_group\n" for i in range(40_000)),
    )
    return ["check"]


def null_fields(m: Path) -> list[str]:
    append(m / "data/actors.yaml", "".join(f"  - id: n{i}\n    name:\n    kind:\n" for i in range(40_000)))
    return ["check"]


def unknown_actors(m: Path) -> list[str]:
    append(
        m / "data/actors.yaml",
        "".join(f"  - id: group-{i:05d}\n    name: Group {i:05d}\n    kind: militant_group\n" for i in range(5000)),
    )
    append(
        m / "data/edges.yaml",
        "".join(RELATION.format(target=f"grup-{i:05d}", type="allied", quote=QUOTE) for i in range(5000)),
    )
    return ["check"]


def spaces(m: Path) -> list[str]:
    edges = m / "data/edges.yaml"
    edges.write_text(edges.read_text().replace("are bitter rivals", "are" + " " * 100_000 + "bitter rivals"))
    return ["check"]


def paragraph_per_line(m: Path) -> list[str]:
    line = "The Alpha Front and the Beta Brigade met in the valley and spoke of the war for a long time. " * 4
    append(m / "seeds/memo.txt", "".join(f"{line}{i}.\n" for i in range(2_600)))  # about 1 MB
    return ["build", "-o", "out/graph.html"]


def comments(m: Path) -> list[str]:
    """A file fmt must change (two keys out of order), so that every comment's place is compared."""
    actors = m / "data/actors.yaml"
    swapped = "    kind: militant_group\n    name: Gamma Movement\n"
    actors.write_text(actors.read_text().replace("    name: Gamma Movement\n    kind: militant_group\n", swapped))
    append(actors, "".join(f"  # note {i}\n" for i in range(20_000)))
    return ["fmt", "--check"]


def mentions(m: Path) -> list[str]:
    append(m / "seeds/memo.txt", "".join("\nThe Alpha Front and the Beta Brigade met.\n" for _ in range(30_000)))
    return ["coverage"]


def add_actor(m: Path) -> list[str]:
    append(
        m / "data/actors.yaml",
        "".join(f"  - id: g{i}\n    name: Group {i}\n    kind: militant_group\n" for i in range(20_000)),
    )
    return ["add-actor", "--id", "zeta", "--name", "Zeta", "--kind", "militant_group"]


def one_long_source(m: Path) -> list[str]:
    memo = m / "seeds/memo.txt"
    memo.write_text(long_text(10 * MB - 1000) + memo.read_text(), encoding="utf-8")
    return ["check"]


def twelve_long_sources(m: Path) -> list[str]:
    text = long_text(10 * MB - 1000)
    entries = []
    for i in range(12):
        (m / f"seeds/long{i}.txt").write_text(text + f"\nLong text {i}: {QUOTE}.\n", encoding="utf-8")
        entries.append(f"  - id: long{i}\n    file: long{i}.txt\n    kind: analysis\n")
    append(m / "seeds/sources.yaml", "".join(entries))
    quotes = "".join(f'      - doc: long{i}\n        quote: "{QUOTE}"\n' for i in range(12))
    edges = m / "data/edges.yaml"
    edges.write_text(edges.read_text().replace(f'        quote: "{QUOTE}"\n', f'        quote: "{QUOTE}"\n{quotes}', 1))
    return ["check"]


def real_map(m: Path, command: str) -> list[str]:
    shutil.rmtree(m)
    subprocess.run([sys.executable, str(ROOT / "scripts/synth.py"), str(m), "--actors", "10000", "--relations",
                    "50000", "--real-length"], check=True, capture_output=True)  # fmt: skip
    return [command] + (["-o", "out/graph.html"] if command == "build" else [])


def big_blob(m: Path) -> list[str]:
    if shutil.which("git") is None:
        raise SystemExit("git is needed for the diff case")
    with (m / "data/actors.yaml").open("a") as fh:
        chunk = "# " + "x" * (MB - 3) + "\n"
        for _ in range(300):
            fh.write(chunk)
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.email=b@b", "-c", "user.name=b", "commit", "-qm", "big"]):
        subprocess.run(["git", *args], cwd=m, check=True, capture_output=True)
    return ["diff", "HEAD"]


@dataclass(frozen=True)
class Case:
    name: str
    what: str  # the finding, in the words
    make: Callable[[Path], list[str]]
    owner: str = ""  # another engineer's module, when the fix is theirs


CASES = [
    Case("lookalike", "a ~20-character name beside a non-ASCII one (look-alike check)", lookalike),
    Case("one-name", "3,000 actors sharing one name", one_name),
    Case("missing-quote", "a quote not in its 5 MB source (the closest-passage hint)", missing_quote),
    Case("types-pair", "3,000 relation types between one pair (build)", types_between_a_pair),
    Case("refused-aliases", "40,000 refused YAML aliases", refused_aliases),
    Case("null-fields", "40,000 actors with null fields", null_fields),
    Case("unknown-actors", "5,000 unknown actors among 5,000 (suggestions)", unknown_actors),
    Case("spaces", "a quote with 100,000 spaces (regular expressions)", spaces),
    Case("paragraph-per-line", "a 1 MB text of one paragraph per line (build)", paragraph_per_line, "intake"),
    Case("comments", "fmt --check on 20,000 comment lines", comments),
    Case("mentions", "coverage of 60,000 mentions", mentions, "intake"),
    Case("add-actor", "add-actor to 20,000 actors", add_actor),
    Case("one-source", "one 10 MB source (memory)", one_long_source),
    Case("twelve-sources", "twelve 10 MB sources (memory)", twelve_long_sources),
    Case(
        "real-map-check", "10,000 actors / 50,000 relations, real-length quotes: check", lambda m: real_map(m, "check")
    ),
    Case(
        "real-map-build", "10,000 actors / 50,000 relations, real-length quotes: build", lambda m: real_map(m, "build")
    ),
    Case("big-blob", "diff HEAD with a 300 MB committed blob", big_blob),
]


def measure(case: Case, timeout: int) -> tuple[str, float, float, int | None, int]:
    """(command, seconds, peak MiB, exit status or None when cut off, bytes of the map's files)."""
    with tempfile.TemporaryDirectory(prefix="hostile-bench-") as tmp:
        m = Path(tmp) / "map"
        shutil.copytree(VALID, m)
        argv = case.make(m)
        size = sum(p.stat().st_size for p in m.rglob("*") if p.is_file() and ".git" not in p.parts)
        with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
            start = time.perf_counter()
            # Its own process group, so that a case cut off is stopped whole: GNU time and the
            # command under it (killing time alone would leave the command running).
            proc = subprocess.Popen(
                [TIME, "-f", "%M", "-o", report.name, sys.executable, "-m", "actorgraph", *argv],
                cwd=m, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
            try:
                status: int | None = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                status = None
            seconds = time.perf_counter() - start
            peak = report.read().split()
        mib = int(peak[-1]) / 1024 if status is not None and peak and peak[-1].isdigit() else float("nan")
        return "actorgraph " + " ".join(argv), seconds, mib, status, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated case names")
    parser.add_argument("--timeout", type=int, default=300, help="seconds before a case is cut off")
    parser.add_argument("--write", type=Path, help="write the results table into this markdown file")
    args = parser.parse_args()
    chosen = [c for c in CASES if not args.only or c.name in args.only.split(",")]
    rows = []
    for case in chosen:
        command, seconds, mib, status, size = measure(case, args.timeout)
        ok = status is not None and seconds < 10 and mib < 1024
        shown = "cut off" if status is None else f"exit {status}"
        verdict = "yes" if ok else ("no (the fix is the " + case.owner + " branch's)" if case.owner else "no")
        cells = [
            case.name,
            case.what,
            f"`{command}`",
            f"{size / MB:.1f}",
            f"{seconds:.1f}",
            f"{mib:.0f}",
            shown,
            verdict,
        ]
        rows.append("| " + " | ".join(cells) + " |")
        print(rows[-1], flush=True)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    load = os.getloadavg()[0]
    table = "\n".join(
        [
            f"Commit {commit}, Python {platform.python_version()}, {os.cpu_count()} cores, load average "
            f"{load:.1f} at the end; `python scripts/hostile_bench.py --timeout {args.timeout}`.",
            "",
            "| case | the finding | command | map MB | seconds | peak MiB | result | under 10 s and 1 GB |",
            "|---|---|---|---:|---:|---:|---|---|",
            *rows,
        ]
    )
    if args.write:
        text = args.write.read_text() if args.write.exists() else ""
        start, end = "<!-- results -->", "<!-- /results -->"
        if start in text and end in text:
            text = text[: text.index(start) + len(start)] + "\n" + table + "\n" + text[text.index(end) :]
        else:
            text += f"\n{start}\n{table}\n{end}\n"
        args.write.write_text(text)
    else:
        print(table)


if __name__ == "__main__":
    main()
