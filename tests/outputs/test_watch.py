"""`actorgraph watch` as a curator uses it: edit, break, mend, Ctrl-C; and --serve."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from actorgraph.outputs.page import read_payload

pytest.importorskip("watchfiles")


# Seconds a watcher is given to say a line, or to stop once told: a guard against a hang, not a
# speed test. A loaded CI machine (two cores shared with other jobs) takes seconds just to start
# Python and import the page's libraries; at 10 s these tests failed there, ten at once.
PATIENCE = 30.0


class Watcher:
    """A running `actorgraph watch` whose merged output can be awaited line by line."""

    def __init__(self, cwd: Path, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "actorgraph", "watch", *args],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = PATIENCE) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            self.seen.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r} within {timeout}s; saw:\n" + "\n".join(self.seen))

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=PATIENCE)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


@pytest.fixture
def watcher(small: Path) -> Iterator[Watcher]:
    w = Watcher(small)
    yield w
    if w.proc.poll() is None:
        w.proc.kill()


NEW_ACTOR = "  - id: delta\n    name: Delta Cell\n    kind: militant_group\n"


def test_watch_rebuilds_survives_a_bad_edit_and_recovers(small: Path, watcher: Watcher) -> None:
    page = small / "build" / "graph.html"
    watcher.wait_for(r"^\[started\] wrote build/graph.html \(3 actors, 3 relations\)")
    watcher.wait_for("watching")

    actors = small / "data" / "actors.yaml"
    started = time.monotonic()
    actors.write_text(actors.read_text() + NEW_ACTOR)
    watcher.wait_for(r"wrote build/graph.html \(4 actors, 3 relations\)", timeout=5)
    assert time.monotonic() - started < 5
    assert "Delta Cell" in {a["name"] for a in read_payload(page.read_text())["actors"]}

    good = page.read_bytes()
    edges = small / "data" / "edges.yaml"
    fine = edges.read_text()
    edges.write_text(fine.replace("target: gamma\n    type: allied", "target: gamm\n    type: allied"))
    watcher.wait_for(r"1 problem found; the last good page is unchanged", timeout=5)
    watcher.wait_for(r"^data/edges.yaml:38: edge alpha -> gamm: unknown actor 'gamm' \(did you mean 'gamma'\?\)")
    assert page.read_bytes() == good

    edges.write_text(fine)
    watcher.wait_for(r"wrote build/graph.html \(4 actors, 3 relations\)", timeout=5)
    assert watcher.stop() == 0
    watcher.wait_for("^stopped$")
    assert not any("Traceback" in line for line in watcher.seen)


def test_watch_starting_on_broken_data_writes_nothing_until_mended(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    fine = edges.read_text()
    edges.write_text(fine.replace("type: rival\n", "type: [rival\n", 1))
    w = Watcher(small)
    try:
        w.wait_for(r"problem found; no page written yet")
        w.wait_for(r"^data/edges.yaml:27:\d+: YAML syntax error")
        assert not (small / "build" / "graph.html").exists()
        edges.write_text(fine)
        w.wait_for(r"wrote build/graph.html \(3 actors, 3 relations\)", timeout=5)
    finally:
        assert w.stop() == 0


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read()


def test_watch_serve_reloads_tab_after_rebuild(small: Path) -> None:
    env = {**os.environ}
    w = Watcher(small, "--serve", "--port", "0")
    try:
        address = re.search(r"http://127\.0\.0\.1:\d+/", w.wait_for(r"^serving http://127\.0\.0\.1:\d+/"))
        assert address is not None
        base = address.group(0)
        w.wait_for(r"^\[started\] wrote")
        html = _get(base).decode()
        assert "Gamma Movement" in {a["name"] for a in read_payload(html)["actors"]}
        assert "/__status" in html  # the page plus the reload script
        assert b"/__status" not in (small / "build" / "graph.html").read_bytes()  # only in the response
        first = json.loads(_get(base + "__status"))
        assert first["problems"] == []

        edges = small / "data" / "edges.yaml"
        fine = edges.read_text()
        edges.write_text(fine.replace("target: beta\n", "target: bet\n", 1))
        w.wait_for("problem found")
        broken = json.loads(_get(base + "__status"))
        assert broken["version"] == first["version"]
        assert broken["problems"] == [
            "data/edges.yaml:25: edge alpha -> bet: unknown actor 'bet' (did you mean 'beta'?)"
        ]

        edges.write_text(fine)
        w.wait_for(r"wrote build/graph.html")
        assert json.loads(_get(base + "__status"))["version"] == first["version"] + 1
    finally:
        assert w.stop() == 0
    del env
