"""Hostile or accidental input: never a traceback, never code run, never a hang, nothing lost.

The one-fault-per-dataset cases live in fixtures/invalid (test_check_invalid.py);
these are the ones that are generated (too big or too odd to check in) and the
property that no mutation of the kabul data makes actorgraph crash.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from actorgraph.cli import cli
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import KABUL, run

# A hang guard, not a speed assertion: bad input must be answered, not spun on.
GUARD = 60


def _check_subprocess(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", "check"], cwd=cwd, capture_output=True, text=True, timeout=GUARD
    )


@pytest.mark.parametrize(
    "text",
    [
        "actors: " + "[" * 200_000 + "\n",  # crashed PyYAML's recursive composer
        "actors: " + "[" * 100 + "]" * 100 + "\n",
        "actors:\n" + "".join(" " * i + "- \n" for i in range(0, 400, 2)),
        "actors: " + "{a: " * 5000 + "\n",
    ],
    ids=["200k-open-brackets", "100-nested-lists", "200-nested-block-lists", "5000-nested-mappings"],
)
def test_absurd_nesting_is_refused_in_bounded_time(small: Path, text: str) -> None:
    page = small / "build" / "graph.html"
    page.parent.mkdir()
    page.write_text("the last good page")
    (small / "data" / "actors.yaml").write_text(text)
    done = _check_subprocess(small)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("data/actors.yaml:")
    assert run("build").exit_code == 1
    assert page.read_text() == "the last good page"


def test_very_large_file_is_refused_without_reading_it_all(small: Path) -> None:
    big = small / "data" / "edges.yaml"
    with big.open("w") as fh:
        fh.write("edges:\n")
        line = "  - {source: alpha, target: beta, type: rival, evidence: [{doc: memo, quote: x}]}\n"
        fh.write(line * (70 * 1024 * 1024 // len(line)))
    done = _check_subprocess(small)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == "data/edges.yaml: file is 70.0 MB; the limit is 10 MB"


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/name:os.system", "!!binary", "!custom"])
def test_unsafe_or_unknown_tags_are_refused(small: Path, tag: str) -> None:
    actors = small / "data" / "actors.yaml"
    actors.write_text(
        actors.read_text().replace("description: An invented group.", f'description: {tag} "touch pwned"')
    )
    result = run("check")
    assert result.exit_code == 1, result.output
    assert "data/actors.yaml:11: YAML tag" in result.stderr
    assert not (small / "pwned").exists()


def test_bom_and_crlf_load_like_any_file(small: Path) -> None:
    for path in [*(small / "data").glob("*.yaml"), small / "seeds" / "sources.yaml", small / "seeds" / "memo.txt"]:
        text = path.read_text()
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stdout == "3 actors, 3 relations, 3 quotes verified in 1 source\n"


def test_two_documents_in_one_file_are_refused(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text() + "---\nactors: []\n")
    result = run("check")
    assert result.exit_code == 1
    assert "more than one YAML document" in result.stderr


def test_complex_mapping_keys_are_refused(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("    region: The northern valleys\n", "    ? [a, b]\n    : c\n"))
    result = run("check")
    assert result.exit_code == 1
    assert "data/actors.yaml:16: mapping keys must be plain words" in result.stderr


def test_data_dir_that_is_a_file_is_a_usage_error(small: Path) -> None:
    result = run("check", "--data-dir", "data/actors.yaml")
    assert result.exit_code == 2
    assert "'data/actors.yaml' is a file" in result.stderr


def test_unwritable_output_is_reported_not_raised(small: Path) -> None:
    (small / "blocked").write_text("a file where a folder should be")
    result = run("build", "-o", "blocked/graph.html")
    assert result.exit_code == 1
    assert result.stderr == "error: cannot write 'blocked/graph.html': 'blocked' is a file, not a folder\n"


# --- random edits of the kabul data ---------------------------------------------------------

SHIPPED = {name: (KABUL / "data" / name).read_text() for name in ("actors.yaml", "edges.yaml")}
JUNK = [
    ":",
    "-",
    " ",
    "\t",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    "&a",
    "*a",
    "!!python/object:os.system",
    "#",
    "\n",
    "é",
    "\x00",
    "…",
]


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(SHIPPED)))
    lines = SHIPPED[name].splitlines(keepends=True)
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    for _ in range(draw(st.integers(1, 4))):
        i = rng.randrange(len(lines))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace", "dedent", "indent"]))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind in ("insert", "replace"):
            junk = draw(st.sampled_from(JUNK))
            at = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:at] + junk + lines[i][at + (kind == "replace") :]
        elif kind == "dedent":
            lines[i] = lines[i].lstrip(" ")
        else:
            lines[i] = "  " + lines[i]
    return name, "".join(lines)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(KABUL / "data", root / "data")
    shutil.copytree(KABUL / "seeds", root / "seeds")
    return root


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation=mutations())
def test_no_edit_of_the_shipped_data_makes_a_traceback(sandbox: Path, mutation: tuple[str, str]) -> None:
    name, text = mutation
    for original, content in SHIPPED.items():
        (sandbox / "data" / original).write_text(content)
    (sandbox / "data" / name).write_text(text)
    args = ["--data-dir", str(sandbox / "data"), "--seeds-dir", str(sandbox / "seeds")]
    for command in (["check"], ["export", "--format", "json"], ["path", "hts", "iskp"]):
        result = CliRunner().invoke(cli, [*command, *args])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"{command} raised {result.exception!r} on this {name}:\n{text}"
        )
        assert result.exit_code in (0, 1, 2), result.output
        if result.exit_code == 1 and command == ["check"]:
            assert result.stderr.rstrip().endswith("found."), result.stderr


def test_output_inside_a_file_names_the_real_cause(small: Path) -> None:
    (small / "out.json").write_text("{}")
    result = run("export", "-o", "out.json/x.json")
    assert result.exit_code == 1
    assert result.stderr == "error: cannot write 'out.json/x.json': 'out.json' is a file, not a folder\n"


def test_output_through_a_symlink_replaces_the_target_and_keeps_the_link(small: Path) -> None:
    real = small / "pages" / "real.html"
    real.parent.mkdir()
    real.write_text("old")
    real.chmod(0o640)
    link = small / "link.html"
    link.symlink_to(real)
    assert run("build", "-o", "link.html").exit_code == 0
    assert link.is_symlink()
    assert "Gamma Movement" in real.read_text()
    assert real.stat().st_mode & 0o777 == 0o640  # an existing file keeps its permissions


def test_export_dash_o_dash_is_stdout(small: Path) -> None:
    result = run("export", "-o", "-", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.startswith("source,source_name,type,label,target")
    assert not (small / "-").exists()
