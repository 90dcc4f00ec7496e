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
import dataclasses
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
from ...network.claims import EvidenceFilter, contests, edge_id, views
from ...network.query import weight
from ...network.records import Relation, actor, actor_record, dataset, relation_record, relations, vocabulary_records
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
# Line patterns say how a claim is made, whatever its type's colour: hedged, resting only on
# someone else's words, or both. A plainly stated claim of the author's own is a solid line.
DASHES = {"hedged": (7, 5), "attributed": (2, 4), "hedged and attributed": (7, 4, 2, 4)}


def claim_style(rel: Relation) -> str | None:
    """Which line pattern a relation gets (a key of DASHES), or None for a solid line."""
    hedged, attributed = rel.confidence is not None, bool(rel.claimants)
    if hedged and attributed:
        return "hedged and attributed"
    return "hedged" if hedged else "attributed" if attributed else None


_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def write_page(
    data_dir: Path, seeds_dir: Path, output: Path, evidence: EvidenceFilter | None = None, *, force: bool = False
) -> Dataset:
    """Check the data and write the page: the one path `build` takes. Raises `DataError`,
    writing nothing, when the data fails a check, and replaces the old page whole, so a
    curator always keeps the last good page. Returns the data the page shows."""
    from ...dataset.check import load_checked
    from ...files import write_output
    from ...network.build import build_graph

    data = load_checked(data_dir, seeds_dir)
    shown = evidence.apply(data) if evidence else data
    page = render_html(build_graph(shown))
    write_output(output, page, data_dir=data_dir, seeds_dir=seeds_dir, force=force)
    return shown


def render_html(g: nx.MultiDiGraph, *, live_reload: bool = False) -> str:
    """The whole page as one string. With `live_reload` (for `watch --serve`), the page also
    carries the script that reloads it after a rebuild, and its policy lets that script ask
    the server that served it."""
    return fill(page_data(g), live_reload=live_reload)


def fill(payload: dict[str, Any], *, live_reload: bool = False) -> str:
    """The page around already computed page data (`watch` fills it twice: file and served)."""
    vis_dir = _vis_dir()
    scripts = [_inline((vis_dir / "vis-network.min.js").read_text(encoding="utf-8"), "script")]
    scripts.append(_inline((HERE / "page.js").read_text(encoding="utf-8"), "script"))
    if live_reload:
        scripts.append(_inline((HERE / "livereload.js").read_text(encoding="utf-8"), "script"))
    values = {
        "csp": content_security_policy(scripts, connect_self=live_reload),
        "title": html.escape(
            f"actorgraph — {payload['meta']['actors']} actors, {payload['meta']['relations']} relations"
        ),
        "vis_css": _inline((vis_dir / "vis-network.css").read_text(encoding="utf-8"), "style"),
        "page_css": _inline((HERE / "page.css").read_text(encoding="utf-8"), "style"),
        "data_json": script_json(payload),
        "scripts": "\n".join(f"<script>{code}</script>" for code in scripts),
    }
    template = (HERE / "template.html").read_text(encoding="utf-8")
    # One pass, so nothing inside an inserted file is ever taken for a placeholder.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def waiting_page() -> str:
    """What `watch --serve` shows before the first good build: a note, the problems (from the
    reload script's banner) and a reload as soon as the data passes."""
    script = _inline((HERE / "livereload.js").read_text(encoding="utf-8"), "script")
    csp = content_security_policy([script], connect_self=True)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}"><title>actorgraph</title></head>'
        "<body><p>No page yet: the data has problems. Fix them and this tab reloads.</p>"
        f"<script>{script}</script></body></html>\n"
    )


def content_security_policy(scripts: list[str], *, connect_self: bool = False) -> str:
    """Only our own scripts run (by hash), and nothing may be fetched from anywhere.

    A second line of defence behind text-only rendering: should markup from the
    data ever reach the DOM, its inline handlers and scripts are refused, and a
    page that must work offline has no business making requests. The live-reload
    variant may ask its own server (and nothing else) for the build status.
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'" for s in scripts
    )
    connect = "'self'" if connect_self else "'none'"
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; font-src data:; "
        f"connect-src {connect}; form-action 'none'; base-uri 'none'"
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


def page_data(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Everything page.js reads, as plain JSON-able values in a fixed order. Relations are
    their records (sentence and citations included), so the page words nothing itself."""
    data = dataset(g)
    vocab = vocabulary_records(data)
    rtypes, kinds = vocab["relation_types"], vocab["actor_kinds"]
    type_style = {t: {"color": EDGE_COLOURS[i % len(EDGE_COLOURS)]} for i, t in enumerate(rtypes)}
    kind_style = {
        k: {"color": NODE_COLOURS[i % len(NODE_COLOURS)], "shape": NODE_SHAPES[i % len(NODE_SHAPES)]}
        for i, k in enumerate(kinds)
    }
    degree = dict(g.degree())
    sizes = {n: 11 + 2.6 * degree[n] ** 0.5 for n in g.nodes}
    boxes = {n: label_box(actor(g, n).name, sizes[n]) for n in g.nodes}
    pos = positions(g, boxes)

    rels = [_relation(rel) for rel in relations(g)]
    return {
        "meta": {
            "actors": g.number_of_nodes(),
            "relations": g.number_of_edges(),
            "quotes": data.quote_count,
            "sources": len(data.sources),
        },
        "style": {"font_size": FONT_SIZE, "label_max_width": LABEL_MAX_WIDTH, "dashes": DASHES},
        "relation_types": [{"id": t, **attrs, **type_style[t]} for t, attrs in rtypes.items()],
        "actor_kinds": [{"id": k, **attrs, **kind_style[k]} for k, attrs in kinds.items()],
        "confidence_levels": [{"id": c, **attrs} for c, attrs in vocab["confidence_levels"].items()],
        "sources": vocab["sources"],
        "actors": [_actor(g, n) for n in g.nodes],
        "relations": rels,
        "contests": [
            {
                "pair": list(c.pair),
                "reason": c.reason,
                "relations": [edge_id(e) for e in c.edges],
                "conflicts": [list(pair) for pair in c.conflicts],
            }
            for c in contests(data)
        ],
        "vis": _vis_records(g, pos, sizes, type_style, kind_style),
    }


def _actor(g: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    a = actor(g, node)
    return {
        **actor_record(a),
        "fold": a.name.casefold(),  # Python's casefold, so the page sorts paths as the CLI does
        "keys": list(dict.fromkeys(name_key(s) for s in a.names)),
    }


def _dashes(rel: Relation) -> list[int] | bool:
    style = claim_style(rel)
    return list(DASHES[style]) if style else False


def _view(rel: Relation) -> dict[str, Any]:
    """What the page shows of a relation that depends on which quotes are in view; with the
    words for when no claim it conflicts with is in view (`*_alone`)."""
    alone = dataclasses.replace(rel, contested=False)
    return {
        "sentence": rel.sentence,
        "qualifiers": [{"kind": kind, "text": text} for kind, text in rel.qualifiers],
        "sentence_alone": alone.sentence,
        "qualifiers_alone": [{"kind": kind, "text": text} for kind, text in alone.qualifiers],
        "confidence": rel.confidence.id if rel.confidence else None,
        "attributed_to": rel.attributed_to,
        "claim_style": claim_style(rel),
        "dashes": _dashes(rel),
        "weight": [int(w) for w in weight(rel)],
    }


def _relation(rel: Relation) -> dict[str, Any]:
    """A relation's record for the page, with each quote's context and, for the page's evidence
    filters, the relation as each filter leaves it (keyed by the passing quotes' positions)."""
    record = relation_record(rel)
    for ev, q in zip(record["evidence"], rel.quotes, strict=True):
        context = quote_context(q.source.text, q.spans)
        ev["context"] = [list(p) for p in context] if context else None
    every = tuple(range(len(rel.quotes)))
    return {
        **record,
        **_view(rel),
        "phrase": rel.phrase,
        "views": {",".join(map(str, k)): _view(v) for k, v in views(rel).items() if k != every},
    }


def relation_title(rel: Relation) -> str:
    """The hover text of an edge: plain text, as vis-network shows string titles."""
    n = len(rel.quotes)
    return f"{rel.sentence}\n{n} quote{'s' if n != 1 else ''} · click for the evidence"


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
    data = dataset(g)
    for node in g.nodes:
        a = actor(g, node)
        style = kind_style[a.kind]
        fill = style["color"]
        border = _shade(fill, 0.55)
        kind = data.actor_kinds.get(a.kind)
        title = f"{a.name} ({kind.label if kind else a.kind})"
        if a.aliases:
            title += "\nalso: " + ", ".join(a.aliases)
        x, y = pos[node]
        net.add_node(
            node,
            label=a.name,
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
    rels = list(relations(g))
    bends = _bends(g, [(r.source.id, r.target.id) for r in rels])
    for i, rel in enumerate(rels):
        colour = type_style[rel.key]["color"]
        net.add_edge(
            rel.source.id,
            rel.target.id,
            id=rel.id,
            color={"color": colour, "highlight": colour, "hover": colour, "inherit": False},
            arrows="to" if rel.directed else "",
            dashes=_dashes(rel),
            label="contested" if rel.contested else None,
            smooth=bends[i],
            title=relation_title(rel),
        )
    return {"nodes": net.nodes, "edges": net.edges}


def _bends(g: nx.MultiDiGraph, edges: list[tuple[str, str]]) -> list[Any]:
    """Parallel relations between two actors curve apart, symmetrically, so each stays clickable.

    vis-network bends `curvedCW` to the right of the edge's own direction, so an
    edge drawn the other way round needs the opposite curve to land on the same side.
    """
    order = {n: i for i, n in enumerate(g.nodes)}
    pairs: dict[tuple[int, int], list[int]] = defaultdict(list)
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
