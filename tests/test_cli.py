"""The commands as a user runs them: from the repository root, with no flags."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, process, run


def test_check_summarises_clean_data(small: Path) -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stdout == "3 actors, 3 relations, 3 quotes verified in 1 source\n"


def test_commands_take_data_and_seeds_dirs_from_elsewhere(small: Path, tmp_path: Path, monkeypatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run("check", "--data-dir", str(small / "data"), "--seeds-dir", str(small / "seeds"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("3 actors, 3 relations")


def test_missing_data_dir_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 2, result.output
    assert (
        "folder 'data' not found (it should hold actors.yaml and edges.yaml); "
        "run actorgraph from the map's root folder or pass --data-dir"
    ) in result.stderr


def test_a_missing_folder_is_the_same_error_from_python(tmp_path: Path) -> None:
    import actorgraph

    with pytest.raises(actorgraph.UsageError) as caught:
        actorgraph.load(tmp_path / "nowhere")
    assert caught.value.exit_code == 2
    assert str(caught.value) == f"folder '{tmp_path / 'nowhere'}' not found (it should hold actors.yaml and edges.yaml)"


def test_a_maps_own_folder_may_be_named_instead_of_its_data_folder(small: Path) -> None:
    result = run("check", "--data-dir", str(small))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("3 actors, 3 relations")


@pytest.mark.parametrize("args", [["export", "--format", "yaml"], ["nonsense"], ["check", "--bogus"]])
def test_usage_errors_exit_2(small: Path, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Usage: ") and "\nError: " in result.stderr, result.stderr


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv"])
def test_exports_are_byte_identical_across_runs(small: Path, fmt: str) -> None:
    first = subprocess.run(
        [sys.executable, "-m", "actorgraph", "export", "--format", fmt],
        capture_output=True,
        check=True,
        env={"PYTHONHASHSEED": "1"},
    )
    second = subprocess.run(
        [sys.executable, "-m", "actorgraph", "export", "--format", fmt],
        capture_output=True,
        check=True,
        env={"PYTHONHASHSEED": "2"},
    )
    assert first.stdout == second.stdout and first.stdout


def test_export_to_file_replaces_it_whole(small: Path) -> None:
    out = small / "out" / "graph.json"
    result = run("export", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["nodes"]
    assert [p.name for p in out.parent.iterdir()] == ["graph.json"]  # no temporary left behind


def test_build_writes_page_by_default_into_build(small: Path) -> None:
    result = run("build")
    assert result.exit_code == 0, result.output
    page = small / "build" / "graph.html"
    html = page.read_text()
    assert html.startswith("<html>") or html.lstrip().lower().startswith("<!doctype html") or "<html" in html[:200]
    from actorgraph.outputs.page import read_payload

    assert {a["name"] for a in read_payload(html)["actors"]} == {"Alpha Front", "Beta Brigade", "Gamma Movement"}
    assert "wrote build/graph.html (3 actors, 3 relations)" in result.stdout


def test_build_to_chosen_output(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "nested" / "page.html"
    result = run("build", "-o", str(out))
    assert result.exit_code == 0, result.output
    from actorgraph.outputs.page import read_payload

    assert "Gamma Movement" in {a["name"] for a in read_payload(out.read_text())["actors"]}


def test_build_of_data_and_texts_kept_apart_writes_into_build_where_it_runs(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No map folder holds both (the data in one place, the texts in another): the page goes to
    build/graph.html under the folder the command runs in."""
    (small / "seeds").rename(tmp_path / "texts")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = run("build", "--data-dir", str(small / "data"), "--seeds-dir", str(tmp_path / "texts"))
    assert result.exit_code == 0, result.output
    assert "wrote build/graph.html (3 actors, 3 relations)" in result.stdout
    assert (work / "build" / "graph.html").is_file() and not (small / "build").exists()


def test_python_dash_m_graph_is_the_same_cli(small: Path) -> None:
    done = process("check")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "3 actors, 3 relations, 3 quotes verified in 1 source\n"


def test_every_command_has_help_with_an_example() -> None:
    from actorgraph.cli import cli

    for name in cli.commands:
        result = run(name, "--help")
        assert result.exit_code == 0, result.output
        assert "Example:" in result.output, f"{name} --help has no example"
        if name != "init":  # the one command that makes a map rather than reading one
            assert "--data-dir" in result.output and "--seeds-dir" in result.output


def test_readme_documents_every_command() -> None:
    from actorgraph.cli import cli

    readme = (ROOT / "README.md").read_text()
    for name in cli.commands:
        assert f"actorgraph {name}" in readme, name


def test_data_dir_that_is_a_file_is_a_usage_error(small: Path) -> None:
    result = run("check", "--data-dir", "data/actors.yaml")
    assert result.exit_code == 2
    assert "'data/actors.yaml' is a file" in result.stderr


def test_a_reader_that_stops_reading_is_not_a_data_problem(small: Path) -> None:
    """`actorgraph check | head -1`: the pipe closes under the command. That is the reader's choice,
    not a problem in the data (exit 1) nor a mistake (exit 2): the command stops as `cat` does."""
    import os
    import subprocess
    import sys

    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line is written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "actorgraph", "check"], stdout=write, stderr=subprocess.PIPE, text=True, timeout=60
        )
    finally:
        os.close(write)
    assert done.returncode == 141, done.stderr
    assert done.stderr == ""


def test_commands_run_from_inside_the_maps_data_or_seeds_folder(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for inside in ("data", "seeds"):
        monkeypatch.chdir(small / inside)
        result = run("check")
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("3 actors, 3 relations")


def test_a_page_for_a_map_elsewhere_goes_in_that_maps_folder(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run("build", "--data-dir", str(small / "data"))
    assert result.exit_code == 0, result.output
    assert (small / "build" / "graph.html").is_file()
    assert not (elsewhere / "build").exists()


def _main(monkeypatch: pytest.MonkeyPatch, *argv: str) -> int | str | None:
    """The installed entry point run in this process with this argv; its exit code. The
    collector's thresholds it sets for a command's run are put back after."""
    import gc
    import sys

    from actorgraph import cli

    monkeypatch.setattr(sys, "argv", list(argv))
    before = gc.get_threshold()
    try:
        with pytest.raises(SystemExit) as ended:
            cli.main()
    finally:
        gc.set_threshold(*before)
    return ended.value.code


def test_main_ends_a_command_whose_reader_went_away_with_141_and_silences_the_rest(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entry point in this process (the pipe test above runs it in a child, out of reach of
    the mutation run): the command's output raises BrokenPipeError, the command ends with 141,
    and stdout is pointed at /dev/null so the interpreter's last flush cannot print a second
    error."""
    import os
    import sys

    from actorgraph import cli

    def gone(message: str, **_: object) -> None:
        raise BrokenPipeError

    out = (tmp_path / "stdout").open("w")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(cli, "echo", gone)
    assert _main(monkeypatch, "actorgraph", "check") == 141
    assert os.fstat(out.fileno()).st_rdev == os.stat(os.devnull).st_rdev  # now /dev/null, not the file
    out.close()


def test_the_usage_line_says_actorgraph_however_the_program_was_started(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Started as `python -m actorgraph` (argv[0] is the package's __main__.py), the help still
    names the command a reader types, not the file Python ran."""
    assert _main(monkeypatch, "/somewhere/actorgraph/__main__.py", "--help") == 0
    assert capsys.readouterr().out.startswith("Usage: actorgraph [OPTIONS] COMMAND [ARGS]...")


def test_each_command_offers_the_forms_its_answer_has_and_says_what_each_is(small: Path) -> None:
    """--format lists exactly the forms a command can give, each named for a reader, text by
    default; a form the command lacks is refused by click before anything runs."""
    sources = " ".join(run("sources", "--help").output.split())
    assert (
        "--format [text|markdown|csv|json|csl-json] Output: text (text to read), markdown (markdown), csv (CSV),"
        " json (JSON), csl-json (CSL-JSON). [default: text]"
    ) in sources
    path = " ".join(run("path", "--help").output.split())
    assert "--format [text|json] Output: text (text to read), json (JSON). [default: text]" in path
    refused = run("path", "alpha", "beta", "--format", "csv")
    assert refused.exit_code == 2 and "'csv' is not one of 'text', 'json'" in refused.output
    assert run("path", "alpha", "beta").output.startswith("Alpha Front → Beta Brigade")


def test_a_yes_or_no_option_takes_the_spellings_a_shell_user_types(small: Path) -> None:
    """`--directed no` is `directed: false` in the file, as `--directed false` would be."""
    result = run("add-type", "split_from", "--label", "split from", "--directed", "no", "--sign", "-1",
                 "--definition", "Part of the target left it.")  # fmt: skip
    assert result.exit_code == 0, result.output
    edges = (small / "data" / "edges.yaml").read_text()
    entry = edges[edges.index("  split_from:\n") :]
    assert "    directed: false\n" in entry[: entry.index("definition")]


def test_export_help_lists_every_format_with_what_it_is_for() -> None:
    from actorgraph.outputs.registry import EXPORTERS

    shown = " ".join(run("export", "--help").output.split())
    listing = " ".join(f"{e.name} ({e.target}): {' '.join(e.summary.split())}." for e in EXPORTERS.values())
    assert listing in shown


@pytest.mark.parametrize(
    ("command", "opening"),
    [
        ("add-kind", "Add an actor kind to the map's vocabulary (actor_kinds in actors.yaml)"),
        ("add-hedge", "Add a confidence level to the map's vocabulary (confidence_levels in edges.yaml)"),
        ("add-type", "Add a relation type to the map's vocabulary (relation_types in edges.yaml)"),
        ("add-source-kind", "Add a source kind to the map's vocabulary (source_kinds in sources.yaml)"),
    ],
)
def test_each_vocabulary_command_says_what_it_adds_and_where(command: str, opening: str) -> None:
    assert opening in " ".join(run(command, "--help").output.split())


def test_confidence_is_another_name_for_hedge_and_the_two_must_agree(small: Path) -> None:
    quote = ("--doc", "memo", "--quote", "absorbed fighters from the Gamma Movement")
    both = run("add-relation", "beta", "allied", "gamma", *quote, "--confidence", "possible", "--hedge", "likely")
    assert both.exit_code == 2 and "--confidence is another name for --hedge; give one of them" in both.output
    same = run("add-relation", "beta", "allied", "gamma", *quote, "--confidence", "possible", "--hedge", "possible")
    assert same.exit_code == 0, same.output
    assert "        confidence: possible\n" in (small / "data" / "edges.yaml").read_text()
