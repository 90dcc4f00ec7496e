"""`actorgraph init`: a new map that checks and builds, from an install, outside any repository."""

from __future__ import annotations

from pathlib import Path

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
