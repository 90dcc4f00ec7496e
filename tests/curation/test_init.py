"""`actorgraph init`: a new map that checks and builds, from an install, outside any repository."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tests.conftest import run


def test_a_new_map_checks_and_builds(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "mymap")
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path / "mymap")
    check = run("check")
    assert check.exit_code == 0, check.output
    assert check.stdout == "0 actors, 0 relations, 0 quotes verified in 0 sources\n"
    assert run("build").exit_code == 0
    assert (tmp_path / "mymap" / "build" / "graph.html").stat().st_size > 1000
    assert run("fmt", "--check").exit_code == 0
    for name in ("actors", "edges", "sources"):
        assert (tmp_path / "mymap" / "schema" / f"{name}.schema.json").is_file()
    edges = (tmp_path / "mymap" / "data" / "edges.yaml").read_text()
    assert edges.startswith("# yaml-language-server: $schema=../schema/edges.schema.json")
    assert "absorbed_fighters_from:" in edges and "`sign` +1 cooperative" in edges
    assert (tmp_path / "mymap" / ".gitignore").read_text().startswith("build/")


def test_init_refuses_to_overwrite_a_map(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    actors = tmp_path / "data" / "actors.yaml"
    actors.write_text(actors.read_text() + "# mine\n")
    again = run("init")
    assert again.exit_code == 2
    assert "already holds a map" in again.stderr
    assert actors.read_text().endswith("# mine\n")
    # Past three files, the rest are left at "...": a folder with only a README and data/ names both.
    lone = tmp_path / "lone"
    (lone / "data").mkdir(parents=True)
    (lone / "README.md").write_text("My notes.\n")
    (lone / "data" / "actors.yaml").write_text("actors: []\n")
    refused = " ".join(run("init", str(lone)).stderr.split())
    assert f"already holds a map ({lone / 'data' / 'actors.yaml'}, {lone / 'README.md'});" in refused, refused
    assert " ...)" in " ".join(again.stderr.split())


@pytest.mark.parametrize("command", ["add-type", "add-kind", "add-hedge", "add-source-kind"])
def test_each_vocabulary_commands_help_example_works_in_a_new_map(tmp_path: Path, monkeypatch, command: str) -> None:
    """A new user copies the example from `--help` into a map `init` just made: it must work,
    not collide with a term the new map already has."""
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    helped = " ".join(run(command, "--help").stdout.split())
    example = helped.split("Example: ", 1)[1].split(" Options:", 1)[0]
    argv = shlex.split(example)
    assert argv[:2] == ["actorgraph", command], example
    result = run(*argv[1:])
    assert result.exit_code == 0, result.output
    assert run("check").exit_code == 0 and run("fmt", "--check").exit_code == 0
