/* actorgraph page: the Table, the map as text (every actor and relation the filters show),
 * sortable and filterable: the map's text alternative. */
'use strict';

// eslint-disable-next-line no-unused-vars
function createTable(ctx) {
  const m = ctx.model;
  const { DATA, state, actors, relations, types, kinds, name, view, words, passing, relationShown, actorShown,
    contestedNow } = m;
  const { el } = ctx.dom;
  const tableView = document.getElementById('table-view');
  const TABLE_ROWS = 400; // rows drawn before "show all", so a large map's table opens at once
  const tableState = { actors: { key: 'name', dir: 1, all: false }, relations: { key: 'first', dir: 1, all: false } };
  let tableRow = null; // the row a card was opened from: closing the card goes back to it

  function setTable(open) {
    if (open && ctx.card.isOpen()) ctx.card.close(); // the table is read instead of the map and its card
    state.table = open;
    tableView.hidden = !open;
    document.body.classList.toggle('table-open', open);
    document.getElementById('table-toggle').setAttribute('aria-pressed', String(open));
    ctx.remember();
    if (open) {
      renderTable();
      tableView.focus({ preventScroll: true });
      ctx.announce('Table of actors and relations');
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
          ctx.announce(`${caption} sorted by ${heading}, ${sort.dir > 0 ? 'ascending' : 'descending'}`);
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
        show: { name: el('button', { type: 'button', class: 'linkish', 'data-row': `actor:${a.id}`, onclick: () => fromTable(`actor:${a.id}`, () => ctx.selectActor(a.id)) }, a.name) },
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
          type: el('button', { type: 'button', class: 'linkish', title: w.sentence, 'data-row': `relation:${r.id}`, onclick: () => fromTable(`relation:${r.id}`, () => ctx.selectRelation(r.id)) },
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

  function fromTable(row, open) {
    setTable(false);
    open();
    tableRow = row;
  }

  /** Closing a card opened from the Table brings the table back, the keyboard on its row. */
  function backToRow() {
    if (!tableRow) return false;
    const row = tableRow;
    tableRow = null;
    setTable(true);
    const back = tableView.querySelector(`[data-row="${CSS.escape(row)}"]`);
    if (back) back.focus();
    return true;
  }

  document.getElementById('table-toggle').addEventListener('click', () => setTable(!state.table));
  document.getElementById('table-filter').addEventListener('input', () => renderTable());
  document.getElementById('skip-table').addEventListener('click', (e) => {
    e.preventDefault();
    setTable(true);
  });

  return { set: setTable, render: renderTable, backToRow, view: tableView };
}
