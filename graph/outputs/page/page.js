/* actorgraph page: the network, the panel and the details card.
 *
 * Everything shown comes from the data block #actorgraph-data, written at build time. Data is
 * only ever put on the page as text (textContent, text nodes, attribute values), never parsed as
 * HTML: names, aliases and quotes come from curators and from source texts, and must show as
 * written. Positions are fixed at build time, so physics stays off.
 */
'use strict';

/** The build's data: JSON, gzipped, in base64 (see actorgraph.outputs.page.pack). */
async function readData() {
  const text = document.getElementById('actorgraph-data').textContent.trim();
  let bytes;
  if (Uint8Array.fromBase64) {
    bytes = Uint8Array.fromBase64(text); // the browser's own decoder: a tenth of the time on a large map
  } else {
    const packed = atob(text);
    bytes = new Uint8Array(packed.length);
    for (let i = 0; i < packed.length; i += 1) bytes[i] = packed.charCodeAt(i);
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text());
}

(async () => {
  const DATA = await readData();
  const FONT_FACE = getComputedStyle(document.body).fontFamily || 'sans-serif';
  const LARGE_GRAPH = 1500;  // relations
  const LABEL_COLOUR = DATA.style.ink;
  const MARK_SCALE = 0.4; // on a large map, lines carry their marks from this zoom in
  const MAX_PATHS = 1000; // as actorgraph.network.query.MAX_PATHS
  // No animated moves for readers who ask for none, nor on a large map, where every frame of the
  // move would redraw thousands of lines.
  const MOTION = !window.matchMedia('(prefers-reduced-motion: reduce)').matches && DATA.meta.relations <= LARGE_GRAPH;

  // --- indexes -------------------------------------------------------------------------------

  const actors = new Map(DATA.actors.map((a) => [a.id, a]));
  const relations = new Map(DATA.relations.map((r) => [r.id, r]));
  const types = new Map(DATA.relation_types.map((t) => [t.id, t]));
  const typeOrder = new Map(DATA.relation_types.map((t, i) => [t.id, i]));
  const kinds = new Map(DATA.actor_kinds.map((k) => [k.id, k]));
  const levels = new Map(DATA.confidence_levels.map((c) => [c.id, c]));
  const pairs = new Map(DATA.pairs.map((p) => [p.id, p]));
  const pairOf = new Map(); // relation id -> the id of its pair of actors
  for (const p of DATA.pairs) for (const id of p.relations) pairOf.set(id, p.id);

  /** Same as actorgraph.dataset.model.name_key: case, spaces and punctuation ignored. */
  function nameKey(text) {
    const folded = String(text).toUpperCase().toLowerCase().replace(/ς/g, 'σ');
    return Array.from(folded).filter((ch) => /[\p{L}\p{N}]/u.test(ch)).join('');
  }

  const byKey = new Map(); // first actor to claim a spelling keeps it, as in actorgraph.network.query.resolve
  for (const a of DATA.actors) for (const k of a.keys) if (!byKey.has(k)) byKey.set(k, a.id);

  const pairRelations = new Map(); // "u\0v" -> relations stored u -> v, in data order
  const incident = new Map(DATA.actors.map((a) => [a.id, []]));
  for (const r of DATA.relations) {
    const key = `${r.source}\u0000${r.target}`;
    if (!pairRelations.has(key)) pairRelations.set(key, []);
    pairRelations.get(key).push(r);
    incident.get(r.source).push(r);
    if (r.target !== r.source) incident.get(r.target).push(r);
  }

  const name = (id) => (actors.has(id) ? actors.get(id).name : id);
  const year = (value) => parseInt(String(value).slice(0, 4), 10);

  // --- DOM helpers: text only ---------------------------------------------------------------

  /** createElement with properties and children; strings always become text nodes. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    for (const child of children) node.append(child);
    return node;
  }

  /** A line in a relation type's colour with its mark in the middle (`marker`, as vis-network
   * draws it); an arrowhead when the type is directed; the pattern (`claim`: a key of
   * DATA.style.dashes) of a hedged or attributed claim; `width` for a bundle's thicker link. */
  function lineSwatch(colour, { directed = false, claim = null, marker = null, width = 2.5 } = {}) {
    const box = svg('svg', { class: 'swatch', width: 30, height: 12, viewBox: '0 0 30 12', 'aria-hidden': 'true' });
    const line = svg('line', { x1: 1, y1: 6, x2: directed ? 22 : 29, y2: 6, stroke: colour, 'stroke-width': width });
    if (claim) line.setAttribute('stroke-dasharray', DATA.style.dashes[claim].map((v) => v * 0.7).join(' '));
    box.append(line);
    if (marker) box.append(markerShape(marker, colour, 12, 6));
    if (directed) box.append(svg('polygon', { points: '20,1.5 29,6 20,10.5', fill: colour }));
    return box;
  }

  /** A relation type's middle mark, drawn small at (x, y), pointing along the line. */
  function markerShape(kind, colour, x, y) {
    const s = 3.4;
    const filled = { fill: colour, stroke: colour, 'stroke-width': 1 };
    const stroked = { fill: 'none', stroke: colour, 'stroke-width': 1.6 };
    const poly = (pts) => svg('polygon', { ...filled, points: pts.map(([a, b]) => `${(x + a).toFixed(1)},${(y + b).toFixed(1)}`).join(' ') });
    switch (kind) {
      case 'circle': return svg('circle', { ...filled, cx: x, cy: y, r: s });
      case 'box': return svg('rect', { ...filled, x: x - s, y: y - s, width: 2 * s, height: 2 * s });
      case 'diamond': return poly([[0, -s - 1], [s + 1, 0], [0, s + 1], [-s - 1, 0]]);
      case 'bar': return svg('rect', { ...filled, x: x - 1, y: y - s - 1.5, width: 2, height: 2 * s + 3 });
      case 'triangle': return poly([[-s, -s], [s, 0], [-s, s]]);
      case 'inv_triangle': return poly([[s, -s], [-s, 0], [s, s]]);
      case 'vee': return poly([[-s, -s], [s, 0], [-s, s], [-s / 3, 0]]);
      case 'crow': return svg('path', { ...stroked, d: `M${x + s},${y - s} L${x - s},${y} L${x + s},${y + s} M${x - s},${y} L${x + s},${y}` });
      case 'curve': return svg('path', { ...stroked, d: `M${x - s},${y - s} Q${x + 2 * s},${y} ${x - s},${y + s}` });
      case 'inv_curve': return svg('path', { ...stroked, d: `M${x + s},${y - s} Q${x - 2 * s},${y} ${x + s},${y + s}` });
      default: return svg('g', {});
    }
  }

  /** A relation type's swatch: its colour, mark and arrowhead. */
  const typeSwatch = (t, claim = null) => lineSwatch(t.color, { directed: t.directed, marker: t.marker, claim });

  /** The node shape vis-network draws for an actor kind, small. */
  function shapeSwatch(kind, size = 16) {
    const c = size / 2;
    const r = size / 2 - 1.5;
    const fill = kind.color;
    const stroke = kind.border; // as style.kind_style darkens it
    const common = { fill, stroke, 'stroke-width': 1.5 };
    const box = svg('svg', { class: 'swatch', width: size, height: size, viewBox: `0 0 ${size} ${size}`, 'aria-hidden': 'true' });
    const poly = (pts) => svg('polygon', { ...common, points: pts.map((p) => p.map((v) => v.toFixed(2)).join(',')).join(' ') });
    const around = (n, rot, rr = r) =>
      Array.from({ length: n }, (_, i) => {
        const a = rot + (i * 2 * Math.PI) / n;
        return [c + rr * Math.cos(a), c + rr * Math.sin(a)];
      });
    switch (kind.shape) {
      case 'diamond': box.append(poly(around(4, -Math.PI / 2))); break;
      case 'square': box.append(svg('rect', { ...common, x: 1.5, y: 1.5, width: size - 3, height: size - 3 })); break;
      case 'triangle': box.append(poly(around(3, -Math.PI / 2).map(([x, y]) => [x, y + 1.5]))); break;
      case 'triangleDown': box.append(poly(around(3, Math.PI / 2).map(([x, y]) => [x, y - 1.5]))); break;
      case 'hexagon': box.append(poly(around(6, 0))); break;
      case 'star': {
        const pts = [];
        for (let i = 0; i < 10; i += 1) {
          const a = -Math.PI / 2 + (i * Math.PI) / 5;
          const rr = i % 2 ? r * 0.45 : r;
          pts.push([c + rr * Math.cos(a), c + rr * Math.sin(a)]);
        }
        box.append(poly(pts));
        break;
      }
      default: box.append(svg('circle', { ...common, cx: c, cy: c, r }));
    }
    return box;
  }

  // --- relation wording: sentences, qualifiers and citations come written from the build ------

  /** Title, author and outlet as the source gives them, where it gives them. */
  function sourceCite(doc) {
    const s = DATA.sources[doc] || { id: doc };
    // Only http(s) addresses reach the data (check refuses others); the link opens away from
    // the page and tells the site nothing about it.
    const link = s.url && /^https?:\/\//i.test(s.url)
      ? el('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.url.replace(/^https?:\/\//i, ''))
      : null;
    const parts = [s.title ? el('cite', {}, s.title) : null, s.author, s.outlet, s.published, link];
    const out = [];
    for (const part of parts.filter(Boolean)) {
      if (out.length) out.push(' · ');
      out.push(part);
    }
    return out;
  }

  // --- the map: drawn by the renderer (renderer.js) --------------------------------------------

  const container = document.getElementById('network');
  const renderer = createRenderer(container, {
    nodes: DATA.drawing.nodes,
    lines: DATA.drawing.lines,
    style: { ink: LABEL_COLOUR, font: FONT_FACE },
    motion: () => MOTION,
    markScale: DATA.meta.relations > LARGE_GRAPH ? MARK_SCALE : 0,
    obstacles: () => [document.getElementById('map-key'), document.getElementById('details'), ...document.getElementById('toolbar').children],
  });
  const drawnLines = new Map(DATA.drawing.lines.map((l) => [l.id, l]));
  const drawnNodes = new Map(DATA.drawing.nodes.map((n) => [n.id, n]));
  // Milliseconds from navigation to the first draw, and to the frame after it: by then the
  // browser has painted what was drawn. scripts/bench.py reports the second.
  let firstDraw = true;
  renderer.on('draw', () => {
    if (!firstDraw) return;
    firstDraw = false;
    window.actorgraphFirstDraw = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => { window.actorgraphFirstFrame = performance.now(); }));
  });

  /** The whole graph with a margin, but never blown up past its natural size. */
  function fitAll(animate) {
    renderer.fit(animate);
  }

  // --- state and filters --------------------------------------------------------------------

  const state = {
    hiddenTypes: new Set(),
    hiddenKinds: new Set(),
    hiddenSources: new Set(),
    noHedged: false,
    noAttributed: false,
    year: null, // null: all years; else the last year shown ("to")
    from: null, // the first year shown; null: the same as `year` (as of one year)
    path: null, // { from, to, directed, routes, nodes: Set, edges: Set }
    view: null, // what the details card shows: { kind: 'actor'|'relation'|'pair'|'contest'|'path', id }
    focus: null, // the actor whose neighbourhood is in focus
    depth: 1, // how many steps out the neighbourhood reaches
    only: false, // hide, rather than fade, what is outside the neighbourhood
    bundled: true, // one link per pair of actors, unless the pair is in `expanded`
    expanded: new Set(),
    table: false, // the Table view is open
  };

  /** In force at some time from `from` to `y` (as of `y` alone when `from` is null). */
  const inForce = (r, y, from = y) =>
    y === null || ((r.since == null || year(r.since) <= y) && (r.until == null || year(r.until) >= (from ?? y)));
  /** As actorgraph.network.query.exists: from its founding to its dissolution, where known. */
  const exists = (a, y, from = y) =>
    y === null || ((a.founded == null || year(a.founded) <= y) && (a.dissolved == null || year(a.dissolved) >= (from ?? y)));
  const actorShown = (id) => !state.hiddenKinds.has(actors.get(id).kind) && exists(actors.get(id), state.year, state.from);
  /** The years shown, in words: "in 2016", "2014–2019", or "" for all years. */
  const yearsText = () => (state.year === null ? '' : state.from === null || state.from === state.year ? `in ${state.year}` : `${state.from}–${state.year}`);

  /** As actorgraph.network.claims.EvidenceFilter.passes: may the answer rest on this quote? */
  const quotePasses = (ev) =>
    !(state.noHedged && ev.confidence) && !(state.noAttributed && ev.attributed_to) && !state.hiddenSources.has(ev.doc);
  const passing = (r) => r.evidence.map((ev, i) => (quotePasses(ev) ? i : -1)).filter((i) => i >= 0);

  /**
   * The relation as the evidence filters leave it: sentence, qualifiers, hedge, claimant and
   * line pattern, all written by the build for each filter (`views`); undefined when no quote
   * that claims it passes.
   */
  function view(r) {
    if (views.has(r.id)) return views.get(r.id);
    const keep = passing(r);
    const v = keep.length === r.evidence.length ? r : r.views[keep.join(',')];
    views.set(r.id, v);
    return v;
  }
  // Each relation's view under the evidence filters in force, worked out once per change of them
  // (a render asks for each several times); every change to them goes through applyFilters.
  const views = new Map();

  const relationShown = (r) =>
    !state.hiddenTypes.has(r.type) && inForce(r, state.year, state.from) && actorShown(r.source) && actorShown(r.target) &&
    view(r) !== undefined;

  /** Whether the disagreement is still in view: a conflicting relation shown, or a quote that
   * disputes it passing the evidence filters (the build says which relations conflict). */
  function contestedNow(r) {
    if (!r.contested) return false;
    if (r.opposed_by.some((id) => relations.has(id) && relationShown(relations.get(id)))) return true;
    return passing(r).some((i) => r.evidence[i].stance === 'disputes');
  }

  /** The sentence and qualifiers to show now, as the build wrote them for this view. */
  function words(r) {
    const v = view(r) || r;
    return contestedNow(r)
      ? { sentence: v.sentence, qualifiers: v.qualifiers }
      : { sentence: v.sentence_alone ?? v.sentence, qualifiers: v.qualifiers_alone ?? v.qualifiers };
  }

  const contestShown = (c) =>
    c.conflicts.some(([a, b]) => [a, b].every((id) => relations.has(id) && relationShown(relations.get(id)))) ||
    c.relations.some((id) => relations.has(id) && relationShown(relations.get(id)) && contestedNow(relations.get(id)));

  /** What the filters changed: the path is walked again over what is shown, then all is drawn. */
  function applyFilters() {
    views.clear();
    if (state.path) {
      state.path = walk(state.path.from, state.path.to, state.path.directed);
      sayPath();
    }
    render();
    refreshView(); // the card says what is hidden now
  }

  /** Each actor within `depth` steps of `id` over the relations shown, with its distance. */
  function neighbourhood(id, depth, shown) {
    const next = new Map();
    for (const r of shown) {
      if (!next.has(r.source)) next.set(r.source, []);
      if (!next.has(r.target)) next.set(r.target, []);
      next.get(r.source).push(r.target);
      next.get(r.target).push(r.source);
    }
    const dist = new Map([[id, 0]]);
    let frontier = [id];
    for (let d = 1; d <= depth && frontier.length; d += 1) {
      const following = [];
      for (const u of frontier) {
        for (const v of next.get(u) || []) {
          if (!dist.has(v)) {
            dist.set(v, d);
            following.push(v);
          }
        }
      }
      frontier = following;
    }
    return dist;
  }

  /** What stays bright while the rest fades: the path, or the focused actor's neighbourhood;
   * null when nothing is singled out. */
  function lit(shown) {
    if (state.path) return { nodes: state.path.nodes, edges: state.path.edges };
    if (!state.focus) return null;
    // As `--focus` on the command line: the actors within `depth` steps, every relation among them.
    const dist = neighbourhood(state.focus, state.depth, shown);
    const near = (r) => dist.has(r.source) && dist.has(r.target);
    return { nodes: new Set(dist.keys()), edges: new Set(shown.filter(near).map((r) => r.id)) };
  }

  /** The relations of a pair that are shown now, best attested first. */
  const pairShown = (p, shownIds) => p.relations.filter((id) => shownIds.has(id)).map((id) => relations.get(id));

  /** Whether a pair is drawn as one link: bundling on, the pair not expanded, at least two of
   * its relations shown, none of them on the path being traced (a path shows its own lines). */
  function bundled(p, shownIds, members = pairShown(p, shownIds)) {
    if (!state.bundled || state.expanded.has(p.id) || !drawnLines.has(p.id)) return false;
    if (state.path && p.relations.some((id) => state.path.edges.has(id))) return false;
    return members.length >= 2;
  }

  /** The sign a bundle is drawn with (a key of style.SIGN_COLOURS): mixed when its relations
   * pull both ways or are contested now. */
  function signOf(rels) {
    const signs = new Set(rels.map((r) => r.sign));
    if (rels.some(contestedNow) || (signs.has(1) && signs.has(-1))) return 'mixed';
    return signs.has(1) ? 'cooperative' : signs.has(-1) ? 'hostile' : 'neutral';
  }

  /**
   * How a bundle's relations are claimed, as they are in view: the pattern it is drawn with
   * (a key of DATA.style.dashes, or null for solid) and, when only some are qualified, how
   * many. A bundle is solid only when one of its relations is stated plainly as the source's
   * own; when none is, it takes the pattern they share (dashed: all hedged; dotted: all
   * someone else's; dash-dot: both, or some one and some the other).
   */
  function bundleClaim(rels) {
    const styles = rels.map((r) => (view(r) || r).claim_style);
    const qualified = styles.filter(Boolean).length;
    if (qualified < rels.length) return { claim: null, qualified };
    const hedged = styles.every((c) => c.includes('hedged'));
    const attributed = styles.every((c) => c.includes('attributed'));
    const claim = hedged && !attributed ? 'hedged' : attributed && !hedged ? 'attributed' : 'hedged and attributed';
    return { claim, qualified };
  }

  /** A bundle's label: its sign's mark, how many relations, the marks of their types, and how
   * many are hedged or someone else's claim when some are and some are not. */
  function bundleLabel(rels, { claim, qualified } = bundleClaim(rels)) {
    const marks = [...new Set(rels.map((r) => r.type))]
      .sort((a, b) => typeOrder.get(a) - typeOrder.get(b))
      .map((t) => DATA.style.marker_glyphs[types.get(t).marker] || '');
    const mixed = !claim && qualified ? ` · ${qualified} of ${rels.length} hedged or others’` : '';
    return `${DATA.style.sign_marks[signOf(rels)]}${rels.length} ${marks.join('')}${mixed}`;
  }

  /** The bundle's hover text: every relation it draws, in words. */
  function bundleTitle(p, members) {
    return `${members.length} relations between ${name(p.source)} and ${name(p.target)}:\n` +
      `${members.map((r) => `• ${words(r).sentence}`).join('\n')}\nClick for their evidence.`;
  }

  /** What was drawn last: singled-out sets, and each line's look (for drawnAs and hover text). */
  let drawn = { on: null, only: false, lines: new Map() };

  /** The actors: shown or hidden, bright or faded, and how much their label matters (what is
   * singled out first, then the best connected: the renderer places labels in that order and
   * leaves off any that would overlap one already placed). */
  function nodeLooks(on, only) {
    const looks = new Map();
    const n = DATA.drawing.nodes.length;
    DATA.drawing.nodes.forEach((node, i) => {
      const bright = !on || on.nodes.has(node.id);
      const focusBonus = on && bright ? (node.id === state.focus ? 3 * n : 2 * n) : 0;
      looks.set(node.id, {
        hidden: !actorShown(node.id) || (only && !bright),
        bright,
        label: bright,
        labelSize: on && bright ? Math.max(node.font_size, 14) : node.font_size,
        strong: Boolean(on && bright),
        priority: i + focusBonus, // hubs come last in the build's order
      });
    });
    return looks;
  }

  const HIDDEN = Object.freeze({ hidden: true });

  function render() {
    if (state.focus && !actorShown(state.focus)) setFocus(null, { draw: false }); // filtered away
    const shown = DATA.relations.filter(relationShown);
    const shownIds = new Set(shown.map((r) => r.id));
    const on = lit(shown);
    const only = Boolean(on && state.focus && state.only && !state.path);
    const asOne = new Map(); // pair id -> its relations shown, for the pairs drawn as one link
    for (const p of DATA.pairs) {
      if (p.relations.length < 2) continue;
      const members = pairShown(p, shownIds);
      if (bundled(p, shownIds, members)) asOne.set(p.id, members);
    }
    const lines = new Map();
    for (const r of DATA.relations) {
      const bright = !on || on.edges.has(r.id);
      const visible = shownIds.has(r.id) && !asOne.has(pairOf.get(r.id)) && !(only && !bright);
      if (!visible) {
        lines.set(r.id, HIDDEN);
        continue;
      }
      const v = view(r);
      lines.set(r.id, {
        hidden: false,
        bright,
        dashes: v.dashes || null,
        width: state.path && bright ? 4 : 2,
        colour: drawnLines.get(r.id).colour,
        marked: true,
        label: contestedNow(r) ? 'contested' : '',
      });
    }
    for (const p of DATA.pairs) {
      if (!drawnLines.has(p.id)) continue;
      if (!asOne.has(p.id)) {
        lines.set(p.id, HIDDEN);
        continue;
      }
      const members = asOne.get(p.id);
      const bright = !on || members.some((r) => on.edges.has(r.id));
      const claimed = bundleClaim(members);
      const { claim, qualified } = claimed;
      const strands = qualified ? [...new Set(members.map((r) => (view(r) || r).claim_style).filter(Boolean))] : [];
      lines.set(p.id, {
        // Some plainly stated, some not: drawn as two strands, one solid and one patterned.
        strand: !claim && qualified ? DATA.style.dashes[strands.length === 1 ? strands[0] : 'hedged and attributed'] : null,
        hidden: only && !bright,
        bright,
        dashes: claim ? DATA.style.dashes[claim] : null,
        claim,
        colour: DATA.style.sign_colours[signOf(members)],
        width: DATA.style.bundle_widths[Math.min(members.length, DATA.style.bundle_widths.length - 1)],
        marked: false,
        label: bundleLabel(members, claimed),
        members: members.map((r) => r.id),
      });
    }
    drawn = { on, only, lines };
    renderer.draw({ nodes: nodeLooks(on, only), lines, singled: Boolean(on) });

    buildContests();
    const actorsShown = DATA.actors.filter((a) => actorShown(a.id) && !(only && !on.nodes.has(a.id))).length;
    const relationsShown = only ? shown.filter((r) => on.edges.has(r.id)).length : shown.length;
    const when = state.year === null ? '' : ` ${yearsText()}`;
    document.getElementById('status').textContent =
      `${actorsShown} of ${DATA.actors.length} actors · ${relationsShown} of ${DATA.relations.length} relations${when}`;
    if (state.table) renderTable();
    remember();
  }

  /** A line's hover text, as the evidence filters leave it: what it says, who says it, how sure. */
  function lineTitle(r) {
    const n = passing(r).length;
    return `${words(r).sentence}\n${n} quote${n === 1 ? '' : 's'} · click for the evidence`;
  }

  /** The hover text of what the renderer found under the pointer: the same thing a click opens. */
  function titleOf(hit) {
    if (!hit) return '';
    if (hit.kind === 'node') return drawnNodes.get(hit.id).title;
    if (pairs.has(hit.id)) {
      const p = pairs.get(hit.id);
      return bundleTitle(p, (drawn.lines.get(hit.id)?.members || []).map((id) => relations.get(id)));
    }
    return lineTitle(relations.get(hit.id));
  }

  const tooltip = document.getElementById('tooltip');
  let tooltipTimer = 0;
  renderer.on('hover', ({ hit, at }) => {
    clearTimeout(tooltipTimer);
    if (!hit) {
      tooltip.hidden = true;
      return;
    }
    tooltipTimer = setTimeout(() => {
      tooltip.textContent = titleOf(hit);
      tooltip.dataset.kind = hit.kind;
      tooltip.dataset.id = hit.id;
      const box = container.getBoundingClientRect();
      tooltip.style.left = `${Math.min(at.x + 14, box.width - 320)}px`;
      tooltip.style.top = `${Math.min(at.y + 14, box.height - 80)}px`;
      tooltip.hidden = false;
    }, 150);
  });

  // --- details card -------------------------------------------------------------------------

  const details = document.getElementById('details');
  const detailsBody = document.getElementById('details-body');

  const announcer = document.getElementById('announce');
  /** Tell a screen reader, briefly, what just changed (the card itself is not a live region). */
  function announce(text) {
    announcer.textContent = text;
  }

  let opener = null; // where the keyboard was when the card opened: where it goes back to
  let refreshing = false; // the card is being redrawn because a filter changed, not opened

  /** Whether the keyboard can go back to `node`: still on the page and shown (not, say, in a
   * closed drawer). */
  const reachable = (node) =>
    node && node.isConnected && (node.checkVisibility ? node.checkVisibility({ visibilityProperty: true }) : node.offsetParent !== null);

  /**
   * Show `content` in the card, and announce it briefly. The keyboard moves into the card (to
   * its title) when the card opens, or when its content is replaced under the keyboard; a
   * refresh after a filter changed leaves the keyboard where it is and announces nothing.
   */
  function openDetails(view, ...content) {
    const wasHidden = details.hidden;
    const active = document.activeElement;
    const underKeyboard = details.contains(active) || active === document.body || active === null;
    if (wasHidden && active && active !== document.body) opener = active;
    state.view = view;
    detailsBody.replaceChildren(...content.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
    const title = detailsBody.querySelector('h3');
    if (title) {
      title.id = 'details-title';
      title.tabIndex = -1;
    }
    details.hidden = false;
    details.scrollTop = 0;
    if (refreshing || !title) return;
    if (wasHidden || underKeyboard) title.focus({ preventScroll: true });
    const kicker = detailsBody.querySelector('.kicker');
    announce(`${kicker ? `${kicker.textContent}: ` : ''}${title.textContent}`);
  }

  function closeDetails() {
    const inside = details.contains(document.activeElement);
    details.hidden = true;
    state.view = null;
    renderer.select(null);
    if (state.focus) setFocus(null);
    if (tableRow) {
      const row = tableRow;
      tableRow = null;
      setTable(true);
      const back = tableView.querySelector(`[data-row="${CSS.escape(row)}"]`);
      if (back) back.focus();
      opener = null;
      return;
    }
    if (inside) (reachable(opener) ? opener : container).focus({ preventScroll: true });
    opener = null;
  }

  const actorLink = (id) => el('button', { type: 'button', class: 'linkish', onclick: () => selectActor(id) }, name(id));

  function backToPath() {
    if (!state.path || state.view?.kind === 'path') return null;
    return el('p', { class: 'back' }, el('button', { type: 'button', class: 'linkish', onclick: showPath }, '← Back to the paths'));
  }

  function showActor(id) {
    const a = actors.get(id);
    const kind = kinds.get(a.kind) || { label: a.kind, color: '#999999', shape: 'dot' };
    const facts = [];
    if (a.region) facts.push(['Region', a.region]);
    if (a.founded) facts.push(['Founded', a.founded]);
    facts.push(['Id', a.id]);

    const mine = incident.get(id);
    const groups = DATA.relation_types
      .map((t) => {
        const hops = mine
          .filter((r) => r.type === t.id)
          .map((r) => {
            const other = r.source === id ? r.target : r.source;
            const direction = !r.directed ? 'both' : r.source === id ? 'forward' : 'backward';
            return { r, other, direction };
          })
          .sort((x, y) => cmp(x.direction, y.direction) || cmp(actors.get(x.other).fold, actors.get(y.other).fold));
        return { t, hops };
      })
      .filter((g) => g.hops.length);

    const sections = groups.map(({ t, hops }) => [
      el('h5', {}, typeSwatch(t), `${t.label} (${hops.length})`),
      el(
        'ul',
        { class: 'rels' },
        hops.map(({ r }) =>
          el(
            'li',
            {},
            el('button', { type: 'button', class: 'linkish', onclick: () => selectRelation(r.id) }, r.phrase),
            tags(r),
          ),
        ),
      ),
    ]);

    openDetails(
      { kind: 'actor', id },
      backToPath(),
      el('p', { class: 'kicker' }, shapeSwatch(kind, 14), kind.label),
      el('h3', {}, a.name),
      a.aliases && a.aliases.length ? el('p', { class: 'aliases' }, `Also: ${a.aliases.join(' · ')}`) : null,
      a.description ? el('p', {}, a.description) : null,
      el('dl', { class: 'facts' }, facts.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
      el('h4', {}, `${mine.length} relation${mine.length === 1 ? '' : 's'}`,
        mine.some((r) => !relationShown(r)) ? ` (${mine.filter((r) => !relationShown(r)).length} hidden by the filters)` : ''),
      longListFilter(mine.length),
      sections,
    );
  }

  function tags(r) {
    const out = words(r).qualifiers.map((q) => el('span', { class: `tag ${q.kind}` }, q.text));
    if (!relationShown(r)) out.push(el('span', { class: 'tag' }, 'hidden'));
    return out;
  }

  /** A quote's surroundings, cut from its source's text (carried once in the page) by the
   * offsets the build computed: plain text, the quoted words marked, gaps where text is left out. */
  function contextBlock(doc, parts) {
    const text = DATA.texts[doc] || '';
    const p = el('p', { class: 'context' });
    for (const [kind, a, b] of parts) {
      if (kind === 'mark') p.append(el('mark', {}, text.slice(a, b)));
      else if (kind === 'gap') p.append(el('span', { class: 'gap', title: 'text left out' }, ' … '));
      else p.append(document.createTextNode(text.slice(a, b)));
    }
    return p;
  }

  /** A quote's own hedge and speaker, in words: what qualifies this quote and no other. */
  function quoteQualifiers(ev) {
    const level = ev.confidence ? levels.get(ev.confidence) : null;
    const sure = level ? `Hedged: ${level.label}${level.definition ? ` (${level.definition})` : ''}` : 'Stated plainly';
    const whose = ev.attributed_to ? `Speaker: ${ev.attributed_to}` : 'Speaker: the source’s author';
    const stance = ev.stance === 'disputes' ? ['Disputes the relation'] : [];
    return el('p', { class: 'quote-qualifiers' }, [...stance, sure, whose].join(' · '));
  }

  function evidenceBlock(ev) {
    const about = sourceCite(ev.doc);
    return el(
      'div',
      { class: 'evidence' },
      el('blockquote', { class: 'quote' }, `“${ev.quote}”`),
      quoteQualifiers(ev),
      el('p', { class: 'cite' }, ev.citation),
      about.length ? el('p', { class: 'cite source' }, about) : null,
      ev.context ? [el('p', { class: 'context-label' }, 'In the source'), contextBlock(ev.doc, ev.context)] : null,
    );
  }

  function showRelation(id) {
    const r = relations.get(id);
    const v = view(r) || r;
    const t = types.get(r.type) || { label: r.label, color: '#999999', directed: r.directed, definition: '' };
    const facts = [];
    facts.push([
      'Direction',
      r.directed
        ? [actorLink(r.source), ' → ', actorLink(r.target)]
        : ['between ', actorLink(r.source), ' and ', actorLink(r.target)],
    ]);
    // Counted over the quotes in view by the build: "stated plainly" only when every one is.
    facts.push(['How sure', v.how_sure]);
    facts.push(['Whose claim', v.whose]);
    if (r.since) facts.push(['Since', r.since]);
    if (r.until) facts.push(['Until', r.until]);
    const against = r.opposed_by.map((o) => relations.get(o)).filter((o) => o && relationShown(o));
    if (contestedNow(r)) {
      const links = against.map((o) =>
        el('li', {}, el('button', { type: 'button', class: 'linkish', onclick: () => selectRelation(o.id) }, words(o).sentence)),
      );
      const disputed = passing(r).some((i) => r.evidence[i].stance === 'disputes');
      facts.push([
        'Contested',
        [links.length ? el('ul', { class: 'rels' }, links) : null, disputed ? 'A source disputes it (see its quotes).' : null],
      ]);
    }
    const keep = new Set(passing(r));
    const hidden = r.evidence.length - keep.size;

    openDetails(
      { kind: 'relation', id },
      backToPath(),
      el('p', { class: 'kicker' }, lineSwatch(t.color, { directed: t.directed, marker: t.marker, claim: v.claim_style }), t.label),
      el('h3', {}, r.phrase),
      t.definition ? el('p', { class: 'aliases' }, t.definition) : null,
      el('dl', { class: 'facts' }, facts.map(([k, val]) => [el('dt', {}, k), el('dd', {}, val)])),
      r.note ? el('p', { class: 'note' }, el('strong', {}, 'Note: '), r.note) : null,
      pairLink(r),
      el('h4', {}, `Evidence (${keep.size})`),
      r.evidence.filter((_, i) => keep.has(i)).map(evidenceBlock),
      hidden ? el('p', { class: 'aliases' }, `${hidden} more quote${hidden === 1 ? '' : 's'} left out by the evidence filters.`) : null,
    );
  }

  /** The way, by keyboard, to a bundle's card: every relation between the same two actors. */
  function pairLink(r) {
    const p = pairs.get(pairOf.get(r.id));
    if (!p || p.relations.length < 2) return null;
    return el('p', {}, el('button', { type: 'button', class: 'linkish', onclick: () => selectPair(p.id) },
      `All ${p.relations.length} relations between ${name(p.source)} and ${name(p.target)}`));
  }

  function showContest(i) {
    const c = DATA.contests[i];
    const rels = c.relations.map((id) => relations.get(id)).filter(Boolean);
    openDetails(
      { kind: 'contest', id: i },
      el('p', { class: 'kicker' }, 'Contested pair'),
      el('h3', {}, `${name(c.pair[0])} and ${name(c.pair[1])}`),
      el('p', { class: 'aliases' }, `The sources disagree: ${c.reason}.`),
      rels.map((r) => [
        el('h4', {}, el('button', { type: 'button', class: 'linkish', onclick: () => selectRelation(r.id) }, words(r).sentence)),
        r.evidence.filter((_, j) => passing(r).includes(j)).map((ev) => [el('blockquote', {}, `“${ev.quote}”`), el('div', { class: 'cite' }, ev.citation)]),
      ]),
    );
  }

  /**
   * Open an actor's card and focus on it: its neighbourhood stays bright, the rest fades, and
   * the view brings it clear of the card (`zoom`: as large as fits, for a search; otherwise
   * moving only as far as needed, for a click).
   */
  function selectActor(id, { zoom = true } = {}) {
    if (!actorShown(id)) {
      // An analyst who asks for an actor must see it, whatever the filters said.
      state.hiddenKinds.delete(actors.get(id).kind);
      syncChecks();
      applyFilters();
    }
    setFocus(id);
    renderer.select('node', id);
    showActor(id);
    frameFocus({ zoom });
  }

  /** Focus on an actor's neighbourhood, or (null) on nothing. */
  function setFocus(id, { draw = true } = {}) {
    state.focus = id;
    document.getElementById('focus-out').textContent = id ? name(id) : 'none';
    document.getElementById('focus-clear').disabled = !id;
    if (draw) render();
  }

  /** Bring the focused actor and its neighbourhood into the part of the view the card leaves. */
  function frameFocus({ zoom = false } = {}) {
    if (!state.focus) return;
    // The render just now lit the neighbourhood, unless a path is lit instead.
    const around = state.path || !drawn.on ? neighbourhood(state.focus, state.depth, DATA.relations.filter(relationShown)).keys() : drawn.on.nodes;
    const near = [...around].filter(actorShown);
    frame(near, { zoom });
  }

  /** The part of the canvas the card (and the toolbar) leave free, in DOM pixels: beside the
   * card on a wide screen, above it where the card is a sheet along the bottom. */
  function freeArea() {
    const box = container.getBoundingClientRect();
    const top = Math.min(48, box.height / 4); // under the toolbar
    const full = { left: 0, top, width: box.width, height: box.height - top };
    if (details.hidden) return full;
    const card = details.getBoundingClientRect();
    if (card.top - box.top > box.height * 0.25) {
      const height = card.top - box.top - top - 8;
      return height >= 140 ? { left: 0, top, width: box.width, height } : full;
    }
    const width = card.left - box.left - 12;
    return width >= 220 ? { left: 0, top, width, height: box.height - top } : full;
  }

  /**
   * Bring nodes (with their labels) into the free part of the canvas. With `zoom`, frame them
   * as large as fits (up to a little past natural size); without, keep the scale unless they
   * do not fit, and do nothing when they are already in view.
   */
  function frame(ids, { zoom = false } = {}) {
    if (!ids.length) return;
    renderer.frame(ids, freeArea(), { zoom });
  }

  function selectRelation(id) {
    const r = relations.get(id);
    if (!relationShown(r)) {
      // Shown anyway in the card; the line stays hidden until its filter is lifted.
      showRelation(id);
      return;
    }
    // A relation drawn inside a bundle selects the bundle.
    renderer.select('line', drawnAs(id) || id);
    showRelation(id);
    frame([r.source, r.target]);
  }

  function selectPair(id) {
    const p = pairs.get(id);
    renderer.select('line', id);
    showPair(id);
    frame([p.source, p.target]);
  }

  /** Draw a pair's relations as their own lines, or as one link again. */
  function toggleExpanded(id) {
    if (state.expanded.has(id)) state.expanded.delete(id);
    else state.expanded.add(id);
    render();
    if (state.view?.kind === 'pair' && state.view.id === id) showPair(id);
  }

  /** Every relation between two actors, each with its qualifiers and quotes, each openable. */
  function showPair(id) {
    const p = pairs.get(id);
    const all = p.relations.map((rid) => relations.get(rid));
    const shown = all.filter(relationShown);
    const hidden = all.length - shown.length;
    const asOne = state.bundled && !state.expanded.has(id);
    openDetails(
      { kind: 'pair', id },
      backToPath(),
      el('p', { class: 'kicker' }, lineSwatch(DATA.style.sign_colours[signOf(shown.length ? shown : all)], { width: 4 }),
        `${shown.length} relation${shown.length === 1 ? '' : 's'}`),
      el('h3', {}, `${name(p.source)} and ${name(p.target)}`),
      el('p', {}, el('button', { type: 'button', onclick: () => toggleExpanded(id) },
        asOne ? 'Draw each relation as its own line' : 'Draw them as one link')),
      longListFilter(shown.length),
      el('ul', { class: 'rels pair-rels' }, shown.map((r) => el('li', {},
        el('p', { class: 'rel-line' }, typeSwatch(types.get(r.type), (view(r) || r).claim_style),
          el('button', { type: 'button', class: 'linkish', onclick: () => selectRelation(r.id) }, r.phrase), tags(r)),
        quoteList(r)))),
      hidden ? el('p', { class: 'aliases' }, `${hidden} more relation${hidden === 1 ? '' : 's'} between them left out by the filters.`) : null,
    );
  }

  /** A relation's quotes that pass the evidence filters, each with its citation. */
  const quoteList = (r) =>
    r.evidence.filter((_, k) => passing(r).includes(k)).map((ev) => [el('blockquote', {}, `“${ev.quote}”`), quoteQualifiers(ev), el('div', { class: 'cite' }, ev.citation)]);

  /** A box that narrows a long list in the card to the items containing what is typed. */
  function longListFilter(n) {
    if (n <= 12) return null;
    return el('label', { class: 'check list-filter' }, `Filter these ${n}`, el('input', {
      type: 'search', spellcheck: 'false',
      oninput: (e) => {
        const needle = e.target.value.trim().toLowerCase();
        for (const li of detailsBody.querySelectorAll('ul.rels > li')) li.hidden = Boolean(needle) && !li.textContent.toLowerCase().includes(needle);
        for (const h of detailsBody.querySelectorAll('h5')) {
          const list = h.nextElementSibling;
          if (list) h.hidden = ![...list.children].some((li) => !li.hidden);
        }
      },
    }));
  }

  // --- paths, as actorgraph.network.query.paths ----------------------------------------------------------

  function cmp(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function cmpSeq(a, b) {
    for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
      const c = cmp(a[i], b[i]);
      if (c) return c;
    }
    return a.length - b.length;
  }

  /** Relations that let a walk go from x to y: both stored directions, own direction kept. */
  function links(x, y, directed) {
    const hops = [];
    for (const [u, v] of [[x, y], [y, x]]) {
      for (const r of pairRelations.get(`${u}\u0000${v}`) || []) {
        if (!relationShown(r)) continue;
        if (u === y && directed && r.directed) continue;
        hops.push(r);
      }
    }
    // Best attested first, as actorgraph.network.query.weight ranks them: the build gives each
    // view its weight; whether it is contested depends on what is in view now.
    const key = (r) => [Number(contestedNow(r)), ...(view(r) || r).weight.slice(1), typeOrder.get(r.type), Number(r.source !== x)];
    return hops.sort((a, b) => cmpSeq(key(a), key(b)));
  }

  /** Every shortest route from a to b over the relations now shown (breadth-first). */
  function shortestRoutes(a, b, directed) {
    const next = new Map(DATA.actors.map((x) => [x.id, new Set()]));
    for (const r of DATA.relations) {
      if (!relationShown(r)) continue;
      next.get(r.source).add(r.target);
      if (!(directed && r.directed)) next.get(r.target).add(r.source);
    }
    const dist = new Map([[a, 0]]);
    const preds = new Map([[a, []]]);
    let frontier = [a];
    while (frontier.length && !dist.has(b)) {
      const following = [];
      for (const u of frontier) {
        for (const v of next.get(u)) {
          if (!dist.has(v)) {
            dist.set(v, dist.get(u) + 1);
            preds.set(v, [u]);
            following.push(v);
          } else if (dist.get(v) === dist.get(u) + 1) {
            preds.get(v).push(u);
          }
        }
      }
      frontier = following;
    }
    if (!dist.has(b)) return [];
    const seqs = [];
    const walk = (node, tail) => {
      if (seqs.length >= MAX_PATHS) return;
      if (node === a) {
        seqs.push([a, ...tail]);
        return;
      }
      for (const p of preds.get(node)) walk(p, [node, ...tail]);
    };
    walk(b, []);
    const fold = (seq) => seq.map((n) => actors.get(n).fold);
    seqs.sort((s, t) => s.length - t.length || cmpSeq(fold(s), fold(t)));
    return seqs.map((seq) => ({
      nodes: seq,
      steps: seq.slice(1).map((y, i) => ({ from: seq[i], to: y, relations: links(seq[i], y, directed) })),
    }));
  }

  /** difflib.SequenceMatcher(None, a, b).ratio(), which the CLI's suggestions rank by. */
  function ratio(a, b) {
    const x = Array.from(a);
    const y = Array.from(b);
    const longest = (alo, ahi, blo, bhi) => {
      let best = [alo, blo, 0];
      let runs = new Map();
      for (let i = alo; i < ahi; i += 1) {
        const next = new Map();
        for (let j = blo; j < bhi; j += 1) {
          if (x[i] !== y[j]) continue;
          const k = (runs.get(j - 1) || 0) + 1;
          next.set(j, k);
          if (k > best[2]) best = [i - k + 1, j - k + 1, k];
        }
        runs = next;
      }
      return best;
    };
    const matched = (alo, ahi, blo, bhi) => {
      const [i, j, k] = longest(alo, ahi, blo, bhi);
      if (!k) return 0;
      return k + (alo < i && blo < j ? matched(alo, i, blo, j) : 0) + (i + k < ahi && j + k < bhi ? matched(i + k, ahi, j + k, bhi) : 0);
    };
    const total = x.length + y.length;
    return total ? (2 * matched(0, x.length, 0, y.length)) / total : 1;
  }

  /** As actorgraph.network.query.resolve: exact spelling (any case, spaces or punctuation),
   * else the names containing what was typed and the nearest spellings, for "did you mean". */
  function resolveTyped(typed) {
    const key = nameKey(typed);
    if (!key) return { error: 'Type a name or alias.' };
    if (byKey.has(key)) return { id: byKey.get(key) };
    const close = [];
    if (key.length >= 3) {
      for (const [k, id] of byKey) if (k.includes(key)) close.push(id);
    }
    const near = [...byKey.keys()]
      .map((k) => [ratio(key, k), k])
      .filter(([score]) => score >= 0.7)
      .sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0))
      .slice(0, 5);
    const contains = [...new Set(close)];
    for (const [, k] of near) close.push(byKey.get(k));
    return { error: `No actor is called “${typed}”.`, close: [...new Set(close)].slice(0, 5), contains };
  }

  function reportMiss(msgEl, miss, onPick) {
    msgEl.classList.add('error');
    msgEl.replaceChildren(miss.error);
    if (miss.close && miss.close.length) {
      msgEl.append(' Did you mean ');
      miss.close.forEach((id, i) => {
        if (i) msgEl.append(i === miss.close.length - 1 ? ' or ' : ', ');
        msgEl.append(el('button', { type: 'button', class: 'linkish', onclick: () => onPick(id) }, name(id)));
      });
      msgEl.append('?');
    }
  }

  const pathMsg = document.getElementById('path-msg');

  /** The shortest routes from `from` to `to` over what is shown now, and what they light up. */
  function walk(from, to, directed) {
    const routes = shortestRoutes(from, to, directed);
    const pathNodes = new Set(routes.flatMap((r) => r.nodes));
    const pathEdges = new Set(routes.flatMap((r) => r.steps.flatMap((st) => st.relations.map((x) => x.id))));
    return { from, to, directed, routes, nodes: pathNodes, edges: pathEdges };
  }

  /** The path finder's one-line answer, under its form. */
  function sayPath() {
    const { from, to, routes } = state.path;
    pathMsg.classList.toggle('error', !routes.length);
    if (!routes.length) {
      pathMsg.textContent = `No path from ${name(from)} to ${name(to)} over the relations shown.`;
    } else {
      const hops = routes[0].steps.length;
      pathMsg.textContent = `${routes.length} shortest path${routes.length === 1 ? '' : 's'}, ${hops} hop${hops === 1 ? '' : 's'}.`;
    }
  }

  function findPath(from, to, directed) {
    pathMsg.classList.remove('error');
    if (from === to) {
      pathMsg.classList.add('error');
      pathMsg.textContent = `“${name(from)}” is at both ends; pick two different actors.`;
      return;
    }
    state.path = walk(from, to, directed);
    document.getElementById('path-clear').disabled = false;
    render();
    sayPath();
    showPath();
    if (state.path.routes.length) frame([...state.path.nodes], { zoom: true });
  }

  function showPath() {
    const p = state.path;
    if (!p) return;
    renderer.select(null);
    const blocks = p.routes.map((route, i) => {
      const hops = route.steps.length;
      const ways = route.steps.reduce((n, s) => n * s.relations.length, 1);
      const title = p.routes.length > 1 ? `Path ${i + 1} of ${p.routes.length}: ` : '';
      const count = `${hops} hop${hops === 1 ? '' : 's'}${ways > 1 ? `, ${ways} ways through` : ''}`;
      return el(
        'section',
        { class: 'route' },
        el('p', { class: 'route-head' }, `${title}${route.nodes.map(name).join(' → ')}  (${count})`),
        route.steps.map((step, n) =>
          el(
            'div',
            { class: 'step' },
            el('span', { class: 'n' }, `${n + 1}.`),
            step.relations.map((r, j) => [
              j ? el('div', { class: 'or' }, 'or') : null,
              el(
                'div',
                {},
                el('button', { type: 'button', class: 'linkish rel-text', onclick: () => selectRelation(r.id) }, words(r).sentence),
              ),
              r.evidence
                .filter((_, k) => passing(r).includes(k))
                .map((ev) => [el('blockquote', {}, `“${ev.quote}”`), el('div', { class: 'cite' }, ev.citation)]),
            ]),
          ),
        ),
      );
    });
    const filters = [];
    if (state.hiddenTypes.size) filters.push(`without ${[...state.hiddenTypes].map((t) => types.get(t).label).join(', ')}`);
    if (state.hiddenKinds.size) filters.push(`without ${[...state.hiddenKinds].map((k) => kinds.get(k).label).join(', ')} actors`);
    if (state.year !== null) filters.push(state.from === null ? `as of ${state.year}` : `in force at some time ${yearsText()}`);
    if (p.directed) filters.push('one-way relations walked only their own way');
    if (state.noHedged) filters.push('without hedged claims');
    if (state.noAttributed) filters.push('without claims attributed to others');
    if (state.hiddenSources.size) filters.push(`without ${[...state.hiddenSources].join(', ')}`);
    openDetails(
      { kind: 'path' },
      el('p', { class: 'kicker' }, 'Shortest paths'),
      el('h3', {}, `${name(p.from)} → ${name(p.to)}`),
      filters.length ? el('p', { class: 'aliases' }, `Using the relations shown: ${filters.join('; ')}.`) : null,
      p.routes.length ? blocks : el('p', {}, `No path from ${name(p.from)} to ${name(p.to)} over the relations shown.`),
    );
  }

  function clearPath() {
    state.path = null;
    pathMsg.textContent = '';
    pathMsg.classList.remove('error');
    document.getElementById('path-clear').disabled = true;
    render();
    if (state.view?.kind === 'path') closeDetails();
    else if (state.view) refreshView();
  }

  /** Show the card that is open again, after a filter changed what it should say. */
  function refreshView() {
    const v = state.view;
    if (!v) return;
    refreshing = true;
    try {
      if (v.kind === 'actor') showActor(v.id);
      else if (v.kind === 'relation') showRelation(v.id);
      else if (v.kind === 'contest') showContest(v.id);
      else if (v.kind === 'pair') showPair(v.id);
      else if (v.kind === 'path') showPath();
    } finally {
      refreshing = false;
    }
  }

  // --- the table: the map as text ---------------------------------------------------------------

  const tableView = document.getElementById('table-view');
  const TABLE_ROWS = 400; // rows drawn before "show all", so a large map's table opens at once
  const tableState = { actors: { key: 'name', dir: 1, all: false }, relations: { key: 'first', dir: 1, all: false } };

  function setTable(open) {
    if (open && !details.hidden) closeDetails(); // the table is read instead of the map and its card
    state.table = open;
    tableView.hidden = !open;
    document.body.classList.toggle('table-open', open);
    document.getElementById('table-toggle').setAttribute('aria-pressed', String(open));
    remember();
    if (open) {
      renderTable();
      tableView.focus({ preventScroll: true });
      announce('Table of actors and relations');
    }
  }

  /** One sortable, filterable table: `columns` are [key, heading, numeric]; each row has
   * `cells` (text to sort and filter on) and `show` (what each cell shows, default the text). */
  function dataTable(id, caption, columns, rows) {
    const sort = tableState[id];
    const needle = document.getElementById('table-filter').value.trim().toLowerCase();
    const kept = needle ? rows.filter((r) => r.haystack.includes(needle)) : rows.slice();
    const numeric = new Map(columns.map(([key, , num]) => [key, Boolean(num)]));
    const value = (r) => r.cells[sort.key];
    kept.sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      if ((x === '') !== (y === '')) return x === '' ? 1 : -1; // blanks last, whichever way
      const c = numeric.get(sort.key) ? x - y : String(x).localeCompare(String(y));
      return c * sort.dir || a.order - b.order;
    });
    const heads = columns.map(([key, heading]) => {
      const active = sort.key === key;
      return el('th', { scope: 'col', 'aria-sort': active ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none' },
        el('button', { type: 'button', class: 'linkish sort', 'data-sort': `${id}:${key}`, onclick: () => {
          sort.dir = active ? -sort.dir : 1;
          sort.key = key;
          renderTable();
          // The keyboard stays on the heading it sorted by.
          tableView.querySelector(`[data-sort="${id}:${key}"]`)?.focus();
          announce(`${caption} sorted by ${heading}, ${sort.dir > 0 ? 'ascending' : 'descending'}`);
        } }, heading, active ? (sort.dir > 0 ? ' ▲' : ' ▼') : ''));
    });
    const shown = sort.all ? kept : kept.slice(0, TABLE_ROWS);
    const body = shown.map((r) => el('tr', {}, columns.map(([key], i) => el(i ? 'td' : 'th', i ? {} : { scope: 'row' }, r.show?.[key] ?? String(r.cells[key])))));
    return el('section', { class: 'table-part' },
      el('table', { id: `table-${id}` },
        el('caption', {}, `${caption} (${kept.length}${kept.length !== rows.length ? ` of ${rows.length}` : ''})`),
        el('thead', {}, el('tr', {}, heads)),
        el('tbody', {}, body)),
      shown.length < kept.length
        ? el('p', {}, el('button', { type: 'button', onclick: () => { sort.all = true; renderTable(); } }, `Show all ${kept.length} rows`))
        : null);
  }

  /** Every actor and relation the filters show, as text: the map's text alternative. */
  function renderTable() {
    const shownRels = DATA.relations.filter(relationShown);
    const degree = new Map();
    for (const r of shownRels) for (const end of new Set([r.source, r.target])) degree.set(end, (degree.get(end) || 0) + 1);
    const haystack = (...parts) => parts.filter(Boolean).join(' \u0000 ').toLowerCase();
    const spellings = (id) => [name(id), ...(actors.get(id)?.aliases || [])].join(' ');
    const actorRows = DATA.actors.filter((a) => actorShown(a.id)).map((a, order) => {
      const kind = kinds.get(a.kind)?.label || a.kind;
      const also = (a.aliases || []).join(', ');
      const cells = { name: a.name, kind, also, relations: degree.get(a.id) || 0, founded: a.founded || '' };
      return {
        order, cells,
        show: { name: el('button', { type: 'button', class: 'linkish', 'data-row': `actor:${a.id}`, onclick: () => fromTable(`actor:${a.id}`, () => selectActor(a.id)) }, a.name) },
        haystack: haystack(a.name, kind, also, a.region, a.description),
      };
    });
    const relRows = shownRels.map((r, order) => {
      const w = words(r);
      const t = types.get(r.type);
      const docs = [...new Set(passing(r).map((i) => r.evidence[i].doc))];
      const when = r.since || r.until ? `${r.since || '…'} – ${r.until || '…'}` : '';
      const qualifiers = w.qualifiers.map((q) => q.text).join('; ');
      const cells = {
        first: name(r.source), type: t ? t.label : r.label, second: name(r.target), qualifiers,
        sources: docs.map((d) => DATA.sources[d]?.title || d).join('; '), when, quotes: passing(r).length,
      };
      return {
        order, cells,
        show: {
          type: el('button', { type: 'button', class: 'linkish', title: w.sentence, 'data-row': `relation:${r.id}`, onclick: () => fromTable(`relation:${r.id}`, () => selectRelation(r.id)) },
            `${cells.type}${r.directed ? ' →' : ''}`),
        },
        // Searchable by any spelling of either actor, and by what kind of claim it is.
        haystack: haystack(w.sentence, spellings(r.source), spellings(r.target), cells.type, qualifiers, cells.sources,
          docs.join(' '), when, (view(r) || r).claim_style, contestedNow(r) ? 'contested' : ''),
      };
    });
    const out = [
      dataTable('relations', 'Relations', [['first', 'Actor'], ['type', 'Relation'], ['second', 'Actor'], ['qualifiers', 'Hedged, whose claim, contested'],
        ['sources', 'Sources'], ['when', 'In force'], ['quotes', 'Quotes', true]], relRows),
      dataTable('actors', 'Actors', [['name', 'Actor'], ['kind', 'Kind'], ['also', 'Also known as'], ['relations', 'Relations shown', true], ['founded', 'Founded']], actorRows),
    ];
    document.getElementById('table-body').replaceChildren(...out);
    // The count line says what the rows below hold: the filters' share, and the typed filter's.
    const needle = document.getElementById('table-filter').value.trim();
    const matching = (rows) => (needle ? rows.filter((r) => r.haystack.includes(needle.toLowerCase())).length : rows.length);
    const part = (rows, noun) => (needle ? `${matching(rows)} of ${rows.length} ${noun}` : `${rows.length} ${noun}`);
    document.getElementById('table-count').textContent =
      `${part(relRows, 'relations')} and ${part(actorRows, 'actors')} shown by the filters${needle ? ` match “${needle}”` : ''}; ` +
      'click a relation or an actor for its card on the map.';
  }

  /** Open a card from the Table: the map and card replace the table, and closing the card
   * brings the table back with the keyboard on the row it was opened from. */
  let tableRow = null;
  function fromTable(row, open) {
    setTable(false);
    open();
    tableRow = row;
  }

  // --- the panel ----------------------------------------------------------------------------

  function buildPanel() {
    const m = DATA.meta;
    document.getElementById('meta').textContent =
      `${m.actors} actors · ${m.relations} relations · ${m.quotes} quotes${m.scope ? ` — only ${m.scope}` : ''}`;

    // The search box's suggestions: every spelling, added after the first frame (on a large
    // map they are tens of thousands of elements, and nobody types before the map shows).
    setTimeout(() => {
      const list = document.getElementById('actor-names');
      const seen = new Set();
      const options = [];
      for (const a of DATA.actors) {
        for (const spelling of [a.name, ...(a.aliases || [])]) {
          if (seen.has(spelling)) continue;
          seen.add(spelling);
          const opt = el('option', { value: spelling });
          if (spelling !== a.name) opt.label = a.name;
          options.push(opt);
        }
      }
      list.replaceChildren(...options);
    }, 0);

    const count = (items, key) => {
      const n = new Map();
      for (const item of items) n.set(item[key], (n.get(item[key]) || 0) + 1);
      return n;
    };
    /** One legend row that is also a filter: tick box, swatch, label, how many, definition. */
    const legendRow = (attr, hidden, entry, swatch, n, definition) =>
      el(
        'li',
        { [`data-${attr}`]: entry.id },
        el(
          'label',
          { title: entry.definition },
          el('input', { type: 'checkbox', checked: true, [`data-${attr}`]: entry.id, onchange: (e) => toggle(hidden, entry.id, e.target.checked) }),
          el('span', {}, swatch),
          el('span', { class: 'name' }, entry.label,
            entry.marker ? el('span', { class: 'glyph', title: 'its mark in a bundle’s label', 'aria-hidden': 'true' }, DATA.style.marker_glyphs[entry.marker]) : null),
          el('span', { class: 'count', 'aria-hidden': 'true' }, String(n.get(entry.id) || 0)),
        ),
        definition ? el('p', { class: 'def' }, entry.definition) : null,
      );

    const typeCount = count(DATA.relations, 'type');
    document.getElementById('legend-types').replaceChildren(
      ...DATA.relation_types.map((t) => legendRow('type', state.hiddenTypes, t, typeSwatch(t), typeCount, true)),
    );

    if (DATA.pairs.some((p) => drawnLines.has(p.id))) {
      const signs = [
        ['cooperative', 'cooperative relations only'],
        ['hostile', 'hostile relations only'],
        ['mixed', 'both kinds, or the sources disagree'],
        ['neutral', 'neither cooperative nor hostile'],
      ];
      document.getElementById('legend-bundles').replaceChildren(
        el('li', { class: 'lead' }, el('span', {}, 'Several relations between two actors are drawn as one thicker link, with how many and the marks of their types; click it for the list.')),
        ...signs.map(([sign, text]) => el('li', {}, lineSwatch(DATA.style.sign_colours[sign], { width: 4.5 }),
          el('span', {}, el('strong', {}, `${DATA.style.sign_marks[sign]}N`), `: ${text}`))),
      );
      document.getElementById('bundle').addEventListener('change', (e) => {
        state.bundled = e.target.checked;
        state.expanded.clear();
        render();
        if (state.view?.kind === 'pair') showPair(state.view.id);
      });
    } else {
      document.getElementById('bundle').closest('label').hidden = true;
    }

    const hedges = DATA.confidence_levels.map((c) => c.label);
    const grey = DATA.style.sign_colours.neutral;
    const more = {
      hedged: hedges.length ? ` (${hedges.join(', ')})` : '',
      attributed: ' (an analyst, a report, a group’s propaganda)',
    };
    const marks = [
      ...DATA.style.claim_legend.map(({ claim, name, meaning }) =>
        el('li', {}, lineSwatch(grey, { claim }),
          el('span', {}, el('strong', {}, name[0].toUpperCase() + name.slice(1)), `: ${meaning}${more[claim] || ''}`))),
      el('li', {}, el('span', { class: 'tag contested' }, 'contested'),
        el('span', {}, ': the sources disagree about this pair')),
      el('li', { title: 'One-way relations point from source to target; lines without an arrow are mutual.' },
        lineSwatch(grey, { directed: true }),
        el('span', {}, el('strong', {}, 'Arrow'), ': one-way, source → target; none: mutual')),
    ];
    document.getElementById('legend-marks').replaceChildren(...marks);

    const kindCount = count(DATA.actors, 'kind');
    document.getElementById('legend-kinds').replaceChildren(
      ...DATA.actor_kinds.map((k) => legendRow('kind', state.hiddenKinds, k, shapeSwatch(k), kindCount, false)),
    );

    buildEvidencePanel();
    buildKey();

    const dates = [...DATA.relations.flatMap((r) => [r.since, r.until]), ...DATA.actors.flatMap((a) => [a.founded, a.dissolved])];
    const known = dates.filter((v) => v != null).map(year);
    if (known.length) {
      const lo = known.reduce((a, b) => Math.min(a, b)) - 1;
      const hi = known.reduce((a, b) => Math.max(a, b)) + 1;
      years = { lo, hi, strip: timeStrip(lo, hi) };
      for (const input of [fromInput, toInput]) {
        input.min = String(lo);
        input.max = String(hi);
      }
      fromInput.addEventListener('input', () => {
        const from = Number(fromInput.value);
        const to = state.year === null ? hi : Math.max(state.year, from);
        setYears(from, to);
      });
      toInput.addEventListener('input', () => {
        const to = Number(toInput.value);
        setYears(state.from === null ? null : Math.min(state.from, to), to);
      });
      document.getElementById('asof-all').addEventListener('click', () => setYears(null, null));
      document.getElementById('asof-play').addEventListener('click', play);
      syncYears();
      document.getElementById('asof-block').hidden = false;
    }
  }

  const fromInput = document.getElementById('year-from');
  const toInput = document.getElementById('asof-year');
  let years = null; // { lo, hi, strip } once the data has dates

  /** Show the relations in force at some time from `from` to `to` (both null: all years; `from`
   * null: as of `to`), and say so on the controls, in the same words a screen reader hears. */
  function setYears(from, to) {
    state.year = to;
    state.from = to === null ? null : from;
    syncYears();
    applyFilters();
  }

  function syncYears() {
    if (!years) return;
    const { lo, hi } = years;
    fromInput.value = String(state.year === null ? lo : state.from ?? lo);
    toInput.value = String(state.year ?? hi);
    const said = state.year === null ? 'all years' : yearsText();
    document.getElementById('asof-out').textContent = said;
    fromInput.setAttribute('aria-valuetext', state.year === null ? 'all years' : state.from === null ? `as of ${state.year} only` : `from ${state.from}`);
    toInput.setAttribute('aria-valuetext', state.year === null ? 'all years' : state.from === null ? `as of ${state.year}` : `to ${state.year}`);
    document.getElementById('asof-all').disabled = state.year === null;
    years.strip.mark(state.year === null ? null : state.from ?? state.year, state.year);
  }

  /** Step through the years one a second, as of each in turn; again to stop. */
  let playing = 0;
  function play() {
    const button = document.getElementById('asof-play');
    if (playing) {
      clearInterval(playing);
      playing = 0;
      button.setAttribute('aria-pressed', 'false');
      button.textContent = '▶ Play the years';
      return;
    }
    button.setAttribute('aria-pressed', 'true');
    button.textContent = '■ Stop';
    let y = state.year === null || state.year >= years.hi ? years.lo : state.year + 1;
    setYears(null, y);
    playing = setInterval(() => {
      y += 1;
      if (y > years.hi) play();
      else setYears(null, y);
    }, 1000);
  }

  /**
   * Under the year control, when the dated relations hold: one bar each from start to end (a
   * missing end runs to the edge) when there are few, how many hold each year when there are
   * many; and, in words, how many relations carry no dates and so stay at every year.
   */
  function timeStrip(lo, hi) {
    const dated = DATA.relations.filter((r) => r.since != null || r.until != null);
    const span = hi - lo + 1;
    const W = 300;
    const x = (y) => ((y - lo) / span) * W;
    const few = dated.length <= 24;
    const H = few ? Math.max(8, dated.length * 4 + 2) : 28;
    const box = svg('svg', { width: '100%', height: H, viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', class: 'strip' });
    if (few) {
      dated.forEach((r, i) => {
        const a = r.since != null ? year(r.since) : lo;
        const b = r.until != null ? year(r.until) : hi;
        box.append(svg('rect', { x: x(a), y: 1 + i * 4, width: Math.max(x(b + 1) - x(a), 2), height: 3, fill: types.get(r.type)?.color || '#555', rx: 1 }));
      });
    } else {
      const counts = [];
      // How many hold each year: +1 where each starts, -1 after it ends, summed along the years.
      const change = new Array(span + 1).fill(0);
      for (const r of dated) {
        change[r.since != null ? Math.max(year(r.since) - lo, 0) : 0] += 1;
        if (r.until != null && year(r.until) - lo + 1 <= span) change[Math.max(year(r.until) - lo + 1, 0)] -= 1;
      }
      for (let i = 0, n = 0; i < span; i += 1) counts.push((n += change[i]));
      const top = Math.max(1, ...counts);
      counts.forEach((n, i) => {
        const h = (n / top) * (H - 2);
        box.append(svg('rect', { x: x(lo + i), y: H - h, width: Math.max(W / span - 0.5, 0.5), height: h, fill: DATA.style.sign_colours.neutral }));
      });
    }
    const now = svg('rect', { x: 0, y: 0, width: 1.5, height: H, fill: DATA.style.ink, 'fill-opacity': 0.25, stroke: DATA.style.ink, visibility: 'hidden' });
    box.append(now);
    document.getElementById('asof-strip').replaceChildren(box);
    // Labelled ticks under the strip: the ends, and round years between them.
    const step = [1, 2, 5, 10, 20, 50].find((n) => span / n <= 6) || 100;
    const ticks = [lo];
    for (let y = Math.ceil((lo + 1) / step) * step; y < hi; y += step) if (y - lo >= step / 2 && hi - y >= step / 2) ticks.push(y);
    ticks.push(hi);
    document.getElementById('asof-ticks').replaceChildren(
      ...ticks.map((y) => el('span', { style: `left: ${(((y - lo + 0.5) / span) * 100).toFixed(1)}%` }, String(y))),
    );
    const undated = DATA.relations.length - dated.length;
    document.getElementById('asof-note').textContent =
      `${dated.length} of ${DATA.relations.length} relations carry dates (${few ? 'a bar each' : 'how many hold each year'}, above); ` +
      `the other ${undated} are undated and stay at every year. Actors show from their founding to their dissolution, where known.`;
    return {
      mark(a, b) {
        now.setAttribute('visibility', a === null ? 'hidden' : 'visible');
        if (a !== null) {
          now.setAttribute('x', String(x(a)));
          now.setAttribute('width', String(Math.max(x(b + 1) - x(a), 1.5)));
        }
      },
    };
  }

  /**
   * The key drawn on the map, so the one colour rule is learnt at a glance and printed with the
   * map: a line's colour is its sign, its pattern how it is claimed, its middle mark its type.
   */
  function buildKey() {
    const grey = DATA.style.sign_colours.neutral;
    const signs = [
      ['cooperative', 'cooperative'],
      ['hostile', 'hostile'],
      ['mixed', 'both, or the sources disagree'],
      ['neutral', 'neither'],
    ];
    const row = (swatch, text) => el('li', {}, swatch, el('span', {}, text));
    document.getElementById('map-key-body').replaceChildren(
      el('h3', {}, 'Colour: what kind of relation'),
      el('ul', {}, signs.map(([sign, text]) => row(lineSwatch(DATA.style.sign_colours[sign], { width: 3 }), text))),
      el('h3', {}, 'Pattern: how it is claimed'),
      el('ul', {}, DATA.style.claim_legend.map(({ claim, meaning }) => row(lineSwatch(grey, { claim }), meaning))),
      el('p', { class: 'hint' }, 'A link of several relations is solid when one of them is stated plainly; its label counts the others. The mark in a line’s middle is its type (see Relations); an arrow, one-way.'),
    );
  }

  /** The evidence filters: the CLI's --no-hedged, --no-attributed and --source, as tick boxes. */
  function buildEvidencePanel() {
    const sources = Object.values(DATA.sources);
    const tick = (id, label, onchange, title) =>
      el('li', {}, el('label', { title }, el('input', { type: 'checkbox', id, checked: true, onchange }), el('span', { class: 'name' }, label)));
    const rows = [
      tick('ev-hedged', 'Hedged claims', (e) => { state.noHedged = !e.target.checked; evidenceChanged(); }, 'Untick to leave out quotes the text hedges (--no-hedged)'),
      tick('ev-attributed', "Others' claims", (e) => { state.noAttributed = !e.target.checked; evidenceChanged(); }, 'Untick to leave out quotes the text puts in someone else’s mouth (--no-attributed)'),
    ];
    if (sources.length > 1) {
      for (const s of sources) {
        const kind = DATA.source_kinds?.[s.kind]?.label || s.kind;
        rows.push(tick(`ev-source-${s.id}`, s.title || `${s.id} (untitled ${String(kind).toLowerCase()})`, (e) => {
          if (e.target.checked) state.hiddenSources.delete(s.id);
          else state.hiddenSources.add(s.id);
          evidenceChanged();
        }, `Quotes from ${s.id}${s.file ? ` (${s.file})` : ''}`));
      }
    }
    document.getElementById('evidence-filters').replaceChildren(...rows);
  }

  function evidenceChanged() {
    applyFilters();
  }

  /** The contested pairs still in view under the filters. */
  let contestsListed = null; // which contests the list shows: it is rebuilt only when they change
  function buildContests() {
    const shown = DATA.contests.map((c, i) => [c, i]).filter(([c]) => contestShown(c));
    const listed = shown.map(([, i]) => i).join(',');
    if (listed === contestsListed) return;
    contestsListed = listed;
    document.getElementById('contests').replaceChildren(
      ...shown.map(([c, i]) =>
        el('li', {}, el('button', { type: 'button', class: 'linkish', onclick: () => showContest(i) }, `${name(c.pair[0])} and ${name(c.pair[1])}`)),
      ),
    );
    document.getElementById('contests-block').hidden = !shown.length;
  }

  function toggle(set, id, shown) {
    if (shown) set.delete(id);
    else set.add(id);
    syncChecks();
    applyFilters();
  }

  /** Tick boxes and grey rows to match the filters, however they were changed. */
  function syncChecks() {
    const lists = [['#legend-types li', state.hiddenTypes, 'type'], ['#legend-kinds li', state.hiddenKinds, 'kind']];
    for (const [selector, hidden, key] of lists) {
      for (const li of document.querySelectorAll(selector)) {
        const off = hidden.has(li.dataset[key]);
        li.classList.toggle('off', off);
        li.querySelector('input').checked = !off;
      }
    }
  }

  // --- wiring -------------------------------------------------------------------------------

  const searchMsg = document.getElementById('search-msg');
  const searchBox = document.getElementById('search');

  function search() {
    searchMsg.classList.remove('error');
    searchMsg.textContent = '';
    const found = resolveTyped(searchBox.value);
    if (found.error && found.close?.length === 1 && found.contains?.length === 1) {
      // Part of exactly one actor's name ("haqqani", "khorasan"): that is the one meant.
      searchMsg.textContent = `Showing ${name(found.close[0])}.`;
      answered();
      selectActor(found.close[0]);
      return;
    }
    if (found.error) {
      reportMiss(searchMsg, found, (id) => {
        searchBox.value = name(id);
        search();
      });
      return;
    }
    answered();
    selectActor(found.id);
  }

  /** On a narrow screen, close the drawer once a search or a path has an answer to show on the
   * map; a question that needs correcting ("did you mean…") keeps it open. */
  function answered() {
    if (window.matchMedia('(max-width: 700px)').matches) setDrawer(false);
  }

  document.getElementById('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    search();
  });
  searchBox.addEventListener('input', (e) => {
    if (e.inputType === 'insertReplacementText' || e.inputType === undefined) {
      if (byKey.has(nameKey(searchBox.value))) search(); // picked from the suggestions
    }
  });

  document.getElementById('path-form').addEventListener('submit', (e) => {
    e.preventDefault();
    pathMsg.classList.remove('error');
    const ends = [];
    for (const inputId of ['path-from', 'path-to']) {
      const input = document.getElementById(inputId);
      const found = resolveTyped(input.value);
      if (found.error) {
        reportMiss(pathMsg, found, (id) => {
          input.value = name(id);
          document.getElementById('path-form').requestSubmit();
        });
        return;
      }
      ends.push(found.id);
    }
    for (const id of ends) {
      if (!actorShown(id)) {
        state.hiddenKinds.delete(actors.get(id).kind);
        syncChecks();
        applyFilters();
      }
    }
    answered();
    findPath(ends[0], ends[1], document.getElementById('path-directed').checked);
  });
  document.getElementById('path-clear').addEventListener('click', clearPath);
  document.getElementById('details-close').addEventListener('click', closeDetails);
  document.getElementById('fit').addEventListener('click', () => fitAll(true));

  // Escape steps back one thing at a time: the drawer, the card, the focus, the table.
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    if (document.body.classList.contains('drawer-open')) setDrawer(false);
    else if (!details.hidden) closeDetails();
    else if (state.focus) {
      renderer.select(null);
      setFocus(null);
    } else if (state.table) setTable(false);
    else return;
    e.preventDefault();
  });

  // The map by keyboard: arrow keys pan, + and - zoom, 0 shows it all.
  container.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const { scale, position: at } = renderer.view();
    const step = 90 / scale;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[e.key]) {
      renderer.moveTo({ position: { x: at.x + moves[e.key][0], y: at.y + moves[e.key][1] }, scale });
    } else if (e.key === '+' || e.key === '=') {
      renderer.moveTo({ position: at, scale: Math.min(scale * 1.25, 4) });
    } else if (e.key === '-' || e.key === '_') {
      renderer.moveTo({ position: at, scale: Math.max(scale / 1.25, 0.02) });
    } else if (e.key === '0') {
      fitAll(false);
    } else {
      return;
    }
    e.preventDefault();
  });

  document.getElementById('focus-depth').addEventListener('change', (e) => {
    state.depth = Number(e.target.value);
    render();
    frameFocus();
  });
  document.getElementById('focus-only').addEventListener('change', (e) => {
    state.only = e.target.checked;
    render();
  });
  document.getElementById('focus-clear').addEventListener('click', () => {
    renderer.select(null);
    setFocus(null);
  });

  // On a narrow screen the controls are a drawer over the map.
  const menu = document.getElementById('menu');
  function setDrawer(open) {
    document.body.classList.toggle('drawer-open', open);
    menu.setAttribute('aria-expanded', String(open));
    if (open) document.getElementById('search').focus();
    else if (panel.contains(document.activeElement)) menu.focus();
  }
  const panel = document.getElementById('panel');
  menu.addEventListener('click', () => setDrawer(!document.body.classList.contains('drawer-open')));
  document.getElementById('panel-close').addEventListener('click', () => setDrawer(false));

  document.getElementById('table-toggle').addEventListener('click', () => setTable(!state.table));
  document.getElementById('table-filter').addEventListener('input', () => renderTable());
  document.getElementById('skip-table').addEventListener('click', (e) => {
    e.preventDefault();
    setTable(true);
  });
  document.getElementById('skip-card').addEventListener('click', (e) => {
    e.preventDefault();
    if (details.hidden) container.focus();
    else (detailsBody.querySelector('h3') || details).focus();
  });

  // Print the map at a fixed size (the canvas must be redrawn at it, or it is stretched), the
  // card in full after it.
  let screenView = null;
  let keyWasOpen = true;
  const mapKey = document.getElementById('map-key');
  // The key starts open where the map has room for it beside the actors, folded elsewhere.
  mapKey.open = container.clientWidth >= 1200 && container.clientHeight >= 900;
  window.addEventListener('beforeprint', () => {
    screenView = renderer.view();
    keyWasOpen = mapKey.open;
    mapKey.open = true; // the key is printed with the map
    document.body.classList.add('printing');
    renderer.setSize('680px', '520px');
    renderer.fit(false, { width: 680, height: 520 });
    renderer.draw({ allLabels: true }); // every label that fits, readable at the printed size
    renderer.redrawNow(); // now: printing does not wait for the next frame
  });
  window.addEventListener('afterprint', () => {
    document.body.classList.remove('printing');
    mapKey.open = keyWasOpen;
    renderer.setSize('100%', '100%');
    if (screenView) renderer.moveTo(screenView);
    renderer.draw({ allLabels: false });
    renderer.redrawNow();
  });

  // A click opens what is drawn under the pointer among the bright things, as its hover text
  // said; faded and hidden ones are never hit.
  renderer.on('click', (hit) => {
    tooltip.hidden = true;
    if (hit && hit.kind === 'node') selectActor(hit.id, { zoom: false });
    else if (hit && pairs.has(hit.id)) selectPair(hit.id);
    else if (hit) selectRelation(hit.id);
    else if (state.path) showPath();
    else closeDetails();
  });

  // --- a view you can send: the URL's fragment ---------------------------------------------------

  /**
   * The view as a URL fragment: focus and its depth, the filters, the years, the table. A copied
   * link (the page's file and its fragment) opens the same view, and back and forward step
   * through the views a reader made.
   */
  function fragment() {
    const p = new URLSearchParams();
    if (state.focus) p.set('focus', state.focus);
    if (state.focus && state.depth !== 1) p.set('depth', String(state.depth));
    if (state.only) p.set('only', '1');
    const list = (key, set) => set.size && p.set(key, [...set].sort().join(','));
    list('types', state.hiddenTypes);
    list('kinds', state.hiddenKinds);
    list('sources', state.hiddenSources);
    if (state.noHedged) p.set('hedged', 'no');
    if (state.noAttributed) p.set('attributed', 'no');
    if (state.year !== null) p.set('years', state.from === null ? String(state.year) : `${state.from}-${state.year}`);
    if (!state.bundled) p.set('bundles', 'no');
    if (state.table) p.set('table', '1');
    return p.toString();
  }

  let applyingFragment = false;
  let opened = false; // the first view replaces the address's step; later ones add steps
  /** Set the page to the view a fragment names; what it names that this map lacks is ignored. */
  function applyFragment(text) {
    const p = new URLSearchParams(text.replace(/^#/, ''));
    const ids = (key, known) => new Set((p.get(key) || '').split(',').filter((id) => known.has(id)));
    applyingFragment = true;
    try {
      state.hiddenTypes = ids('types', types);
      state.hiddenKinds = ids('kinds', kinds);
      state.hiddenSources = ids('sources', new Map(Object.entries(DATA.sources)));
      state.noHedged = p.get('hedged') === 'no';
      state.noAttributed = p.get('attributed') === 'no';
      views.clear();
      const span = (p.get('years') || '').match(/^(\d{1,4})(?:-(\d{1,4}))?$/);
      state.year = span ? Number(span[2] ?? span[1]) : null;
      state.from = span && span[2] ? Math.min(Number(span[1]), state.year) : null;
      state.bundled = p.get('bundles') !== 'no';
      state.only = p.get('only') === '1';
      state.depth = Math.min(Math.max(Number(p.get('depth')) || 1, 1), 3);
      document.getElementById('ev-hedged').checked = !state.noHedged;
      document.getElementById('ev-attributed').checked = !state.noAttributed;
      for (const s of Object.keys(DATA.sources)) {
        const box = document.getElementById(`ev-source-${s}`);
        if (box) box.checked = !state.hiddenSources.has(s);
      }
      document.getElementById('bundle').checked = state.bundled;
      document.getElementById('focus-only').checked = state.only;
      document.getElementById('focus-depth').value = String(state.depth);
      syncChecks();
      syncYears();
      const focus = p.get('focus');
      if (focus && actors.has(focus)) selectActor(focus);
      else {
        if (state.focus) setFocus(null, { draw: false });
        if (!details.hidden) closeDetails();
        applyFilters();
      }
      if ((p.get('table') === '1') !== state.table) setTable(p.get('table') === '1');
    } finally {
      applyingFragment = false;
    }
  }

  /** After each change: the address names the view (a new step in the history), a moment
   * later, off the path of the change itself; changes in quick succession (a slider dragged)
   * make one step. */
  let rememberTimer = 0;
  function remember() {
    if (applyingFragment) return;
    clearTimeout(rememberTimer);
    if (!opened) writeAddress();
    else rememberTimer = setTimeout(writeAddress, 250);
  }

  function writeAddress() {
    const text = fragment();
    if (text === location.hash.replace(/^#/, '')) return;
    const address = text ? `#${text}` : location.pathname + location.search;
    if (opened) history.pushState(null, '', address);
    else history.replaceState(null, '', address);
  }
  window.addEventListener('popstate', () => applyFragment(location.hash));
  window.addEventListener('hashchange', () => applyFragment(location.hash));

  // --- a picture of the view ----------------------------------------------------------------------

  /** Offer `blob` as a download named `name` (no request leaves the page). */
  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  const pictureName = (ext) => `actorgraph${state.focus ? `-${state.focus}` : ''}${state.year !== null ? `-${yearsText().replace(/\s+/g, '')}` : ''}.${ext}`;
  document.getElementById('save-png').addEventListener('click', async () => {
    download(await renderer.toPNG(), pictureName('png'));
    announce('Picture saved as PNG');
  });
  document.getElementById('save-svg').addEventListener('click', () => {
    const title = `${document.title}${state.focus ? ` — around ${name(state.focus)}` : ''}${state.year !== null ? `, ${yearsText()}` : ''}`;
    download(new Blob([renderer.toSVG(title)], { type: 'image/svg+xml' }), pictureName('svg'));
    announce('Picture saved as SVG');
  });
  document.getElementById('all-labels').addEventListener('change', (e) => renderer.draw({ allLabels: e.target.checked }));

  buildPanel();
  if (DATA.meta.focus) {
    // A page built with --focus opens focused on its actor, as far out as it was built.
    state.depth = DATA.meta.focus.depth;
    document.getElementById('focus-depth').value = String(Math.min(state.depth, 3));
    setFocus(DATA.meta.focus.actor, { draw: false });
  }
  if (location.hash.length > 1) applyFragment(location.hash);
  else applyFilters();
  fitAll(false);
  if (state.focus) frameFocus({ zoom: true });
  opened = true;

  // For scripts and tests driving the page; the UI uses the same functions.
  /** The line drawing a relation now: its own line, its pair's bundle, or null. */
  function drawnAs(id) {
    if (drawn.lines.get(id) && !drawn.lines.get(id).hidden) return id;
    if (!relationShown(relations.get(id))) return null; // its pair's bundle stands for the others
    const bundle = pairOf.get(id);
    return bundle && drawn.lines.get(bundle) && !drawn.lines.get(bundle).hidden ? bundle : null;
  }

  // What the page drew, read from the page itself (tests read these, never the renderer's inside).
  const looks = () => renderer.drawn();
  const withOpacity = (item) => ({ ...item, opacity: item.bright ? 1 : 0.15 });
  const drawnApi = {
    drawn: looks,
    nodes: () => looks().nodes.map(withOpacity),
    lines: () => looks().lines.map(withOpacity),
    line: (id) => {
      const found = looks().lines.find((l) => l.id === id);
      return found ? { ...withOpacity(found), title: found.hidden ? null : titleOf({ kind: 'line', id }) } : null;
    },
    draws: 0, // frames drawn so far
    selectedNodes: () => (looks().selected?.kind === 'node' ? [looks().selected.id] : []),
    selectedLines: () => (looks().selected?.kind === 'line' ? [looks().selected.id] : []),
    positions: (ids) => Object.fromEntries((ids || DATA.drawing.nodes.map((n) => n.id)).map((id) => [id, renderer.position(id)])),
    toDOM: (id) => renderer.toDOM(id),
    lineMiddle: (id) => renderer.lineMiddle(id),
    camera: () => renderer.view(),
    hitTest: (x, y) => renderer.hitTest(x, y),
  };

  renderer.on('draw', () => { window.actorgraph.draws += 1; });
  window.actorgraph = {
    ...drawnApi, data: DATA, state, renderer, drawnAs, titleOf, nameKey, ratio, resolveTyped, selectActor, selectRelation, selectPair, findPath, shortestRoutes, showContest, view, words, setTable,
  };
})();
