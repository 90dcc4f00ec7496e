/* actorgraph page: finding an actor by any of its names (with "did you mean" as the CLI has
 * it), and the path finder, as `actorgraph path` answers it. */
'use strict';

// eslint-disable-next-line no-unused-vars
function createSearch(ctx) {
  const m = ctx.model;
  const { DATA, state, actors, relations, types, name } = m;
  const { el } = ctx.dom;
  const searchMsg = document.getElementById('search-msg');
  const searchBox = document.getElementById('search');
  const pathMsg = document.getElementById('path-msg');

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
    state.path = m.walk(from, to, directed);
    document.getElementById('path-clear').disabled = false;
    ctx.render();
    sayPath();
    ctx.showPath();
    if (state.path.routes.length) ctx.frame([...state.path.nodes], { zoom: true });
  }

  function clearPath() {
    state.path = null;
    pathMsg.textContent = '';
    pathMsg.classList.remove('error');
    document.getElementById('path-clear').disabled = true;
    ctx.render();
    if (state.view?.kind === 'path') ctx.closeDetails();
    else if (state.view) ctx.refreshView();
  }

  function search() {
    searchMsg.classList.remove('error');
    searchMsg.textContent = '';
    const found = m.resolveTyped(searchBox.value);
    if (found.error && found.close?.length === 1 && found.contains?.length === 1) {
      // Part of exactly one actor's name ("haqqani", "khorasan"): that is the one meant.
      searchMsg.textContent = `Showing ${name(found.close[0])}.`;
      answered();
      ctx.selectActor(found.close[0]);
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
    ctx.selectActor(found.id);
  }

  /** On a narrow screen, close the drawer once a search or a path has an answer to show on the
   * map; a question that needs correcting ("did you mean…") keeps it open. */
  function answered() {
    if (window.matchMedia('(max-width: 700px)').matches) ctx.setDrawer(false);
  }

  /** The search box's suggestions: every spelling (page.js adds them after the first frame: on
   * a large map they are tens of thousands of elements, and nobody types before the map shows). */
  function suggest() {
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
  }

  document.getElementById('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    search();
  });
  searchBox.addEventListener('input', (e) => {
    if (e.inputType === 'insertReplacementText' || e.inputType === undefined) {
      if (m.byKey.has(m.nameKey(searchBox.value))) search(); // picked from the suggestions
    }
  });

  document.getElementById('path-form').addEventListener('submit', (e) => {
    e.preventDefault();
    submitPath();
  });
  function submitPath() {
    pathMsg.classList.remove('error');
    const ends = [];
    for (const inputId of ['path-from', 'path-to']) {
      const input = document.getElementById(inputId);
      const found = m.resolveTyped(input.value);
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
      if (!m.actorShown(id)) {
        state.hiddenKinds.delete(actors.get(id).kind);
        ctx.syncChecks();
        ctx.applyFilters();
      }
    }
    answered();
    findPath(ends[0], ends[1], document.getElementById('path-directed').checked);
  }
  document.getElementById('path-clear').addEventListener('click', clearPath);

  return { suggest, sayPath, findPath, clearPath };
}
