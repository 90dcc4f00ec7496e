"""The HTML page: one self-contained file that an analyst opens from disk, offline.

pyvis ships the vis-network library we inline (it is never imported: its
template fetches Bootstrap from a CDN, lays the graph out at random on every
load and can write tooltips as HTML, and its Network object searches lists).
Instead `template.html`, `page.css` and `page.js` beside this module are filled
in here, and everything the page needs is computed now, in Python: positions
(so the picture never moves), vis-network's records, colours, markers and shapes
per relation type and actor kind (so they follow the vocabulary in the data),
each relation's wording under each evidence filter, and each source's text once,
with every quote's context as offsets into it.

The same data always gives the same bytes: no timestamps, no random ids, a
deterministic layout. Nothing else in the package imports this module at load
time: only `build` and `watch` need it.
"""

from __future__ import annotations

import base64
import dataclasses
import gzip
import hashlib
import html
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from ...dataset.model import Dataset, name_key
from ...network.claims import EvidenceFilter, contest_record, views
from ...network.query import weight
from ...network.records import Relation, actor, actor_record, dataset, relation_record, vocabulary_records
from ..layout import LABEL_MAX_WIDTH, wrap
from ..style import (
    CLAIM_LEGEND,
    DASHES,
    FAINT,
    FONT_SIZE,
    INK,
    MARKER_GLYPHS,
    MUTED,
    SIGN_COLOURS,
    SIGN_MARKS,
    bundle_width,
    claim_style,
)
from .context import quote_window, reading_text

if TYPE_CHECKING:
    from ...network.query import Focus
    from ..scene import Scene

HERE = Path(__file__).resolve().parent


# The page's own scripts, in the order they run: the page's state and rules (no drawing, no
# DOM), the renderer behind its interface, the DOM helpers and the panels, then the page that
# wires them together and draws through the renderer.
PAGE_SCRIPTS = ("state.js", "renderer.js", "dom.js", "search.js", "card.js", "table.js", "key.js", "page.js")

_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


@dataclass(frozen=True)
class Written:
    """A page written: the data it shows, its packed data and its packed overview ("" for a map
    drawn whole): `watch` serves the same page from them."""

    data: Dataset
    meta: dict[str, Any]
    packed: str
    early: str = ""


def write_page(
    data_dir: Path,
    seeds_dir: Path,
    output: Path,
    evidence: EvidenceFilter | None = None,
    focus: Focus | None = None,
    *,
    force: bool = False,
) -> Written:
    """Check the data and write the page: the one path `build` and `watch` take. Raises
    `DataError`, writing nothing, when the data fails a check, and replaces the old page
    whole, so a curator always keeps the last good page."""
    from ...files import write_output
    from ...network.cache import checked_dataset
    from ...network.query import Focus, scoped_graph

    data = checked_dataset(data_dir, seeds_dir)  # checked again whenever an input changed
    g = scoped_graph(data, evidence or EvidenceFilter(), focus or Focus())
    payload = page_data(g)
    packed = pack(payload)
    early = early_overview(payload)
    page = fill(payload["meta"], packed, early=early)
    write_output(output, page, data_dir=data_dir, seeds_dir=seeds_dir, force=force)
    return Written(dataset(g), payload["meta"], packed, early)


def render_html(g: nx.MultiDiGraph, *, live_reload: bool = False, overview_above: int | None = None) -> str:
    """The whole page as one string. With `live_reload` (for `watch --serve`), the page also
    carries the script that reloads it after a rebuild, and its policy lets that script ask
    the server that served it. `overview_above`: the relations past which the page opens on
    its communities (communities.OVERVIEW_RELATIONS unless given)."""
    payload = page_data(g, overview_above=overview_above)
    return fill(payload["meta"], pack(payload), live_reload=live_reload, early=early_overview(payload))


def early_overview(payload: dict[str, Any]) -> str:
    """The overview packed on its own (or "" for a map drawn whole): a small block the page
    reads and draws before it parses the whole data, which takes seconds on a large map."""
    return pack(payload["overview"]) if payload.get("overview") else ""


def fill(meta: dict[str, Any], packed: str, *, live_reload: bool = False, early: str = "") -> str:
    """The page around already packed page data (`watch` fills it twice: file and served);
    `meta` is the data's own, for the title; `early`, the packed overview a large map opens on
    (see early_overview)."""
    vis_dir = _vis_dir()
    scripts = [_inline((vis_dir / "vis-network.min.js").read_text(encoding="utf-8"), "script")]
    scripts += [_inline((HERE / name).read_text(encoding="utf-8"), "script") for name in PAGE_SCRIPTS]
    if live_reload:
        scripts.append(_inline((HERE / "livereload.js").read_text(encoding="utf-8"), "script"))
    values = {
        "csp": content_security_policy(scripts, connect_self=live_reload),
        "title": html.escape(
            f"actorgraph — {meta['actors']} actors, {meta['relations']} relations"
            + (f" ({meta['scope']})" if meta["scope"] else "")
        ),
        "page_css": _inline((HERE / "page.css").read_text(encoding="utf-8"), "style"),
        "colours_css": colours_css(),
        "data": packed,
        # Only a large map has one: a small map's page stays as it was.
        "overview": f'<script type="application/gzip" id="actorgraph-overview">{early}</script>\n' if early else "",
        "scripts": "\n".join(f"<script>{code}</script>" for code in scripts),
    }
    template = (HERE / "template.html").read_text(encoding="utf-8")
    # One pass, so nothing inside an inserted file is ever taken for a placeholder.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def colours_css() -> str:
    """The text colours, from style.py (where a test measures their contrast), as CSS variables."""
    return f":root {{ --ink: {INK}; --muted: {MUTED}; --faint: {FAINT}; }}"


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


def pack(value: Any) -> str:
    """The page data as it sits in the page: JSON, gzipped, in base64. A tenth of the size (the
    records repeat their keys and styles ten thousand times), unpacked by the browser's own
    DecompressionStream; and nothing in it can end its element, as base64 has no `<`, `>` or
    `&`. mtime=0 keeps the bytes the same from build to build.

    Lists given as iterators (page_data's relations and lines) are encoded and compressed one
    record at a time, so the records of a large map never all exist at once, nor their JSON:
    at 50,000 relations that is the difference between half a gigabyte and most of one."""
    import io

    import msgspec  # json.dumps(ensure_ascii=False, compact)'s bytes for our values, five times faster

    encode = msgspec.json.Encoder().encode
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=1, mtime=0) as out:

        def write(item: Any) -> None:
            if isinstance(item, dict):
                out.write(b"{")
                for i, (key, inner) in enumerate(item.items()):
                    out.write(b"," if i else b"")
                    out.write(encode(str(key)) + b":")
                    write(inner)
                out.write(b"}")
            elif isinstance(item, Iterator):  # of plain records, written a thousand at a time
                out.write(b"[")
                first = True
                while batch := list(itertools.islice(item, 1000)):
                    out.write((b"" if first else b",") + b",".join(map(encode, batch)))
                    first = False
                out.write(b"]")
            else:
                out.write(encode(item))

        write(value)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


_DATA_BLOCK = re.compile(r'<script type="application/gzip" id="actorgraph-data">([A-Za-z0-9+/=]*)</script>')


def read_payload(page: str) -> dict[str, Any]:
    """The data a built page carries, unpacked: for tests, benchmarks and the curious."""
    found = _DATA_BLOCK.search(page)
    if found is None:
        raise ValueError("not an actorgraph page: no data block")
    payload: dict[str, Any] = json.loads(gzip.decompress(base64.b64decode(found.group(1))))
    return payload


def _inline(code: str, element: str) -> str:
    """Our own files and the library go in verbatim; refuse anything that would close the element."""
    lowered = code.lower()
    if f"</{element}" in lowered or "<!--" in lowered:
        raise ValueError(f"cannot inline code containing </{element} or <!--")
    return code


def _vis_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("pyvis")  # its files, without paying to import it
    if spec is None or spec.origin is None:
        raise FileNotFoundError("the pyvis package (which ships vis-network 9.1.2) is not installed")
    root = Path(spec.origin).resolve().parent
    for candidate in (root / "lib" / "vis-9.1.2", root / "templates" / "lib" / "vis-9.1.2"):
        if (candidate / "vis-network.min.js").is_file():
            return candidate
    raise FileNotFoundError(f"vis-network 9.1.2 not found in the pyvis package at {root}")


# --- the data the page runs on -------------------------------------------------------------------


def page_data(g: nx.MultiDiGraph, *, overview_above: int | None = None) -> dict[str, Any]:
    """Everything page.js reads, as plain JSON-able values in a fixed order. Relations are
    their records (sentence and citations included), so the page words nothing itself; each
    source's text is carried once, and each quote's context is offsets into it. The relations
    and vis-network's lines are iterators, made as `pack` writes them: read them once. A map
    past `overview_above` relations carries its communities (`overview`; else None)."""
    from ..communities import overview
    from ..scene import scene

    data = dataset(g)
    vocab = vocabulary_records(data)
    rtypes, kinds = vocab["relation_types"], vocab["actor_kinds"]
    laid = scene(g)
    rels = laid.relations
    pairs = _pairs(laid)
    cited = {q.doc for r in rels for q in r.quotes}
    return {
        "meta": {
            "scope": g.graph.get("scope", ""),
            "focus": g.graph.get("focus"),
            "actors": g.number_of_nodes(),
            "relations": g.number_of_edges(),
            "quotes": sum(len(r.quotes) for r in rels),
            "sources": len(data.sources),
        },
        "style": {
            "font_size": FONT_SIZE,
            "label_max_width": LABEL_MAX_WIDTH,
            "dashes": DASHES,
            "claim_legend": [{"claim": c, "name": n, "meaning": m} for c, n, m in CLAIM_LEGEND],
            "sign_colours": SIGN_COLOURS,
            "sign_marks": SIGN_MARKS,
            "marker_glyphs": MARKER_GLYPHS,
            "bundle_widths": [bundle_width(n) for n in range(max((len(p["relations"]) for p in pairs), default=1) + 1)],
            "ink": INK,
            "faint": FAINT,
        },
        "relation_types": [{"id": t, **attrs, **laid.type_style[t]} for t, attrs in rtypes.items()],
        "actor_kinds": [{"id": k, **attrs, **laid.kind_style[k]} for k, attrs in kinds.items()],
        "confidence_levels": [{"id": c, **attrs} for c, attrs in vocab["confidence_levels"].items()],
        "sources": vocab["sources"],
        "source_kinds": vocab["source_kinds"],
        "texts": {doc: reading_text(data.sources[doc].text) for doc in data.sources if doc in cited},
        "actors": [_actor(g, n) for n in g.nodes],
        "relations": (_relation(rel) for rel in rels),
        "pairs": pairs,
        "contests": [contest_record(c) for c in g.graph["contests"]],
        "drawing": _drawing(g, laid, pairs),
        "overview": overview(g, laid, above=overview_above),
    }


def _pairs(laid: Scene) -> list[dict[str, Any]]:
    """Every pair of related actors with its relations, best attested first: what a bundle draws."""
    return [
        {"id": f"pair:{u}|{v}", "source": u, "target": v, "relations": [r.id for r in sorted(members, key=weight)]}
        for (u, v), members in laid.pairs.items()
    ]


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
    words for when no claim it conflicts with is in view (`*_alone`, only on a contested one)."""
    alone = {}
    if rel.contested:
        plain = dataclasses.replace(rel, contested=False)
        alone = {
            "sentence_alone": plain.sentence,
            "qualifiers_alone": [{"kind": kind, "text": text} for kind, text in plain.qualifiers],
        }
    return {
        "sentence": rel.sentence,
        "qualifiers": [{"kind": kind, "text": text} for kind, text in rel.qualifiers],
        **alone,
        **_summary(rel),
        "confidence": rel.confidence.id if rel.confidence else None,
        "attributed_to": rel.attributed_to,
        "claim_style": claim_style(rel),
        "dashes": _dashes(rel),
        "weight": [int(w) for w in weight(rel)],
    }


def _summary(rel: Relation) -> dict[str, str]:
    """How sure and whose claim, in words for the card, counted over the quotes that claim the
    relation: "stated plainly" only when every one of them is, "the source's own" only when no
    one of them puts it in someone else's mouth."""
    quotes = rel.supporting
    n = len(quotes)
    hedged = [q for q in quotes if q.confidence is not None]
    attributed = [q for q in quotes if q.attributed_to]
    every = "" if n == 1 else f" (all {n} quotes)"
    if not n:
        return {"how_sure": "no quote claims it", "whose": "no quote claims it"}
    if not hedged:
        sure = "stated plainly (no hedge)" + every
    else:
        levels = ", ".join(dict.fromkeys(q.confidence.label for q in hedged if q.confidence))
        if len(hedged) == n:
            level = rel.confidence
            sure = f"{level.label} — {level.definition}" if level else levels
            sure += "" if n == 1 else f" (every quote hedged: {levels})"
        else:
            sure = f"{len(hedged)} of {n} quotes hedged ({levels}); the other{'s' if n - len(hedged) > 1 else ''} plain"
    names = " and ".join(dict.fromkeys(q.attributed_to for q in attributed if q.attributed_to))
    if not attributed:
        whose = "the source's own" + every
    elif len(attributed) == n:
        whose = f"only according to {names}" + every
    else:
        whose = f"{len(attributed)} of {n} quotes only according to {names}; the others the source's own"
    return {"how_sure": sure, "whose": whose}


def _relation(rel: Relation) -> dict[str, Any]:
    """A relation's record for the page, with each quote's context (offsets into its source's
    text) and, for the page's evidence filters, the relation as each filter leaves it (keyed by
    the passing quotes' positions)."""
    record = relation_record(rel)
    for ev, q in zip(record["evidence"], rel.quotes, strict=True):
        window = quote_window(q.source.text, q.spans)
        ev["context"] = [list(p) for p in window] if window else None
    every = tuple(range(len(rel.quotes)))
    return {
        **record,
        **_view(rel),
        "phrase": rel.phrase,
        "views": {",".join(map(str, k)): _view(v) for k, v in views(rel).items() if k != every},
    }


def _drawing(g: nx.MultiDiGraph, laid: Scene, pairs: list[dict[str, Any]]) -> dict[str, Any]:
    """What renderer.js draws, fixed at build time: every actor (least connected first, so hubs
    are drawn, labelled and clicked on top) with its position, size, shape, colours, label lines
    and label size; every relation's line (its ends, bend, colour, mark and arrow); and, for
    every pair of actors with more than one relation, a bundle, one link drawn instead of
    their lines. What is shown, bright or faded is the page's to say."""
    data = dataset(g)
    nodes = []
    for node in sorted(g.nodes, key=lambda n: g.degree(n)):  # stable: ties stay in curated order
        a = actor(g, node)
        style = laid.kind_style[a.kind]
        kind = data.actor_kinds.get(a.kind)
        title = f"{a.name} ({kind.label if kind else a.kind})"
        if a.aliases:
            title += "\nalso: " + ", ".join(a.aliases)
        x, y = laid.positions[node]
        nodes.append(
            {
                "id": node,
                "label": a.name,
                "lines": wrap(a.name),
                "shape": style["shape"],
                "fill": style["color"],
                "border": style["border"],
                "size": round(laid.sizes[node], 1),
                "font_size": laid.label_sizes[node],
                "title": title,
                "x": x,
                "y": y,
            }
        )
    return {"nodes": nodes, "lines": _lines(laid, pairs)}


def _lines(laid: Scene, pairs: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for rel in laid.relations:
        style = laid.type_style[rel.key]
        yield {
            "id": rel.id,
            "from": rel.source.id,
            "to": rel.target.id,
            "bend": laid.bends[rel.id],
            "colour": style["color"],
            "marker": style["marker"],
            "directed": rel.directed,
        }
    for pair in pairs:
        if len(pair["relations"]) < 2:
            continue
        # Its colour, count, marks and pattern come from the relations shown at the moment.
        ends = {"from": pair["source"], "to": pair["target"]}
        yield {
            "id": pair["id"],
            **ends,
            "bend": 0,
            "colour": SIGN_COLOURS["neutral"],
            "marker": None,
            "directed": False,
        }
