/* actorgraph page: its state and its rules, with no DOM and no drawing.
 *
 * createModel(DATA) takes the build's data and answers what the page shows: which actors and
 * relations the filters leave, which quotes an answer may rest on, what a focus or a path
 * lights up, which pairs are drawn as one link and how, the shortest paths, the names typed,
 * the view as a URL fragment, a large map's overview. scene() says what the renderer is to draw
 * now: the looks that changed (worked out again only when the filters do) and the ids that stay
 * bright; page.js hands it over.
 */
'use strict';

// eslint-disable-next-line no-unused-vars
function createModel(DATA) {
  const MAX_PATHS = 1000; // as actorgraph.network.query.MAX_PATHS

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

  // --- the state ------------------------------------------------------------------------------

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
    overview: Boolean(DATA.overview), // a large map's communities are drawn, not its actors (until one is opened)
  };

  // --- filters --------------------------------------------------------------------------------

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

  // Each relation's view under the evidence filters in force, worked out once per change of them
  // (a render asks for each several times); every change to them goes through filtersChanged.
  const views = new Map();
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

  /** A filter changed: forget the views worked out under the old ones, and walk the path again
   * over what is shown now. */
  function filtersChanged() {
    views.clear();
    if (state.path) state.path = walk(state.path.from, state.path.to, state.path.directed);
  }

  // --- focus and what stays bright -----------------------------------------------------------

  /** Each actor within `depth` steps of `id` over the relations shown, with its distance:
   * through each actor's own relations, so a focus costs its neighbourhood, not a pass over
   * every relation. */
  function neighbourhood(id, depth) {
    const flags = shownNow();
    const next = (u) => (incident.get(u) || []).filter((r) => flags.has(r.id)).map((r) => (r.source === u ? r.target : r.source));
    const dist = new Map([[id, 0]]);
    let frontier = [id];
    for (let d = 1; d <= depth && frontier.length; d += 1) {
      const following = [];
      for (const u of frontier) {
        for (const v of next(u)) {
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
  function lit() {
    if (state.path) return { nodes: state.path.nodes, edges: state.path.edges };
    if (!state.focus) return null;
    // As `--focus` on the command line: the actors within `depth` steps, every relation among them.
    const dist = neighbourhood(state.focus, state.depth);
    const flags = shownNow();
    const edges = new Set();
    for (const u of dist.keys()) {
      for (const r of incident.get(u) || []) if (flags.has(r.id) && dist.has(r.source) && dist.has(r.target)) edges.add(r.id);
    }
    return { nodes: new Set(dist.keys()), edges };
  }

  // --- pairs drawn as one link ------------------------------------------------------------------

  // Every line the build drew: each relation's own, and a bundle for each pair of more than one.
  const drawnLines = new Map(DATA.drawing.lines.map((l) => [l.id, l]));

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

  // --- what to draw -------------------------------------------------------------------------------

  // What to draw comes in two parts. The looks (which actors and lines are shown, each line's
  // colour, pattern, width and label, which pairs are one link) rest on the filters, the
  // bundling and the path, and are worked out again only when one of those changes. What stays
  // bright (a focus, a path) is a set of ids the renderer reads as it draws: a focus, a click
  // or a search restyles nothing, so its cost is its neighbourhood, not the whole map.

  /** Everything the looks rest on but the path (compared by identity: a new walk is a new
   * path) and the relation types (which a toggle changes, and which are worked in by type). */
  const looksKey = () => JSON.stringify([
    [...state.hiddenKinds].sort(), [...state.hiddenSources].sort(), state.noHedged, state.noAttributed, state.year,
    state.from, state.bundled, [...state.expanded].sort(),
  ]);

  /** The looks last worked out, and what they rest on. */
  let looks = null; // { key, path, types: Set, lines: Map, shown: Set of relation ids, asOne: Map, nodesHidden, actorsShown }
  const current = () => looks && looks.key === looksKey() && looks.path === state.path && sameSet(looks.types, state.hiddenTypes);
  const sameSet = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));

  /** The ids of the relations shown by the filters now (as the last looks worked them out). */
  function shownNow() {
    if (!current()) return new Set(DATA.relations.filter(relationShown).map((r) => r.id));
    return looks.shown;
  }

  const HIDDEN = Object.freeze({ hidden: true });
  const byType = new Map(); // relation type -> its relations
  const opposing = new Map(); // relation id -> the relations whose `opposed_by` names it
  for (const r of DATA.relations) {
    if (!byType.has(r.type)) byType.set(r.type, []);
    byType.get(r.type).push(r);
    for (const id of r.opposed_by || []) {
      if (!opposing.has(id)) opposing.set(id, []);
      opposing.get(id).push(r);
    }
  }

  /** A relation's own line as the filters leave it (hidden when its pair is drawn as one link). */
  function relationLook(r) {
    if (!looks.shown.has(r.id) || looks.asOne.has(pairOf.get(r.id))) return HIDDEN;
    const v = view(r);
    return {
      hidden: false,
      dashes: v.dashes || null,
      width: state.path && state.path.edges.has(r.id) ? 4 : 2,
      colour: drawnLines.get(r.id).colour,
      marked: true,
      label: contestedNow(r) ? 'contested' : '',
    };
  }

  /** A pair's one link, from the relations of it that are shown. */
  function bundleLook(p) {
    const members = looks.asOne.get(p.id);
    if (!members) return HIDDEN;
    const claimed = bundleClaim(members);
    const { claim, qualified } = claimed;
    const strands = qualified ? [...new Set(members.map((r) => (view(r) || r).claim_style).filter(Boolean))] : [];
    return {
      // Some plainly stated, some not: drawn as two strands, one solid and one patterned.
      strand: !claim && qualified ? DATA.style.dashes[strands.length === 1 ? strands[0] : 'hedged and attributed'] : null,
      hidden: false,
      dashes: claim ? DATA.style.dashes[claim] : null,
      claim,
      colour: DATA.style.sign_colours[signOf(members)],
      width: DATA.style.bundle_widths[Math.min(members.length, DATA.style.bundle_widths.length - 1)],
      marked: false,
      label: bundleLabel(members, claimed),
      members: members.map((r) => r.id),
    };
  }

  /** Whether a pair is one link now, and with which of its relations. */
  function rebundle(p) {
    const members = pairShown(p, looks.shown);
    if (bundled(p, looks.shown, members)) looks.asOne.set(p.id, members);
    else looks.asOne.delete(p.id);
  }

  /** Each relation's and bundle's look, and which actors the filters hide: everything but what
   * stays bright. */
  function workOutLooks() {
    looks = {
      key: looksKey(), path: state.path, types: new Set(state.hiddenTypes), lines: new Map(), asOne: new Map(),
      shown: new Set(DATA.relations.filter(relationShown).map((r) => r.id)),
    };
    for (const p of DATA.pairs) if (drawnLines.has(p.id)) rebundle(p);
    for (const r of DATA.relations) looks.lines.set(r.id, relationLook(r));
    for (const p of DATA.pairs) if (drawnLines.has(p.id)) looks.lines.set(p.id, bundleLook(p));
    looks.nodesHidden = new Map(DATA.drawing.nodes.map((n) => [n.id, !actorShown(n.id)]));
    looks.actorsShown = 0;
    for (const hidden of looks.nodesHidden.values()) looks.actorsShown += hidden ? 0 : 1;
    return looks.lines;
  }

  /** A relation type (or a few) toggled, nothing else: the looks of its relations, of the
   * relations it contests, and of their pairs' links, worked out again; the rest kept. Returns
   * the looks that changed. */
  function retype() {
    const toggled = [...new Set([...looks.types, ...state.hiddenTypes])].filter((t) => looks.types.has(t) !== state.hiddenTypes.has(t));
    looks.types = new Set(state.hiddenTypes);
    const touched = new Set();
    for (const t of toggled) {
      for (const r of byType.get(t) || []) {
        if (relationShown(r)) looks.shown.add(r.id);
        else looks.shown.delete(r.id);
        touched.add(r);
        for (const other of opposing.get(r.id) || []) touched.add(other);
      }
    }
    const bundles = new Set();
    for (const r of touched) {
      const p = pairs.get(pairOf.get(r.id));
      if (p && drawnLines.has(p.id)) bundles.add(p);
    }
    for (const p of bundles) {
      rebundle(p);
      for (const id of p.relations) touched.add(relations.get(id));
    }
    const changed = new Map();
    for (const r of touched) changed.set(r.id, relationLook(r));
    for (const p of bundles) changed.set(p.id, bundleLook(p));
    for (const [id, look] of changed) looks.lines.set(id, look);
    return changed;
  }

  /** What was drawn last: singled-out sets, each line's look and the lines lit (for drawnAs,
   * the hover texts and framing a focus). */
  let drawn = { on: null, only: false, lines: new Map(), litLines: new Set() };

  /**
   * What to draw as the state says now, for the renderer's draw(): `nodes` (each actor hidden
   * or not) and `lines` (each line's look) when they changed since the last scene, else left
   * out; `lit`, the actors (`nodes`) and lines (`lines`) that stay bright while the rest fades,
   * or null; `only` to hide, not fade, the rest; `focus`, the actor whose label comes first;
   * with `counts`, how many actors and relations are shown (with "Neighbourhood only", within it).
   */
  function scene() {
    let nodes;
    let lines;
    if (!looks || looks.key !== looksKey() || looks.path !== state.path) {
      lines = workOutLooks();
      nodes = looks.nodesHidden;
    } else if (!sameSet(looks.types, state.hiddenTypes)) {
      lines = retype();
    }
    const on = lit();
    const only = Boolean(on && state.focus && state.only && !state.path);
    // A bundle is bright when one of the relations it draws is.
    const litLines = new Set();
    if (on) {
      for (const id of on.edges) {
        const bundle = pairOf.get(id);
        litLines.add(bundle && looks.asOne.has(bundle) ? bundle : id);
      }
    }
    drawn = { on, only, lines: looks.lines, litLines };
    const actorsShown = only ? [...on.nodes].filter((id) => actors.has(id) && actorShown(id)).length : looks.actorsShown;
    const relationsShown = only ? [...on.edges].filter((id) => looks.shown.has(id)).length : looks.shown.size;
    return {
      nodes,
      lines,
      lit: on ? { nodes: on.nodes, lines: litLines } : null,
      only,
      focus: state.focus,
      singled: Boolean(on),
      counts: { actors: actorsShown, relations: relationsShown },
    };
  }

  /** Whether a line is drawn now: shown by the filters, and not hidden by "Neighbourhood only". */
  const lineDrawn = (id) => {
    const look = drawn.lines.get(id);
    return Boolean(look && !look.hidden && !(drawn.only && !drawn.litLines.has(id)));
  };

  /** The line drawing a relation now: its own line, its pair's bundle, or null. */
  function drawnAs(id) {
    if (lineDrawn(id)) return id;
    if (!relationShown(relations.get(id))) return null; // its pair's bundle stands for the others
    const bundle = pairOf.get(id);
    return bundle && lineDrawn(bundle) ? bundle : null;
  }

  // --- a large map's overview: its communities until the reader opens one --------------------------

  const OVERVIEW = DATA.overview || null;
  const communityOf = new Map(); // actor id -> its community's index
  if (OVERVIEW) DATA.drawing.nodes.forEach((n, i) => communityOf.set(n.id, OVERVIEW.of[i]));
  /** Whether the overview is drawn now: a large map, not opened, nothing singled out. */
  const overviewShown = () => Boolean(OVERVIEW && state.overview && !state.focus && !state.path);

  /** The overview as the filters leave it: each community with how many of its actors and of
   * the relations inside it are shown, each link with how many relations (of which types) it
   * stands for now, counted over what the filters show. */
  function overviewScene() {
    const O = OVERVIEW;
    const actorsIn = new Array(O.communities.length).fill(0);
    const inside = new Array(O.communities.length).fill(0);
    DATA.drawing.nodes.forEach((n, i) => {
      if (actorShown(n.id)) actorsIn[O.of[i]] += 1;
    });
    const tally = new Map();
    for (const id of shownNow()) {
      const r = relations.get(id);
      const a = communityOf.get(r.source);
      const b = communityOf.get(r.target);
      if (a === b) {
        inside[a] += 1;
        continue;
      }
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      if (!tally.has(key)) tally.set(key, new Map());
      const byType = tally.get(key);
      byType.set(r.type, (byType.get(r.type) || 0) + 1);
    }
    const between = [...tally].map(([key, byType]) => {
      const [a, b] = key.split(',').map(Number);
      return { a, b, types: [...byType].sort((x, y) => y[1] - x[1] || cmp(x[0], y[0])) };
    });
    return overviewLook(O, { actorsIn, inside, between });
  }

  /** The actors of a community that the filters show. */
  const communityMembers = (index) => DATA.drawing.nodes.filter((n, i) => OVERVIEW.of[i] === index && actorShown(n.id)).map((n) => n.id);

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
    const walkBack = (node, tail) => {
      if (seqs.length >= MAX_PATHS) return;
      if (node === a) {
        seqs.push([a, ...tail]);
        return;
      }
      for (const p of preds.get(node)) walkBack(p, [node, ...tail]);
    };
    walkBack(b, []);
    const fold = (seq) => seq.map((n) => actors.get(n).fold);
    seqs.sort((s, t) => s.length - t.length || cmpSeq(fold(s), fold(t)));
    return seqs.map((seq) => ({
      nodes: seq,
      steps: seq.slice(1).map((y, i) => ({ from: seq[i], to: y, relations: links(seq[i], y, directed) })),
    }));
  }

  /** The shortest routes from `from` to `to` over what is shown now, and what they light up. */
  function walk(from, to, directed) {
    const routes = shortestRoutes(from, to, directed);
    const pathNodes = new Set(routes.flatMap((r) => r.nodes));
    const pathEdges = new Set(routes.flatMap((r) => r.steps.flatMap((st) => st.relations.map((x) => x.id))));
    return { from, to, directed, routes, nodes: pathNodes, edges: pathEdges };
  }

  // --- names typed --------------------------------------------------------------------------

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

  // --- the view as a URL fragment ----------------------------------------------------------------

  /** The view as a URL fragment: focus and its depth, the filters, the years, the table. */
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

  /** Set the filters a fragment names (what it names that this map lacks is ignored), and say
   * what else it asks for: the actor to focus on and whether the table is open. */
  function readFragment(text) {
    const p = new URLSearchParams(text.replace(/^#/, ''));
    // The sets are filled again, not replaced: the legends hold on to them.
    const refill = (set, key, known) => {
      set.clear();
      for (const id of (p.get(key) || '').split(',')) if (known.has(id)) set.add(id);
    };
    refill(state.hiddenTypes, 'types', types);
    refill(state.hiddenKinds, 'kinds', kinds);
    refill(state.hiddenSources, 'sources', new Map(Object.entries(DATA.sources)));
    state.noHedged = p.get('hedged') === 'no';
    state.noAttributed = p.get('attributed') === 'no';
    const span = (p.get('years') || '').match(/^(\d{1,4})(?:-(\d{1,4}))?$/);
    state.year = span ? Number(span[2] ?? span[1]) : null;
    state.from = span && span[2] ? Math.min(Number(span[1]), state.year) : null;
    state.bundled = p.get('bundles') !== 'no';
    state.only = p.get('only') === '1';
    state.depth = Math.min(Math.max(Number(p.get('depth')) || 1, 1), 3);
    views.clear();
    const focus = p.get('focus');
    return { focus: focus && actors.has(focus) ? focus : null, table: p.get('table') === '1' };
  }

  return {
    DATA, state, actors, relations, types, typeOrder, kinds, levels, pairs, pairOf, incident, byKey,
    name, year, nameKey, cmp, yearsText,
    inForce, exists, actorShown, quotePasses, passing, view, relationShown, contestedNow, words,
    contestShown, filtersChanged, neighbourhood, lit, pairShown, bundled, signOf, bundleClaim, bundleLabel,
    scene, drawn: () => drawn, drawnAs,
    overviewShown, overviewScene, communityOf, communityMembers,
    links, shortestRoutes, walk, ratio, resolveTyped, fragment, readFragment,
  };
}


// --- a large map's overview, as drawn: also before the whole data is read ------------------------

const plural = (n, one, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * What the overview draws and says, from the build's overview `O` (actorgraph.outputs.communities)
 * and the counts of what is shown: per community (`actorsIn`, `inside`: its actors and the
 * relations among them) and per pair of communities (`between`: [type, count] pairs). Without
 * counts, the build's own: nothing filtered, which is how the page opens.
 */
// eslint-disable-next-line no-unused-vars
function overviewLook(O, counts = null) {
  const { actorsIn, inside, between } = counts || {
    actorsIn: O.communities.map((c) => c.size),
    inside: O.communities.map((c) => c.relations),
    between: O.links,
  };
  const typeLabel = (t) => (O.types && O.types[t]) || t;
  const communities = O.communities.map((c, i) => {
    const more = actorsIn[i] - c.names.length;
    // The one disc for the small communities (scattered pairs and loners) says it is many.
    const many = c.groups > 1 ? `${plural(c.groups, 'small group')} of fewer than ${O.small} actors: ` : '';
    return {
      id: c.id,
      index: i,
      x: c.x,
      y: c.y,
      r: c.r,
      shown: actorsIn[i] > 0,
      actors: actorsIn[i],
      relations: inside[i],
      names: c.names,
      // Named by its largest members (three in words, two on the disc) and how many more.
      name: `${many}${c.names.join(', ')}${more > 0 ? ` and ${plural(more, 'other')}` : ''}`,
      lines: [many ? plural(c.groups, 'small group') : c.names.slice(0, 2).join(', '), `${plural(actorsIn[i], 'actor')} in all`],
    };
  });
  const links = between.map((l) => {
    const n = l.types.reduce((sum, [, k]) => sum + k, 0);
    const kinds = l.types.map(([t, k]) => `${typeLabel(t)} (${k.toLocaleString('en')})`).join(', ');
    return { id: `link:${l.a}|${l.b}`, a: l.a, b: l.b, count: n, types: l.types, short: n.toLocaleString('en'), label: `${plural(n, 'relation')}: ${kinds}` };
  });
  links.sort((x, y) => x.a - y.a || x.b - y.b);
  const shown = communities.filter((c) => c.shown).length;
  return { communities, links, actors: actorsIn.reduce((a, b) => a + b, 0), communitiesShown: shown };
}
