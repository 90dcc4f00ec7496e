/* actorgraph page: the details card, what an actor, a relation, a pair, a contest or a path
 * rests on: every quote with its own hedge and speaker, its citation and its place in the source.
 */
'use strict';

// eslint-disable-next-line no-unused-vars
function createCard(ctx) {
  const m = ctx.model;
  const { DATA, state, actors, relations, types, kinds, levels, pairs, pairOf, incident, name, view, words, passing,
    relationShown, contestedNow, signOf, cmp, yearsText } = m;
  const { el, lineSwatch, typeSwatch, shapeSwatch, sourceCite } = ctx.dom;
  const { renderer, container } = ctx;
  const details = document.getElementById('details');
  const detailsBody = document.getElementById('details-body');
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
    ctx.announce(`${kicker ? `${kicker.textContent}: ` : ''}${title.textContent}`);
  }

  function closeDetails() {
    const inside = details.contains(document.activeElement);
    details.hidden = true;
    state.view = null;
    renderer.select(null);
    if (state.focus) ctx.setFocus(null);
    if (ctx.table.backToRow()) {
      opener = null;
      return;
    }
    if (inside) (reachable(opener) ? opener : container).focus({ preventScroll: true });
    opener = null;
  }

  const actorLink = (id) => el('button', { type: 'button', class: 'linkish', onclick: () => ctx.selectActor(id) }, name(id));

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
            el('button', { type: 'button', class: 'linkish', onclick: () => ctx.selectRelation(r.id) }, r.phrase),
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
        el('li', {}, el('button', { type: 'button', class: 'linkish', onclick: () => ctx.selectRelation(o.id) }, words(o).sentence)),
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
    return el('p', {}, el('button', { type: 'button', class: 'linkish', onclick: () => ctx.selectPair(p.id) },
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
        el('h4', {}, el('button', { type: 'button', class: 'linkish', onclick: () => ctx.selectRelation(r.id) }, words(r).sentence)),
        r.evidence.filter((_, j) => passing(r).includes(j)).map((ev) => [el('blockquote', {}, `“${ev.quote}”`), el('div', { class: 'cite' }, ev.citation)]),
      ]),
    );
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
      el('p', {}, el('button', { type: 'button', onclick: () => ctx.toggleExpanded(id) },
        asOne ? 'Draw each relation as its own line' : 'Draw them as one link')),
      longListFilter(shown.length),
      el('ul', { class: 'rels pair-rels' }, shown.map((r) => el('li', {},
        el('p', { class: 'rel-line' }, typeSwatch(types.get(r.type), (view(r) || r).claim_style),
          el('button', { type: 'button', class: 'linkish', onclick: () => ctx.selectRelation(r.id) }, r.phrase), tags(r)),
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
                el('button', { type: 'button', class: 'linkish rel-text', onclick: () => ctx.selectRelation(r.id) }, words(r).sentence),
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

  return {
    details, detailsBody, open: openDetails, close: closeDetails, showActor, showRelation, showPair, showContest, showPath,
    refresh: refreshView, isOpen: () => !details.hidden,
  };
}
