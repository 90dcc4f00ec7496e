"""add-review: a sentence, or one pair in it, recorded as stating no relation, through the edit path."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run


@pytest.fixture
def pairs(project: Callable[[Path], Path]) -> Path:
    return project(FIXTURES / "pairs")


def test_add_review_starts_the_file_and_check_diff_and_fmt_agree(pairs: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    shutil.copytree(pairs, before)
    result = run(
        "add-review", "brief", "Pakistan supported the Taliban to keep India out",
        "--pair", "Taliban", "india", "--reason", "India is what Pakistan keeps out; no tie to the Taliban.",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        result.stdout == "added the pair taliban – india in a sentence of 'brief' to data/reviewed.yaml as reviewed\n"
    )
    reviewed = (pairs / "data" / "reviewed.yaml").read_text()
    assert reviewed.startswith("# yaml-language-server: $schema=../schema/reviewed.schema.json\n")
    assert reviewed.endswith(
        "reviewed:\n"
        "  - doc: brief\n"
        '    sentence: "Pakistan supported the Taliban to keep India out"\n'
        "    reason: India is what Pakistan keeps out; no tie to the Taliban.\n"
        "    pair: [taliban, india]\n"
    )
    assert run("check").exit_code == 0
    fmt = run("fmt", "--check")
    assert fmt.exit_code == 0, fmt.output
    diff = run("diff", str(before))
    assert diff.exit_code == 0, diff.output
    text = " ".join(diff.stdout.split())
    assert "Reviewed sentences: 1 added, 0 removed, 0 changed" in text
    assert (
        "+ no relation between taliban and india in brief: “Pakistan supported the Taliban to keep India out”" in text
    )
    assert "reason: India is what Pakistan keeps out; no tie to the Taliban." in text
    data = json.loads(run("diff", str(before), "--format", "json").stdout)
    assert data["reviewed"]["added"] == [
        {
            "doc": "brief",
            "sentence": "Pakistan supported the Taliban to keep India out",
            "pair": ["taliban", "india"],
            "reason": "India is what Pakistan keeps out; no tie to the Taliban.",
        }
    ]


def test_add_review_appends_and_keeps_comments(pairs: Path) -> None:
    path = pairs / "data" / "reviewed.yaml"
    path.write_text(
        '# Our reviews. Keep this comment.\nreviewed:\n  - doc: brief\n    sentence: "are allies, analysts say"\n'
        "    reason: Cited too.  # and this one\n"
    )
    before = path.read_text()
    result = run("add-review", "brief", "Many TTP militants joined", "--reason", "A new spelling, not a new actor.")
    assert result.exit_code == 0, result.output
    after = path.read_text()
    assert after.startswith(before)
    assert after[len(before) :] == (
        '  - doc: brief\n    sentence: "Many TTP militants joined"\n    reason: A new spelling, not a new actor.\n'
    )
    assert run("fmt", "--check").exit_code == 0
    assert run("check").exit_code == 0


def test_add_review_refuses_what_check_refuses_and_writes_nothing(pairs: Path) -> None:
    absent = run("add-review", "brief", "Pakistan fought India", "--reason", "x")
    assert absent.exit_code == 1
    assert "data/reviewed.yaml: in the new record: reviewed sentence: quote not found in 'brief'" in absent.stderr
    assert absent.stderr.rstrip().endswith("nothing was written.")
    unknown = run(
        "add-review", "brief", "Pakistan supported the Taliban", "--pair", "Pakistan", "Chnia", "--reason", "x"
    )
    assert unknown.exit_code == 1 and "'pair' names unknown actor 'Chnia'" in unknown.stderr
    same = run(
        "add-review", "brief", "Pakistan supported the Taliban", "--pair", "pakistan", "Pakistan", "--reason", "x"
    )
    assert same.exit_code == 1 and "'pair' must name two different actors" in same.stderr
    assert not (pairs / "data" / "reviewed.yaml").exists()
    assert run("add-review", "brief", "Pakistan supported the Taliban", "--reason", "x").exit_code == 0
    again = run("add-review", "brief", "Pakistan  supported the Taliban", "--reason", "y")
    assert again.exit_code == 2 and "data/reviewed.yaml:7: this sentence is already reviewed (x)" in again.stderr
