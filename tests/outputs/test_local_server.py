"""The local server behind `actorgraph watch --serve`, run in this process (the file name keeps
clear of the word the mutation run uses to leave out the slow child-process tests): what each
answer says of itself, the page before any good build, a port already taken, and the bounds that
keep a local program from holding the curator's tab (a silent connection dropped, a connection
past the limit closed at once)."""

from __future__ import annotations

import http.client
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from actorgraph.errors import ActorgraphError
from actorgraph.outputs import watch as live

from tests.outputs.test_rebuild_loop import Loop

pytest.importorskip("watchfiles")


@pytest.fixture
def serve(small: Path) -> Iterator[Callable[[], int]]:
    """Start the loop with its server (after any monkeypatching the test did); gives the port."""
    running: list[Loop] = []

    def start() -> int:
        loop = Loop(small, serve=True)
        running.append(loop)
        message, ok = loop.wait_for(r"^serving ")
        found = re.fullmatch(r"serving http://127\.0\.0\.1:(\d+)/ \(reloads after each rebuild\)", message)
        assert found is not None and ok, message
        loop.wait_for(r"^\[started\]")
        return int(found.group(1))

    yield start
    for loop in running:
        loop.close()


def fetch(port: int, path: str, host: str | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.putrequest("GET", path, skip_host=host is not None)
    if host is not None:
        conn.putheader("Host", host)
    conn.endheaders()
    return conn.getresponse()


def test_every_answer_names_its_type_and_length_and_is_never_cached(serve: Callable[[], int]) -> None:
    """A stale copy of the page or its status would show the curator a map they have mended."""
    port = serve()
    for path, host, status, kind in [
        ("/", None, 200, "text/html; charset=utf-8"),
        ("/__status", None, 200, "application/json"),
        ("/elsewhere.html", None, 404, "text/plain"),
        ("/", "evil.example", 421, "text/plain"),
    ]:
        response = fetch(port, path, host)
        body = response.read()
        assert (response.status, response.getheader("Content-Type")) == (status, kind), path
        assert response.getheader("Content-Length") == str(len(body)) and body
        assert response.getheader("Cache-Control") == "no-store"
    assert fetch(port, "/", "evil.example").read().startswith(b"misdirected request")


def test_before_any_good_build_the_tab_is_shown_a_page_that_waits(small: Path, serve: Callable[[], int]) -> None:
    edges = small / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("target: beta\n", "target: bet\n", 1))
    port = serve()
    response = fetch(port, "/")
    assert response.status == 200
    assert b"No page yet: the data has problems." in response.read()


def test_a_port_already_taken_is_refused_with_a_message_naming_it(small: Path) -> None:
    taken = socket.create_server(("127.0.0.1", 0))
    port = taken.getsockname()[1]
    try:
        with pytest.raises(ActorgraphError) as refused:
            live.watch(small / "data", small / "seeds", small / "build" / "graph.html", lambda m, ok: None,
                       serve_port=port)  # fmt: skip
    finally:
        taken.close()
    assert str(refused.value) == f"cannot listen on 127.0.0.1:{port}: Address already in use (try --port 0)"


def test_a_silent_connection_is_dropped(serve: Callable[[], int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live, "IDLE", 0.5)
    port = serve()
    silent = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        started = time.monotonic()
        assert silent.recv(1) == b""  # closed by the server
        assert time.monotonic() - started < 4
    finally:
        silent.close()


def test_past_the_limit_a_new_connection_is_closed_at_once_and_the_slots_come_back(
    serve: Callable[[], int], monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """Two silent connections hold the two slots: a third is closed at once rather than queued
    behind them, quietly (the server reports only its own faults); once they go, the page is
    answered again."""
    monkeypatch.setattr(live._Server, "AT_ONCE", 2)
    port = serve()
    holders = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(2)]
    time.sleep(0.3)  # both accepted and waiting for their request
    try:
        third = socket.create_connection(("127.0.0.1", port), timeout=3)
        third.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        try:
            assert third.recv(1) == b""
        except ConnectionResetError:
            pass  # closed with the request unread: also not queued
        finally:
            third.close()
    finally:
        for s in holders:
            s.close()
    deadline = time.monotonic() + 5
    while True:
        try:
            if fetch(port, "/").status == 200:
                break
        except (ConnectionError, http.client.RemoteDisconnected):
            pass
        assert time.monotonic() < deadline, "the slots never came back"
        time.sleep(0.1)
    assert capfd.readouterr().err == ""


def test_the_server_thread_ends_with_the_loop(small: Path) -> None:
    loop = Loop(small, serve=True)
    loop.wait_for(r"^\[started\]")
    before = {t for t in threading.enumerate() if "serve_forever" in t.name}
    assert before
    loop.close()
    time.sleep(0.2)
    assert not {t for t in threading.enumerate() if "serve_forever" in t.name and t.is_alive()} & before


def test_a_large_maps_served_page_opens_on_its_overview_as_the_file_does(
    small: Path, serve: Callable[[], int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The served page is the written page plus the reload script: the early overview block of a
    map past the threshold travels with it (the threshold lowered here to the small map's size)."""
    from actorgraph.outputs import communities

    monkeypatch.setattr(communities, "OVERVIEW_RELATIONS", 2)
    port = serve()
    served = fetch(port, "/").read().decode()
    written = (small / "build" / "graph.html").read_text()
    block = re.search(r'<script type="application/gzip" id="actorgraph-overview">([^<]+)</script>', written)
    assert block is not None and block.group(0) in served
