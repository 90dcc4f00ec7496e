"""Playwright against the built page in Debian's headless Chromium.

These tests need /usr/bin/chromium and the playwright package (Playwright's own
browser download is not used). Where either is missing they skip, saying why —
except in CI (the CI environment variable is set), where a missing browser
must not pass silently as a run with the page untested: there they fail.

One browser serves the whole session; every test gets a fresh page whose
network is cut off: any request that is not for a file:// URL is aborted and
recorded, so a test can assert that the page asked for nothing.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser.headless import CHROMIUM, launch
from tests.browser.hostile import plant
from tests.conftest import KABUL, ROOT

VIEWPORT = {"width": 1400, "height": 900}


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {missing}", pytrace=False)
        pytest.skip(f"browser tests skipped: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = launch(pw)
        yield launched
        launched.close()


def build(dest: Path, *data_args: str) -> Path:
    """Build a page the way a user does, in a separate process."""
    done = subprocess.run(
        [sys.executable, "-m", "actorgraph", "build", "-o", str(dest), *data_args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return dest


@pytest.fixture(scope="session")
def kabul_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dirs = ("--data-dir", str(KABUL / "data"), "--seeds-dir", str(KABUL / "seeds"))
    return build(tmp_path_factory.mktemp("kabul") / "graph.html", *dirs)


@pytest.fixture(scope="session")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = plant(tmp_path_factory.mktemp("hostile") / "project")
    return build(project / "graph.html", "--data-dir", str(project / "data"), "--seeds-dir", str(project / "seeds"))


def large_graph() -> Any:
    """300 actors and 1,500 relations, hubs and all (preferential attachment), built in code."""
    from actorgraph.dataset.model import Actor
    from actorgraph.network.build import build_graph

    from tests import factories as f

    rng = random.Random(7)
    ids = [f"a{i:03d}" for i in range(300)]
    actors = [
        Actor(id=i, name=f"Group {i[1:]} {rng.choice(['Front', 'Brigade', 'Movement'])}", kind="group", location=f.HERE)
        for i in ids
    ]
    ends: list[str] = ids[:5]
    seen: set[tuple[str, str, str]] = set()
    edges = []
    types = ["allied", "rival", "attacked", "talked"]
    while len(edges) < 1500:
        a = rng.choice(ids) if rng.random() < 0.3 else rng.choice(ends)
        b = rng.choice(ids)
        t = rng.choice(types)
        if a == b or (a, t, b) in seen or (b, t, a) in seen:
            continue
        seen.add((a, t, b))
        edges.append(f.edge(a, t, b))
        ends += [a, b]
    return build_graph(f.dataset(actors, edges))


@pytest.fixture(scope="session")
def large_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The large graph's page (under the size that opens on an overview)."""
    from actorgraph.outputs.page import render_html

    page = tmp_path_factory.mktemp("large") / "graph.html"
    page.write_text(render_html(large_graph()), encoding="utf-8")
    return page


@dataclass
class Loaded:
    """A page as a test sees it: the Playwright page plus what it tried and what went wrong."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def settled(self, timeout: float = 5.0) -> None:
        """Wait out any animated move of the map: until the view stays put for two polls."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            now = self.page.evaluate("JSON.stringify(window.actorgraph.camera())")
            if now == last:
                return
            last = now
            time.sleep(0.06)

    def until(self, expression: str, timeout: float = 30.0) -> None:
        """Poll from Python: wait_for_function evaluates its predicate with the eval that the
        page's policy forbids, so it fails whenever the first check does not already hold."""
        deadline = time.monotonic() + timeout
        while not self.page.evaluate(expression):
            if time.monotonic() > deadline:
                raise AssertionError(f"{expression} never held")
            time.sleep(0.05)


@pytest.fixture(scope="session")
def context(browser: Any) -> Iterator[Any]:
    """One browser context for the session: a fresh page per test is isolation enough, and cheaper."""
    ctx = browser.new_context(viewport=VIEWPORT)
    yield ctx
    ctx.close()


@pytest.fixture
def open_page(context: Any) -> Iterator[Callable[[Path], Loaded]]:
    pages: list[Any] = []

    def load(path: Path, fragment: str = "") -> Loaded:
        page = context.new_page()
        pages.append(page)
        return _watched(page, path, fragment)

    yield load
    for page in pages:
        page.close()


@pytest.fixture
def open_sized(browser: Any) -> Iterator[Callable[[Path, int, int], Loaded]]:
    """A page on a screen of the given size (a laptop, a phone), in a context of its own."""
    contexts: list[Any] = []

    def load(path: Path, width: int, height: int) -> Loaded:
        ctx = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(ctx)
        return _watched(ctx.new_page(), path)

    yield load
    for ctx in contexts:
        ctx.close()


def _watched(page: Any, path: Path, fragment: str = "") -> Loaded:
    """Open `path` with the network cut off, recording requests and errors."""
    loaded = Loaded(page)

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            loaded.requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: loaded.errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: loaded.errors.append(str(e)))
    page.goto(path.resolve().as_uri() + (f"#{fragment}" if fragment else ""))
    loaded.until("window.actorgraph !== undefined && window.actorgraphFirstFrame !== undefined")
    return loaded
