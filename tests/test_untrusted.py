"""A map is untrusted input: one regression case per finding of a hostile-contributor probe.

Maps change through pull requests and are checked in public CI, so nothing read from a map may
reach outside it, nothing written may land outside what the user named, no record may be lost
to a race, and none of it may end in a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import process, run

SECRET = "TOP SECRET: the password is hunter2 and the Alpha Front and the Beta Brigade are bitter rivals"


def _secret_outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET)
    return secret


# --- reads stay inside the map ------------------------------------------------------------------


def test_a_seed_linked_out_of_the_map_is_a_problem_and_its_text_appears_nowhere(small: Path, tmp_path: Path) -> None:
    memo = small / "seeds" / "memo.txt"
    memo.unlink()
    memo.symlink_to(_secret_outside(tmp_path))
    result = run("check")
    assert result.exit_code == 1
    assert "text file 'seeds/memo.txt' is a symbolic link to" in result.stderr and "outside the map" in result.stderr
    assert "hunter2" not in result.output
    assert run("build").exit_code == 1
    assert not (small / "build" / "graph.html").exists()


@pytest.mark.parametrize("folder", ["data", "seeds"])
def test_a_data_or_seeds_folder_linked_out_of_the_map_is_refused(small: Path, tmp_path: Path, folder: str) -> None:
    """A pull request can commit `seeds -> /somewhere/else`: every file read through it is
    refused, not only files that are links themselves."""
    outside = tmp_path / "elsewhere" / folder
    shutil.move(small / folder, outside)
    (small / folder).symlink_to(outside)
    result = run("check")
    assert result.exit_code == 1
    assert f"{folder}/" in result.stderr and "is reached through a folder that links outside the map" in result.stderr
    assert run("build").exit_code == 1 and not (small / "build" / "graph.html").exists()


def test_a_folder_linked_within_the_map_is_followed(small: Path) -> None:
    shutil.move(small / "data", small / "curated")
    (small / "data").symlink_to("curated")
    assert run("check").exit_code == 0


def test_a_link_inside_the_map_is_followed(small: Path) -> None:
    memo = small / "seeds" / "memo.txt"
    (small / "texts").mkdir()
    shutil.move(memo, small / "texts" / "memo.txt")
    memo.symlink_to(Path("..") / "texts" / "memo.txt")
    assert run("check").exit_code == 0


def test_an_edit_reads_no_part_linked_out_of_the_map(small: Path, tmp_path: Path) -> None:
    """An edit checks a scratch copy of the data folder: a part committed as a link out of the
    map is refused there as `check` refuses it, never copied in and read (its lines would be
    quoted in the edit's error messages, and a link to `/` would copy the whole disk)."""
    secret = tmp_path / "outside" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text("edges:\n  - source: hunter2\n    type: rival\n    target: alpha\n")
    (small / "data" / "edges").mkdir()
    (small / "data" / "edges" / "east.yaml").symlink_to(secret)
    before = (small / "data" / "actors.yaml").read_text()
    result = run("add-actor", "--id", "zeta", "--name", "Zeta Front", "--kind", "militant_group")
    assert result.exit_code == 1, result.output
    assert "data/edges/east.yaml" in result.stderr and "outside the map" in result.stderr, result.stderr
    assert "hunter2" not in result.output
    assert (small / "data" / "actors.yaml").read_text() == before


def test_an_edit_copies_no_folder_linked_out_of_the_map(small: Path, tmp_path: Path) -> None:
    """A folder in the data folder that links out of the map (to a pipe, here; to `/` in an
    attack) is not followed by the edit's scratch copy: the edit goes through as `check` does."""
    outside = tmp_path / "outside"
    outside.mkdir()
    os.mkfifo(outside / "pipe")
    (small / "data" / "junk").symlink_to(outside)
    assert run("check").exit_code == 0
    result = run("add-actor", "--id", "zeta", "--name", "Zeta Front", "--kind", "militant_group")
    assert result.exit_code == 0, result.output
    assert "Zeta Front" in (small / "data" / "actors.yaml").read_text()


def test_an_edit_follows_a_part_linked_within_the_map(small: Path) -> None:
    """A part that links to a file elsewhere in the map is read by the edit's check as by `check`."""
    shared = small / "shared"
    shared.mkdir()
    (shared / "east.yaml").write_text(
        "edges:\n  - source: alpha\n    type: rival\n    target: gamma\n    evidence:\n"
        "      - doc: memo\n        quote: nowhere in the memo at all\n"
    )
    (small / "data" / "edges").mkdir()
    (small / "data" / "edges" / "east.yaml").symlink_to(Path("..") / ".." / "shared" / "east.yaml")
    assert run("check").exit_code == 1  # the linked part is read: its quote is not in the memo
    result = run("add-actor", "--id", "zeta", "--name", "Zeta Front", "--kind", "militant_group")
    assert result.exit_code == 1 and "nowhere in the memo" in result.stderr, result.output


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom"])
def test_a_file_linked_to_a_device_is_refused_at_once(small: Path, special: str) -> None:
    actors = small / "data" / "actors.yaml"
    actors.unlink()
    actors.symlink_to(special)
    done = process("check", cwd=small)
    assert done.returncode == 1
    assert "data/actors.yaml: is a symbolic link to" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_text_with_characters_a_terminal_obeys_is_a_problem_at_their_place(small: Path) -> None:
    """`check` quotes a source's text in its hints: an escape sequence there would retitle the
    reader's terminal (or worse) in a public CI log."""
    memo = small / "seeds" / "memo.txt"
    memo.write_text(memo.read_text().replace("\n", "\n\x1b]0;PWNED\x07", 1), encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert "seeds/memo.txt:2:1: control character U+001B; delete it or use a space" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_tabs_and_page_breaks_in_a_text_are_fine(small: Path) -> None:
    memo = small / "seeds" / "memo.txt"
    memo.write_text(memo.read_text().replace("\n", "\n\t\f", 1), encoding="utf-8")
    assert run("check").exit_code == 0


def test_a_pipe_in_place_of_a_text_does_not_hang(small: Path) -> None:
    memo = small / "seeds" / "memo.txt"
    memo.unlink()
    os.mkfifo(memo)
    done = process("check", cwd=small)
    assert done.returncode == 1
    assert "is not a regular file" in done.stderr


# --- writes land only where the user said ----------------------------------------------------


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null here")
def test_export_to_a_device_writes_to_it_and_leaves_it_a_device(small: Path) -> None:
    result = run("export", "-o", "/dev/null")
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_committed_link_out_of_the_map_is_not_written_through(small: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (small / "build").mkdir()
    (small / "build" / "graph.html").symlink_to(os.path.relpath(victim, small / "build"))
    result = run("build")
    assert result.exit_code == 1
    assert "symbolic link" in result.stderr and "--force" in result.stderr
    assert victim.read_text() == "precious"
    assert run("build", "--force").exit_code == 0
    assert 'id="actorgraph-data"' in victim.read_text()  # written through the link, as asked


def test_an_output_over_an_input_is_refused(small: Path) -> None:
    before = (small / "data" / "actors.yaml").read_text()
    result = run("export", "--format", "json", "-o", "data/actors.yaml")
    assert result.exit_code == 1
    assert "inside the map's data/ folder" in result.stderr
    assert (small / "data" / "actors.yaml").read_text() == before
    assert run("build", "-o", "seeds/graph.html").exit_code == 1


def test_no_temporary_file_is_left_after_a_failed_write(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import actorgraph.files

    (small / "out").mkdir()

    def full_disk(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(actorgraph.files.os, "replace", full_disk)
    result = run("build", "-o", "out/graph.html")
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert list((small / "out").iterdir()) == []


# --- diff reads exactly what was committed ----------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(small: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _git(small, "init", "-q")
    _git(small, "-c", "user.email=t@t", "-c", "user.name=t", "add", "-A")
    _git(small, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "first")
    return small


def test_a_folder_named_like_a_revision_is_an_error_that_says_so(repo: Path) -> None:
    shutil.copytree(repo, repo / "HEAD", ignore=shutil.ignore_patterns(".git"))
    result = run("diff", "HEAD")
    assert result.exit_code == 2
    assert "'HEAD' is both a folder here and a git revision; write rev:HEAD" in result.stderr
    assert run("diff", "rev:HEAD").exit_code == 0
    assert run("diff", "./HEAD").exit_code == 0


def test_git_attributes_cannot_hide_a_relation_from_the_review(repo: Path) -> None:
    (repo / ".gitattributes").write_text("data/edges.yaml export-ignore\ndata/actors.yaml export-subst\n")
    edges = repo / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("type: rival", "type: allied", 1))
    _git(repo, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qam", "retype")
    result = run("diff", "HEAD~1", "HEAD")
    assert result.exit_code == 0, result.output
    assert "re-typed" in result.stdout


def test_a_symbolic_link_in_a_revision_is_noted_not_a_traceback(repo: Path) -> None:
    memo = repo / "seeds" / "memo.txt"
    memo.unlink()
    memo.symlink_to("/etc/passwd")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "link")
    result = run("diff", "HEAD~1", "HEAD")
    assert result.exit_code == 0, result.output
    assert "not read: seeds/memo.txt: is a symbolic link in HEAD" in result.stdout
    assert "root:" not in result.stdout


# --- exports -------------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_a_spreadsheet_would_run_are_neutralised(small: Path, start: str) -> None:
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("name: Alpha Front", f"name: '{start}HYPERLINK(\"x\")'"))
    safe = run("export", "--format", "csv").stdout
    assert f"'{start}HYPERLINK" in safe
    raw = run("export", "--format", "csv", "--raw-csv").stdout
    assert f",{start}HYPERLINK" in raw.replace('"', "")


@pytest.mark.parametrize("since", ["'0000'", "'0000-01'"])
def test_a_date_check_accepts_is_one_every_exporter_can_write(small: Path, since: str) -> None:
    edges = small / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("since: 2018", f"since: {since}"))
    assert run("check").exit_code == 1
    assert run("export", "--format", "gexf").exit_code == 1  # refused, not a traceback


def test_the_earliest_year_check_accepts_exports(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("since: 2018", "since: '0001'"))
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("founded: 2001-04", "founded: '0001'"))
    assert run("check").exit_code == 0
    for fmt in ("gexf", "stix", "graphml", "json", "csv"):
        assert run("export", "--format", fmt).exit_code == 0, fmt


def test_a_character_xml_cannot_carry_is_refused_however_written(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("name: Alpha Front", 'name: "Alpha\\uFFFE Front"'))
    result = run("check")
    assert result.exit_code == 1 and "U+FFFE" in result.stderr


# --- edits never lose work -------------------------------------------------------------------


def test_ten_edits_at_once_keep_ten_records(small: Path) -> None:
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "actorgraph",
                "add-actor",
                "--id",
                f"g{i}",
                "--name",
                f"Group {i}",
                "--kind",
                "militant_group",
            ],
            cwd=small,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(10)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0] * 10
    text = (small / "data" / "actors.yaml").read_text()
    assert all(f"id: g{i}\n" in text for i in range(10))
    assert run("check").stdout.startswith("13 actors")


def test_an_editors_save_during_the_check_is_not_overwritten(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from actorgraph.dataset import check as checking

    real = checking.check_dataset
    actors = small / "data" / "actors.yaml"

    def meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        actors.write_text(actors.read_text() + "  - id: saved\n    name: Saved Meanwhile\n    kind: militant_group\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(checking, "check_dataset", meanwhile)
    result = run("add-actor", "--id", "late", "--name", "Late", "--kind", "militant_group")
    assert result.exit_code == 1
    assert "changed while the edit was being checked" in result.stderr
    assert "id: saved" in actors.read_text() and "id: late" not in actors.read_text()


def test_crlf_and_a_byte_order_mark_survive_edits_and_fmt(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    actors.write_bytes(b"\xef\xbb\xbf" + actors.read_text().replace("\n", "\r\n").encode())
    assert run("add-actor", "--id", "delta", "--name", "Delta", "--kind", "militant_group").exit_code == 0
    assert run("add-alias", "delta", "D").exit_code == 0
    assert run("fmt").exit_code == 0
    raw = actors.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n") and b"id: delta" in raw
    assert run("check").exit_code == 0


def test_fmt_will_not_lose_or_move_a_comment(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    text = actors.read_text()
    flow = text.replace("    aliases: [AF]\n", "    aliases: [AF, # the short form\n      A.F.]\n")
    actors.write_text(flow)
    result = run("fmt")
    assert actors.read_text() == flow
    if result.exit_code != 0:
        assert "would lose or move the comment" in result.stderr
    before_id = text.replace("  - id: beta\n", "  # the brigade, not the front\n  - id: beta\n").replace(
        "    region: The northern valleys\n", "    kind: militant_group\n" * 0 + "    region: The northern valleys\n"
    )
    actors.write_text(before_id.replace("    name: Beta Brigade\n    aliases", "    aliases").replace(
        "    aliases: [BB, the Brigade]\n", "    aliases: [BB, the Brigade]\n    name: Beta Brigade\n"))  # fmt: skip
    run("fmt")
    after = actors.read_text()
    assert "  # the brigade, not the front\n  - id: beta\n" in after


# --- text is text --------------------------------------------------------------------------


def test_a_value_the_command_wrote_is_one_it_accepts(small: Path) -> None:
    for args in (["--name", "1:30", "--id", "t1"], ["--name", "Yes Group", "--id", "t2", "--alias", "yes"],
                 ["--name", "0x1F", "--id", "t3", "--alias", "no"]):  # fmt: skip
        result = run("add-actor", *args, "--kind", "militant_group")
        assert result.exit_code == 0, result.output
    names = {a["id"]: a for a in json.loads(run("list", "actors", "--format", "json").stdout)}
    assert names["t1"]["name"] == "1:30"
    assert names["t2"]["aliases"] == ["yes"] and names["t3"]["aliases"] == ["no"]


def test_look_alike_names_are_a_problem_naming_both(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text() + "  - id: delta\n    name: \u0410lpha Front\n    kind: militant_group\n")
    result = run("check")
    assert result.exit_code == 1
    assert "actor 'delta': its name 'Аlpha Front' looks the same as 'Alpha Front' of actor 'alpha'" in result.stderr
    assert "CYRILLIC CAPITAL LETTER A" in result.stderr


def test_names_that_differ_only_in_unicode_normalisation_clash(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    actors.write_text(
        actors.read_text()
        + "  - id: cafe1\n    name: Cafe\u0301 Group\n    kind: militant_group\n"
        + "  - id: cafe2\n    name: Caf\u00e9 Group\n    kind: militant_group\n"
    )
    result = run("check")
    assert (
        result.exit_code == 1
        and "actor 'cafe2': its name 'Café Group' is also a name of actor 'cafe1'" in result.stderr
    )


def test_a_quote_matches_whatever_the_unicode_normalisation(small: Path) -> None:
    memo = small / "seeds" / "memo.txt"
    memo.write_text(memo.read_text() + "\nThe Alpha Front rejects the Cafe\u0301 accord entirely.\n")
    result = run("add-evidence", "alpha", "rival", "beta", "--doc", "memo", "--quote", "rejects the Caf\u00e9 accord")
    assert result.exit_code == 0, result.output


# --- the cache -------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"[]", b"null", b"{", b'{"sources": 5}'])
def test_a_damaged_cache_entry_costs_only_time(small: Path, private_cache: Path, content: bytes) -> None:
    first = run("path", "alpha", "gamma").stdout
    (entry,) = private_cache.glob("*.json")
    entry.write_bytes(content)
    assert run("path", "alpha", "gamma").stdout == first
    assert entry.read_bytes() != content  # replaced


def test_a_cache_folder_that_is_a_file_costs_only_time(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = small / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(blocker / "cache"))
    assert run("path", "alpha", "gamma").exit_code == 0


# --- messages say what failed --------------------------------------------------------------


def test_an_unreadable_data_file_is_a_read_failure(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    actors.unlink()
    os.mkfifo(actors)
    result = run("add-actor", "--id", "delta", "--name", "Delta", "--kind", "militant_group")
    assert result.exit_code == 1
    assert "cannot read 'data/actors.yaml'" in result.stderr and "cannot write" not in result.stderr


def test_a_busy_port_says_it_cannot_listen(small: Path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        done = subprocess.run(
            [sys.executable, "-m", "actorgraph", "watch", "--serve", "--port", str(port)],
            cwd=small, capture_output=True, text=True, timeout=30,
        )  # fmt: skip
    finally:
        taken.close()
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr and "Traceback" not in done.stderr


# --- the watch server ----------------------------------------------------------------------


def test_watch_serve_answers_only_loopback_names(small: Path) -> None:
    from tests.outputs.test_watch import Watcher

    w = Watcher(small, "--serve", "--port", "0")
    try:
        line = w.wait_for(r"^serving http://127\.0\.0\.1:\d+/")
        base = line.split()[1]
        w.wait_for(r"^\[started\] wrote")
        port = base.rstrip("/").rsplit(":", 1)[1]
        for host, ok in ((f"127.0.0.1:{port}", True), (f"localhost:{port}", True), ("evil.example", False),
                         (f"evil.example:{port}", False)):  # fmt: skip
            request = urllib.request.Request(base, headers={"Host": host})
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    status = response.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            assert (status == 200) is ok, (host, status)

        def hang_up() -> None:
            with socket.create_connection(("127.0.0.1", int(port))) as s:
                s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")

        threads = [threading.Thread(target=hang_up) for _ in range(50)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=10)
        with urllib.request.urlopen(base + "__status", timeout=10) as response:  # still answering
            assert json.loads(response.read())["problems"] == []
    finally:
        assert w.stop() == 0
    assert "Traceback" not in "\n".join(w.seen) and "BrokenPipe" not in "\n".join(w.seen)


def test_watch_keeps_running_when_its_output_cannot_be_written(small: Path) -> None:
    from tests.outputs.test_watch import Watcher

    (small / "blocked").write_text("a file where a folder should be")
    w = Watcher(small, "-o", "blocked/graph.html")
    try:
        w.wait_for("cannot write 'blocked/graph.html'")
        (small / "blocked").unlink()
        actors = small / "data" / "actors.yaml"
        actors.write_text(actors.read_text() + "  - id: delta\n    name: Delta\n    kind: militant_group\n")
        w.wait_for(r"wrote blocked/graph.html \(4 actors")
    finally:
        assert w.stop() == 0


def test_watch_sees_a_data_folder_removed_and_restored(small: Path) -> None:
    from tests.outputs.test_watch import Watcher

    w = Watcher(small)
    try:
        w.wait_for(r"^\[started\] wrote")
        shutil.move(small / "data", small / "data-away")
        w.wait_for("problem")
        shutil.move(small / "data-away", small / "data")
        w.wait_for(r"wrote build/graph.html \(3 actors")
        actors = small / "data" / "actors.yaml"
        actors.write_text(actors.read_text() + "  - id: delta\n    name: Delta\n    kind: militant_group\n")
        w.wait_for(r"wrote build/graph.html \(4 actors")
    finally:
        assert w.stop() == 0


def test_a_file_swapped_for_a_pipe_after_it_was_looked_at_is_still_refused(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between looking at a file and opening it, a hostile process may swap it for a pipe: what
    is opened is looked at again, and refused, instead of waiting on the pipe for ever."""
    from actorgraph import files

    memo = small / "seeds" / "memo.txt"
    regular = os.lstat(memo)
    memo.unlink()
    os.mkfifo(memo)
    real_lstat = os.lstat
    looked_at: list[str] = []

    def as_before(p: object, *a: object, **k: object) -> os.stat_result:
        if Path(os.path.abspath(p)) == memo:  # type: ignore[arg-type]
            looked_at.append(str(p))
            return regular  # what it was when looked at
        return real_lstat(p, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "lstat", as_before)
    result = run("check")
    assert result.exit_code == 1
    assert "text file 'seeds/memo.txt' is not a regular file (a device, a pipe or a socket); put a text" in (
        result.stderr
    )
    assert looked_at  # the swap happened where the file was looked at
