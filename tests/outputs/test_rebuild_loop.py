"""The rebuild loop behind `actorgraph watch`, run in this process (tests/outputs/test_watch.py
runs the command in a child process, as a curator does): each change rebuilds, a bad edit keeps
the last good page and says why, and the local server answers only this machine's own names
with the live page and its status. The file name avoids the word the mutation run uses to leave
out the slow child-process tests."""

from __future__ import annotations

import json
import queue
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from actorgraph.outputs.page import read_payload
from actorgraph.outputs.watch import State, _host_name, build_once, watch

pytest.importorskip("watchfiles")

NEW_ACTOR = "  - id: delta\n    name: Delta Cell\n    kind: militant_group\n"


class Loop:
    """The loop on a thread, its reports queued as (message, ok)."""

    def __init__(
        self, root: Path, serve: bool, *, page: Path | None = None, data: Path | None = None, seeds: Path | None = None
    ) -> None:
        self.root = root
        self.page = page or root / "build" / "graph.html"
        self.reports: queue.Queue[tuple[str, bool]] = queue.Queue()
        self.seen: list[tuple[str, bool]] = []
        self.stop = threading.Event()
        self.failed: list[BaseException] = []  # what the loop raised, if anything: close() says so
        folders = (data or root / "data", seeds or root / "seeds")
        self.thread = threading.Thread(target=self._run, args=(*folders, self.page, serve), daemon=True)
        self.thread.start()

    def _run(self, data: Path, seeds: Path, page: Path, serve: bool) -> None:
        try:
            watch(data, seeds, page, lambda m, ok: self.reports.put((m, ok)),
                  serve_port=0 if serve else None, stop=self.stop)  # fmt: skip
        except BaseException as exc:  # kept for close() to report
            self.failed.append(exc)

    def wait_for(self, pattern: str, timeout: float = 10.0) -> tuple[str, bool]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                seen = self.reports.get(timeout=0.1)
            except queue.Empty:
                continue
            self.seen.append(seen)
            if re.search(pattern, seen[0]):
                return seen
        raise AssertionError(f"no report matching {pattern!r} within {timeout}s; saw {self.seen}")

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive()
        assert self.failed == [], self.failed


@pytest.fixture
def loop(small: Path) -> Iterator[Loop]:
    running = Loop(small, serve=False)
    yield running
    running.close()


@pytest.fixture
def served(small: Path) -> Iterator[tuple[Loop, str]]:
    running = Loop(small, serve=True)
    message, ok = running.wait_for(r"^serving ")
    address = re.fullmatch(r"serving (http://127\.0\.0\.1:(\d+)/) \(reloads after each rebuild\)", message)
    assert address is not None and ok, message
    yield running, address.group(1)
    running.close()


def get(url: str, host: str | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


def test_one_build_writes_the_page_or_says_what_is_wrong_and_writes_nothing(small: Path) -> None:
    out = small / "out" / "page.html"
    state = State()
    ok, lines = build_once(small / "data", small / "seeds", out, state)
    assert (ok, lines) == (True, ["3 actors, 3 relations"])
    assert b"/__status" in state.page and b"/__status" not in out.read_bytes()  # live copy served only
    good = out.read_bytes()
    edges = small / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("target: beta\n", "target: bet\n", 1))
    assert build_once(small / "data", small / "seeds", out) == (
        False,
        ["data/edges.yaml:25: edge alpha -> bet: unknown actor 'bet' (did you mean 'beta'?)"],
    )
    assert out.read_bytes() == good


def test_a_build_that_cannot_write_is_reported_as_a_problem(small: Path) -> None:
    (small / "blocker").write_text("a file where the page's folder would go")
    ok, lines = build_once(small / "data", small / "seeds", small / "blocker" / "page.html")
    assert not ok and len(lines) == 1 and "blocker" in lines[0], lines


def test_each_change_rebuilds_and_a_bad_edit_keeps_the_last_good_page(loop: Loop) -> None:
    assert loop.wait_for(r"^\[started\]") == (f"[started] wrote {loop.page} (3 actors, 3 relations)", True)
    message, ok = loop.wait_for("^watching ")
    assert ok and message == f"watching {loop.root / 'data'} and {loop.root / 'seeds'} for changes; Ctrl-C to stop"

    actors = loop.root / "data" / "actors.yaml"
    actors.write_text(actors.read_text() + NEW_ACTOR)
    assert loop.wait_for(r"^\[changed") == (f"[changed: actors.yaml] wrote {loop.page} (4 actors, 3 relations)", True)
    assert "Delta Cell" in {a["name"] for a in read_payload(loop.page.read_text())["actors"]}

    good = loop.page.read_bytes()
    edges = loop.root / "data" / "edges.yaml"
    fine = edges.read_text()
    edges.write_text(fine.replace("target: beta\n", "target: bet\n", 1))
    assert loop.wait_for(r"^\[changed") == (
        "[changed: edges.yaml] 1 problem found; the last good page is unchanged:\n"
        "data/edges.yaml:25: edge alpha -> bet: unknown actor 'bet' (did you mean 'beta'?)",
        False,
    )
    assert loop.page.read_bytes() == good
    (loop.root / "data" / ".actorgraph-scratch").write_text("an edit's own scratch file")
    (loop.root / "seeds" / "notes.txt").write_text("a new text")
    message, ok = loop.wait_for(r"^\[changed")
    # The edit's scratch file is not named as a change.
    assert message.startswith("[changed: notes.txt] 1 problem found") and not ok, message


def test_broken_from_the_start_says_no_page_is_written_yet(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("target: beta\n", "target: bet\n", 1).replace(
        "target: gamma\n", "target: gamm\n", 1))  # fmt: skip
    running = Loop(small, serve=False)
    try:
        message, ok = running.wait_for(r"^\[started\]")
        assert not ok and message == (
            "[started] 2 problems found; no page written yet:\n"
            "data/edges.yaml:25: edge alpha -> bet: unknown actor 'bet' (did you mean 'beta'?)\n"
            "data/edges.yaml:31: edge beta -> gamm: unknown actor 'gamm' (did you mean 'gamma'?)"
        ), message
        assert not running.page.exists()
    finally:
        running.close()


def test_the_server_serves_the_live_page_and_its_status_to_this_machine_only(served: tuple[Loop, str]) -> None:
    loop, base = served
    loop.wait_for(r"^\[started\]")
    port = int(base.rsplit(":", 1)[1].rstrip("/"))
    for path in ("", "index.html", "graph.html", "graph.html?x=1"):
        status, kind, body = get(base + path)
        assert (status, kind) == (200, "text/html; charset=utf-8"), path
        assert "Gamma Movement" in {a["name"] for a in read_payload(body.decode())["actors"]}
        assert b"/__status" in body
    status, kind, body = get(base + "__status")
    assert (status, kind) == (200, "application/json")
    first = json.loads(body)
    assert first == {"version": 1, "problems": []}
    assert get(base + "elsewhere.html")[:2] == (404, "text/plain")
    for host in ("evil.example", f"evil.example:{port}", f"localhost:{port + 1}", f"127.0.0.1:{port}@evil"):
        assert get(base, host)[0] == 421, host
    for host in (f"localhost:{port}", "LOCALHOST", f"[::1]:{port}", "127.0.0.1"):
        assert get(base, host)[0] == 200, host

    edges = loop.root / "data" / "edges.yaml"
    fine = edges.read_text()
    edges.write_text(fine.replace("target: beta\n", "target: bet\n", 1))
    loop.wait_for("problem found")
    assert json.loads(get(base + "__status")[2]) == {
        "version": 1,
        "problems": ["data/edges.yaml:25: edge alpha -> bet: unknown actor 'bet' (did you mean 'beta'?)"],
    }
    edges.write_text(fine)
    loop.wait_for(r"wrote ")
    assert json.loads(get(base + "__status")[2]) == {"version": 2, "problems": []}


def test_a_host_header_counts_as_this_machine_only_when_it_is_one_of_its_names() -> None:
    assert _host_name("localhost") == "localhost"
    assert _host_name(" LocalHost:8000 ", 8000) == "localhost"
    assert _host_name("[::1]:80", 80) == "[::1]"
    assert _host_name("127.0.0.1:81", 80) is None
    assert _host_name("127.0.0.1:80@evil", 80) is None
    assert _host_name("127.0.0.2") is None
    assert _host_name("localhost.evil") is None


def test_data_and_seeds_named_apart_are_each_followed(small: Path, tmp_path: Path) -> None:
    """--data and --seeds in folders that are not side by side: both are watched as named."""
    import shutil

    seeds = tmp_path / "elsewhere" / "texts"
    shutil.move(small / "seeds", seeds)
    running = Loop(small, serve=False, seeds=seeds)
    try:
        assert running.wait_for(r"^\[started\]")[1]
        running.wait_for("^watching ")
        memo = seeds / "memo.txt"
        memo.write_text(memo.read_text() + "\nA new line.\n")
        assert running.wait_for(r"^\[changed")[0].startswith("[changed: memo.txt] wrote ")
        actors = small / "data" / "actors.yaml"
        actors.write_text(actors.read_text() + NEW_ACTOR)
        assert running.wait_for(r"^\[changed")[0].startswith("[changed: actors.yaml] wrote ")
    finally:
        running.close()


def test_a_data_folder_removed_and_put_back_is_still_followed(loop: Loop) -> None:
    """A branch switch takes the data folder away and brings it back: edits after it count."""
    import shutil

    loop.wait_for("^watching ")
    data, kept = loop.root / "data", loop.root.parent / "data-kept"
    shutil.copytree(data, kept)
    shutil.rmtree(data)  # a new folder comes back, not the same one moved
    loop.wait_for(r"^\[changed")  # the folder gone: a problem, the last good page kept
    shutil.copytree(kept, data)
    loop.wait_for(r"^\[changed.*\] wrote ")
    actors = data / "actors.yaml"
    actors.write_text(actors.read_text() + NEW_ACTOR)
    assert loop.wait_for(r"^\[changed")[0].startswith("[changed: actors.yaml] wrote ")
