"""Rebuild the page whenever the data changes, keeping the last good page on a bad edit.

Curators edit YAML in one window and look at the page in another. A typo must
cost them nothing: the problems are reported with file and line, the page on
disk (and in the browser) stays as it was, and the next good save rebuilds.
File events come from watchfiles (native notifications, debounced), not a
polling loop of our own.

With `serve`, the page is also served on localhost with a few lines of script
added *in the response only* (the file on disk stays self-contained): it polls
a version number and reloads the tab after each rebuild, and shows the current
problems in a banner while the data is broken.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..dataset.model import DataProblems

Report = Callable[[str, bool], None]  # (message, ok)


@dataclass
class State:
    """What the server tells open tabs: a version that changes on every good build, and the
    problems of the latest failed one (empty when the data is clean)."""

    version: int = 0
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def build_once(data_dir: Path, seeds_dir: Path, output: Path) -> tuple[bool, list[str]]:
    """One build; on bad data nothing is written. Returns (ok, summary or problem lines)."""
    from .pagefile import write_page

    try:
        data = write_page(data_dir, seeds_dir, output)
    except DataProblems as exc:
        return False, [str(p) for p in exc.problems]
    return True, [f"{len(data.actors)} actors, {len(data.edges)} relations"]


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
    try:
        watched = [str(data_dir), str(seeds_dir)]
        started = False
        # The first (empty) yield comes once the watcher is listening: build then, so that
        # no save made during start-up can slip between the first build and the watching.
        for changes in watchfiles.watch(
            *watched, stop_event=stop, debounce=300, step=50, rust_timeout=100, yield_on_timeout=True
        ):
            if not started:
                started = True
                _rebuild(data_dir, seeds_dir, output, report, state, reason="started")
                report(f"watching {', '.join(watched)} for changes; Ctrl-C to stop", True)
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
    ok, lines = build_once(data_dir, seeds_dir, output)
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


def _live_script() -> bytes:
    return (Path(__file__).parent / "page" / "livereload.js").read_bytes()


_CSP = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')


def served_page(page: bytes, script: bytes) -> bytes:
    """The page with the reload script added, and its security policy widened just enough
    for it: that one script (by hash) may run, and may fetch from this server."""
    digest = base64.b64encode(hashlib.sha256(script).digest())
    at = page.rfind(b"</body>")
    tag = b"<script>" + script + b"</script>\n"
    page = page[:at] + tag + page[at:] if at >= 0 else page + tag

    def widen(m: re.Match[bytes]) -> bytes:
        policy = m.group(2).replace(b"script-src ", b"script-src 'sha256-" + digest + b"' ", 1)
        policy = policy.replace(b"connect-src 'none'", b"connect-src 'self'")
        return m.group(1) + policy + m.group(3)

    return _CSP.sub(widen, page, count=1)


def _start_server(output: Path, state: State, port: int) -> ThreadingHTTPServer:
    script = _live_script()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.split("?")[0] == "/__status":
                with state.lock:
                    body = json.dumps({"version": state.version, "problems": state.problems}).encode()
                self._send(200, "application/json", body)
            elif self.path.split("?")[0] in ("/", "/index.html", "/" + output.name):
                try:
                    page = output.read_bytes()
                except FileNotFoundError:
                    page = b"<!doctype html><title>actorgraph</title><body><p>No page yet: fix the data.</p></body>"
                self._send(200, "text/html; charset=utf-8", served_page(page, script))
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

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
