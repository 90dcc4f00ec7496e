/* actorgraph page: the wiring. The state and its rules (state.js), the renderer (renderer.js)
 * and the panels (search.js, card.js, table.js, key.js) meet here: what a click, a key or the
 * address asks for, what is drawn after it, and the page's own interface for scripts and tests.
 *
 * Everything shown comes from the data block #actorgraph-data, written at build time. Positions
 * are fixed at build time, so physics stays off.
 */
'use strict';

/** The build's data: JSON, gzipped, in base64 (see actorgraph.outputs.page.pack). */
async function readData(block = 'actorgraph-data') {
  const text = document.getElementById(block).textContent.trim();
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
  const FONT_FACE = getComputedStyle(document.body).fontFamily || 'sans-serif';
  const INK = getComputedStyle(document.documentElement).getPropertyValue('--ink').trim() || '#000000';
  const LARGE_GRAPH = 1500; // relations
  const MARK_SCALE = 0.4; // on a large map, lines carry their marks from this zoom in
  const container = document.getElementById('network');
  const frameDone = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

  /** The renderer (renderer.js) for a map of `relations`: no animated moves for readers who
   * ask for none, nor on a large map, where every frame of the move would redraw thousands of
   * lines. */
  function makeRenderer(relations, nodes, lines) {
    const motion = !window.matchMedia('(prefers-reduced-motion: reduce)').matches && relations <= LARGE_GRAPH;
    const made = createRenderer(container, {
      nodes,
      lines,
      style: { ink: INK, font: FONT_FACE },
      motion: () => motion,
      markScale: relations > LARGE_GRAPH ? MARK_SCALE : 0,
      obstacles: () => [document.getElementById('map-key'), document.getElementById('details'), document.getElementById('overview-note'), ...document.getElementById('toolbar').children],
    });
    // Milliseconds from navigation to the first draw, and to the frame after it: by then the
    // browser has painted what was drawn. scripts/bench.py reports the second.
    made.on('draw', () => {
      if (window.actorgraphFirstDraw !== undefined) return;
      window.actorgraphFirstDraw = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => { window.actorgraphFirstFrame = performance.now(); }));
    });
    return made;
  }

  // A large map opens on its communities (a small block of its own), drawn before the whole
  // data is read: that takes seconds at 50,000 relations. A link that names a view waits for
  // the data instead: its filters may change what the overview would say.
  let renderer = null;
  const early = document.getElementById('actorgraph-overview');
  if (early && early.textContent.trim() && location.hash.length <= 1) {
    const EARLY = await readData('actorgraph-overview');
    renderer = makeRenderer(EARLY.relations, [], []);
    const look = overviewLook(EARLY);
    renderer.overview(look);
    showOverviewNote(look, EARLY.relations);
    renderer.fit(false);
    await frameDone(); // painted, before the long read below holds the page
  }

  const DATA = await readData();
  const model = createModel(DATA);
  const { state, actors, relations, pairs, name, words, passing } = model;

  // --- the map: drawn by the renderer (renderer.js) --------------------------------------------

  if (renderer) renderer.load(DATA.drawing.nodes, DATA.drawing.lines);
  else renderer = makeRenderer(DATA.meta.relations, DATA.drawing.nodes, DATA.drawing.lines);
  const drawnNodes = new Map(DATA.drawing.nodes.map((n) => [n.id, n]));

  /** Say on the map that it is an overview, what it stands for and how to open a community
   * (hidden, and the map described without it, when the map itself is drawn). */
  function showOverviewNote(look, relationsShown) {
    const note = document.getElementById('overview-note');
    note.hidden = !look;
    container.setAttribute('aria-describedby', look ? 'overview-note network-help' : 'network-help');
    if (!look) return;
    note.textContent =
      `Overview: ${look.actors.toLocaleString('en')} actors in ${look.communitiesShown.toLocaleString('en')} communities, each one circle named ` +
      `by its largest members; a line between two stands for the ${relationsShown.toLocaleString('en')} relations shown between communities and within them. ` +
      'Zoom in, click a community, or find an actor to see its actors.';
  }

  /** The whole graph with a margin, but never blown up past its natural size; a large map's
   * overview again, when nothing is singled out. */
  function fitAll(animate) {
    if (DATA.overview && !state.overview && !state.focus && !state.path) closeMap();
    renderer.fit(animate);
    if (DATA.overview) fitScale = renderer.view().scale;
  }

  const announcer = document.getElementById('announce');
  /** Tell a screen reader, briefly, what just changed (the card itself is not a live region). */
  function announce(text) {
    announcer.textContent = text;
  }

  // --- the panels -------------------------------------------------------------------------------

  const ctx = { model, DATA, dom: createDom(DATA), renderer, container, announce };
  const table = createTable(ctx);
  const card = createCard(ctx);
  const search = createSearch(ctx);
  const key = createKey(ctx);
  Object.assign(ctx, {
    table, card, search, key,
    render, applyFilters, remember, frame, setFocus, selectActor, selectRelation, selectPair, toggleExpanded, setDrawer,
    syncChecks: key.syncChecks,
    closeDetails: card.close,
    refreshView: card.refresh,
    showPath: card.showPath,
    showPair: card.showPair,
    showContest: card.showContest,
  });

  // --- drawing what the state says --------------------------------------------------------------

  /** Draw what the state says now (at the renderer's next frame); the contested pairs, the
   * status line and the table follow. */
  function render() {
    if (state.focus && !model.actorShown(state.focus)) setFocus(null, { draw: false }); // filtered away
    const { nodes, lines, lit, only, focus, counts: shown } = model.scene();
    renderer.draw({ nodes, lines, lit, only, focus });
    overviewNow = model.overviewShown() ? model.overviewScene() : null;
    renderer.overview(overviewNow);
    showOverviewNote(overviewNow, shown.relations);
    key.buildContests();
    const when = state.year === null ? '' : ` ${model.yearsText()}`;
    document.getElementById('status').textContent =
      (overviewNow ? `Overview, ${overviewNow.communitiesShown} communities: ` : '') +
      `${shown.actors} of ${DATA.actors.length} actors · ${shown.relations} of ${DATA.relations.length} relations${when}`;
    if (state.table) table.render();
    remember();
  }

  // --- the overview of a large map -------------------------------------------------------------

  let overviewNow = null; // the overview as drawn now, or null when the map itself is
  let fitScale = null; // the zoom of the overview, fitted
  const OPEN_ZOOM = 3; // zoomed in this many times past the whole map, the overview opens
  const CLOSE_ZOOM = 1.2; // zoomed out to this near the whole map, with nothing singled out, it comes back

  /** Open the map (its actors and relations) where the reader asked: a community's actors,
   * framed (`index`), or (null) where the view is now. */
  function openMap(index, { frame: framed = true } = {}) {
    if (!state.overview) return;
    const c = index === null ? null : overviewNow && overviewNow.communities[index];
    state.overview = false;
    render();
    if (c && framed) frame(model.communityMembers(index), { zoom: true });
    announce(`${c ? `Opened the community of ${c.name}: ` : 'The map itself: '}its actors and relations are drawn. Zoom out to the whole map, or press 0, for the overview again.`);
  }

  /** Back to the overview (a large map, nothing singled out), fitted. */
  function closeMap() {
    if (!DATA.overview || state.overview || state.focus || state.path) return false;
    state.overview = true;
    render();
    announce(`Overview: ${overviewNow.communitiesShown} communities. Zoom in, click a community, or find an actor to see its actors.`);
    return true;
  }

  /** The view zoomed (wheel, pinch, keys): far enough into the overview, the community at the
   * view's centre opens; far enough out of the map, with nothing singled out, the overview is back. */
  function zoomed() {
    if (!DATA.overview || !fitScale) return;
    const k = renderer.scale();
    if (model.overviewShown() && k > fitScale * OPEN_ZOOM) {
      const { position: at } = renderer.view();
      let best = null;
      for (const c of overviewNow.communities) {
        if (!c.shown) continue;
        const d = Math.hypot(c.x - at.x, c.y - at.y) / c.r; // inside a disc when under 1
        if (!best || d < best.d) best = { c, d };
      }
      openMap(best ? best.c.index : null);
    } else if (!state.overview && !state.focus && !state.path && k < renderer.fitScale() * CLOSE_ZOOM) {
      closeMap();
    }
  }

  /** What the filters changed: the path is walked again over what is shown, then all is drawn. */
  function applyFilters() {
    model.filtersChanged();
    if (state.path) search.sayPath();
    render();
    card.refresh(); // the card says what is hidden now
  }

  // --- hover texts --------------------------------------------------------------------------

  /** The bundle's hover text: every relation it draws, in words. */
  function bundleTitle(p, members) {
    return `${members.length} relations between ${name(p.source)} and ${name(p.target)}:\n` +
      `${members.map((r) => `• ${words(r).sentence}`).join('\n')}\nClick for their evidence.`;
  }

  /** A line's hover text, as the evidence filters leave it: what it says, who says it, how sure. */
  function lineTitle(r) {
    const n = passing(r).length;
    return `${words(r).sentence}\n${n} quote${n === 1 ? '' : 's'} · click for the evidence`;
  }

  /** The hover text of what the renderer found under the pointer: the same thing a click opens. */
  function titleOf(hit) {
    if (!hit) return '';
    if (hit.kind === 'community' && overviewNow) {
      const c = overviewNow.communities.find((x) => x.id === hit.id);
      return `A community of ${c.actors.toLocaleString('en')} actors: ${c.name}; ${c.relations.toLocaleString('en')} relations among them.\nClick to open it.`;
    }
    if (hit.kind === 'link' && overviewNow) {
      const l = overviewNow.links.find((x) => x.id === hit.id);
      const [a, b] = [overviewNow.communities[l.a], overviewNow.communities[l.b]];
      return `${l.label}\nbetween the communities of ${a.names[0]} and of ${b.names[0]}.\nClick to open them.`;
    }
    if (hit.kind === 'node') return drawnNodes.get(hit.id).title;
    if (pairs.has(hit.id)) {
      const p = pairs.get(hit.id);
      return bundleTitle(p, (model.drawn().lines.get(hit.id)?.members || []).map((id) => relations.get(id)));
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

  // --- selecting and focusing -------------------------------------------------------------------

  /**
   * Open an actor's card and focus on it: its neighbourhood stays bright, the rest fades, and
   * the view brings it clear of the card (`zoom`: as large as fits, for a search; otherwise
   * moving only as far as needed, for a click).
   */
  function selectActor(id, { zoom = true } = {}) {
    state.overview = false; // an actor asked for is shown among its neighbours, not in a community
    if (!model.actorShown(id)) {
      // An analyst who asks for an actor must see it, whatever the filters said.
      state.hiddenKinds.delete(actors.get(id).kind);
      key.syncChecks();
      applyFilters();
    }
    setFocus(id);
    renderer.select('node', id);
    card.showActor(id);
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
    const drawn = model.drawn();
    const around = state.path || !drawn.on ? model.neighbourhood(state.focus, state.depth).keys() : drawn.on.nodes;
    frame([...around].filter(model.actorShown), { zoom });
  }

  /** The part of the canvas the card (and the toolbar) leave free, in DOM pixels: beside the
   * card on a wide screen, above it where the card is a sheet along the bottom. */
  function freeArea() {
    const box = container.getBoundingClientRect();
    const top = Math.min(48, box.height / 4); // under the toolbar
    const full = { left: 0, top, width: box.width, height: box.height - top };
    if (!card.isOpen()) return full;
    const rect = card.details.getBoundingClientRect();
    if (rect.top - box.top > box.height * 0.25) {
      const height = rect.top - box.top - top - 8;
      return height >= 140 ? { left: 0, top, width: box.width, height } : full;
    }
    const width = rect.left - box.left - 12;
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
    if (!model.relationShown(r)) {
      // Shown anyway in the card; the line stays hidden until its filter is lifted.
      card.showRelation(id);
      return;
    }
    // A relation drawn inside a bundle selects the bundle.
    renderer.select('line', model.drawnAs(id) || id);
    card.showRelation(id);
    frame([r.source, r.target]);
  }

  function selectPair(id) {
    const p = pairs.get(id);
    renderer.select('line', id);
    card.showPair(id);
    frame([p.source, p.target]);
  }

  /** Draw a pair's relations as their own lines, or as one link again. */
  function toggleExpanded(id) {
    if (state.expanded.has(id)) state.expanded.delete(id);
    else state.expanded.add(id);
    render();
    if (state.view?.kind === 'pair' && state.view.id === id) card.showPair(id);
  }

  // --- wiring -------------------------------------------------------------------------------

  document.getElementById('details-close').addEventListener('click', () => card.close());
  document.getElementById('fit').addEventListener('click', () => fitAll(true));

  // Escape steps back one thing at a time: the drawer, the card, the focus, the table.
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    if (document.body.classList.contains('drawer-open')) setDrawer(false);
    else if (card.isOpen()) card.close();
    else if (state.focus) {
      renderer.select(null);
      setFocus(null);
    } else if (state.table) table.set(false);
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
      zoomed();
    } else if (e.key === '-' || e.key === '_') {
      renderer.moveTo({ position: at, scale: Math.max(scale / 1.25, 0.02) });
      zoomed();
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
  const panel = document.getElementById('panel');
  function setDrawer(open) {
    document.body.classList.toggle('drawer-open', open);
    menu.setAttribute('aria-expanded', String(open));
    if (open) document.getElementById('search').focus();
    else if (panel.contains(document.activeElement)) menu.focus();
  }
  menu.addEventListener('click', () => setDrawer(!document.body.classList.contains('drawer-open')));
  document.getElementById('panel-close').addEventListener('click', () => setDrawer(false));

  document.getElementById('skip-card').addEventListener('click', (e) => {
    e.preventDefault();
    if (!card.isOpen()) container.focus();
    else (card.detailsBody.querySelector('h3') || card.details).focus();
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
  renderer.on('zoom', zoomed);
  renderer.on('click', (hit) => {
    tooltip.hidden = true;
    if (hit && hit.kind === 'community') openMap(overviewNow.communities.findIndex((c) => c.id === hit.id));
    else if (hit && hit.kind === 'link') {
      const l = overviewNow.links.find((x) => x.id === hit.id);
      const ids = [...model.communityMembers(l.a), ...model.communityMembers(l.b)];
      openMap(null);
      frame(ids, { zoom: true });
    } else if (hit && hit.kind === 'node') selectActor(hit.id, { zoom: false });
    else if (hit && pairs.has(hit.id)) selectPair(hit.id);
    else if (hit) selectRelation(hit.id);
    else if (state.path) card.showPath();
    else card.close();
  });

  // --- a view you can send: the URL's fragment ---------------------------------------------------

  let applyingFragment = false;
  let opened = false; // the first view replaces the address's step; later ones add steps
  /**
   * Set the page to the view a fragment names (state.js reads it): focus and its depth, the
   * filters, the years, the table. A copied link (the page's file and its fragment) opens the
   * same view, and back and forward step through the views a reader made.
   */
  function applyFragment(text) {
    applyingFragment = true;
    try {
      const wanted = model.readFragment(text);
      document.getElementById('ev-hedged').checked = !state.noHedged;
      document.getElementById('ev-attributed').checked = !state.noAttributed;
      for (const s of Object.keys(DATA.sources)) {
        const box = document.getElementById(`ev-source-${s}`);
        if (box) box.checked = !state.hiddenSources.has(s);
      }
      document.getElementById('bundle').checked = state.bundled;
      document.getElementById('focus-only').checked = state.only;
      document.getElementById('focus-depth').value = String(state.depth);
      key.syncChecks();
      key.syncYears();
      if (wanted.focus) selectActor(wanted.focus);
      else {
        if (state.focus) setFocus(null, { draw: false });
        if (card.isOpen()) card.close();
        applyFilters();
      }
      if (wanted.table !== state.table) table.set(wanted.table);
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
    const text = model.fragment();
    if (text === location.hash.replace(/^#/, '')) return;
    const address = text ? `#${text}` : location.pathname + location.search;
    if (opened) history.pushState(null, '', address);
    else history.replaceState(null, '', address);
  }
  window.addEventListener('popstate', () => applyFragment(location.hash));
  window.addEventListener('hashchange', () => applyFragment(location.hash));

  // --- a picture of the view ----------------------------------------------------------------------

  /** Offer `blob` as a download named `fileName` (no request leaves the page). */
  function download(blob, fileName) {
    const url = URL.createObjectURL(blob);
    const link = ctx.dom.el('a', { href: url, download: fileName, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  const yearsPart = () => (state.year !== null ? `-${model.yearsText().replace(/\s+/g, '')}` : '');
  const pictureName = (ext) => `actorgraph${state.focus ? `-${state.focus}` : ''}${yearsPart()}.${ext}`;
  document.getElementById('save-png').addEventListener('click', async () => {
    download(await renderer.toPNG(), pictureName('png'));
    announce('Picture saved as PNG');
  });
  document.getElementById('save-svg').addEventListener('click', () => {
    const title = `${document.title}${state.focus ? ` — around ${name(state.focus)}` : ''}${state.year !== null ? `, ${model.yearsText()}` : ''}`;
    download(new Blob([renderer.toSVG(title)], { type: 'image/svg+xml' }), pictureName('svg'));
    announce('Picture saved as SVG');
  });
  document.getElementById('all-labels').addEventListener('change', (e) => renderer.draw({ allLabels: e.target.checked }));

  // --- the first view -------------------------------------------------------------------------

  key.build();
  setTimeout(search.suggest, 0);
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
    toDOMPoint: (x, y) => renderer.toDOMPoint(x, y),
    lineMiddle: (id) => renderer.lineMiddle(id),
    camera: () => renderer.view(),
    hitTest: (x, y) => renderer.hitTest(x, y),
  };

  renderer.on('draw', () => { window.actorgraph.draws += 1; });
  window.actorgraph = {
    ...drawnApi, data: DATA, state, renderer, drawnAs: model.drawnAs, titleOf, nameKey: model.nameKey, ratio: model.ratio,
    resolveTyped: model.resolveTyped, selectActor, selectRelation, selectPair, findPath: search.findPath,
    // A large map's overview as the page holds it now: shown or not, its communities and links
    // (each with what it stands for), and the labels the last frame placed on it.
    overview: () => ({ shown: model.overviewShown(), ...(overviewNow || {}), labels: renderer.drawn().overviewLabels }),
    openMap, communityOf: (id) => model.communityOf.get(id),
    shortestRoutes: model.shortestRoutes, showContest: card.showContest, view: model.view, words, setTable: table.set,
  };
})();
