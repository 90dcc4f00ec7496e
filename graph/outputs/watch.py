"""Rebuild the page whenever the data changes, keeping the last good page on a bad edit.

Curators edit YAML in one window and look at the page in another. A typo must
cost them nothing: the problems are reported with file and line, the page on
disk (and in the browser) stays as it was, and the next good save rebuilds.
File events come from watchfiles (native notifications, debounced), not a
polling loop of our own.

With `serve`, the page is also served on localhost. The served copy is the
page module's live-reload variant, kept in memory: it polls a version number,
reloads the tab after each rebuild and shows the current problems in a banner
while the data is broken. The file on disk stays the plain, self-contained page.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ..errors import ActorgraphError, DataError, WriteError
from ..files import map_folder
from ..inert import one_line

Report = Callable[[str, bool], None]  # (message, ok)


@dataclass
class State:
    """What the server tells open tabs: a version that changes on every good build, the
    problems of the latest failed one (empty when the data is clean), and the page to serve."""

    version: int = 0
    problems: list[str] = field(default_factory=list)
    page: bytes = b""
    lock: threading.Lock = field(default_factory=threading.Lock)


def build_once(data_dir: Path, seeds_dir: Path, output: Path, state: State | None = None) -> tuple[bool, list[str]]:
    """One build; on bad data nothing is written. Returns (ok, summary or problem lines)."""
    from .page import fill, write_page

    try:
        written = write_page(data_dir, seeds_dir, output)
    except DataError as exc:
        return False, [one_line(str(p)) for p in exc.problems]
    except WriteError as exc:  # reported like a problem; the watcher keeps watching
        return False, [str(exc)]
    if state is not None:
        live = fill(written.meta, written.packed, live_reload=True, early=written.early).encode("utf-8")
        with state.lock:
            state.page = live
    return True, [f"{len(written.data.actors)} actors, {len(written.data.edges)} relations"]


def watch(
    data_dir: Path,
    seeds_dir: Path,
    output: Path,
    report: Report,
    *,
    serve_port: int | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Build now, then after every change under the data and seeds folders, until `stop`
    is set or the user presses Ctrl-C (which propagates as KeyboardInterrupt)."""
    import watchfiles

    state = State()
    server = None
    if serve_port is not None:
        server = _start_server(output, state, serve_port)
        port = server.server_address[1]
        report(f"serving http://127.0.0.1:{port}/ (reloads after each rebuild)", True)
    folders = (data_dir.resolve(), seeds_dir.resolve())
    mine = output.resolve()

    def relevant(change: object, path: str) -> bool:
        """Changes under the data and seeds folders, never the watcher's own output."""
        resolved = Path(path).resolve()
        return (
            resolved != mine
            and not Path(path).name.startswith(".actorgraph-")
            and any(resolved == f or f in resolved.parents for f in folders)
        )

    # The folder holding both (the map's root) is watched, not the two folders themselves, so
    # that a data/ folder removed and restored (a branch switch) is still seen.
    root = map_folder(data_dir, seeds_dir)
    watched = [str(root)] if root else [str(f) for f in folders]
    try:
        started = False
        # The first (empty) yield comes once the watcher is listening: build then, so that
        # no save made during start-up can slip between the first build and the watching.
        for changes in watchfiles.watch(
            *watched,
            watch_filter=relevant,
            stop_event=stop,
            debounce=300,
            step=50,
            rust_timeout=100,
            yield_on_timeout=True,
            recursive=True,
        ):
            if not started:
                started = True
                _rebuild(data_dir, seeds_dir, output, report, state, reason="started")
                report(f"watching {data_dir} and {seeds_dir} for changes; Ctrl-C to stop", True)
                continue
            if not changes:
                continue
            # Editors save through temporary files: name the files that are still there.
            changed = sorted({Path(p).name for _, p in changes if Path(p).exists()}) or ["files removed"]
            _rebuild(data_dir, seeds_dir, output, report, state, reason="changed: " + ", ".join(changed))
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()


def _rebuild(data_dir: Path, seeds_dir: Path, output: Path, report: Report, state: State, reason: str) -> None:
    ok, lines = build_once(data_dir, seeds_dir, output, state)
    with state.lock:
        if ok:
            state.version += 1
            state.problems = []
        else:
            state.problems = lines
    if ok:
        report(f"[{reason}] wrote {output} ({lines[0]})", True)
    else:
        n = len(lines)
        kept = "the last good page is unchanged" if output.exists() else "no page written yet"
        body = "\n".join(lines)
        report(f"[{reason}] {n} problem{'s' if n != 1 else ''} found; {kept}:\n{body}", False)


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
_HOST = re.compile("(" + "|".join(re.escape(h) for h in LOOPBACK_HOSTS) + r")(?::(\d{1,5}))?")


def _host_name(host: str, port: int | None = None) -> str | None:
    """The name in a Host header when it is this machine's own, and on this server's port when
    it names one; else None. Read whole, not split at the last colon: `127.0.0.1:80@evil` is not
    a loopback name."""
    m = _HOST.fullmatch(host.strip().lower())
    if m is None or (port is not None and m.group(2) is not None and int(m.group(2)) != port):
        return None
    return m.group(1)


class _Server(ThreadingHTTPServer):
    """Local only, many tabs at once, and quiet when a client hangs up mid-answer. Bounded: a
    connection that says nothing is dropped after `IDLE` seconds, and past `AT_ONCE` open
    connections a new one is closed at once, so a local program opening a thousand idle ones
    cannot keep the page from the curator's tab for longer than that."""

    daemon_threads = True
    request_queue_size = 128
    AT_ONCE = 512

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slots = threading.BoundedSemaphore(self.AT_ONCE)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            self.shutdown_request(request)  # too many at once: this one is closed, not queued
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # a tab closed or reloaded while it was being answered
        super().handle_error(request, client_address)  # pragma: no cover - a real bug


IDLE = 10  # seconds an open connection may stay silent


def _start_server(output: Path, state: State, port: int) -> ThreadingHTTPServer:
    from .page import waiting_page

    state.page = waiting_page().encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        timeout = IDLE  # seconds a connection may sit without a request (socket timeout)

        def do_GET(self) -> None:
            # Only pages opened as this machine's own address: a page elsewhere that rebinds
            # its domain name to 127.0.0.1 (DNS rebinding) sends its own name and is refused.
            served: Any = self.server.server_address
            if _host_name(self.headers.get("Host") or "", int(served[1])) is None:
                self._send(421, "text/plain", b"misdirected request: open this page as http://127.0.0.1:PORT/")
                return
            path = self.path.split("?")[0]
            if path == "/__status":
                with state.lock:
                    body = json.dumps({"version": state.version, "problems": state.problems}).encode()
                self._send(200, "application/json", body)
            elif path in ("/", "/index.html", "/" + output.name):
                with state.lock:
                    page = state.page
                self._send(200, "text/html; charset=utf-8", page)
            else:
                self._send(404, "text/plain", b"not found")

        def _send(self, code: int, kind: str, body: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the console is for build results, not request logs

    try:
        server = _Server(("127.0.0.1", port), Handler)
    except OSError as exc:
        raise ActorgraphError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc} (try --port 0)") from None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
