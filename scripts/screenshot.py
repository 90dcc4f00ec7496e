"""Render the HTML page in headless Chromium and save a PNG, for the README and for review.

The picture is how most people first meet the project, so it is made from the
real page, built from the shipped data, exactly as a browser shows it.

    python scripts/screenshot.py                   # build from data/ and seeds/, write docs/screenshot.png
    python scripts/screenshot.py build/graph.html  # an existing page
    python scripts/screenshot.py --select isis-k   # with an actor's card open, focused on it
    python scripts/screenshot.py --width 1024 --height 768 --select Taliban -o docs/screenshot-focus.png
    python scripts/screenshot.py --relation 'isis-k rival taliban' -o /tmp/card.png
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the Chromium launcher the browser tests use

from tests.browser.headless import CHROMIUM, launch  # noqa: E402


def build_page(dest: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "actorgraph", "build", "-o", str(dest)], cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"actorgraph build failed:\n{done.stderr}")


def shoot(page_path: Path, out: Path, width: int, height: int, select: str | None, relation: str | None) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(page_path.resolve().as_uri())
        # A function, not an expression: the page's content security policy forbids eval.
        page.wait_for_function("() => window.actorgraphFirstFrame !== undefined")
        if select:
            page.fill("#search", select)
            page.press("#search", "Enter")
        if relation:
            source, rtype, target = relation.split()
            rel_id = page.evaluate(
                """([s, t, g]) => window.actorgraph.data.relations.find(
                       (r) => r.source === s && r.type === t && r.target === g).id""",
                [source, rtype, target],
            )
            page.evaluate("(id) => window.actorgraph.selectRelation(id)", rel_id)
        page.wait_for_timeout(700)  # let focus animations settle
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", type=Path, help="An HTML page; default: build one from the shipped data.")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--select", help="Search for this actor first, so its card is open.")
    parser.add_argument("--relation", help="Open this relation's card: 'SOURCE TYPE TARGET' (ids).")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} not found: install Debian's chromium package")
    if args.page:
        shoot(args.page, args.output, args.width, args.height, args.select, args.relation)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "graph.html"
            build_page(page)
            shoot(page, args.output, args.width, args.height, args.select, args.relation)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
