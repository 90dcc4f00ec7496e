"""The HTML page: one self-contained file that an analyst opens from disk, offline.

pyvis turns the graph into vis-network node and edge records, and ships the
vis-network library we inline; its own page template is not used, because it
fetches Bootstrap from a CDN, lays the graph out at random on every load and
can write tooltips as HTML. Instead `template.html`, `page.css` and `page.js`
beside this module are filled in here, and everything the page needs is
computed now, in Python: positions (so the picture never moves), colours and
shapes per relation type and actor kind (so they follow the vocabulary in the
data), and each quote's surrounding sentences (so the page carries snippets,
not whole sources).

The same data always gives the same bytes: no timestamps, no random ids, a
deterministic layout. pyvis is slow to import and only `build` needs it, so
nothing else in the package may import this module at load time.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import defaultdict
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from ...dataset.model import Dataset, name_key
from .context import quote_context
from .layout import FONT_SIZE, LABEL_MAX_WIDTH, label_box, positions

HERE = Path(__file__).resolve().parent

# Okabe & Ito's palette, which stays distinguishable under the common colour-vision deficiencies.
BLACK, ORANGE, SKY_BLUE, GREEN = "#000000", "#E69F00", "#56B4E9", "#009E73"
YELLOW, BLUE, VERMILLION, PURPLE, GREY = "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"
# Assigned in vocabulary order. Lines come first in the darker colours (yellow is too pale for a
# thin line on white, so it comes last); nodes start with the lighter ones, under dark labels.
EDGE_COLOURS = (BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY_BLUE, BLACK, GREY, YELLOW)
NODE_COLOURS = (ORANGE, SKY_BLUE, GREEN, PURPLE, YELLOW, BLUE, VERMILLION, GREY, BLACK)
# Shapes whose label hangs below, so every node reads the same way.
NODE_SHAPES = ("dot", "diamond", "square", "triangle", "star", "triangleDown", "hexagon")
HEDGED_DASHES = (7, 5)

_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def render_html(data: Dataset, g: nx.MultiDiGraph) -> str:
    """The whole page as one string; `data` supplies the source texts that quotes sit in."""
    payload = page_data(data, g)
    vis_dir = _vis_dir()
    vis_js = _inline((vis_dir / "vis-network.min.js").read_text(encoding="utf-8"), "script")
    page_js = _inline((HERE / "page.js").read_text(encoding="utf-8"), "script")
    values = {
        "csp": content_security_policy(vis_js, page_js),
        "title": html.escape(
            f"actorgraph — {payload['meta']['actors']} actors, {payload['meta']['relations']} relations"
        ),
        "vis_css": _inline((vis_dir / "vis-network.css").read_text(encoding="utf-8"), "style"),
        "vis_js": vis_js,
        "page_css": _inline((HERE / "page.css").read_text(encoding="utf-8"), "style"),
        "page_js": page_js,
        "data_json": script_json(payload),
    }
    template = (HERE / "template.html").read_text(encoding="utf-8")
    # One pass, so nothing inside an inserted file is ever taken for a placeholder.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def content_security_policy(*scripts: str) -> str:
    """Only our own scripts run (by hash), and nothing may be fetched from anywhere.

    A second line of defence behind text-only rendering: should markup from the
    data ever reach the DOM, its inline handlers and scripts are refused, and a
    page that must work offline has no business making requests.
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'" for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'"
    )


def script_json(value: Any) -> str:
    """JSON that is safe inside <script type="application/json">: a quote containing
    `</script>` or `<!--` cannot end the element, because no `<`, `>` or `&` is left."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _inline(code: str, element: str) -> str:
    """Our own files and the library go in verbatim; refuse anything that would close the element."""
    lowered = code.lower()
    if f"</{element}" in lowered or "<!--" in lowered:
        raise ValueError(f"cannot inline code containing </{element} or <!--")
    return code


def _vis_dir() -> Path:
    import pyvis

    root = Path(pyvis.__file__).resolve().parent
    for candidate in (root / "lib" / "vis-9.1.2", root / "templates" / "lib" / "vis-9.1.2"):
        if (candidate / "vis-network.min.js").is_file():
            return candidate
    raise FileNotFoundError(f"vis-network 9.1.2 not found in the pyvis package at {root}")


# --- the data the page runs on -------------------------------------------------------------------


def page_data(data: Dataset, g: nx.MultiDiGraph) -> dict[str, Any]:
    """Everything page.js reads, as plain JSON-able values in a fixed order."""
    rtypes = g.graph["relation_types"]
    kinds = g.graph["actor_kinds"]
    type_style = {t: {"color": EDGE_COLOURS[i % len(EDGE_COLOURS)]} for i, t in enumerate(rtypes)}
    kind_style = {
        k: {"color": NODE_COLOURS[i % len(NODE_COLOURS)], "shape": NODE_SHAPES[i % len(NODE_SHAPES)]}
        for i, k in enumerate(kinds)
    }
    degree = dict(g.degree())
    sizes = {n: 11 + 2.6 * degree[n] ** 0.5 for n in g.nodes}
    boxes = {n: label_box(g.nodes[n]["name"], sizes[n]) for n in g.nodes}
    pos = positions(g, boxes)

    relations = _relations(data, g)
    return {
        "meta": {
            "actors": g.number_of_nodes(),
            "relations": g.number_of_edges(),
            "quotes": sum(len(r["evidence"]) for r in relations),
            "sources": len(g.graph["sources"]),
        },
        "style": {"font_size": FONT_SIZE, "label_max_width": LABEL_MAX_WIDTH, "hedged_dashes": HEDGED_DASHES},
        "relation_types": [{"id": t, **attrs, **type_style[t]} for t, attrs in rtypes.items()],
        "actor_kinds": [{"id": k, **attrs, **kind_style[k]} for k, attrs in kinds.items()],
        "confidence_levels": [{"id": c, **attrs} for c, attrs in g.graph["confidence_levels"].items()],
        "sources": g.graph["sources"],
        "actors": [_actor(g, n, attrs) for n, attrs in g.nodes(data=True)],
        "relations": relations,
        "vis": _vis_records(g, pos, sizes, type_style, kind_style),
    }


def _actor(g: nx.MultiDiGraph, node: Hashable, attrs: Mapping[str, Any]) -> dict[str, Any]:
    names = (str(node), attrs["name"], *attrs.get("aliases", ()))
    return {
        "id": node,
        **attrs,
        "fold": attrs["name"].casefold(),  # Python's casefold, so the page sorts paths as the CLI does
        "keys": list(dict.fromkeys(name_key(s) for s in names)),
    }


def _relations(data: Dataset, g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    out = []
    for i, (u, v, key, attrs) in enumerate(g.edges(keys=True, data=True)):
        evidence = []
        for ev in attrs["evidence"]:
            source = data.sources.get(ev["doc"])
            context = quote_context(source.text, ev["quote"]) if source is not None else None
            evidence.append({**ev, "context": [list(p) for p in context] if context else None})
        out.append({"id": f"r{i}", "source": u, "target": v, **attrs, "type": key, "evidence": evidence})
    return out


def relation_title(g: nx.MultiDiGraph, u: Hashable, v: Hashable, attrs: Mapping[str, Any]) -> str:
    """The hover text of an edge: plain text, as vis-network shows string titles."""
    from ...present import relation_text

    n = len(attrs["evidence"])
    return f"{relation_text(g, str(u), str(v), attrs)}\n{n} quote{'s' if n != 1 else ''} · click for the evidence"


def _vis_records(
    g: nx.MultiDiGraph,
    pos: Mapping[Hashable, tuple[int, int]],
    sizes: Mapping[Hashable, float],
    type_style: Mapping[str, Mapping[str, str]],
    kind_style: Mapping[str, Mapping[str, str]],
) -> dict[str, list[dict[str, Any]]]:
    """vis-network node and edge records, made by pyvis."""
    from pyvis.network import Network

    net = Network(directed=True)  # directed: pyvis would merge parallel undirected edges
    kinds = g.graph["actor_kinds"]
    for node, attrs in g.nodes(data=True):
        style = kind_style[attrs["kind"]]
        fill = style["color"]
        border = _shade(fill, 0.55)
        kind_label = kinds.get(attrs["kind"], {}).get("label", attrs["kind"])
        title = f"{attrs['name']} ({kind_label})"
        if attrs.get("aliases"):
            title += "\nalso: " + ", ".join(attrs["aliases"])
        x, y = pos[node]
        net.add_node(
            node,
            label=attrs["name"],
            shape=style["shape"],
            color={
                "background": fill,
                "border": border,
                "highlight": {"background": fill, "border": "#111111"},
                "hover": {"background": fill, "border": "#111111"},
            },
            size=round(sizes[node], 1),
            title=title,
            x=x,
            y=y,
        )
    bends = _bends(g)
    for i, (u, v, key, attrs) in enumerate(g.edges(keys=True, data=True)):
        colour = type_style[key]["color"]
        net.add_edge(
            u,
            v,
            id=f"r{i}",
            color={"color": colour, "highlight": colour, "hover": colour, "inherit": False},
            arrows="to" if attrs["directed"] else "",
            dashes=list(HEDGED_DASHES) if attrs.get("confidence") else False,
            smooth=bends[i],
            title=relation_title(g, u, v, attrs),
        )
    return {"nodes": net.nodes, "edges": net.edges}


def _bends(g: nx.MultiDiGraph) -> list[Any]:
    """Parallel relations between two actors curve apart, symmetrically, so each stays clickable.

    vis-network bends `curvedCW` to the right of the edge's own direction, so an
    edge drawn the other way round needs the opposite curve to land on the same side.
    """
    order = {n: i for i, n in enumerate(g.nodes)}
    pairs: dict[tuple[int, int], list[int]] = defaultdict(list)
    edges = list(g.edges())
    for i, (u, v) in enumerate(edges):
        pairs[(min(order[u], order[v]), max(order[u], order[v]))].append(i)
    out: list[Any] = [False] * len(edges)
    for members in pairs.values():
        k = len(members)
        if k == 1:
            continue
        for j, i in enumerate(members):
            offset = (j - (k - 1) / 2) * 0.28
            u, v = edges[i]
            if order[u] > order[v]:
                offset = -offset
            if offset == 0:
                continue
            kind = "curvedCW" if offset > 0 else "curvedCCW"
            out[i] = {"enabled": True, "type": kind, "roundness": round(abs(offset), 3)}
    return out


def _shade(colour: str, factor: float) -> str:
    """`colour` darkened towards black: a border that stays visible on light fills."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(c * factor) for c in (r, g, b)))
