"""The review queue (data/proposals.yaml) is a file a person may edit by hand: what it cannot
read is an error naming the file and the line, never a traceback and never a silent skip."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda q: q.replace("  - id: pa39d4291\n", "  - colour: red\n    id: pa39d4291\n"),
            "data/proposals.yaml:6: proposal with unknown keys ['colour'] or without []",
        ),
        (
            lambda q: q.replace("    doc: report\n", "", 1),
            "data/proposals.yaml:6: proposal with unknown keys [] or without ['doc']",
        ),
        (
            lambda q: q.replace("    status: open\n", "    status: maybe\n", 1),
            "data/proposals.yaml:6: status must be one of open, accepted, rejected; sentence two offsets",
        ),
        (
            lambda q: q.replace("    sentence: [56, 125]\n", "    sentence: [56]\n", 1),
            "data/proposals.yaml:6: status must be one of open, accepted, rejected; sentence two offsets",
        ),
        (lambda q: "proposals: 3\n", "data/proposals.yaml: expected `proposals:` with a list of proposals"),
        (lambda q: "proposals:\n  - 3\n", "data/proposals.yaml:2: a proposal must be a mapping"),
        (
            lambda q: "proposals: [\n",
            "data/proposals.yaml:2:1: YAML syntax error: while parsing a flow node: did not find expected node "
            "content (the review queue; fix it by hand, or delete it and propose again)",
        ),
    ],
)
def test_a_damaged_queue_is_an_error_at_its_line(report: Path, damage: Callable[[str], str], message: str) -> None:
    assert run("propose").exit_code == 0
    queue = report / "data" / "proposals.yaml"
    queue.write_text(damage(queue.read_text()))
    result = run("review", "--list")
    assert (result.exit_code, result.stderr) == (1, f"error: {message}\n")


def test_a_queue_file_without_proposals_is_an_empty_queue(report: Path) -> None:
    (report / "data" / "proposals.yaml").write_text("# kept for later\nnotes: none yet\n")
    result = run("review", "--list")
    assert result.exit_code == 0, result.output
    assert "0 open" in result.stdout
