"""The edit transaction: a refused edit names the line the user will find in the file as it is,
a copy that cannot be made is a read error, and the map's lock is a lock and nothing more."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from actorgraph.curation.transaction import apply, encode_like, lock_path, map_lock
from actorgraph.dataset.model import Dataset
from actorgraph.errors import ActorgraphError, DataError, ReadError

from tests.conftest import map_files, run

BAD_HEDGE = '"The River Brigade absorbed fighters from the North Front"\n'


@pytest.mark.parametrize(
    "args",
    [
        ("add-evidence", "north", "rival", "river", "--doc", "memo", "--quote", "though perhaps less often now"),
        ("remove-relation", "north", "rival", "river"),
        ("retype", "ruritania", "supported", "river", "--to", "rival"),
    ],
    ids=["lines-added-above", "lines-taken-out-above", "a-line-changed-above"],
)
def test_a_problem_the_file_already_has_is_named_at_its_line_in_the_file(handmade: Path, args: tuple[str, ...]) -> None:
    """The edit is refused, and the problem below what it changes is at the line the file has
    (58), not at its line in the text that was checked and never written."""
    edges = handmade / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace(BAD_HEDGE, BAD_HEDGE + "        confidence: maybe\n"))
    before = edges.read_bytes()
    assert "data/edges.yaml:58: edge river -> north: unknown confidence 'maybe'" in run("check").stderr
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert "\ndata/edges.yaml:58: edge river -> north: unknown confidence 'maybe'" in "\n" + result.stderr
    assert "in the new record" not in result.stderr
    assert edges.read_bytes() == before


def test_a_problem_above_or_just_below_an_edit_is_named_at_its_line(handmade: Path) -> None:
    """Above the lines an edit writes a problem keeps its line; on the first line after them it
    is moved by as many lines as the edit added."""
    edges = handmade / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("        confidence: possible  #", "        confidence: perhaps  #"))
    result = run(
        "add-evidence",
        "river",
        "absorbed_fighters_from",
        "north",
        "--doc",
        "memo",
        "--quote",
        "fighters from the North Front in 2019",
    )
    assert result.exit_code == 1, result.output
    assert "\ndata/edges.yaml:36: edge north -> river: unknown confidence 'perhaps'" in "\n" + result.stderr
    actors = handmade / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("    kind: state\n", "    kind: nation\n"))
    row = actors.read_text().splitlines().index("    kind: nation") + 1
    result = run("add-alias", "ruritania", "Kingdom")  # a line inserted just above the kind's
    assert result.exit_code == 1, result.output
    assert f"\ndata/actors.yaml:{row}: actor 'ruritania': unknown kind 'nation'" in "\n" + result.stderr


def test_a_problem_in_the_lines_an_edit_writes_is_in_the_new_record(handmade: Path) -> None:
    first = run(
        "add-relation", "Sable Group", "rival", "NF", "--doc", "memo", "--quote", "The Lone Cell is named here once"
    )
    assert "data/edges.yaml: in the new record: edge Sable Group -> north: unknown actor" in first.stderr, first.stderr
    result = run("add-evidence", "north", "rival", "river", "--doc", "memo", "--quote", "words the memo lacks")
    assert result.exit_code == 1, result.output
    assert "data/edges.yaml: in the new record: edge north -> river, evidence 3: quote not found" in result.stderr


def test_a_folder_that_cannot_be_copied_for_the_check_is_a_read_error_naming_the_file(handmade: Path) -> None:
    os.mkfifo(handmade / "data" / "pipe")  # not a file a copy can read to its end
    actors = handmade / "data" / "actors.yaml"
    before = actors.read_bytes()
    result = run("add-alias", "north", "Nord")
    assert result.exit_code == 1, result.output
    assert result.stderr == "error: cannot read 'data' to check the edit: data/pipe: `data/pipe` is a named pipe\n"
    assert actors.read_bytes() == before


def test_a_data_file_that_is_not_utf8_is_a_read_error_pointing_at_check(handmade: Path) -> None:
    edges = handmade / "data" / "edges.yaml"
    edges.write_bytes(edges.read_bytes() + b"# \xff\n")
    result = run("remove-relation", "north", "rival", "river")
    assert result.exit_code == 1, result.output
    assert "cannot read 'data/edges.yaml': 'utf-8' codec can't decode byte 0xff" in result.stderr
    assert "run `actorgraph check`" in result.stderr


# --- the lock -------------------------------------------------------------------------------------


def test_the_lock_is_in_the_folder_holding_data_and_seeds_else_in_the_data_folder(tmp_path: Path) -> None:
    assert lock_path(tmp_path / "map" / "data", tmp_path / "map" / "seeds") == tmp_path / "map" / ".actorgraph-lock"
    apart = lock_path(tmp_path / "a" / "data", tmp_path / "b" / "seeds")
    assert apart == tmp_path / "a" / "data" / ".actorgraph-lock"


def test_an_edit_takes_the_lock_in_the_map_folder(handmade: Path) -> None:
    assert run("add-alias", "north", "Nord").exit_code == 0
    assert (handmade / ".actorgraph-lock").is_file()
    assert not (handmade / "data" / ".actorgraph-lock").exists()


def test_a_held_lock_makes_the_next_edit_wait_then_give_up(tmp_path: Path) -> None:
    path = tmp_path / ".actorgraph-lock"
    with map_lock(path):
        started = time.monotonic()
        with (
            pytest.raises(ActorgraphError, match=r"another actorgraph edit has held the map for 0\.3 s"),
            map_lock(path, wait=0.3),
        ):
            pass
        assert time.monotonic() - started >= 0.3  # it waited before giving up
    with map_lock(path, wait=0):  # released when the block ended
        pass


def test_a_waiting_edit_goes_ahead_once_the_lock_is_released(tmp_path: Path) -> None:
    path = tmp_path / ".actorgraph-lock"
    order: list[str] = []
    held = threading.Event()

    def first() -> None:
        with map_lock(path):
            held.set()
            time.sleep(0.2)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    held.wait()
    with map_lock(path, wait=10):
        order.append("second in")
    thread.join()
    assert order == ["first done", "second in"]


def test_a_lock_that_is_a_link_is_refused_and_what_it_points_at_untouched(tmp_path: Path) -> None:
    thesis = tmp_path / "thesis.docx"
    thesis.write_bytes(b"years of work")
    link = tmp_path / ".actorgraph-lock"
    link.symlink_to(thesis)
    with (
        pytest.raises(ActorgraphError, match=r"\.actorgraph-lock is a symbolic link; actorgraph never follows"),
        map_lock(link),
    ):
        pass
    assert thesis.read_bytes() == b"years of work"
    dangling = tmp_path / "other" / ".actorgraph-lock"
    dangling.parent.mkdir()
    dangling.symlink_to(tmp_path / "planted")
    with pytest.raises(ActorgraphError, match="is a symbolic link"), map_lock(dangling):
        pass
    assert not (tmp_path / "planted").exists()


def test_a_lock_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / ".actorgraph-lock"
    os.mkfifo(fifo)
    with pytest.raises(ActorgraphError, match=r"\.actorgraph-lock is not a regular file; delete it"), map_lock(fifo):
        pass


def test_a_lock_that_cannot_be_opened_says_why(tmp_path: Path) -> None:
    folder = tmp_path / ".actorgraph-lock"
    folder.mkdir()
    with (
        pytest.raises(ActorgraphError, match=r"cannot take the map's lock .*\.actorgraph-lock: Is a directory"),
        map_lock(folder),
    ):
        pass


# --- line endings ---------------------------------------------------------------------------------

ALIAS_ADDED = ("    name: Ruritania\n", "    name: Ruritania\n    aliases: [Kingdom]\n")
LONE_REMOVED = ("  - id: lone\n", "")


@pytest.mark.parametrize(
    ("crlf", "args", "change"),
    [
        (lambda i, n: i < 3, ("add-alias", "ruritania", "Kingdom"), ALIAS_ADDED),
        (lambda i, n: i < n - 2, ("add-alias", "ruritania", "Kingdom"), ALIAS_ADDED),
        (lambda i, n: i % 2 == 0, ("remove-actor", "lone"), LONE_REMOVED),
    ],
    ids=["mostly-lf", "mostly-crlf", "alternating"],
)
def test_an_edit_keeps_each_untouched_lines_ending_and_the_byte_order_mark(
    handmade: Path, crlf: object, args: tuple[str, ...], change: tuple[str, str]
) -> None:
    """A file a Windows editor touched holds CRLF lines among LF ones: the lines the edit did not
    write keep theirs, before and after the edit, and the lines it wrote take the ending most of
    the file's lines have; the byte-order mark stays."""
    actors = handmade / "data" / "actors.yaml"
    lines = actors.read_text().splitlines(keepends=True)
    ends = [bool(crlf(i, len(lines))) for i in range(len(lines))]  # type: ignore[operator]
    written = [line.replace("\n", "\r\n") if e else line for line, e in zip(lines, ends, strict=True)]
    actors.write_bytes(b"\xef\xbb\xbf" + "".join(written).encode())
    result = run(*args)
    assert result.exit_code == 0, result.output
    old, new = change
    at = lines.index(old)
    if new:  # a line written after `old`, with the ending most of the file's lines have
        written.insert(at + 1, new[len(old) :].replace("\n", "\r\n" if 2 * sum(ends) > len(ends) else "\n"))
    else:  # the actor's lines taken out, up to the blank line after it
        del written[at : lines.index("\n", at)]
    assert actors.read_bytes() == b"\xef\xbb\xbf" + "".join(written).encode()


def test_a_source_whose_registration_cannot_be_written_leaves_no_text_behind(
    handmade: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All or nothing: the text is written first, and taken away again when sources.yaml then
    cannot be written, so no text is left that nothing registers."""
    import actorgraph.files

    real = actorgraph.files.write_atomic

    def full_disk_at_sources(path: Path, *args: object, **kwargs: object) -> object:
        if path.name == "sources.yaml":
            raise OSError(28, "No space left on device")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(actorgraph.files, "write_atomic", full_disk_at_sources)
    text = tmp_path / "brief.txt"
    text.write_text("A brief, invented for the tests, about the North Front.\n")
    before = map_files(handmade)
    result = run("add-source", str(text), "--kind", "analysis", "--title", "A brief")
    assert result.exit_code == 1, result.output
    assert "No space left on device" in result.stderr
    assert map_files(handmade) == before  # seeds/a-brief.txt was written, then taken away


def test_a_source_check_refuses_is_not_registered(handmade: Path, tmp_path: Path) -> None:
    """The check of an edit to the seeds folder runs on the seeds folder with the edit in it."""
    text = tmp_path / "brief.txt"
    text.write_text("A brief, invented for the tests, written in the winter of 2020.\n")
    before = map_files(handmade)
    result = run("add-source", str(text), "--kind", "analysis", "--written-quotes", "in the summer of 2020")
    assert result.exit_code == 1, result.output
    assert "in the summer of 2020" in result.stderr and "nothing was written" in result.stderr
    assert map_files(handmade) == before


EAST = "\n  - id: east\n    name: East Wing\n    kind: militant_group\n"
LONE_QUOTE = "The Lone Cell is named here once"
LONE_RIVAL = (
    "edges:\n  - source: lone\n    target: north\n    type: rival\n    evidence:\n"
    '      - doc: memo\n        quote: "The Lone Cell is named here once"\n'
)


def test_an_edit_refused_in_a_part_reached_through_a_link_leaves_the_part_as_it_was(handmade: Path) -> None:
    """data/edges is a link to another folder of the data folder: the edit's check works on a
    copy in which the link leads into the copy, so a refused edit never reaches the real part."""
    parts = handmade / "data" / "parts"
    parts.mkdir()
    (parts / "east.yaml").write_text(LONE_RIVAL)
    (handmade / "data" / "edges").symlink_to("parts")
    assert run("check").exit_code == 0
    before = map_files(handmade)
    refused = run("retype", "lone", "rival", "north", "--to", "nonsense")
    assert refused.exit_code == 1, refused.output
    assert "unknown relation type 'nonsense'" in refused.stderr
    assert map_files(handmade) == before
    done = run("retype", "lone", "rival", "north", "--to", "supported")
    assert done.exit_code == 0, done.output
    assert (parts / "east.yaml").read_text() == LONE_RIVAL.replace("type: rival", "type: supported")


def test_an_edit_beside_a_part_linked_from_elsewhere_in_the_map_is_checked_with_it(handmade: Path) -> None:
    """A part linked (by a relative link) to a file elsewhere in the map is read by the edit's
    check as the map reads it: a relation to the actor it holds is accepted."""
    shared = handmade / "shared"
    shared.mkdir()
    (shared / "east.yaml").write_text("actors:\n  - id: east\n    name: East Wing\n    kind: militant_group\n")
    (handmade / "data" / "actors").mkdir()
    (handmade / "data" / "actors" / "east.yaml").symlink_to(Path("..") / ".." / "shared" / "east.yaml")
    assert run("check").exit_code == 0
    result = run(
        "add-relation", "East Wing", "rival", "NF", "--doc", "memo", "--quote", "The Lone Cell is named here once"
    )
    assert result.exit_code == 0, result.output
    assert "  - source: east\n    target: north\n" in (handmade / "data" / "edges.yaml").read_text()


def test_links_anywhere_in_a_folder_are_checked_as_the_map_reads_them(handmade: Path, tmp_path: Path) -> None:
    """The edit's check copies every link of the folder, whatever sits before it in the folder:
    actors.yaml linked to a file elsewhere in the map, beside a plain subfolder and a folder linked
    out of the map (neither of which the map reads), is read as the map reads it."""
    shared = handmade / "shared"
    shared.mkdir()
    actors = handmade / "data" / "actors.yaml"
    (shared / "actors.yaml").write_text(actors.read_text() + EAST)
    actors.unlink()
    actors.symlink_to(Path("..") / "shared" / "actors.yaml")
    (handmade / "data" / "archive").mkdir()
    (tmp_path / "outside").mkdir()
    (handmade / "data" / "elsewhere").symlink_to(tmp_path / "outside")
    assert run("check").exit_code == 0, run("check").output
    result = run("add-relation", "East Wing", "rival", "Lone Cell", "--doc", "memo", "--quote", LONE_QUOTE)
    assert result.exit_code == 0, result.output
    assert "  - source: east\n    target: lone\n    type: rival\n" in (handmade / "data" / "edges.yaml").read_text()


def test_a_part_folder_linked_elsewhere_in_the_map_is_checked_as_the_map_reads_it(handmade: Path) -> None:
    """data/edges is a link to a folder beside data/ in the map folder: `check` reads it, and so
    does the check of an edit."""
    (handmade / "shared" / "edges").mkdir(parents=True)
    (handmade / "shared" / "edges" / "east.yaml").write_text(LONE_RIVAL)
    (handmade / "data" / "edges").symlink_to(Path("..") / "shared" / "edges")
    assert run("check").exit_code == 0, run("check").output
    result = run("add-alias", "lone", "The Cell")
    assert result.exit_code == 0, result.output


# --- apply(): the transaction itself ----------------------------------------------------------

NEW_RIVAL = (
    "  - source: nobody\n    target: beta\n    type: rival\n    evidence:\n      - doc: memo\n"
    '        quote: "The Alpha Front and the Beta Brigade are bitter rivals"\n'
)


def test_each_problem_of_a_refused_edit_is_named_where_the_user_will_find_it(small: Path) -> None:
    """An edit appends a relation right under a line check refuses, while another file has a
    problem further down than the edited file is long: the problem on the new record's first line
    is in the new record, the one on the line just above it stays at its line, and the other
    file's keeps its line and column."""
    edges = small / "data" / "edges.yaml"
    old = edges.read_text().replace("confidence: possible", "confidence: maybe")
    edges.write_text(old)
    last = len(old.splitlines())
    (small / "data" / "settings.yaml").write_text("# a line of notes\n" * (last + 20) + "max_file_mb: [1\n")
    with pytest.raises(DataError) as refused:
        apply(small / "data", small / "seeds", edges, old + NEW_RIVAL, old)
    found = [str(p) for p in refused.value.problems]
    assert found[0].startswith("data/edges.yaml: in the new record: edge nobody -> beta: unknown actor 'nobody'")
    assert found[1:] == [
        f"data/edges.yaml:{last}: edge alpha -> gamma: unknown confidence 'maybe' (the hedges this map knows: "
        "possible: The text says it may be so.)",
        f"data/settings.yaml:{last + 22}:1: YAML syntax error: while parsing a flow sequence: did not find expected "
        "',' or ']'",
    ]
    assert edges.read_text() == old


def test_a_problem_on_the_first_line_of_a_file_an_edit_rewrites_is_in_the_new_record(small: Path) -> None:
    """An edit that changes a file's very first line: a problem there is the edit's."""
    actors = small / "data" / "actors.yaml"
    old = actors.read_text()
    new = "colour: blue\n" + old.split("\n", 1)[1]  # the header comment → a key no actors file has
    with pytest.raises(DataError) as refused:
        apply(small / "data", small / "seeds", actors, new, old)
    assert str(refused.value.problems[0]).startswith("data/actors.yaml: in the new record: "), refused.value
    assert actors.read_text() == old


def test_an_edit_that_passes_check_but_not_its_own_test_is_refused_unwritten(small: Path) -> None:
    """`expect` says what the edit failed to do (a record that landed elsewhere): the edit is
    refused with its words, and nothing is written."""
    actors = small / "data" / "actors.yaml"
    old = actors.read_text()
    new = old.replace("    description: An invented group.\n", "    # description: An invented group.\n")

    def described(data: Dataset) -> str | None:
        seen = {a.id: a.description for a in data.actors}
        return None if seen["alpha"] else "the description did not land"

    with pytest.raises(ActorgraphError) as refused:
        apply(small / "data", small / "seeds", actors, new, old, expect=described)
    assert str(refused.value) == "the description did not land; nothing was written"
    assert actors.read_text() == old
    apply(small / "data", small / "seeds", actors, new, old)  # without the test, check lets it through
    assert actors.read_text() == new


def test_a_folder_gone_before_its_check_is_a_read_error_in_the_systems_words(small: Path) -> None:
    """The seeds folder vanished (another program moved it) before an edit to it is checked."""
    shutil.rmtree(small / "seeds")
    with pytest.raises(ReadError) as refused:
        apply(small / "data", small / "seeds", small / "seeds" / "sources.yaml", "sources: []\n")
    assert str(refused.value) == "cannot read 'seeds' to check the edit: No such file or directory"


@pytest.mark.parametrize(
    ("text", "like", "written"),
    [
        ("a\nb\nnew\n", b"a\r\nb\n", b"a\r\nb\nnew\n"),
        ("new\na\nb\n", b"old\r\na\nb\n", b"new\na\nb\n"),
        ("- a\n- a\n- a\n", b"- a\r\n- a\r\n", b"- a\r\n- a\r\n- a\r\n"),
        ("a\nb\nc\nnew\nd\ne\r", b"a\r\nb\nc\nd\r\ne\r", b"a\r\nb\nc\nnew\nd\r\ne\r"),
    ],
    ids=["half-crlf-new-line-lf", "first-line-rewritten", "a-line-like-those-before", "last-line-lone-cr"],
)
def test_written_lines_take_the_files_majority_ending_and_kept_lines_their_own(
    text: str, like: bytes, written: bytes
) -> None:
    """The lines an edit writes take the ending more than half the file's lines have (LF on a
    tie), even where the edit rewrote the file's first line; the lines it kept keep theirs, also
    when the written lines repeat the ones before them and when the file's last line ends in a
    lone carriage return."""
    assert encode_like(text, like) == written


def test_an_edit_to_a_data_file_larger_than_a_source_text_may_be_is_written(small: Path) -> None:
    """A data file is held to the data files' limit (64 MB by default), not to a source text's
    (16 MB): an edit to a 17 MB relations file goes through."""
    edges = small / "data" / "edges.yaml"
    old = edges.read_text() + "# " + "x" * (17 * 1024 * 1024) + "\n"
    edges.write_text(old)
    apply(small / "data", small / "seeds", edges, old + "# checked\n", old)
    assert edges.read_text().endswith("x\n# checked\n")


def test_an_edit_with_the_data_folder_named_dot_is_written(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from inside the data folder, `--data-dir .` names that folder, for an edit too."""
    monkeypatch.chdir(small / "data")
    result = run("add-alias", "alpha", "Alfa", "--data-dir", ".", "--seeds-dir", "../seeds")
    assert result.exit_code == 0, result.output
    assert "aliases: [AF, Alfa]" in (small / "data" / "actors.yaml").read_text()
