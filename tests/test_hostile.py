"""Hostile or careless input to the whole tool: never a traceback, never a lost record.

No random edit of a real dataset may make any command crash.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from actorgraph.cli import cli
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import KABUL

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
