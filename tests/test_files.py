"""Writing outputs: whole or not at all, only where the user said, with the real cause on failure;
and the folders a user names, taken as named."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run


def test_unwritable_output_is_reported_not_raised(small: Path) -> None:
    (small / "blocked").write_text("a file where a folder should be")
    result = run("build", "-o", "blocked/graph.html")
    assert result.exit_code == 1
    assert result.stderr == "error: cannot write 'blocked/graph.html': 'blocked' is a file, not a folder\n"


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
    from actorgraph.outputs.page import read_payload

    assert "Gamma Movement" in {a["name"] for a in read_payload(real.read_text())["actors"]}
    assert real.stat().st_mode & 0o777 == 0o640  # an existing file keeps its permissions


def test_export_dash_o_dash_is_stdout(small: Path) -> None:
    result = run("export", "-o", "-", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.startswith("id,source,source_name,type,label,target")
    assert not (small / "-").exists()


def test_folders_named_from_inside_the_map_are_side_by_side_as_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--data-dir . --seeds-dir ../seeds`, run from inside data/, names the same map as the
    defaults run from its root: `.` and `..` are the folders they name."""
    from actorgraph.files import map_folder

    (tmp_path / "data").mkdir()
    (tmp_path / "seeds").mkdir()
    monkeypatch.chdir(tmp_path / "data")
    assert map_folder(Path("."), Path("../seeds")) == tmp_path.resolve()
    assert map_folder(Path("."), Path("../../elsewhere")) is None


def test_a_write_cut_short_leaves_only_a_file_the_maps_gitignore_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write goes to a temporary file beside its target, then replaces it; a process killed in
    between leaves that file behind, named so that the .gitignore `init` writes keeps it out of a
    commit (and out of a pull request)."""
    import fnmatch
    import os

    from actorgraph.files import write_atomic

    assert run("init", str(tmp_path / "m")).exit_code == 0
    ignored = [p for p in (tmp_path / "m" / ".gitignore").read_text().splitlines() if p and not p.startswith("#")]
    seen: list[str] = []

    def killed(src: str, dst: object) -> None:
        seen.append(Path(src).name)
        raise KeyboardInterrupt  # as if the process were stopped between the write and the rename

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "m" / "build" / "graph.html", "<html></html>")
    (name,) = seen
    assert any(fnmatch.fnmatch(name, pattern) for pattern in ignored), (name, ignored)
