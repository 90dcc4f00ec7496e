/* actorgraph page: the network, the panel and the details card.
 *
 * Everything shown comes from the JSON block #actorgraph-data, written at build time. Data is
 * only ever put on the page as text (textContent, text nodes, attribute values), never parsed as
 * HTML: names, aliases and quotes come from curators and from source texts, and must show as
 * written. Positions are fixed at build time, so physics stays off.
 */
'use strict';

(() => {
  const DATA = JSON.parse(document.getElementById('actorgraph-data').textContent);
  const FONT_FACE = getComputedStyle(document.body).fontFamily || 'sans-serif';
  const LARGE_GRAPH = 1500;  // relations
  const LABEL_COLOUR = '#1d2330';
  const DIM_LABEL = '#c3c8cf';
  const MAX_PATHS = 1000; // as actorgraph.network.query.MAX_PATHS

  // --- indexes -------------------------------------------------------------------------------

  const actors = new Map(DATA.actors.map((a) => [a.id, a]));
  const relations = new Map(DATA.relations.map((r) => [r.id, r]));
  const types = new Map(DATA.relation_types.map((t) => [t.id, t]));
  const typeOrder = new Map(DATA.relation_types.map((t, i) => [t.id, i]));
  const kinds = new Map(DATA.actor_kinds.map((k) => [k.id, k]));
  const levels = new Map(DATA.confidence_levels.map((c) => [c.id, c]));

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

  /** A line in a relation type's colour; an arrowhead when the type is directed; the pattern
   * (`claim`: a key of DATA.style.dashes) of a hedged or attributed claim. */
  function lineSwatch(colour, { directed = false, claim = null } = {}) {
    const box = svg('svg', { class: 'swatch', width: 30, height: 12, viewBox: '0 0 30 12', 'aria-hidden': 'true' });
    const line = svg('line', { x1: 1, y1: 6, x2: directed ? 22 : 29, y2: 6, stroke: colour, 'stroke-width': 2.5 });
    if (claim) line.setAttribute('stroke-dasharray', DATA.style.dashes[claim].map((v) => v * 0.7).join(' '));
    box.append(line);
    if (directed) box.append(svg('polygon', { points: '20,1.5 29,6 20,10.5', fill: colour }));
    return box;
  }

  /** The node shape vis-network draws for an actor kind, small. */
  function shapeSwatch(kind, size = 16) {
    const c = size / 2;
    const r = size / 2 - 1.5;
    const fill = kind.color;
    const stroke = shade(kind.color, 0.55);
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

  function shade(hex, factor) {
    const n = [1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * factor));
    return `#${n.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  }

  // --- relation wording: sentences, qualifiers and citations come written from the build ------

  /** Title, author and outlet as the source gives them, where it gives them. */
  function sourceCite(doc) {
    const s = DATA.sources[doc] || { id: doc };
    const parts = [s.title ? el('cite', {}, s.title) : null, s.author, s.outlet];
    const out = [];
    for (const part of parts.filter(Boolean)) {
      if (out.length) out.push(' · ');
      out.push(part);
    }
    return out;
  }

  // --- the network --------------------------------------------------------------------------

  const nodes = new vis.DataSet(DATA.vis.nodes);
  const edges = new vis.DataSet(DATA.vis.edges);
  const container = document.getElementById('network');
  const network = new vis.Network(
    container,
    { nodes, edges },
    {
      autoResize: true,
      width: '100%',
      height: '100%',
      physics: false,
      layout: { improvedLayout: false },
      interaction: {
        hover: true,
        tooltipDelay: 150,
        multiselect: false,
        keyboard: false,
        // On large graphs, drawing every line on every frame makes panning and zooming crawl:
        // lines are hidden while the view moves and come back when it stops.
        hideEdgesOnDrag: DATA.meta.relations > LARGE_GRAPH,
        hideEdgesOnZoom: DATA.meta.relations > LARGE_GRAPH,
      },
      nodes: {
        borderWidth: 2,
        borderWidthSelected: 3,
        font: {
          size: DATA.style.font_size,
          face: FONT_FACE,
          color: LABEL_COLOUR,
          strokeWidth: 5,
          strokeColor: '#ffffff',
        },
        widthConstraint: { maximum: DATA.style.label_max_width },
      },
      edges: {
        width: 2,
        selectionWidth: 1.5,
        hoverWidth: 1,
        smooth: false,
        arrowStrikethrough: false,
        arrows: { to: { scaleFactor: 0.7 } },
      },
    },
  );
  window.network = network;
  // Milliseconds from navigation to the first drawn frame: what scripts/bench.py reports.
  network.once('afterDrawing', () => { window.actorgraphFirstDraw = performance.now(); });

  /** The whole graph with a margin, but never blown up past its natural size. */
  function fitAll(animate) {
    const before = { position: network.getViewPosition(), scale: network.getScale() };
    network.fit({ animation: false });
    const target = { position: network.getViewPosition(), scale: Math.min(network.getScale() * 0.95, 1.15) };
    if (animate) {
      network.moveTo({ ...before, animation: false });
      network.moveTo({ ...target, animation: { duration: 350, easingFunction: 'easeInOutQuad' } });
    } else {
      network.moveTo({ ...target, animation: false });
    }
  }
  fitAll(false);

  // --- state and filters --------------------------------------------------------------------

  const state = {
    hiddenTypes: new Set(),
    hiddenKinds: new Set(),
    hiddenSources: new Set(),
    noHedged: false,
    noAttributed: false,
    year: null, // null: all years
    path: null, // { from, to, directed, routes, nodes: Set, edges: Set }
    view: null, // what the details card shows: { kind: 'actor'|'relation'|'path', id }
  };

  const inForce = (r, y) =>
    y === null || ((r.since == null || year(r.since) <= y) && (r.until == null || year(r.until) >= y));
  /** As actorgraph.network.query.exists: from its founding to its dissolution, where known. */
  const exists = (a, y) =>
    y === null || ((a.founded == null || year(a.founded) <= y) && (a.dissolved == null || year(a.dissolved) >= y));
  const actorShown = (id) => !state.hiddenKinds.has(actors.get(id).kind) && exists(actors.get(id), state.year);

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
    const keep = passing(r);
    if (keep.length === r.evidence.length) return r;
    return r.views[keep.join(',')];
  }

  const relationShown = (r) =>
    !state.hiddenTypes.has(r.type) && inForce(r, state.year) && actorShown(r.source) && actorShown(r.target) &&
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
      : { sentence: v.sentence_alone, qualifiers: v.qualifiers_alone };
  }

  const contestShown = (c) =>
    c.conflicts.some(([a, b]) => [a, b].every((id) => relations.has(id) && relationShown(relations.get(id)))) ||
    c.relations.some((id) => relations.has(id) && relationShown(relations.get(id)) && contestedNow(relations.get(id)));

  function applyFilters() {
    nodes.update(DATA.actors.map((a) => ({ id: a.id, hidden: !actorShown(a.id) })));
    edges.update(
      DATA.relations.map((r) => ({
        id: r.id,
        hidden: !relationShown(r),
        dashes: (view(r) || r).dashes,
        label: contestedNow(r) ? 'contested' : '',
      })),
    );
    buildContests();
    const shown = DATA.relations.filter(relationShown).length;
    const actorsShown = DATA.actors.filter((a) => actorShown(a.id)).length;
    const when = state.year === null ? '' : ` in ${state.year}`;
    document.getElementById('status').textContent =
      `${actorsShown} of ${DATA.actors.length} actors · ${shown} of ${DATA.relations.length} relations${when}`;
    if (state.path) findPath(state.path.from, state.path.to, state.path.directed, { quiet: true });
  }

  /** Dim everything off the current path; restore the curated styles otherwise. */
  function restyle() {
    const p = state.path;
    nodes.update(
      DATA.vis.nodes.map((n) => {
        const on = !p || p.nodes.has(n.id);
        return { id: n.id, opacity: on ? 1 : 0.18, font: { color: on ? LABEL_COLOUR : DIM_LABEL } };
      }),
    );
    edges.update(
      DATA.vis.edges.map((e) => {
        const on = !p || p.edges.has(e.id);
        const colour = e.color.color;
        return {
          id: e.id,
          color: on ? e.color : { color: colour, highlight: colour, hover: colour, opacity: 0.13, inherit: false },
          width: p && on ? 4 : 2,
        };
      }),
    );
  }

  // --- details card -------------------------------------------------------------------------

  const details = document.getElementById('details');
  const detailsBody = document.getElementById('details-body');

  function openDetails(view, ...content) {
    state.view = view;
    detailsBody.replaceChildren(...content.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
    details.hidden = false;
    details.scrollTop = 0;
  }

  function closeDetails() {
    details.hidden = true;
    state.view = null;
    network.unselectAll();
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
      el('h5', {}, lineSwatch(t.color, { directed: t.directed }), `${t.label} (${hops.length})`),
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
      el('h4', {}, `${mine.length} relation${mine.length === 1 ? '' : 's'}`),
      sections,
    );
  }

  function tags(r) {
    const out = words(r).qualifiers.map((q) => el('span', { class: `tag ${q.kind}` }, q.text));
    if (!relationShown(r)) out.push(el('span', { class: 'tag' }, 'hidden'));
    return out;
  }

  function contextBlock(parts) {
    const p = el('p', { class: 'context' });
    for (const [kind, text] of parts) {
      if (kind === 'mark') p.append(el('mark', {}, text));
      else if (kind === 'gap') p.append(el('span', { class: 'gap', title: 'text left out' }, ' … '));
      else p.append(document.createTextNode(text));
    }
    return p;
  }

  function evidenceBlock(ev) {
    const about = sourceCite(ev.doc);
    return el(
      'div',
      { class: 'evidence' },
      el('blockquote', { class: 'quote' }, `“${ev.quote}”`),
      el('p', { class: 'cite' }, ev.citation),
      about.length ? el('p', { class: 'cite source' }, about) : null,
      ev.context ? [el('p', { class: 'context-label' }, 'In the source'), contextBlock(ev.context)] : null,
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
    const level = v.confidence ? levels.get(v.confidence) : null;
    facts.push(['How sure', level ? `${level.label} — ${level.definition}` : 'stated plainly (no hedge)']);
    facts.push(['Whose claim', v.attributed_to ? `only according to ${v.attributed_to}` : "the source's own"]);
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
      el('p', { class: 'kicker' }, lineSwatch(t.color, { directed: t.directed, claim: v.claim_style }), t.label),
      el('h3', {}, r.phrase),
      t.definition ? el('p', { class: 'aliases' }, t.definition) : null,
      el('dl', { class: 'facts' }, facts.map(([k, val]) => [el('dt', {}, k), el('dd', {}, val)])),
      r.note ? el('p', { class: 'note' }, el('strong', {}, 'Note: '), r.note) : null,
      el('h4', {}, `Evidence (${keep.size})`),
      r.evidence.filter((_, i) => keep.has(i)).map(evidenceBlock),
      hidden ? el('p', { class: 'aliases' }, `${hidden} more quote${hidden === 1 ? '' : 's'} left out by the evidence filters.`) : null,
    );
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

  function selectActor(id, { focus = true } = {}) {
    if (!actorShown(id)) {
      // An analyst who asks for an actor must see it, whatever the filters said.
      state.hiddenKinds.delete(actors.get(id).kind);
      syncChecks();
      applyFilters();
    }
    network.selectNodes([id]);
    showActor(id);
    if (focus) focusBesideCard(id);
    else frame([id]);
  }

  /** The part of the canvas the details card leaves free, in DOM pixels from its left edge. */
  function freeArea() {
    const box = container.getBoundingClientRect();
    const cardWidth = details.hidden ? 0 : details.getBoundingClientRect().width + 24;
    const width = box.width - cardWidth >= 240 ? box.width - cardWidth : box.width;
    return { width, height: box.height };
  }

  /**
   * Bring nodes (with their labels) into the free part of the canvas. With `zoom`, frame them
   * as large as fits (up to a little past natural size); without, keep the scale unless they
   * do not fit, and do nothing when they are already in view.
   */
  function frame(ids, { zoom = false } = {}) {
    const free = freeArea();
    const boxes = ids.map((id) => network.getBoundingBox(id));
    const left = Math.min(...boxes.map((b) => b.left));
    const right = Math.max(...boxes.map((b) => b.right));
    const top = Math.min(...boxes.map((b) => b.top));
    const bottom = Math.max(...boxes.map((b) => b.bottom));
    const current = network.getScale();
    const fits = Math.min((free.width - 60) / Math.max(right - left, 1), (free.height - 60) / Math.max(bottom - top, 1));
    if (!zoom) {
      const a = network.canvasToDOM({ x: left, y: top });
      const b = network.canvasToDOM({ x: right, y: bottom });
      if (a.x >= 10 && a.y >= 10 && b.x <= free.width - 10 && b.y <= free.height - 10) return;
    }
    const scale = zoom ? Math.min(fits, 1.2) : Math.min(current, fits);
    const width = container.getBoundingClientRect().width;
    const shift = (width - free.width) / 2 / scale; // the free area's centre is left of the canvas's
    network.moveTo({
      position: { x: (left + right) / 2 + shift, y: (top + bottom) / 2 },
      scale,
      animation: { duration: 400, easingFunction: 'easeInOutQuad' },
    });
  }

  /** Centre a node in the part of the canvas the details card leaves free. */
  function focusBesideCard(id) {
    const width = container.getBoundingClientRect().width;
    network.focus(id, {
      scale: Math.max(network.getScale(), 1),
      offset: { x: -(width - freeArea().width) / 2, y: 0 },
      animation: { duration: 400, easingFunction: 'easeInOutQuad' },
    });
  }

  function selectRelation(id) {
    const r = relations.get(id);
    if (!relationShown(r)) {
      // Shown anyway in the card; the line stays hidden until its filter is lifted.
      showRelation(id);
      return;
    }
    network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
    showRelation(id);
    frame([r.source, r.target]);
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

  function resolveTyped(typed) {
    const key = nameKey(typed);
    if (!key) return { error: 'Type a name or alias.' };
    if (byKey.has(key)) return { id: byKey.get(key) };
    const close = [];
    if (key.length >= 2) {
      for (const a of DATA.actors) if (a.keys.some((k) => k.includes(key))) close.push(a.id);
    }
    return { error: `No actor is called “${typed}”.`, close: close.slice(0, 5) };
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

  function findPath(from, to, directed, { quiet = false } = {}) {
    pathMsg.classList.remove('error');
    if (from === to) {
      pathMsg.classList.add('error');
      pathMsg.textContent = `“${name(from)}” is at both ends; pick two different actors.`;
      return;
    }
    const routes = shortestRoutes(from, to, directed);
    const pathNodes = new Set(routes.flatMap((r) => r.nodes));
    const pathEdges = new Set(routes.flatMap((r) => r.steps.flatMap((s) => s.relations.map((x) => x.id))));
    state.path = { from, to, directed, routes, nodes: pathNodes, edges: pathEdges };
    document.getElementById('path-clear').disabled = false;
    restyle();
    if (!routes.length) {
      pathMsg.classList.add('error');
      pathMsg.textContent = `No path from ${name(from)} to ${name(to)} over the relations shown.`;
    } else {
      const hops = routes[0].steps.length;
      pathMsg.textContent = `${routes.length} shortest path${routes.length === 1 ? '' : 's'}, ${hops} hop${hops === 1 ? '' : 's'}.`;
    }
    if (!quiet || state.view?.kind === 'path') showPath();
    if (!quiet && routes.length) frame([...pathNodes], { zoom: true });
  }

  function showPath() {
    const p = state.path;
    if (!p) return;
    network.unselectAll();
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
    if (state.year !== null) filters.push(`as of ${state.year}`);
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
    restyle();
    if (state.view?.kind === 'path') closeDetails();
    else if (state.view) refreshView();
  }

  /** Show the card that is open again, after a filter changed what it should say. */
  function refreshView() {
    const v = state.view;
    if (!v) return;
    if (v.kind === 'actor') showActor(v.id);
    else if (v.kind === 'relation') showRelation(v.id);
    else if (v.kind === 'contest') showContest(v.id);
    else if (v.kind === 'path') showPath();
  }

  // --- the panel ----------------------------------------------------------------------------

  function buildPanel() {
    const m = DATA.meta;
    document.getElementById('meta').textContent =
      `${m.actors} actors · ${m.relations} relations · ${m.quotes} quotes`;

    const list = document.getElementById('actor-names');
    const seen = new Set();
    for (const a of DATA.actors) {
      for (const spelling of [a.name, ...(a.aliases || [])]) {
        if (seen.has(spelling)) continue;
        seen.add(spelling);
        const opt = el('option', { value: spelling });
        if (spelling !== a.name) opt.label = a.name;
        list.append(opt);
      }
    }

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
          el('span', { class: 'name' }, entry.label),
          el('span', { class: 'count' }, String(n.get(entry.id) || 0)),
        ),
        definition ? el('p', { class: 'def' }, entry.definition) : null,
      );

    const typeCount = count(DATA.relations, 'type');
    document.getElementById('legend-types').replaceChildren(
      ...DATA.relation_types.map((t) => legendRow('type', state.hiddenTypes, t, lineSwatch(t.color, { directed: t.directed }), typeCount, true)),
    );

    const hedges = DATA.confidence_levels.map((c) => c.label);
    const grey = '#5b6472';
    const marks = [
      el('li', {}, lineSwatch(grey), el('span', {}, el('strong', {}, 'Solid'), ': the source states it plainly, in its own words')),
      el('li', {}, lineSwatch(grey, { claim: 'hedged' }),
        el('span', {}, el('strong', {}, 'Dashed'), `: hedged${hedges.length ? ` (${hedges.join(', ')})` : ''}`)),
      el('li', {}, lineSwatch(grey, { claim: 'attributed' }),
        el('span', {}, el('strong', {}, 'Dotted'), ": only someone else's claim (an analyst, a report, a group's propaganda)")),
      el('li', {}, lineSwatch(grey, { claim: 'hedged and attributed' }),
        el('span', {}, el('strong', {}, 'Dash-dot'), ': hedged, and only someone else’s claim')),
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

    const dates = [...DATA.relations.flatMap((r) => [r.since, r.until]), ...DATA.actors.flatMap((a) => [a.founded, a.dissolved])];
    const years = dates.filter((v) => v != null).map(year);
    if (years.length) {
      const lo = Math.min(...years) - 1;
      const hi = Math.max(...years) + 1;
      const range = document.getElementById('asof-year');
      const out = document.getElementById('asof-out');
      const all = document.getElementById('asof-all');
      range.min = String(lo);
      range.max = String(hi);
      range.value = String(hi);
      range.addEventListener('input', () => {
        state.year = Number(range.value);
        out.textContent = `in ${state.year}`;
        all.disabled = false;
        applyFilters();
      });
      all.addEventListener('click', () => {
        state.year = null;
        out.textContent = 'all years';
        all.disabled = true;
        applyFilters();
      });
      document.getElementById('asof-block').hidden = false;
    }
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
        rows.push(tick(`ev-source-${s.id}`, s.title || s.id, (e) => {
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
    refreshView();
  }

  /** The contested pairs still in view under the filters. */
  function buildContests() {
    const shown = DATA.contests.map((c, i) => [c, i]).filter(([c]) => contestShown(c));
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
    if (state.view?.kind === 'actor') showActor(state.view.id);
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
    if (found.error && found.close && found.close.length === 1) {
      // Part of exactly one actor's name ("haqqani", "khorasan"): that is the one meant.
      searchMsg.textContent = `Showing ${name(found.close[0])}.`;
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
    selectActor(found.id);
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
    findPath(ends[0], ends[1], document.getElementById('path-directed').checked);
  });
  document.getElementById('path-clear').addEventListener('click', clearPath);
  document.getElementById('details-close').addEventListener('click', closeDetails);
  document.getElementById('fit').addEventListener('click', () => fitAll(true));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !details.hidden) closeDetails();
  });

  network.on('click', (params) => {
    if (params.nodes.length) selectActor(params.nodes[0], { focus: false });
    else if (params.edges.length) selectRelation(params.edges[0]);
    else if (state.path) showPath();
    else closeDetails();
  });
  network.on('hoverNode', () => { container.style.cursor = 'pointer'; });
  network.on('hoverEdge', () => { container.style.cursor = 'pointer'; });
  network.on('blurNode', () => { container.style.cursor = ''; });
  network.on('blurEdge', () => { container.style.cursor = ''; });

  buildPanel();
  applyFilters();

  // For scripts and tests driving the page; the UI uses the same functions.
  window.actorgraph = { data: DATA, nameKey, selectActor, selectRelation, findPath, shortestRoutes, showContest, view, words };
})();
