"""`actorgraph watch --serve` in a real browser: the open tab reloads after a good edit and
shows the problems of a bad one, within the page's own security policy."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from typing import Any

from tests.conftest import FIXTURES
from tests.outputs.test_watch import Watcher


def _until(page: Any, expression: str, timeout: float = 10.0) -> None:
    """Poll from Python: the page's policy forbids the eval that wait_for_function uses."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if page.evaluate(expression):
                return
        except Exception:  # the page is between loads
            pass
        time.sleep(0.1)
    raise AssertionError(f"{expression} never held")


def test_open_tab_reloads_and_shows_problems(browser: Any, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid" / "data", project / "data")
    shutil.copytree(FIXTURES / "valid" / "seeds", project / "seeds")
    w = Watcher(project, "--serve", "--port", "0")
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        found = re.search(r"http://127\.0\.0\.1:\d+/", w.wait_for(r"^serving http://127\.0\.0\.1:\d+/"))
        assert found is not None
        w.wait_for(r"^\[started\] wrote")
        page.goto(found.group(0))
        _until(page, "window.actorgraph !== undefined")
        page.evaluate("window.__marker = 1")

        edges = project / "data" / "edges.yaml"
        fine = edges.read_text()
        edges.write_text(fine.replace("target: beta\n", "target: bet\n", 1))
        w.wait_for("problem found")
        banner = page.wait_for_selector("#actorgraph-problems", timeout=10_000)
        assert "unknown actor 'bet'" in banner.text_content()
        assert page.evaluate("window.__marker") == 1  # a bad edit does not reload the last good page

        actors = project / "data" / "actors.yaml"
        edges.write_text(fine)
        actors.write_text(actors.read_text() + "  - id: delta\n    name: Delta Cell\n    kind: militant_group\n")
        w.wait_for(r"wrote build/graph.html \(4 actors")
        _until(page, "window.__marker === undefined && window.actorgraph !== undefined")
        assert "Delta Cell" in page.content()
        assert not [e for e in errors if "Content Security Policy" in e], errors
    finally:
        page.close()
        assert w.stop() == 0
