/* actorgraph page: the legends that are also filters (relation types, actor kinds, evidence,
 * years), the contested pairs, and the key drawn on the map. */
'use strict';

// eslint-disable-next-line no-unused-vars
function createKey(ctx) {
  const m = ctx.model;
  const { DATA, state, actors, relations, types, kinds, pairs, name, words, contestShown, year, yearsText } = m;
  const { el, lineSwatch, typeSwatch, shapeSwatch, svg } = ctx.dom;
  const fromInput = document.getElementById('year-from');
  const toInput = document.getElementById('asof-year');
  let years = null; // { lo, hi, strip } once the data has dates
  let playing = 0; // the timer stepping through the years, while they play
  let contestsListed = null; // which contests the list shows: it is rebuilt only when they change

  function buildPanel() {
    const meta = DATA.meta;
    document.getElementById('meta').textContent =
      `${meta.actors} actors · ${meta.relations} relations · ${meta.quotes} quotes${meta.scope ? ` — only ${meta.scope}` : ''}`;

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

    if (DATA.pairs.some((p) => p.relations.length > 1)) {
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
        ctx.render();
        if (state.view?.kind === 'pair') ctx.showPair(state.view.id);
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

  /** Show the relations in force at some time from `from` to `to` (both null: all years; `from`
   * null: as of `to`), and say so on the controls, in the same words a screen reader hears. */
  function setYears(from, to) {
    state.year = to;
    state.from = to === null ? null : from;
    syncYears();
    ctx.applyFilters();
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
    ctx.applyFilters();
  }

  function buildContests() {
    const shown = DATA.contests.map((c, i) => [c, i]).filter(([c]) => contestShown(c));
    const listed = shown.map(([, i]) => i).join(',');
    if (listed === contestsListed) return;
    contestsListed = listed;
    document.getElementById('contests').replaceChildren(
      ...shown.map(([c, i]) =>
        el('li', {}, el('button', { type: 'button', class: 'linkish', onclick: () => ctx.showContest(i) }, `${name(c.pair[0])} and ${name(c.pair[1])}`)),
      ),
    );
    document.getElementById('contests-block').hidden = !shown.length;
  }

  function toggle(set, id, shown) {
    if (shown) set.delete(id);
    else set.add(id);
    syncChecks();
    ctx.applyFilters();
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

  return { build: buildPanel, buildContests, syncChecks, syncYears };
}
