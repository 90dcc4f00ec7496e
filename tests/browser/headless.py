"""How actorgraph's own tools start headless Chromium: the browser tests, the screenshot
script and the benchmark all drive Debian's Chromium through Playwright.

Playwright's own browser download does not work on machines without general internet, so
the system's Chromium is used. The flags keep it from reaching for the network on its own
(update checks, sync), which a closed network refuses noisily.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def launch(playwright: Any) -> Any:
    """A headless Chromium browser from a started `sync_playwright()`."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
