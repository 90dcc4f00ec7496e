#!/usr/bin/env python3
"""Time actorgraph's commands as whole processes against the floors in the README, on the shipped
data and on synthetic data; time the page's first visible frame, its redraws while panning and
its answer to a type toggle, a click on an actor and a search; compare layout algorithms.

Whole processes, because start-up is most of what a user waits for on small data; the ratio to
a floor, not the seconds, is what to compare across machines. Two floors:

- import floor: a bare interpreter that imports networkx and yaml (for the shipped data);
- parse floor: that, plus parsing the data's YAML files with libyaml (for large data).

    python scripts/bench.py                              # shipped data, and 2,000 actors / 10,000 relations
    python scripts/bench.py --sizes 10000,50000 --page --layouts --write docs/benchmarks.md
    python scripts/bench.py --sizes 10000 --no-shipped   # one size only

Sizes are relation counts; each has a fifth as many actors (scripts/synth.py). The 50,000 size
takes several minutes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import pickle
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.browser.headless

TIME = "/usr/bin/time"  # GNU time, for each command's peak memory
IMPORT_FLOOR = [sys.executable, "-c", "import networkx, yaml"]
PARSE = "import sys, networkx, yaml\nfor p in sys.argv[1:]:\n    yaml.load(open(p, 'rb'), Loader=yaml.CSafeLoader)"
SHIPPED: list[tuple[str, list[str]]] = [
    ("check", ["check"]),
    ("path hts iskp", ["path", "hts", "iskp"]),
    ("show taliban", ["show", "taliban"]),
    ("analyze", ["analyze"]),
    ("export --format json", ["export", "--format", "json"]),
    ("export --format stix", ["export", "--format", "stix"]),
    ("build -o <tmp>", ["build", "-o", "{tmp}/graph.html"]),
]
SCALED = ["build", "export --format stix", "analyze"]
NO_CACHE = {**os.environ, "ACTORGRAPH_NO_CACHE": "1"}  # every run checks the data from scratch
FRAME_TIMEOUT = 300  # s to wait for a page's frame
MIB = 1024 * 1024


# --- running and measuring processes ----------------------------------------------------------


def run(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one run of `argv`.

    The peak comes from GNU time, not from this process's rusage of its children: Linux
    carries a parent's resident size over into a forked child's high-water mark, so a child of
    a large benchmark process would seem at least as large as its parent."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        done = subprocess.run(
            [TIME, "-f", "%M", "-o", report.name, *argv], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        seconds = time.perf_counter() - start
        if done.returncode:
            raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
        return seconds, int(report.read().split()[-1]) / 1024  # GNU time gives KiB


def measure(argv: list[str], runs: int, warm_up: bool = True, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Median seconds and highest peak memory (MiB) over `runs` runs, after one warm-up run that
    fills the OS caches."""
    if warm_up:
        run(argv, env)
    results = [run(argv, env) for _ in range(runs)]
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def actorgraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "actorgraph", *args]


def yaml_files(folder: Path) -> list[str]:
    return [str(p) for p in sorted((folder / "data").glob("*.yaml"))] + [str(folder / "seeds" / "sources.yaml")]


def growth(n1: float, n2: float, v1: float, v2: float) -> float:
    """k in value ~ size^k between two sizes."""
    return math.log(v2 / v1) / math.log(n2 / n1)


# --- the shipped data -------------------------------------------------------------------------


def shipped_table(runs: int, tmp: Path) -> tuple[str, dict[str, float]]:
    floor, floor_mem = measure(IMPORT_FLOOR, runs)
    rows = [("import floor: `python -c 'import networkx, yaml'`", floor, floor_mem)]
    for label, argv in SHIPPED:
        t, mem = measure(actorgraph(*(a.format(tmp=tmp) for a in argv)), runs)  # queries reuse the checked graph
        rows.append((f"`actorgraph {label}`", t, mem))
    lines = ["| command | median (ms) | × import floor | peak memory (MiB) |", "|---|---:|---:|---:|"]
    lines += [f"| {label} | {t * 1000:.0f} | {t / floor:.2f} | {mem:.0f} |" for label, t, mem in rows]
    return "\n".join(lines), {"floor": floor, "build": rows[-1][1]}


# --- synthetic data of a given size -----------------------------------------------------------


@dataclass
class Size:
    actors: int
    relations: int
    folder: Path
    floor: float = 0.0
    floor_mem: float = 0.0
    times: dict[str, float] = field(default_factory=dict)
    memory: dict[str, float] = field(default_factory=dict)
    page: dict[str, float] = field(default_factory=dict)


def synthesise(tmp: Path, relations: int) -> Size:
    actors = max(10, relations // 5)
    folder = tmp / f"synth-{relations}"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "synth.py"), str(folder), "--actors", str(actors),
         "--relations", str(relations)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    compact(folder / "data" / "edges.yaml")
    return Size(actors, relations, folder)


def compact(path: Path) -> None:
    """Rewrite a synthetic file past the loader's size limit (10 MiB: scripts/synth.py's 50,000
    relations, now that each quote carries its own qualifiers, come to 10.5) with each edge on
    one line in YAML's flow style: the same data in fewer bytes."""
    import yaml
    from actorgraph.dataset.yamlsafe import MAX_BYTES

    if path.stat().st_size <= MAX_BYTES:
        return
    data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    edges = data.pop("edges")
    options = {"Dumper": yaml.CSafeDumper, "sort_keys": False, "allow_unicode": True, "width": 10**6}
    text = yaml.dump(data, **options) + "edges:\n"
    text += "".join(f"- {yaml.dump(edge, default_flow_style=True, **options)}" for edge in edges)
    path.write_text(text, encoding="utf-8")
    if path.stat().st_size > MAX_BYTES:
        raise SystemExit(f"{path} is {path.stat().st_size:,} bytes even written compactly, past the loader's limit")


def time_commands(size: Size, runs: int) -> None:
    dirs = ["--data-dir", str(size.folder / "data"), "--seeds-dir", str(size.folder / "seeds")]
    size.floor, size.floor_mem = measure([sys.executable, "-c", PARSE, *yaml_files(size.folder)], runs, warm_up=False)
    commands = {
        "build": actorgraph("build", "-o", str(size.folder / "graph.html"), *dirs),
        "export --format stix": actorgraph("export", "--format", "stix", "-o", str(size.folder / "stix.json"), *dirs),
        "analyze": actorgraph("analyze", *dirs),
    }
    for name, argv in commands.items():
        size.times[name], size.memory[name] = measure(argv, runs, warm_up=False, env=NO_CACHE)
        print(
            f"  {size.relations:,} relations: {name} {size.times[name]:.1f} s, {size.memory[name]:.0f} MiB", flush=True
        )


def commands_table(sizes: list[Size]) -> str:
    head = "| actors | relations | parse floor (s) | " + " | ".join(f"`{c}` (s)" for c in SCALED)
    head += " | " + " | ".join(f"`{c}` × floor" for c in SCALED) + " |"
    lines = [head, "|---:|---:|---:|" + "---:|" * (2 * len(SCALED))]
    for s in sizes:
        lines.append(
            f"| {s.actors:,} | {s.relations:,} | {s.floor:.2f} | "
            + " | ".join(f"{s.times[c]:.2f}" for c in SCALED)
            + " | "
            + " | ".join(f"{s.times[c] / s.floor:.2f}" for c in SCALED)
            + " |"
        )
    lines += ["", "Peak resident memory of each process (MiB):", ""]
    lines += ["| relations | parse floor | " + " | ".join(f"`{c}`" for c in SCALED) + " |"]
    lines += ["|---:|---:|" + "---:|" * len(SCALED)]
    for s in sizes:
        lines.append(
            f"| {s.relations:,} | {s.floor_mem:.0f} | " + " | ".join(f"{s.memory[c]:.0f}" for c in SCALED) + " |"
        )
    if len(sizes) > 1:
        lines += ["", "Growth exponent k (value ~ relations^k; 1 is linear) between neighbouring sizes:", ""]
        lines += ["| sizes | what | parse floor | " + " | ".join(f"`{c}`" for c in SCALED) + " |"]
        lines += ["|---|---|---:|" + "---:|" * len(SCALED)]
        for a, b in itertools.pairwise(sizes):
            span = f"{a.relations:,} → {b.relations:,}"
            ks = [growth(a.relations, b.relations, a.times[c], b.times[c]) for c in SCALED]
            lines.append(f"| {span} | time | {growth(a.relations, b.relations, a.floor, b.floor):.2f} | "
                         + " | ".join(f"{k:.2f}" for k in ks) + " |")  # fmt: skip
            ks = [growth(a.relations, b.relations, a.memory[c], b.memory[c]) for c in SCALED]
            lines.append(f"| {span} | memory | {growth(a.relations, b.relations, a.floor_mem, b.floor_mem):.2f} | "
                         + " | ".join(f"{k:.2f}" for k in ks) + " |")  # fmt: skip
    return "\n".join(lines)


# --- the page in headless Chromium ------------------------------------------------------------

PAN_SECONDS = 2.0  # of continuous panning, for redraws a second
PAN_LOADS = 1  # a pyvis page takes tens of seconds to settle before it can be panned


@dataclass
class Probe:
    """What the interactions on one page act on: the relation type to toggle, the actor to
    search for and the hub to click (ids and names from the graph the page was built from)."""

    type_id: str
    search_name: str
    hub_id: str
    hub_name: str


# Installed in a loaded page (through Playwright's evaluate, which the page's content security
# policy does not govern): the map's redraws, timed (the page's renderer reports each, or for the
# plain pyvis page vis-network's own events), and `arm(type)`, which starts a clock at the next
# `type` input event (its timeStamp: when the input came, before any handler) and stops it at the
# first frame after the redraws it caused (two frames running without a redraw: the last was
# painted), in `window.bench.result`.
BENCH_JS = """() => {
  if (window.bench) return;
  const draws = [];  // [start, end] of each redraw, ms since navigation
  if (window.actorgraph || window.spike) {
    const source = window.actorgraph ? window.actorgraph.renderer : window.spike;
    source.on('draw', (d) => { draws.push([d.start, d.end]); });
  } else {
    let started = 0;
    window.network.on('beforeDrawing', () => { started = performance.now(); });
    window.network.on('afterDrawing', () => { draws.push([started, performance.now()]); });
  }
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  async function settle(since, limit) {
    let seen = draws.length;
    for (;;) {
      await frame();
      const now = performance.now();
      const after = draws.filter((d) => d[1] >= since);
      if (after.length && draws.length === seen) {
        const drawing = after.reduce((sum, d) => sum + d[1] - d[0], 0);
        return { ms: now - since, draws: after.length, drawing };
      }
      if (now - since > limit) return { ms: Infinity, draws: after.length, drawing: 0 };
      seen = draws.length;
    }
  }
  window.bench = {
    draws,
    result: null,
    arm(type) {
      this.result = null;
      addEventListener(type, (e) => {
        settle(Math.min(e.timeStamp, performance.now()), 20000).then((r) => { this.result = r; });
      }, { capture: true, once: true });
    },
    async quiet() {  // until half a second passes without a redraw
      for (;;) {
        const n = draws.length;
        await new Promise((resolve) => setTimeout(resolve, 500));
        await frame();
        if (draws.length === n) return;
      }
    },
  };
}"""

# The canvas that takes the mouse: sigma's top layer, or the page's (vis-network's) one.
MAP_CANVAS = """const mapCanvas = () =>
    document.querySelector('#network .sigma-mouse') || document.querySelector('#network canvas');"""

# A point on the map with no actor on it or near it on the same row (where a drag pans rather
# than moving an actor), in the page's coordinates.
EMPTY_SPOT_JS = """() => {
  MAP_CANVAS
  const empty = window.actorgraph || window.spike
    ? (x, y) => (window.actorgraph || window.spike).hitTest(x, y)?.kind !== 'node'
    : (x, y) => window.network.getNodeAt({ x, y }) === undefined;
  const box = (mapCanvas()).getBoundingClientRect();
  for (let fy = 0.5; fy < 0.9; fy += 0.04) {
    for (let fx = 0.3; fx < 0.7; fx += 0.02) {
      const p = { x: box.width * fx, y: box.height * fy };
      let clear = true;
      for (let dx = -200; dx <= 200 && clear; dx += 8) clear = empty(p.x + dx, p.y);
      if (clear) return [box.left + p.x, box.top + p.y];
    }
  }
  return [box.left + box.width / 2, box.top + box.height / 2];
}"""

# Pan as a mouse does, one move a frame: the browser hands a page at most one (coalesced)
# pointermove and mousemove a frame, so a page that keeps up redraws every frame. Returns
# redraws a second and the median redraw (ms).
PAN_JS = """async ([x, y, ms]) => {
  MAP_CANVAS
  const canvas = mapCanvas();
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const send = (type, px, py, buttons) => {
    const init = { clientX: px, clientY: py, button: 0, buttons, bubbles: true, cancelable: true, view: window };
    const pointer = { ...init, pointerId: 1, pointerType: 'mouse', isPrimary: true };
    canvas.dispatchEvent(new PointerEvent(`pointer${type}`, pointer));
    canvas.dispatchEvent(new MouseEvent(`mouse${type}`, init));
  };
  send('down', x, y, 1);
  await frame();
  const from = window.bench.draws.length;
  const t0 = performance.now();
  for (let k = 1; performance.now() - t0 < ms; k += 1) {
    send('move', x + 150 * Math.sin(k * 0.1), y + 60 * Math.sin(k * 0.2), 1);
    await frame();
  }
  const t1 = performance.now();
  send('up', x, y, 0);
  const drawn = window.bench.draws.slice(from).filter((d) => d[1] <= t1).map((d) => d[1] - d[0]).sort((a, b) => a - b);
  return [(drawn.length * 1000) / (t1 - t0), drawn.length ? drawn[drawn.length >> 1] : 0];
}"""


EMPTY_SPOT_JS = EMPTY_SPOT_JS.replace("MAP_CANVAS", MAP_CANVAS)
PAN_JS = PAN_JS.replace("MAP_CANVAS", MAP_CANVAS)


def pan(tab: Any) -> dict[str, float]:
    """Redraws a second while the map is panned for PAN_SECONDS: one move a frame from inside
    the page (as a browser delivers a real mouse's moves), then Playwright's mouse (trusted
    input, but each move waits for the browser's acknowledgement, which comes a frame after it
    is handled: a page whose frame takes over ~12 ms gets a move every other frame, so this
    counts in steps of 60/n); and the median redraw while panning."""
    x, y = tab.evaluate(EMPTY_SPOT_JS)
    tab.evaluate("() => window.bench.quiet()")
    per_second, redraw_ms = tab.evaluate(PAN_JS, [x, y, PAN_SECONDS * 1000])
    tab.evaluate("() => window.bench.quiet()")
    tab.mouse.move(x, y)
    tab.mouse.down()
    t0 = tab.evaluate("() => performance.now()")
    start, k = time.perf_counter(), 0
    while time.perf_counter() - start < PAN_SECONDS:
        k += 1
        tab.mouse.move(x + 150 * math.sin(k * 0.1), y + 60 * math.sin(k * 0.2))
    t1 = tab.evaluate("() => performance.now()")
    tab.mouse.up()
    drawn = tab.evaluate("([t0, t1]) => window.bench.draws.filter((d) => d[1] >= t0 && d[1] <= t1).length", [t0, t1])
    tab.evaluate("() => window.bench.quiet()")
    return {"pan": per_second, "pan redraw": redraw_ms, "pan mouse": drawn * 1000 / (t1 - t0)}


def timed(tab: Any, event: str, act: Callable[[], None]) -> tuple[float, float]:
    """Milliseconds from the `event` that `act` causes to the frame after the redraws that
    follow, and how many of them were spent in the map's redraws."""
    tab.evaluate("() => window.bench.quiet()")
    tab.evaluate("(type) => window.bench.arm(type)", event)
    act()
    tab.wait_for_function("() => window.bench.result !== null", timeout=30_000, polling=50)
    result = tab.evaluate("() => window.bench.result")
    return float(result["ms"]), float(result["drawing"])


OVERVIEW_SHOWN_JS = "() => Boolean(window.actorgraph?.overview?.().shown)"
# The middle of the disc of an actor's community on the overview, in the page's coordinates.
COMMUNITY_AT_JS = """(id) => {
  const ag = window.actorgraph;
  const c = ag.overview().communities[ag.communityOf(id)];
  const box = document.querySelector('#network canvas').getBoundingClientRect();
  const at = ag.toDOMPoint(c.x, c.y);
  return [box.left + at.x, box.top + at.y];
}"""


def interact(tab: Any, probe: Probe) -> dict[str, float]:
    """Pan the whole map; then, on it fitted again, toggle a relation type off and on (the
    slower counts), click the largest hub, and search for another actor and press Enter: each
    timed from the input to the frame that shows its result, by trusted input through
    Playwright. On a map that opens on its communities, the toggle is made on the overview, the
    hub's community is opened by a click on its disc (timed too) before the hub is clicked,
    the hover is onto the hub's disc, and the search leaves the overview for the actor."""
    from playwright.sync_api import Error

    out = pan(tab)
    tab.click("#fit")
    box = f'#legend-types input[data-type="{probe.type_id}"]'
    try:
        off, off_drawing = timed(tab, "pointerup", lambda: tab.click(box))
        on, on_drawing = timed(tab, "pointerup", lambda: tab.click(box))
        out["toggle"], out["toggle drawing"] = max((off, off_drawing), (on, on_drawing))
    except Error as e:
        print(f"    toggle not measured: {e}", flush=True)
        out["toggle"] = out["toggle drawing"] = math.nan
    try:
        tab.evaluate("() => window.bench.quiet()")
        if tab.evaluate(OVERVIEW_SHOWN_JS):
            # A large map opens on its communities: the reader opens the hub's (a click on its
            # disc) before the hub can be clicked, among its community's actors.
            x, y = tab.evaluate(COMMUNITY_AT_JS, probe.hub_id)
            tab.mouse.move(x, y)
            out["open"], out["open drawing"] = timed(tab, "pointerup", lambda: tab.mouse.click(x, y))
            tab.evaluate("() => window.bench.quiet()")
        x, y = tab.evaluate(
            """(id) => { const box = document.querySelector('#network canvas').getBoundingClientRect();
                 const at = (window.actorgraph || window.spike).toDOM(id);
                 return [box.left + at.x, box.top + at.y]; }""",
            probe.hub_id,
        )
        tab.mouse.move(x, y)

        def click() -> None:
            tab.mouse.down()
            tab.mouse.up()

        out["select"], out["select drawing"] = timed(tab, "pointerup", click)
        if tab.text_content("#focus-out") != probe.hub_name:
            print(f"    select: the click missed {probe.hub_name}", flush=True)
            out["select"] = out["select drawing"] = math.nan
    except Error as e:
        print(f"    select not measured: {e}", flush=True)
        out["select"] = out["select drawing"] = math.nan
    if tab.evaluate("() => window.actorgraph !== undefined"):
        try:
            # Hover: the pointer onto the hub (its links raised, a ring round it), to the frame after.
            tab.keyboard.press("Escape")
            tab.keyboard.press("Escape")
            tab.click("#fit")
            tab.mouse.move(5, 5)
            x, y = tab.evaluate(
                """(id) => { const box = document.querySelector('#network canvas').getBoundingClientRect();
                     const at = window.actorgraph.toDOM(id); return [box.left + at.x, box.top + at.y]; }""",
                probe.hub_id,
            )
            out["hover"], out["hover drawing"] = timed(tab, "pointermove", lambda: tab.mouse.move(x, y))
        except Error as e:
            print(f"    hover not measured: {e}", flush=True)
            out["hover"] = out["hover drawing"] = math.nan
        session = tab.context.new_cdp_session(tab)
        out["heap"] = session.send("Runtime.getHeapUsage")["totalSize"] / MIB
    try:
        tab.keyboard.press("Escape")  # the card
        tab.keyboard.press("Escape")  # the focus
        tab.click("#fit")
        tab.fill("#search", probe.search_name)
        out["search"], out["search drawing"] = timed(tab, "keydown", lambda: tab.press("#search", "Enter"))
        if tab.text_content("#focus-out") != probe.search_name:
            print(f"    search: {probe.search_name} not in focus after it", flush=True)
            out["search"] = out["search drawing"] = math.nan
    except Error as e:
        print(f"    search not measured: {e}", flush=True)
        out["search"] = out["search drawing"] = math.nan
    return out


def frame_seconds(
    page: Path, marks: list[str], then: Callable[[Any], dict[str, float]] | None = None, timeout: float = FRAME_TIMEOUT
) -> dict[str, float]:
    """Seconds from navigation to each of `marks` (window properties the page sets to
    performance.now() values), in headless Chromium with every request off the disk refused;
    then, when every mark came, what `then` measures on the loaded page."""
    from playwright.sync_api import Error, sync_playwright

    from tests.browser.headless import launch

    out: dict[str, float] = {}
    with sync_playwright() as p:
        browser = launch(p)
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        start = time.perf_counter()
        tab.goto(page.as_uri(), timeout=timeout * 1000)
        for mark in marks:
            left = max(1.0, timeout - (time.perf_counter() - start))
            try:
                # A function, not an expression: the page's content security policy forbids eval.
                tab.wait_for_function(f"() => window.{mark} !== undefined", timeout=left * 1000, polling=100)
                out[mark] = float(tab.evaluate(f"() => window.{mark}")) / 1000
            except Error:
                out[mark] = math.inf  # not reached in time
        if then and not any(math.isinf(v) for v in out.values()):
            tab.evaluate(BENCH_JS)
            out.update(then(tab))
        browser.close()
    return out


def median_frames(
    page: Path, marks: list[str], loads: int, then: Callable[[Any], dict[str, float]] | None = None
) -> dict[str, float]:
    """The median over `loads` of each measure (NaN where no load measured it)."""
    results = [frame_seconds(page, marks, then) for _ in range(loads)]
    keys = dict.fromkeys(k for r in results for k in r)
    out = {}
    for k in keys:
        values = [r[k] for r in results if k in r and not math.isnan(r[k])]
        out[k] = statistics.median(values) if values else math.nan
    return out


PYVIS_HOOK = """<script>
network.once('afterDrawing', () => { window.benchFirstDraw = performance.now();
  requestAnimationFrame(() => requestAnimationFrame(() => { window.benchFirstFrame = performance.now(); })); });
network.once('stabilized', () => {
  requestAnimationFrame(() => requestAnimationFrame(() => { window.benchStableFrame = performance.now(); })); });
</script>
"""


def pyvis_page(size: Size, g: Any) -> Path:
    """The same graph as a plain pyvis page: pyvis's own Network and template, its default
    physics, vis-network inlined (so it needs no network), hover titles of names and sentences;
    then a script after the template's own that marks the first frame and the first stable one."""
    from actorgraph.network.records import actor, relations
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for n in g.nodes:
        net.add_node(n, label=actor(g, n).name, title=actor(g, n).name)
    for rel in relations(g):
        net.add_edge(rel.source.id, rel.target.id, title=rel.sentence)
    path = size.folder / "pyvis.html"
    net.write_html(str(path))
    text = path.read_text(encoding="utf-8")
    at = text.rindex("</body>")
    path.write_text(text[:at] + PYVIS_HOOK + text[at:], encoding="utf-8")
    return path


# --- spike (b): sigma.js + graphology, for the choice of renderer (issue 20) ---------------------

SPIKE_JS = """
(() => {
  const D = JSON.parse(document.getElementById('spike-data').textContent);
  const G = graphology.Graph || graphology;
  const graph = new G({ multi: true, type: 'mixed' });
  for (const n of D.nodes) {
    graph.addNode(n.id, { x: n.x, y: -n.y, size: Math.max(3, n.size / 2), label: n.label, color: n.fill });
  }
  for (const e of D.lines) {
    graph.addEdgeWithKey(e.id, e.from, e.to, { color: e.colour, size: 1, type: 'line', kind: e.kind });
  }
  const S = Sigma.Sigma || Sigma.default || Sigma;
  const state = { focus: null, near: null, hidden: new Set() };
  const renderer = new S(graph, document.getElementById('network'), {
    labelDensity: 0.5, labelRenderedSizeThreshold: 8, defaultEdgeType: 'line',
    nodeReducer: (node, data) => {
      if (state.near && !state.near.has(node)) return { ...data, color: '#e4e7eb', label: '' };
      return data;
    },
    edgeReducer: (edge, data) => {
      if (state.hidden.has(data.kind)) return { ...data, hidden: true };
      if (state.near) {
        const [s, t] = graph.extremities(edge);
        if (!(state.near.has(s) && state.near.has(t))) return { ...data, color: '#eceff2' };
        return { ...data, size: 3 };
      }
      return data;
    },
  });
  // sigma draws the first time inside its constructor
  window.actorgraphFirstDraw = performance.now();
  requestAnimationFrame(() => requestAnimationFrame(() => { window.actorgraphFirstFrame = performance.now(); }));
  function focus(id) {
    state.focus = id;
    state.near = new Set([id, ...graph.neighbors(id)]);
    document.getElementById('focus-out').textContent = graph.getNodeAttribute(id, 'label');
    renderer.refresh();
  }
  renderer.on('clickNode', ({ node }) => focus(node));
  document.getElementById('legend-types').addEventListener('change', (e) => {
    const t = e.target.dataset.type;
    if (e.target.checked) state.hidden.delete(t); else state.hidden.add(t);
    renderer.refresh();
  });
  const byLabel = new Map(D.nodes.map((n) => [n.label.toLowerCase(), n.id]));
  document.getElementById('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = byLabel.get(document.getElementById('search').value.trim().toLowerCase());
    if (id) focus(id);
  });
  // What bench.py's page measures read: the renderer's draws, where an actor is, a fit button.
  const draws = [];
  let started = 0;
  renderer.on('beforeRender', () => { started = performance.now(); });
  renderer.on('afterRender', () => { draws.push([started, performance.now()]); });
  window.spike = {
    on: (_, fn) => renderer.on('afterRender', () => fn({ start: started, end: performance.now() })),
    toDOM: (id) => renderer.graphToViewport(renderer.getNodeDisplayData(id)),
    hitTest: (x, y) => null,
  };
  const fit = () => renderer.getCamera().animatedReset({ duration: 0 });
  document.getElementById('fit').addEventListener('click', fit);
})();
"""

SPIKE_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>spike: sigma.js</title>
<style>html,body{{margin:0;height:100%}}#network{{position:absolute;left:360px;right:0;top:0;bottom:0}}
#panel{{position:absolute;left:0;top:0;width:350px}}</style></head><body>
<div id="panel"><form id="search-form"><input id="search"><button>Find</button></form>
<button id="fit">Fit</button><span id="focus-out"></span><ul id="legend-types">{boxes}</ul></div>
<div id="network"></div>
<script type="application/json" id="spike-data">{data}</script>
<script>{graphology}</script><script>{sigma}</script><script>{spike}</script></body></html>
"""


def sigma_page(size: Size, spike_js: Path) -> Path:
    """Spike (b): the same map, laid out as the page lays it out, drawn by sigma.js 4 over
    graphology (straight lines, one colour each: no marks, patterns or arrows, which would need
    custom WebGL programs), with a fade on focus and a type toggle done by sigma's reducers."""
    from actorgraph.outputs.page import read_payload

    payload = read_payload((size.folder / "graph.html").read_text(encoding="utf-8"))
    relations = {r["id"]: r["type"] for r in payload["relations"]}
    lines = [{**line, "kind": relations.get(line["id"], "bundle")} for line in payload["drawing"]["lines"]
             if not line["id"].startswith("pair:")]  # fmt: skip
    data = json.dumps({"nodes": payload["drawing"]["nodes"], "lines": lines}).replace("</", "<\\/")
    types = sorted(set(relations.values()))
    boxes = "".join(f'<li><input type="checkbox" checked data-type="{t}"></li>' for t in types)
    text = SPIKE_HTML.format(
        boxes=boxes, data=data, spike=SPIKE_JS,
        graphology=(spike_js / "graphology" / "dist" / "graphology.umd.min.js").read_text(encoding="utf-8"),
        sigma=(spike_js / "sigma" / "dist" / "sigma.min.js").read_text(encoding="utf-8"),
    )  # fmt: skip
    path = size.folder / "sigma.html"
    path.write_text(text, encoding="utf-8")
    return path


def probe(g: Any) -> Probe:
    """The most common relation type, the largest hub, and the next largest to search for."""
    from collections import Counter

    from actorgraph.network.records import actor, relations

    common = Counter(rel.type.id for rel in relations(g)).most_common(1)[0][0]
    hub, second = sorted(g.nodes, key=lambda n: (-g.degree(n), n))[:2]
    return Probe(common, actor(g, second).name, hub, actor(g, hub).name)


SPIKE_LOADS = 1  # software WebGL here: one load of the spike takes minutes at 50,000 relations
LOADS: list[float] = []  # the machine's 1-minute load average, sampled as the pages are timed


def time_pages(size: Size, loads: int, spike_js: Path | None = None) -> None:
    from actorgraph.dataset.check import load_checked
    from actorgraph.network.build import build_graph

    g = build_graph(load_checked(size.folder / "data", size.folder / "seeds"))
    on = probe(g)
    LOADS.append(os.getloadavg()[0])
    ours = size.folder / "graph.html"
    size.page["ours size"] = ours.stat().st_size / MIB
    frames = median_frames(ours, ["actorgraphFirstDraw", "actorgraphFirstFrame"], loads, lambda tab: interact(tab, on))
    size.page["ours draw"] = frames.pop("actorgraphFirstDraw")
    size.page["ours frame"] = frames.pop("actorgraphFirstFrame")
    size.page.update({f"ours {k}": v for k, v in frames.items()})
    if spike_js:
        spike = sigma_page(size, spike_js)
        size.page["sigma size"] = spike.stat().st_size / MIB
        frames = median_frames(
            spike, ["actorgraphFirstDraw", "actorgraphFirstFrame"], SPIKE_LOADS, lambda t: interact(t, on)
        )
        size.page["sigma draw"] = frames.pop("actorgraphFirstDraw")
        size.page["sigma frame"] = frames.pop("actorgraphFirstFrame")
        size.page.update({f"sigma {k}": v for k, v in frames.items()})
    LOADS.append(os.getloadavg()[0])
    theirs = pyvis_page(size, g)
    size.page["pyvis size"] = theirs.stat().st_size / MIB
    # Tens of seconds to settle: one load, panned once it has.
    frames = median_frames(theirs, ["benchFirstDraw", "benchFirstFrame", "benchStableFrame"], PAN_LOADS, pan)
    size.page["pyvis draw"], size.page["pyvis frame"] = frames.pop("benchFirstDraw"), frames.pop("benchFirstFrame")
    size.page["pyvis stable"] = frames.pop("benchStableFrame")
    size.page.update({f"pyvis {k}": v for k, v in frames.items()})
    measured = ", ".join(f"{k} {v:.2f}" for k, v in size.page.items())
    print(f"  {size.relations:,} relations: page {measured}", flush=True)


def seconds(value: float) -> str:
    return f"> {FRAME_TIMEOUT}" if math.isinf(value) else f"{value:.2f}"


def ms(value: float, drawing: float | None = None) -> str:
    """Milliseconds, and of them the time spent redrawing the map."""
    if math.isnan(value):
        return "not measured"
    if math.isinf(value):
        return "no frame"
    return f"{value:.0f}" + ("" if drawing is None or math.isnan(drawing) else f" ({drawing:.0f})")


def rate(p: dict[str, float], who: str) -> str:
    if f"{who} pan" not in p or math.isnan(p[f"{who} pan"]):
        return "not measured (never settled)" if math.isinf(p.get(f"{who} stable", 0.0)) else "not measured"
    return f"{p[f'{who} pan']:.0f} / {p[f'{who} pan mouse']:.0f} ({p[f'{who} pan redraw']:.0f} ms)"


def pages_table(sizes: list[Size]) -> str:
    lines = [
        "| actors | relations | page | size (MiB) | first draw (s) | first visible frame (s) "
        "| first stable frame (s) | redraws/s panning: a move a frame / Playwright's mouse (median redraw) "
        "| type toggle (ms) | select, a click (ms) | search, Enter (ms) | hover (ms) | JS heap (MiB) "
        "| open a community, a click (ms) |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def answers(who: str, keys: tuple[str, ...]) -> list[str]:
        return [ms(p.get(f"{who} {k}", math.nan), p.get(f"{who} {k} drawing")) for k in keys]

    for s in sizes:
        p = s.page
        ours = [f"{p['ours size']:.1f}", seconds(p["ours draw"]), seconds(p["ours frame"]), "the same (no physics)",
                rate(p, "ours"), *answers("ours", ("toggle", "select", "search", "hover")),
                f"{p.get('ours heap', math.nan):.0f}",
                ms(p["ours open"], p.get("ours open drawing")) if "ours open" in p else "no overview"]  # fmt: skip
        theirs = [f"{p['pyvis size']:.1f}", seconds(p["pyvis draw"]), seconds(p["pyvis frame"]),
                  seconds(p["pyvis stable"]), rate(p, "pyvis"), "no control", "", "", "", "", ""]  # fmt: skip
        lines.append(f"| {s.actors:,} | {s.relations:,} | actorgraph | " + " | ".join(ours) + " |")
        if "sigma size" in p:
            spike = [f"{p['sigma size']:.1f}", seconds(p["sigma draw"]), seconds(p["sigma frame"]),
                     "the same (no physics)", rate(p, "sigma"), *answers("sigma", ("toggle", "select", "search")),
                     "", "", ""]  # fmt: skip
            lines.append("| | | spike (b): sigma.js 4 + graphology, WebGL | " + " | ".join(spike) + " |")
        lines.append("| | | pyvis, default physics | " + " | ".join(theirs) + " |")
    lines += [
        "",
        "Interactions are timed in the page, from the input event (its timestamp) to the frame after "
        "the redraws it caused; in brackets, the part spent redrawing the map. Panning lasts "
        f"{PAN_SECONDS:.0f} s over the whole map; Playwright's mouse waits for each move to be "
        "acknowledged, a frame after it is handled, so it counts in steps of 60/n. Hover: the pointer "
        "onto the largest hub (a ring round it, its links raised). JS heap: V8's heap after the "
        "interactions (Runtime.getHeapUsage). A map past the overview's threshold opens on its "
        "communities: its first frame, panning, toggle and hover are the overview's; a click on the hub's "
        "community opens it (*open a community*), and the hub is then clicked among its community's actors; "
        "the search leaves the overview for the actor found, among all the actors.",
    ]
    if LOADS:
        lo, hi = min(LOADS), max(LOADS)
        lines.append(
            f"The machine's load average (1 min) while the pages were timed: {lo:.1f} to {hi:.1f} "
            f"on {os.cpu_count()} cores (other work ran beside the benchmark when it is above the cores)."
        )
    return "\n".join(lines)


# --- layouts compared -------------------------------------------------------------------------


# Each layout, and the component sizes it is run on: the small-map ones only on small components,
# the n x n ones only where they take less than a minute or so, unless --slow-layouts.
# (fewest actors, most actors, most actors with --slow-layouts)
LAYOUTS: dict[str, tuple[int, int, int]] = {
    "networkx Kamada-Kawai (before, small)": (0, 500, 2500),
    "stress majorisation (now, small)": (0, 150, 150),
    "numpy FR (before, large)": (151, 2500, 20_000),
    "networkx forceatlas2": (151, 2500, 2500),
    "igraph FR (now, large)": (151, 10**9, 10**9),
}


def layout_input(size_folder: Path, out: Path) -> int:
    """The largest component's edges and label boxes, pickled for the layout workers."""
    import networkx as nx
    from actorgraph.dataset.check import load_checked
    from actorgraph.network.build import build_graph
    from actorgraph.network.records import actor
    from actorgraph.outputs.layout import label_box

    g = build_graph(load_checked(size_folder / "data", size_folder / "seeds"))
    skeleton = nx.Graph((u, v) for u, v in g.edges() if u != v)
    skeleton.add_nodes_from(g.nodes)
    members = [n for n in g.nodes if n in max(nx.connected_components(skeleton), key=len)]
    index = {n: i for i, n in enumerate(members)}
    edges = [(index[u], index[v]) for u, v in skeleton.subgraph(members).edges()]
    boxes = [label_box(actor(g, n).name, 11 + 2.6 * g.degree(n) ** 0.5) for n in members]
    out.write_bytes(pickle.dumps((len(members), edges, boxes)))
    return len(members)


def _numpy_fr(n: int, edges: list[tuple[int, int]], iterations: int = 60) -> Any:
    """The force-directed layout actorgraph used before igraph (kept here to compare against):
    Fruchterman-Reingold over n x n float32 arrays, a fixed seed."""
    import numpy as np

    rng = np.random.default_rng(1)
    x = rng.random(n).astype(np.float32)
    y = rng.random(n).astype(np.float32)
    u = np.array([a for a, _ in edges], dtype=np.intp)
    v = np.array([b for _, b in edges], dtype=np.intp)
    k = np.float32((1.0 / n) ** 0.5)
    step = 0.1
    cooling = step / (iterations + 1)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        w = dx * dx
        w += dy * dy
        np.maximum(w, 1e-6, out=w)
        np.divide(k * k, w, out=w)
        px = (dx * w).sum(axis=1)
        py = (dy * w).sum(axis=1)
        ex, ey = x[u] - x[v], y[u] - y[v]
        pull = np.sqrt(ex * ex + ey * ey) / k
        np.add.at(px, u, -ex * pull)
        np.add.at(px, v, ex * pull)
        np.add.at(py, u, -ey * pull)
        np.add.at(py, v, ey * pull)
        length = np.maximum(np.sqrt(px * px + py * py), 1e-6)
        scale = np.minimum(length, step) / length
        x += px * scale
        y += py * scale
        step -= cooling
    return np.stack([x, y], axis=1).astype(float)


def _networkx(method: str, n: int, edges: list[tuple[int, int]]) -> Any:
    import networkx as nx
    import numpy as np

    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    pos = nx.forceatlas2_layout(g, seed=1) if method == "networkx forceatlas2" else nx.kamada_kawai_layout(g)
    return np.array([pos[i] for i in range(n)], dtype=float)


def layout_worker(method: str, source: Path) -> None:
    """Run one layout on one pickled component and print its measures as JSON (in a process of
    its own, so that its time includes the imports it needs and its memory is its own)."""
    n, edges, boxes = pickle.loads(source.read_bytes())
    import numpy as np
    from actorgraph.outputs import layout

    def rss(field: str) -> float:
        """VmRSS now or VmHWM (the high-water mark of this process image alone), in MiB."""
        line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith(field + ":"))
        return int(line.split()[1]) / 1024

    before = rss("VmRSS")
    start = time.perf_counter()
    runs: dict[str, Callable[[], Any]] = {
        "networkx Kamada-Kawai (before, small)": lambda: _networkx(method, n, edges),
        "stress majorisation (now, small)": lambda: layout._stress(n, edges),
        "numpy FR (before, large)": lambda: _numpy_fr(n, edges),
        "networkx forceatlas2": lambda: _networkx(method, n, edges),
        "igraph FR (now, large)": lambda: layout._force_directed(n, edges),
    }
    xy = runs[method]()
    took = time.perf_counter() - start
    extra = max(0.0, rss("VmHWM") - before)
    ends = np.array(edges, dtype=np.intp)
    xy = xy * layout.EDGE_LENGTH / np.linalg.norm(xy[ends[:, 0]] - xy[ends[:, 1]], axis=1).mean()
    half_w = np.array([b.half_width for b in boxes])
    half_h = np.array([b.half_height for b in boxes])
    offset = np.array([b.centre_offset for b in boxes])
    raw_overlaps = _overlapping(xy, half_w, half_h, offset)
    start = time.perf_counter()
    xy = layout._fit(xy, edges, boxes, spread=n > layout.KAMADA_KAWAI_LIMIT)  # as the build does
    parting = time.perf_counter() - start
    lengths = np.linalg.norm(xy[ends[:, 0]] - xy[ends[:, 1]], axis=1)
    print(json.dumps({
        "seconds": took, "extra_mib": extra, "parting_seconds": parting, "raw_overlapping": raw_overlaps,
        "overlapping": _overlapping(xy, half_w, half_h, offset), "edge_cv": float(lengths.std() / lengths.mean()),
        "crossings": _crossings(xy, ends), "actors": n, "edges": len(edges),
        "room": _room(xy, half_w, half_h, offset),
    }))  # fmt: skip


def _overlapping(xy: Any, half_w: Any, half_h: Any, offset: Any) -> int:
    """How many labels' boxes overlap another label's box."""
    import numpy as np
    from actorgraph.outputs.layout import _near_pairs

    reach = 2 * float(max(half_w.max(), half_h.max()))
    cx, cy = xy[:, 0], xy[:, 1] + offset
    i, j = _near_pairs(cx, cy, reach)
    clash = (half_w[i] + half_w[j] > np.abs(cx[i] - cx[j])) & (half_h[i] + half_h[j] > np.abs(cy[i] - cy[j]))
    return len(np.unique(np.concatenate([i[clash], j[clash]])))


def _room(xy: Any, half_w: Any, half_h: Any, offset: Any) -> float:
    """The drawing's bounding box (labels included) over the labels' total area: how far a
    layout had to be spread for its labels."""
    cy = xy[:, 1] + offset
    width = (xy[:, 0] + half_w).max() - (xy[:, 0] - half_w).min()
    height = (cy + half_h).max() - (cy - half_h).min()
    return float(width * height / (4 * half_w * half_h).sum())


def _crossings(xy: Any, ends: Any, sample: int = 1_000_000) -> float:
    """Pairs of edges that cross (not sharing an end): exact when there are few pairs, else
    estimated from a fixed random sample of pairs."""
    import numpy as np

    m = len(ends)
    total = m * (m - 1) // 2
    if total <= sample:
        i, j = np.triu_indices(m, 1)
    else:
        rng = np.random.default_rng(0)
        i, j = rng.integers(0, m, sample), rng.integers(0, m, sample)
        i, j = i[i != j], j[i != j]
    a, b, c, d = xy[ends[i, 0]], xy[ends[i, 1]], xy[ends[j, 0]], xy[ends[j, 1]]

    def side(p: Any, q: Any, r: Any) -> Any:
        return np.sign((q[:, 0] - p[:, 0]) * (r[:, 1] - p[:, 1]) - (q[:, 1] - p[:, 1]) * (r[:, 0] - p[:, 0]))

    shared = (ends[i, 0, None] == ends[j]).any(axis=1) | (ends[i, 1, None] == ends[j]).any(axis=1)
    cross = (side(a, b, c) * side(a, b, d) < 0) & (side(c, d, a) * side(c, d, b) < 0) & ~shared
    return float(cross.sum()) if total <= sample else float(cross.mean() * total)


def layouts_table(inputs: list[tuple[str, Path, int]], slow: bool) -> str:
    lines = [
        "| map (largest component) | layout | time (s) | extra peak memory (MiB) | labels overlapping, before → after "
        "parting | parting (s) | drawing ÷ labels' area | edge length spread (CV) | edge crossings |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, source, n in inputs:
        for method, (least, most, most_slow) in LAYOUTS.items():
            if n < least or (least == 0 and n > most_slow):
                continue
            if n > (most_slow if slow else most):
                why = (
                    "n×n arrays; --slow-layouts"
                    if n <= most_slow
                    else f"some eight n×n float64 arrays: about {8 * 8 * n * n / 1e9:.0f} GB"
                )
                lines.append(f"| {label} | {method} | not run ({why}) | | | | | | |")
                continue
            out = subprocess.run(
                [sys.executable, __file__, "--layout-worker", method, str(source)],
                check=True, capture_output=True, text=True, cwd=ROOT,
            ).stdout  # fmt: skip
            r = json.loads(out)
            lines.append(
                f"| {label} | {method} | {r['seconds']:.2f} | {r['extra_mib']:.0f} | "
                f"{r['raw_overlapping']:,} → {r['overlapping']:,} | {r['parting_seconds']:.2f} | "
                f"{r['room']:.1f} | {r['edge_cv']:.2f} | {r['crossings']:,.0f} |"
            )
            print(f"  layout {label}: {method} {r['seconds']:.2f} s", flush=True)
    return "\n".join(lines)


# --- targets ------------------------------------------------------------------------------------


def targets_table(sizes: list[Size], shipped: dict[str, float] | None) -> str:
    rows: list[tuple[str, str, str, bool]] = []
    for s in sizes:
        at = f"{s.actors:,} / {s.relations:,}"
        if s.relations == 10_000:
            rows.append((at, "`build` ≤ 1.25 × parse floor", f"{s.times['build'] / s.floor:.2f} ×",
                         s.times["build"] <= 1.25 * s.floor))  # fmt: skip
        page_targets = {10_000: (1.0, 100, 50), 50_000: (2.0, 250, 30)}  # issue 20
        if s.page and s.relations in page_targets:
            frame, answer, redraws = page_targets[s.relations]
            rows.append((at, f"first visible frame ≤ {frame:.1f} s", f"{s.page['ours frame']:.2f} s",
                         s.page["ours frame"] <= frame))  # fmt: skip
            keys = [("toggle", "type toggle"), ("search", "search"), ("select", "select")]
            keys += [("hover", "hover")] if s.relations == 10_000 else []
            for key, what in keys:
                took = s.page.get(f"ours {key}", math.nan)
                rows.append((at, f"{what} ≤ {answer} ms", ms(took), took <= answer))
            pan = s.page.get("ours pan", math.nan)
            rows.append((at, f"redraws while panning ≥ {redraws}/s", f"{pan:.0f}/s", pan >= redraws))
            if s.relations == 50_000:
                rows.append((at, "page ≤ 20 MiB", f"{s.page['ours size']:.1f} MiB", s.page["ours size"] <= 20))
                heap = s.page.get("ours heap", math.nan)
                rows.append((at, "the tab under 1 GiB (JS heap)", f"{heap:.0f} MiB", heap < 1024))
        if s.relations == 50_000:
            for c in SCALED:
                rows.append(
                    (at, f"`{c}` ≤ 2 × parse floor", f"{s.times[c] / s.floor:.2f} ×", s.times[c] <= 2 * s.floor)
                )
            peak = s.memory["build"] * MIB / 1e9
            rows.append((at, "`build` < 0.5 GB", f"{peak:.2f} GB", peak < 0.5))
    if shipped:
        ratio = shipped["build"] / shipped["floor"]
        rows.append(("shipped data", "`build` ≤ 3 × import floor", f"{ratio:.2f} ×", ratio <= 3))
    lines = ["| data | target | measured | met |", "|---|---|---:|:---:|"]
    lines += [f"| {a} | {b} | {c} | {'yes' if ok else '**no**'} |" for a, b, c, ok in rows]
    return "\n".join(lines)


def revision() -> str:
    """The commit measured, and whether the working tree differed from it."""
    git = ["git", "-C", str(ROOT)]
    sha = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True)
    return f"commit {sha or 'unknown'}" + (" with uncommitted changes" if dirty.stdout.strip() else "")


def write_between_marks(path: Path, text: str) -> None:
    """Put `text` between the marks BEGIN and END in `path`, keeping what is around them (the
    prose that reads the numbers); the whole file when it has no marks."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in old and END in old:
        text = old[: old.index(BEGIN) + len(BEGIN)] + "\n" + text + old[old.index(END) :]
    path.write_text(text, encoding="utf-8")


BEGIN, END = "<!-- bench.py: begin -->", "<!-- bench.py: end -->"


# --- main -------------------------------------------------------------------------------------


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--layout-worker":
        layout_worker(sys.argv[2], Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command on the shipped data (median)")
    parser.add_argument("--size-runs", type=int, default=3, help="timed runs per command on synthetic data")
    parser.add_argument("--sizes", default="10000", help="comma-separated relation counts (actors: a fifth)")
    parser.add_argument("--no-shipped", action="store_true", help="skip the shipped data")
    parser.add_argument("--page", action="store_true", help="time the page (and a pyvis page) in headless Chromium")
    parser.add_argument("--page-loads", type=int, default=3, help="page loads per page (median)")
    parser.add_argument("--layouts", action="store_true", help="compare layout algorithms on each size")
    parser.add_argument("--slow-layouts", action="store_true", help="run the n x n layouts on large maps too")
    parser.add_argument("--layouts-only", action="store_true", help="with --layouts: time nothing else")
    parser.add_argument("--spike-js", type=Path, help="node_modules with sigma and graphology: time spike (b) too")
    parser.add_argument("--write", type=Path, help="also write the tables as markdown to this file")
    args = parser.parse_args()
    sizes_wanted = [int(s) for s in args.sizes.split(",") if s.strip()]
    tmp = Path(tempfile.mkdtemp(prefix="actorgraph-bench-"))
    sections: list[tuple[str, str]] = []
    try:
        shipped = None
        if not args.no_shipped:
            table, shipped = shipped_table(args.runs, tmp)
            sections.append(("The shipped data", table))
            print(table, flush=True)
        sizes = [synthesise(tmp, n) for n in sizes_wanted]
        for size in [] if args.layouts_only else sizes:
            time_commands(size, args.size_runs)
            if args.page:
                time_pages(size, args.page_loads, args.spike_js)
        if sizes and not args.layouts_only:
            sections.append(("Synthetic data", commands_table(sizes)))
            print(sections[-1][1], flush=True)
        if args.page and sizes and not args.layouts_only:
            sections.append(("The page", pages_table(sizes)))
            print(sections[-1][1], flush=True)
        if args.layouts:
            inputs = [("Kabul fixture", tmp / "kabul.pickle", layout_input(ROOT / "tests" / "fixtures" / "kabul",
                                                                            tmp / "kabul.pickle"))]  # fmt: skip
            for size in sizes:
                source = tmp / f"layout-{size.relations}.pickle"
                inputs.append((f"{size.actors:,} / {size.relations:,}", source, layout_input(size.folder, source)))
            sections.append(("Layouts", layouts_table(inputs, args.slow_layouts)))
            print(sections[-1][1], flush=True)
        if not args.layouts_only:
            sections.append(("Targets", targets_table(sizes, shipped)))
            print(sections[-1][1], flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.write:
        python = f"{platform.python_implementation()} {platform.python_version()}"
        machine = f"{python}, {os.cpu_count()} cores, {platform.machine()}"
        text = f"Produced by `python scripts/bench.py {' '.join(sys.argv[1:])}` ({machine}, {revision()}).\n"
        for title, table in sections:
            text += f"\n## {title}\n\n{table}\n"
        write_between_marks(args.write, text)


if __name__ == "__main__":
    main()
