"""A map that grows splits its relations and actors across files in a folder (data/edges/*.yaml,
data/actors/*.yaml) and raises its limits in data/settings.yaml: every command reads, checks,
edits, formats, caches, compares and watches the folder form as it does the single file."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run

QUOTE = "The Alpha Front and the Beta Brigade are bitter rivals"


def split(small: Path) -> None:
    """The fixture's relations moved into data/edges/memo.yaml, its last actor into data/actors/east.yaml."""
    edges = small / "data" / "edges.yaml"
    text = edges.read_text()
    at = text.index("edges:\n")
    edges.write_text(text[:at])
    (small / "data" / "edges").mkdir()
    (small / "data" / "edges" / "memo.yaml").write_text(text[at:])
    actors = small / "data" / "actors.yaml"
    text = actors.read_text()
    at = text.index("  - id: gamma\n")
    actors.write_text(text[:at])
    (small / "data" / "actors").mkdir()
    (small / "data" / "actors" / "east.yaml").write_text("actors:\n" + text[at:])


def test_a_split_map_checks_as_the_same_map(small: Path) -> None:
    whole = run("list", "relations", "--format", "json").stdout
    split(small)
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("3 actors, 3 relations")
    assert run("list", "relations", "--format", "json").stdout == whole


def test_problems_point_at_the_file_of_the_folder_and_name_the_other(small: Path) -> None:
    split(small)
    (small / "data" / "edges" / "more.yaml").write_text(
        f"edges:\n  - source: alpha\n    target: beta\n    type: rival\n    evidence:\n      - doc: memo\n"
        f'        quote: "{QUOTE}"\n'
    )
    result = run("check")
    assert result.exit_code == 1
    assert (
        "data/edges/more.yaml:2: edge alpha -> beta: duplicate 'rival' relation (it is undirected, so either order "
        "is the same), first on data/edges/memo.yaml:2" in result.stderr
    ), result.stderr


def test_a_file_of_the_folder_holds_its_list_alone(small: Path) -> None:
    split(small)
    (small / "data" / "edges" / "odd.yaml").write_text("relation_types: {}\nedges: []\n")
    (small / "data" / "edges" / "typo.yml").write_text("edges: []\n")
    result = run("check")
    assert result.exit_code == 1
    assert "data/edges/odd.yaml:1: unknown key 'relation_types' at the top level" in result.stderr
    assert "data/edges/typo.yml: not read: the files of data/edges/ are read when their names end in .yaml" in (
        result.stderr
    )


def test_add_relation_writes_into_the_file_named_and_the_corrections_find_it(small: Path) -> None:
    split(small)
    result = run("add-relation", "gamma", "rival", "beta", "--doc", "memo", "--into", "north",
                 "--quote", "absorbed fighters from the Gamma Movement")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "to data/edges/north.yaml" in result.stdout
    north = small / "data" / "edges" / "north.yaml"
    assert north.read_text().startswith("edges:\n  - source: gamma\n")
    assert run("add-evidence", "gamma", "rival", "beta", "--doc", "memo", "--quote", QUOTE).exit_code == 0
    assert north.read_text().count("- doc: memo") == 2
    assert run("retype", "alpha", "rival", "beta", "--to", "allied").exit_code == 0
    assert (small / "data" / "edges" / "memo.yaml").read_text().count("type: allied") == 2
    assert run("remove-relation", "gamma", "rival", "beta").exit_code == 0
    assert "source: gamma" not in north.read_text()
    assert run("add-alias", "gamma", "GM").exit_code == 0
    assert "aliases: [GM]" in (small / "data" / "actors" / "east.yaml").read_text()
    assert run("check").exit_code == 0


@pytest.mark.parametrize("into", ["../escape", "/tmp/x", "a/b", ".hidden"])
def test_into_is_a_file_name_never_a_path(small: Path, into: str) -> None:
    result = run("add-actor", "--id", "delta", "--name", "Delta", "--kind", "militant_group", "--into", into)
    assert result.exit_code == 2 and "--into takes a file name" in result.stderr


def test_fmt_lays_out_the_files_of_the_folder(small: Path) -> None:
    split(small)
    part = small / "data" / "edges" / "memo.yaml"
    canonical = "  - source: alpha\n    target: beta\n    type: rival"
    part.write_text(part.read_text().replace(canonical, "  - type: rival\n    source: alpha\n    target: beta"))
    result = run("fmt", "--check")
    assert result.exit_code == 1 and "data/edges/memo.yaml" in result.stderr
    assert run("fmt").exit_code == 0
    assert run("fmt", "--check").exit_code == 0


def test_the_cache_sees_a_change_in_a_file_of_the_folder(small: Path) -> None:
    split(small)
    assert "Gamma Movement" in run("show", "gamma").stdout
    east = small / "data" / "actors" / "east.yaml"
    east.write_text(east.read_text().replace("Gamma Movement", "Gamma Front"))
    assert "Gamma Front" in run("show", "gamma").stdout


def test_diff_reads_the_folders_of_a_revision(small: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    split(small)
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "a"]):
        subprocess.run(["git", *args], cwd=small, check=True, capture_output=True)
    part = small / "data" / "edges" / "memo.yaml"
    part.write_text(part.read_text().replace("type: rival", "type: allied", 1))
    result = run("diff")
    assert result.exit_code == 0, result.output
    assert "Relations: 0 added, 0 removed, 1 changed" in result.stdout and "problem" not in result.stdout


def test_a_map_raises_its_limits_in_its_settings(small: Path) -> None:
    memo = small / "seeds" / "memo.txt"
    memo.write_text("x " * (9 * 1024 * 1024) + memo.read_text())  # 18 MB: past the default 16
    result = run("check")
    assert result.exit_code == 1
    assert "larger than 16 MB, the limit (raise `max_text_mb` in data/settings.yaml" in result.stderr
    # that one problem only: the quotes citing the text are not also "unknown source 'memo'"
    assert result.stderr.endswith("\n1 problem found.\n") and "unknown source" not in result.stderr, result.stderr
    (small / "data" / "settings.yaml").write_text("max_text_mb: 20\n")
    assert run("check").exit_code == 0, run("check").stderr
    (small / "data" / "settings.yaml").write_text("max_map_mb: 1\n")
    result = run("check")
    assert result.exit_code == 1 and "the map's files hold more than 1 MB together, the limit" in result.stderr


def test_a_settings_file_of_the_wrong_shape_is_a_problem(small: Path) -> None:
    (small / "data" / "settings.yaml").write_text("max_file_mb: lots\n")
    result = run("check")
    assert result.exit_code == 1 and "data/settings.yaml:1: settings: 'max_file_mb' must be a whole number" in (
        result.stderr
    )


def test_diff_shows_a_raised_limit_first(small: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    shutil.copytree(small, before)
    (small / "data" / "settings.yaml").write_text("max_file_mb: 500\n")
    text = run("diff", str(before), str(small)).stdout
    assert "Settings changed" in text and "max_file_mb: (none) → 500" in text
    data = json.loads(run("diff", str(before), str(small), "--format", "json").stdout)
    assert data["settings"] == {"max_file_mb": {"old": None, "new": 500}}


def test_watch_rebuilds_on_a_change_to_a_file_of_the_folder(small: Path) -> None:
    from tests.outputs.test_watch import Watcher

    split(small)
    w = Watcher(small)
    try:
        w.wait_for(r"^\[started\] wrote build/graph.html \(3 actors, 3 relations")
        part = small / "data" / "edges" / "memo.yaml"
        part.write_text(part.read_text().replace("type: rival", "type: nonsense", 1))
        w.wait_for(r"data/edges/memo.yaml:\d+: edge alpha -> beta: unknown relation type 'nonsense'")
        (small / "data" / "edges" / "more.yaml").write_text("edges: []\n")
        part.write_text(part.read_text().replace("type: nonsense", "type: rival", 1))
        w.wait_for(r"wrote build/graph.html \(3 actors, 3 relations")
    finally:
        assert w.stop() == 0
