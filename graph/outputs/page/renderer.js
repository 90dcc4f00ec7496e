/* actorgraph page: the renderer, behind a small interface.
 *
 * The page's state module decides what is shown, what is bright and what fades; this module
 * only draws that and answers what lies under the pointer. vis-network supplies the camera
 * (drag to pan, wheel and pinch to zoom, animated moves, resizing); the actors, lines, marks
 * and labels are drawn here, onto vis-network's canvas, in batches of one colour and pattern:
 * restyling ten thousand lines is then a change to this module's arrays and one redraw, not
 * ten thousand updates to vis-network's data sets.
 *
 * Interface (everything page.js uses):
 *   draw({ nodes, lines, lit, only, focus })
 *                                    what to draw, each part given only when it changed: per
 *                                     actor whether it is hidden (`nodes`, a Map of id -> bool);
 *                                     per line {hidden, dashes, width, colour, marked, label,
 *                                     strand}; `lit`, the ids of the actors (`nodes`) and lines
 *                                     (`lines`) that stay bright while the rest fades, or null;
 *                                     `only` to hide the rest rather than fade it; `focus`, the
 *                                     actor whose label comes first
 *   select(kind, id) / select(null)  the selected actor or line, drawn heavier
 *   hitTest(x, y)                    {kind, id} of the bright actor or line under a point (DOM
 *                                     px in the map), or null: faded and hidden items are never hit
 *   frame / fit / view / moveTo      the camera
 *   on(event, fn)                    'click', 'hover', 'draw'
 *   drawn()                          what the last frame drew (for the page's own tests)
 */
'use strict';

// eslint-disable-next-line no-unused-vars
function createRenderer(container, { nodes, lines, style, motion, markScale = 0, obstacles = () => [] }) {
  const FADE = 0.15;
  const LABEL_MIN = 11; // px on screen: no label is drawn smaller
  const HIT_PX = 6; // px on screen: how near a line the pointer must be to hit it
  const SAMPLES = 12; // segments a curved line is cut into for hit-testing
  const CHUNK = 250; // lines stroked as one path

  // --- geometry, fixed at build time (given at creation, or later through load()) -------------

  let nodeIndex;
  let N;
  let nx;
  let ny;
  let nr;
  let lineIndex;
  let L;
  // Per line: start (a), control point (c), end (e, at the target's edge when directed), middle.
  let ax;
  let ay;
  let cx;
  let cy;
  let ex;
  let ey;
  let box; // left, top, right, bottom in canvas units
  let incident;
  // What to draw, set by the page: each actor's and line's look.
  let nodeLook;
  let lineLook;

  /** Take the actors and lines to draw (a large map's are given once its data is parsed, after
   * the overview it opens on has been drawn). */
  function load(nodesIn, linesIn) {
    nodes = nodesIn;
    lines = linesIn;
    nodeIndex = new Map(nodes.map((n, i) => [n.id, i]));
    N = nodes.length;
    nx = new Float64Array(N);
    ny = new Float64Array(N);
    nr = new Float64Array(N);
    nodes.forEach((n, i) => {
      nx[i] = n.x;
      ny[i] = n.y;
      nr[i] = n.size;
    });

    lineIndex = new Map(lines.map((l, i) => [l.id, i]));
    L = lines.length;
    ax = new Float64Array(L);
    ay = new Float64Array(L);
    cx = new Float64Array(L);
    cy = new Float64Array(L);
    ex = new Float64Array(L);
    ey = new Float64Array(L);
    box = new Float64Array(4 * L);
    incident = new Map(nodes.map((n) => [n.id, []]));
    lines.forEach((l, i) => {
      const s = nodeIndex.get(l.from);
      const t = nodeIndex.get(l.to);
      const x1 = nx[s];
      const y1 = ny[s];
      const x2 = nx[t];
      const y2 = ny[t];
      // As actorgraph.outputs.svg draws it: the control point off the middle, to the right of
      // the line's direction for a positive bend.
      const px = (x1 + x2) / 2 - (y2 - y1) * l.bend;
      const py = (y1 + y2) / 2 + (x2 - x1) * l.bend;
      const tx = x2 - px;
      const ty = y2 - py;
      const len = Math.hypot(tx, ty) || 1;
      const end = l.directed ? nr[t] + 2 : 0;
      ax[i] = x1;
      ay[i] = y1;
      cx[i] = px;
      cy[i] = py;
      ex[i] = x2 - (tx / len) * end;
      ey[i] = y2 - (ty / len) * end;
      box[4 * i] = Math.min(x1, px, x2);
      box[4 * i + 1] = Math.min(y1, py, y2);
      box[4 * i + 2] = Math.max(x1, px, x2);
      box[4 * i + 3] = Math.max(y1, py, y2);
      incident.get(l.from).push(i);
      if (l.to !== l.from) incident.get(l.to).push(i);
    });

    nodeLook = nodes.map((n, i) => ({ hidden: false, bright: true, label: true, labelSize: n.font_size, strong: false, priority: i }));
    lineLook = lines.map((l) => ({ hidden: true, bright: true, dashes: null, strand: null, width: 2, colour: l.colour, marked: true, label: '', key: '' }));
  }
  load(nodes, lines);

  // --- what to draw, set by the page ---------------------------------------------------------

  let singled = false; // something is lit (a focus, a path): the rest fades
  let only = false; // ... or, with "Neighbourhood only", is not drawn at all
  // Not drawn: hidden by the filters, or faded out of a "Neighbourhood only" view.
  const nodeGone = (i) => nodeLook[i].hidden || (only && !nodeLook[i].bright);
  const lineGone = (i) => lineLook[i].hidden || (only && !lineLook[i].bright);
  let selected = null; // { kind, id }
  let hovered = null; // { kind, id }
  let allLabels = false;
  let lastDrawn = { labels: [], lineLabels: [], overviewLabels: [] };
  // A large map's overview, drawn instead of its actors and lines until the reader opens it:
  // { communities: [{ id, x, y, r, label, shown }], links: [{ id, a, b, count, label }] }, or null.
  let overview = null;

  // --- the camera: vis-network with no items of its own ----------------------------------------

  const network = new vis.Network(
    container,
    { nodes: new vis.DataSet(), edges: new vis.DataSet() },
    {
      autoResize: true,
      width: '100%',
      height: '100%',
      physics: false,
      layout: { improvedLayout: false },
      interaction: { hover: false, selectable: false, dragNodes: false, keyboard: false, multiselect: false, zoomSpeed: 0.8 },
    },
  );
  // The map is one tab stop (the page's #network), not two.
  for (const inner of container.querySelectorAll('[tabindex]')) inner.setAttribute('tabindex', '-1');
  const canvas = container.querySelector('canvas');

  const listeners = { click: [], hover: [], draw: [], zoom: [] };
  const emit = (event, value) => {
    for (const fn of listeners[event]) fn(value);
  };

  const scale = () => network.getScale();
  // What the map looked like at its last full draw, as a picture, and the view it was drawn at.
  // While the view only moves (a drag, a wheel's zoom, an animated move) and nothing drawn has
  // changed, each frame moves or scales that picture, and the map is drawn afresh once the view
  // rests: a frame then costs one copy, not ten thousand lines.
  const picture = document.createElement('canvas');
  let pictured = null; // { x, y, scale } of the view the picture shows; null: none usable
  let moving = false; // the view is being dragged, zoomed or animated
  let rest = 0;
  let dirty = true;
  let fullDraw = false;

  const redraw = () => {
    dirty = true;
    network.body.emitter.emit('_requestRedraw'); // once, at the next frame
  };
  let lastFull = null; // the view of the last full draw, still on the canvas until the next draw
  /** The view moves; draw it afresh once it has rested for `ms`. The picture is taken of the
   * canvas as it is when a move starts (the last full draw), not after every draw. */
  function moved(ms = 150) {
    if (!moving && lastFull && !dirty) {
      if (picture.width !== canvas.width || picture.height !== canvas.height) {
        picture.width = canvas.width;
        picture.height = canvas.height;
      }
      const copy = picture.getContext('2d');
      copy.clearRect(0, 0, picture.width, picture.height);
      copy.drawImage(canvas, 0, 0);
      pictured = lastFull;
    }
    moving = true;
    clearTimeout(rest);
    rest = setTimeout(() => {
      moving = false;
      redraw();
    }, ms);
  }
  let drawStarted = 0;

  network.on('beforeDrawing', (ctx) => {
    drawStarted = performance.now();
    const view = network.getViewPosition();
    const k = scale();
    fullDraw = dirty || !moving || !pictured || picture.width !== canvas.width || picture.height !== canvas.height;
    if (fullDraw) {
      drawScene(ctx);
      return;
    }
    // The picture, moved and scaled from the view it was drawn at to this one.
    const ratio = canvas.width / Math.max(canvas.clientWidth, 1);
    const f = k / pictured.scale;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    const x = w / 2 - (pictured.x - view.x) * k - (w / 2) * f;
    const y = h / 2 - (pictured.y - view.y) * k - (h / 2) * f;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.drawImage(picture, x, y, w * f, h * f);
    ctx.restore();
  });
  network.on('afterDrawing', (ctx) => {
    if (fullDraw) {
      drawLabels(ctx);
      const view = network.getViewPosition();
      lastFull = { x: view.x, y: view.y, scale: scale() };
      if (!moving) pictured = null; // a move starting later takes its picture then
      dirty = false;
    }
    emit('draw', { start: drawStarted, end: performance.now(), full: fullDraw });
  });
  network.on('dragStart', () => moved(10000));
  network.on('dragging', () => moved(10000));
  network.on('dragEnd', () => moved(0));
  network.on('zoom', () => {
    moved();
    emit('zoom', scale());
  });
  network.on('click', (params) => {
    const at = params.pointer.DOM;
    emit('click', hitTest(at.x, at.y));
  });

  // --- drawing -----------------------------------------------------------------------------

  /** The canvas area in view, in canvas units, with a margin. */
  function viewBounds(margin) {
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    const a = network.DOMtoCanvas({ x: -margin, y: -margin });
    const b = network.DOMtoCanvas({ x: w + margin, y: h + margin });
    return [a.x, a.y, b.x, b.y];
  }

  const inView = (i, v) => !(box[4 * i + 2] < v[0] || box[4 * i] > v[2] || box[4 * i + 3] < v[1] || box[4 * i + 1] > v[3]);

  /** Lines, then actors: each batch of one colour, width and pattern is one path. On a large
   * map zoomed out, lines carry their marks and arrowheads only when singled out: thousands of
   * small filled shapes cost more to draw than the lines themselves, and show nothing there. */
  function drawScene(ctx) {
    if (overview) {
      drawOverview(ctx);
      return;
    }
    const k = scale();
    const px = 1 / k; // canvas units per screen pixel
    const v = viewBounds(40);
    const batches = new Map();
    const marksOf = new Map();
    const arrowsOf = new Map();
    const top = []; // lines drawn over the rest: the selected one, an actor's under the pointer
    const hoverNode = hovered && hovered.kind === 'node' ? hovered.id : null;
    const raised = new Set(hoverNode ? incident.get(hoverNode) : []);
    if (selected && selected.kind === 'line' && lineIndex.has(selected.id)) raised.add(lineIndex.get(selected.id));
    const faded = new Map(); // faded lines: one batch per colour, a pixel wide, unpatterned
    for (let i = 0; i < L; i += 1) {
      const look = lineLook[i];
      if (look.hidden || !inView(i, v)) continue;
      if (!look.bright) {
        if (only) continue;
        let f = faded.get(look.colour);
        if (!f) {
          f = { colour: look.colour, alpha: FADE, width: 1, dash: null, items: [] };
          faded.set(look.colour, f);
        }
        f.items.push(i);
        continue;
      }
      if (raised.has(i) || look.strand) {
        top.push(i);
        continue;
      }
      // The batch key is made once per look (in draw), not once per line per frame.
      let b = batches.get(look.key);
      if (!b) {
        b = { colour: look.colour, alpha: 1, width: lineWidth(look, k), dash: look.dashes, items: [] };
        batches.set(look.key, b);
      }
      b.items.push(i);
      if (look.marked && lines[i].marker && (singled || k >= markScale)) {
        const mk = look.colour + lines[i].marker;
        let m = marksOf.get(mk);
        if (!m) {
          m = { colour: look.colour, kind: lines[i].marker, items: [] };
          marksOf.set(mk, m);
        }
        m.items.push(i);
      }
      if (lines[i].directed && (singled || k >= markScale)) {
        if (!arrowsOf.has(look.colour)) arrowsOf.set(look.colour, []);
        arrowsOf.get(look.colour).push(i);
      }
    }
    // The lines in device pixels, so that a 1 px line is exactly one (the rasteriser's fast
    // hairline: a stroke a hair wider costs ten times as much), in paths of a few hundred (one
    // path of thousands costs more than its parts).
    const ratio = canvas.width / Math.max(canvas.clientWidth, 1);
    const o = network.canvasToDOM({ x: 0, y: 0 });
    const f = k * ratio;
    const ox = o.x * ratio;
    const oy = o.y * ratio;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.lineCap = 'butt';
    for (const b of [...faded.values(), ...batches.values()]) {
      ctx.globalAlpha = b.alpha;
      ctx.strokeStyle = b.colour;
      ctx.lineWidth = b.width * ratio;
      ctx.setLineDash(b.dash ? b.dash.map((d) => d * ratio * Math.max(1, b.width / 2)) : []);
      for (let start = 0; start < b.items.length; start += CHUNK) {
        ctx.beginPath();
        const end = Math.min(b.items.length, start + CHUNK);
        for (let j = start; j < end; j += 1) {
          const i = b.items[j];
          ctx.moveTo(ox + ax[i] * f, oy + ay[i] * f);
          if (lines[i].bend) ctx.quadraticCurveTo(ox + cx[i] * f, oy + cy[i] * f, ox + ex[i] * f, oy + ey[i] * f);
          else ctx.lineTo(ox + ex[i] * f, oy + ey[i] * f);
        }
        ctx.stroke();
      }
    }
    ctx.restore();
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    const markSize = (singled ? 5.5 : 4.5) * px;
    for (const m of marksOf.values()) drawMarks(ctx, m.kind, m.colour, m.items, markSize);
    for (const [colour, items] of arrowsOf) drawArrows(ctx, colour, items, px);
    for (const i of top) {
      const look = lineLook[i];
      const width = lineWidth(look, k) + (raised.has(i) ? 1.5 : 0);
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = (width + 3) * px;
      ctx.setLineDash([]);
      ctx.beginPath();
      path(ctx, i);
      ctx.stroke();
      ctx.strokeStyle = look.colour;
      if (look.strand) {
        // A bundle of plainly stated and qualified relations: a solid strand beside a patterned one.
        const half = Math.max(width / 2, 1.5);
        ctx.lineWidth = half * px;
        for (const [side, dashes] of [[-1, null], [1, look.strand]]) {
          ctx.setLineDash(dashes ? dashes.map((d) => d * px) : []);
          ctx.beginPath();
          offsetPath(ctx, i, side * half * 0.6 * px);
          ctx.stroke();
        }
      } else {
        ctx.lineWidth = width * px;
        ctx.setLineDash(look.dashes ? look.dashes.map((d) => d * px * Math.max(1, width / 2)) : []);
        ctx.beginPath();
        path(ctx, i);
        ctx.stroke();
      }
      ctx.setLineDash([]);
      if (look.marked && lines[i].marker) drawMarks(ctx, lines[i].marker, look.colour, [i], 6 * px);
      if (lines[i].directed) drawArrows(ctx, look.colour, [i], px);
    }
    drawNodes(ctx, k, v);
  }

  /** A line's width in screen pixels: thicker when it is singled out; zoomed far out, where
   * thousands of lines meet, every other line is one pixel. */
  function lineWidth(look, k) {
    if (!look.bright) return 1;
    if (singled) return Math.max(look.width * Math.min(1, Math.max(k, 0.5)), 3);
    return k < 0.5 ? 1 : Math.max(look.width * Math.min(1, k), 1);
  }

  function path(ctx, i) {
    ctx.moveTo(ax[i], ay[i]);
    if (lines[i].bend) ctx.quadraticCurveTo(cx[i], cy[i], ex[i], ey[i]);
    else ctx.lineTo(ex[i], ey[i]);
  }

  /** A straight line moved `d` to its side (a bundle's strands). */
  function offsetPath(ctx, i, d) {
    const len = Math.hypot(ex[i] - ax[i], ey[i] - ay[i]) || 1;
    const ox = (-(ey[i] - ay[i]) / len) * d;
    const oy = ((ex[i] - ax[i]) / len) * d;
    ctx.moveTo(ax[i] + ox, ay[i] + oy);
    ctx.lineTo(ex[i] + ox, ey[i] + oy);
  }

  /** The middle of a line (t = 0.5 on its curve) and its direction there. */
  function middle(i) {
    const mx = 0.25 * ax[i] + 0.5 * cx[i] + 0.25 * ex[i];
    const my = 0.25 * ay[i] + 0.5 * cy[i] + 0.25 * ey[i];
    return [mx, my, Math.atan2(ey[i] - ay[i], ex[i] - ax[i])];
  }

  function drawArrows(ctx, colour, items, px) {
    ctx.fillStyle = colour;
    ctx.beginPath();
    for (const i of items) {
      const len = Math.min(11 * px, 0.35 * Math.hypot(ex[i] - ax[i], ey[i] - ay[i]));
      const a = Math.atan2(ey[i] - cy[i], ex[i] - cx[i]);
      const [c, s] = [Math.cos(a), Math.sin(a)];
      const w = len * 0.45;
      ctx.moveTo(ex[i], ey[i]);
      ctx.lineTo(ex[i] - c * len - s * w, ey[i] - s * len + c * w);
      ctx.lineTo(ex[i] - c * len + s * w, ey[i] - s * len - c * w);
      ctx.closePath();
    }
    ctx.fill();
  }

  /** A relation type's mark in the middle of each line, turned along it (as the image's). */
  function drawMarks(ctx, kind, colour, items, s) {
    const stroked = kind === 'crow' || kind === 'curve' || kind === 'inv_curve';
    ctx.fillStyle = colour;
    ctx.strokeStyle = colour;
    ctx.lineWidth = s * 0.4;
    ctx.beginPath();
    for (const i of items) {
      const [mx, my, a] = middle(i);
      const c = Math.cos(a);
      const sn = Math.sin(a);
      const at = (u, w) => [mx + u * c - w * sn, my + u * sn + w * c];
      const poly = (pts) => {
        pts.forEach(([u, w], j) => {
          const [x, y] = at(u, w);
          if (j) ctx.lineTo(x, y);
          else ctx.moveTo(x, y);
        });
        ctx.closePath();
      };
      switch (kind) {
        case 'circle': ctx.moveTo(mx + s, my); ctx.arc(mx, my, s, 0, 2 * Math.PI); break;
        case 'box': poly([[-s, -s], [s, -s], [s, s], [-s, s]]); break;
        case 'diamond': poly([[s * 1.3, 0], [0, s * 1.3], [-s * 1.3, 0], [0, -s * 1.3]]); break;
        case 'bar': poly([[-s * 0.3, -s * 1.4], [s * 0.3, -s * 1.4], [s * 0.3, s * 1.4], [-s * 0.3, s * 1.4]]); break;
        case 'triangle': poly([[s, 0], [-s, -s], [-s, s]]); break;
        case 'inv_triangle': poly([[-s, 0], [s, -s], [s, s]]); break;
        case 'vee': poly([[s, 0], [-s, -s], [-s / 3, 0], [-s, s]]); break;
        case 'crow': {
          const [p, q, r, t] = [at(-s, 0), at(s, -s), at(s, 0), at(s, s)];
          ctx.moveTo(...p); ctx.lineTo(...q); ctx.moveTo(...p); ctx.lineTo(...r); ctx.moveTo(...p); ctx.lineTo(...t);
          break;
        }
        case 'curve': case 'inv_curve': {
          const d = kind === 'curve' ? 1 : -1;
          const [p, q, r] = [at(-s * d, -s), at(2 * s * d, 0), at(-s * d, s)];
          ctx.moveTo(...p); ctx.quadraticCurveTo(...q, ...r);
          break;
        }
        default: ctx.moveTo(mx + s, my); ctx.arc(mx, my, s, 0, 2 * Math.PI);
      }
    }
    if (stroked) ctx.stroke();
    else ctx.fill();
  }

  /** Actors by kind: one path per shape, fill and border; faded ones lighter, selected ones ringed. */
  function drawNodes(ctx, k, v) {
    const px = 1 / k;
    const batches = new Map();
    for (let i = 0; i < N; i += 1) {
      const look = nodeLook[i];
      if (nodeGone(i)) continue;
      const r = Math.max(nr[i], 2.5 * px);
      if (nx[i] + r < v[0] || nx[i] - r > v[2] || ny[i] + r < v[1] || ny[i] - r > v[3]) continue;
      const n = nodes[i];
      const key = `${n.shape}|${n.fill}|${n.border}|${look.bright ? 1 : FADE}`;
      if (!batches.has(key)) batches.set(key, { n, alpha: look.bright ? 1 : FADE, items: [] });
      batches.get(key).items.push(i);
    }
    // Faded first, so bright actors lie on top.
    const ordered = [...batches.values()].sort((a, b) => a.alpha - b.alpha);
    for (const b of ordered) {
      ctx.globalAlpha = b.alpha;
      ctx.fillStyle = b.n.fill;
      ctx.strokeStyle = b.n.border;
      ctx.lineWidth = Math.min(2, 2 * px * 1.2);
      // In paths of a few hundred: one path of thousands of shapes costs far more than its parts.
      for (let start = 0; start < b.items.length; start += CHUNK) {
        ctx.beginPath();
        const end = Math.min(b.items.length, start + CHUNK);
        for (let j = start; j < end; j += 1) {
          const i = b.items[j];
          shape(ctx, b.n.shape, nx[i], ny[i], Math.max(nr[i], 2.5 * px));
        }
        ctx.fill();
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
    const ringed = [];
    if (selected && selected.kind === 'node') ringed.push([selected.id, 3.5]);
    if (hovered && hovered.kind === 'node' && !(selected && selected.id === hovered.id)) ringed.push([hovered.id, 2]);
    for (const [id, width] of ringed) {
      const i = nodeIndex.get(id);
      if (i === undefined || nodeGone(i)) continue;
      ctx.strokeStyle = style.ink;
      ctx.lineWidth = width * px;
      ctx.beginPath();
      shape(ctx, nodes[i].shape, nx[i], ny[i], Math.max(nr[i], 2.5 * px));
      ctx.stroke();
    }
  }

  function shape(ctx, kind, x, y, r) {
    const poly = (n, rot, rr = r, dy = 0) => {
      for (let j = 0; j < n; j += 1) {
        const a = rot + (j * 2 * Math.PI) / n;
        const [px, py] = [x + rr * Math.cos(a), y + dy + rr * Math.sin(a)];
        if (j) ctx.lineTo(px, py);
        else ctx.moveTo(px, py);
      }
      ctx.closePath();
    };
    switch (kind) {
      case 'diamond': poly(4, -Math.PI / 2, r * 1.15); break;
      case 'square': ctx.moveTo(x - r, y - r); ctx.rect(x - r, y - r, 2 * r, 2 * r); break;
      case 'triangle': poly(3, -Math.PI / 2, r * 1.2, r * 0.2); break;
      case 'triangleDown': poly(3, Math.PI / 2, r * 1.2, -r * 0.2); break;
      case 'hexagon': poly(6, 0); break;
      case 'ellipse': ctx.moveTo(x + r * 1.3, y); ctx.ellipse(x, y, r * 1.3, r * 0.8, 0, 0, 2 * Math.PI); break;
      case 'star': {
        for (let j = 0; j < 10; j += 1) {
          const a = -Math.PI / 2 + (j * Math.PI) / 5;
          const rr = j % 2 ? r * 0.5 : r * 1.2;
          if (j) ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
          else ctx.moveTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
        }
        ctx.closePath();
        break;
      }
      default: ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
  }

  /** A pen with the path methods `shape` draws with, writing an SVG path's `d` instead of
   * drawing on the canvas: the saved picture gives each kind the shape the map shows it in (the
   * shape is the cue that tells kinds apart where colour cannot, in greyscale or to a
   * colour-blind reader). Circles and ellipses are whole, as `shape` draws them. */
  function svgPen() {
    const d = [];
    const f = (v) => v.toFixed(1);
    const oval = (x, y, rx, ry) => {
      const a = `A${f(rx)},${f(ry)} 0 1,1`;
      d.push(`M${f(x + rx)},${f(y)}${a} ${f(x - rx)},${f(y)}${a} ${f(x + rx)},${f(y)}Z`);
    };
    return {
      moveTo: (x, y) => d.push(`M${f(x)},${f(y)}`),
      lineTo: (x, y) => d.push(`L${f(x)},${f(y)}`),
      closePath: () => d.push('Z'),
      rect: (x, y, w, h) => d.push(`M${f(x)},${f(y)}h${f(w)}v${f(h)}h${f(-w)}Z`),
      arc: (x, y, r) => oval(x, y, r, r),
      ellipse: (x, y, rx, ry) => oval(x, y, rx, ry),
      d: () => d.join(''),
    };
  }

  // --- labels: by priority, never overlapping, never cut by the edge ----------------------------

  const widths = new Map(); // label line -> width at 10 px
  function textWidth(ctx, text, size) {
    let w = widths.get(text);
    if (w === undefined) {
      ctx.font = `10px ${style.font}`;
      w = ctx.measureText(text).width;
      widths.set(text, w);
    }
    return (w * size) / 10;
  }

  /** Boxes placed so far, in cells of a screen grid, so a new label is checked against few. */
  function grid(cell) {
    const cells = new Map();
    const keys = (b) => {
      const out = [];
      for (let gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); gx += 1) {
        for (let gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); gy += 1) out.push(`${gx},${gy}`);
      }
      return out;
    };
    return {
      free(b) {
        for (const key of keys(b)) {
          for (const o of cells.get(key) || []) if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return false;
        }
        return true;
      },
      add(b) {
        for (const key of keys(b)) {
          if (!cells.has(key)) cells.set(key, []);
          cells.get(key).push(b);
        }
      },
    };
  }

  /** A label's size on screen: its size at zoom 1, shrinking as the view zooms out but never
   * under LABEL_MIN; a singled-out actor's stays at its full size. */
  function labelSize(look, k) {
    const size = Math.max(LABEL_MIN, Math.min(look.labelSize, look.labelSize * k));
    return look.strong ? look.labelSize : size;
  }

  /** Labels are placed in DOM pixels of the map (the view is a scale `k` and a shift `o`), on a
   * grid of boxes taken (`placed`) where what lies over the map (its key, the toolbar, the card)
   * is taken already: no place for a label. The caller restores the context. */
  function labelSpace(ctx) {
    const ratio = canvas.width / Math.max(canvas.clientWidth, 1);
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const placed = grid(64);
    const here = canvas.getBoundingClientRect();
    for (const node of obstacles()) {
      if (!node || node.hidden) continue;
      const r = node.getBoundingClientRect();
      if (r.width && r.height) placed.add([r.left - here.left, r.top - here.top, r.right - here.left, r.bottom - here.top]);
    }
    return { k: scale(), o: network.canvasToDOM({ x: 0, y: 0 }), w: canvas.clientWidth, h: canvas.clientHeight, placed };
  }

  /** Lines of text centred on x from y0, `lh` apart, in ink on a white halo. */
  function haloText(ctx, text, x, y0, lh) {
    ctx.lineWidth = 4;
    ctx.strokeStyle = '#ffffff';
    ctx.fillStyle = style.ink;
    text.forEach((t, j) => {
      ctx.strokeText(t, x, y0 + j * lh);
      ctx.fillText(t, x, y0 + j * lh);
    });
  }

  function drawLabels(ctx) {
    if (overview) {
      drawOverviewLabels(ctx);
      return;
    }
    const { k, o, w, h, placed } = labelSpace(ctx);
    const labels = [];
    const lineLabels = [];
    const order = [];
    for (let i = 0; i < N; i += 1) {
      const look = nodeLook[i];
      if (look.hidden || !look.bright || !look.label) continue;
      const p = { x: o.x + nx[i] * k, y: o.y + ny[i] * k };
      if (p.x < -200 || p.y < -200 || p.x > w + 200 || p.y > h + 200) continue;
      order.push([i, p]);
    }
    order.sort((a, b) => nodeLook[b[0]].priority - nodeLook[a[0]].priority);
    // Actors' shapes are kept clear of labels, except of the labels of what is singled out
    // (a focus, a path), which come first whatever they cover.
    const shapes = grid(64);
    for (const [i, p] of order) {
      const r = Math.max(nr[i] * k, 2.5);
      shapes.add([p.x - r, p.y - r, p.x + r, p.y + r]);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.lineJoin = 'round';
    for (const [i, p] of order) {
      const look = nodeLook[i];
      const size = labelSize(look, k);
      const text = nodes[i].lines;
      const lh = size * 1.2;
      const y0 = p.y + Math.max(nr[i] * k, 2.5) + 2;
      // A label whose middle is taken already is left off before its width is measured.
      const middle = [p.x - 1, y0, p.x + 1, y0 + lh * text.length];
      if (!allLabels && (!placed.free(middle) || (!look.strong && !shapes.free(middle)))) continue;
      const lw = Math.max(...text.map((t) => textWidth(ctx, t, size)));
      const b = [p.x - lw / 2 - 2, y0, p.x + lw / 2 + 2, y0 + lh * text.length];
      if (b[0] < 0 || b[1] < 0 || b[2] > w || b[3] > h) continue; // cut by the edge: left off
      // (its own actor's shape ends 2 px above it)
      if (!allLabels && (!placed.free(b) || (!look.strong && !shapes.free(b)))) continue;
      placed.add(b);
      ctx.font = `${size}px ${style.font}`;
      haloText(ctx, text, p.x, y0, lh);
      labels.push({ id: nodes[i].id, box: b });
    }
    // The lines' own labels (contested; a bundle's count and marks), where there is room.
    const v = viewBounds(0);
    ctx.font = `12px ${style.font}`;
    ctx.textBaseline = 'middle';
    for (let i = 0; i < L; i += 1) {
      const look = lineLook[i];
      if (look.hidden || !look.bright || !look.label || !inView(i, v)) continue;
      const [mx, my] = middle(i);
      const p = { x: o.x + mx * k, y: o.y + my * k };
      const tw = textWidth(ctx, look.label, 12);
      const b = [p.x - tw / 2 - 3, p.y - 16 - 8, p.x + tw / 2 + 3, p.y - 16 + 8];
      if (b[0] < 0 || b[1] < 0 || b[2] > w || b[3] > h || !placed.free(b)) continue;
      placed.add(b);
      ctx.fillStyle = 'rgba(255,255,255,0.92)';
      ctx.fillRect(b[0], b[1], b[2] - b[0], b[3] - b[1]);
      ctx.fillStyle = style.ink;
      ctx.fillText(look.label, p.x, p.y - 16);
      lineLabels.push({ id: lines[i].id, text: look.label, box: b });
    }
    ctx.restore();
    lastDrawn = { labels, lineLabels, overviewLabels: [] };
  }

  // --- what is under the pointer: only what is drawn bright ------------------------------------

  /** Squared distance from (x, y) to the segment p-q. */
  function segment(x, y, px, py, qx, qy) {
    const dx = qx - px;
    const dy = qy - py;
    const len = dx * dx + dy * dy;
    let t = len ? ((x - px) * dx + (y - py) * dy) / len : 0;
    t = Math.max(0, Math.min(1, t));
    const sx = px + t * dx - x;
    const sy = py + t * dy - y;
    return sx * sx + sy * sy;
  }

  function lineDistance(i, x, y) {
    if (!lines[i].bend) return segment(x, y, ax[i], ay[i], ex[i], ey[i]);
    let best = Infinity;
    let [qx, qy] = [ax[i], ay[i]];
    for (let j = 1; j <= SAMPLES; j += 1) {
      const t = j / SAMPLES;
      const u = 1 - t;
      const rx = u * u * ax[i] + 2 * u * t * cx[i] + t * t * ex[i];
      const ry = u * u * ay[i] + 2 * u * t * cy[i] + t * t * ey[i];
      best = Math.min(best, segment(x, y, qx, qy, rx, ry));
      [qx, qy] = [rx, ry];
    }
    return best;
  }

  /** The bright actor or line drawn under a point of the map (DOM px), or null. Actors first
   * (drawn on top; the best connected on top of the rest), then the nearest bright line. */
  function hitTest(x, y) {
    const k = scale();
    const at = network.DOMtoCanvas({ x, y });
    if (overview) return overviewHit(at, k);
    for (let i = N - 1; i >= 0; i -= 1) {
      const look = nodeLook[i];
      if (look.hidden || !look.bright) continue;
      const r = Math.max(nr[i], 2.5 / k) + 2 / k;
      const dx = at.x - nx[i];
      const dy = at.y - ny[i];
      if (dx * dx + dy * dy <= r * r) return { kind: 'node', id: nodes[i].id };
    }
    let best = null;
    let bestD = Infinity;
    for (let i = 0; i < L; i += 1) {
      const look = lineLook[i];
      if (look.hidden || !look.bright) continue;
      const reach = (HIT_PX + lineWidth(look, k) / 2) / k;
      if (at.x < box[4 * i] - reach || at.x > box[4 * i + 2] + reach || at.y < box[4 * i + 1] - reach || at.y > box[4 * i + 3] + reach) continue;
      const d = lineDistance(i, at.x, at.y);
      if (d <= reach * reach && d <= bestD) {
        bestD = d;
        best = i;
      }
    }
    return best === null ? null : { kind: 'line', id: lines[best].id };
  }

  let hoverFrame = 0;
  let pointer = null;
  container.addEventListener('pointermove', (e) => {
    if (e.pointerType !== 'mouse') return; // a tap is a click, not a hover
    const rect = canvas.getBoundingClientRect();
    pointer = { x: e.clientX - rect.left, y: e.clientY - rect.top, buttons: e.buttons };
    if (hoverFrame) return;
    hoverFrame = requestAnimationFrame(() => {
      hoverFrame = 0;
      const hit = pointer && !pointer.buttons ? hitTest(pointer.x, pointer.y) : null;
      setHover(hit, pointer);
    });
  });
  container.addEventListener('pointerleave', () => {
    pointer = null;
    setHover(null, null);
  });
  // The view moved under a resting pointer: what it points at now.
  for (const event of ['zoom', 'animationFinished', 'dragEnd']) {
    network.on(event, () => {
      if (pointer && !pointer.buttons) setHover(hitTest(pointer.x, pointer.y), pointer);
    });
  }
  container.addEventListener('pointerdown', () => setHover(null, null));

  function setHover(hit, at) {
    const same = (hit && hovered && hit.kind === hovered.kind && hit.id === hovered.id) || (!hit && !hovered);
    if (!same) {
      const raises = (h) => h && h.kind !== 'line'; // an actor's links, a community's ring, a link between communities
      const redrawNeeded = raises(hit) || raises(hovered);
      hovered = hit;
      if (redrawNeeded) redraw();
    }
    container.style.cursor = hit ? 'pointer' : '';
    emit('hover', { hit, at });
  }

  // --- the camera --------------------------------------------------------------------------

  const animation = (duration) => (motion() ? { duration, easingFunction: 'easeInOutQuad' } : false);

  /** The canvas box of an actor with its label, as the label is drawn at the present zoom. */
  function boxOf(id) {
    const i = nodeIndex.get(id);
    const k = scale();
    const size = labelSize(nodeLook[i], k) / k;
    let longest = 0;
    for (const t of nodes[i].lines) longest = Math.max(longest, t.length);
    const lw = longest * size * 0.55;
    return { left: nx[i] - Math.max(nr[i], lw / 2), right: nx[i] + Math.max(nr[i], lw / 2), top: ny[i] - nr[i], bottom: ny[i] + nr[i] + size * 1.2 * nodes[i].lines.length + 2 / k };
  }

  function bounds(ids) {
    const out = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
    for (const id of ids) {
      if (!nodeIndex.has(id)) continue;
      const b = boxOf(id);
      out.left = Math.min(out.left, b.left);
      out.right = Math.max(out.right, b.right);
      out.top = Math.min(out.top, b.top);
      out.bottom = Math.max(out.bottom, b.bottom);
    }
    return out.left === Infinity ? null : out;
  }

  /** Every actor not hidden, with a margin, never blown up past a little over natural size. */
  function fitted({ width, height } = {}, drawing = overview ? 'overview' : 'map') {
    const ids = nodes.filter((_, i) => !nodeGone(i)).map((n) => n.id);
    const b = drawing === 'overview' ? overviewBounds() : bounds(ids.length ? ids : nodes.map((n) => n.id));
    if (!b) return null;
    const w = width || canvas.clientWidth;
    const h = height || canvas.clientHeight;
    const s = Math.min(1.15, (0.95 * (w - 20)) / Math.max(b.right - b.left, 1), (0.95 * (h - 20)) / Math.max(b.bottom - b.top, 1));
    return { b, s };
  }

  function fit(animate, size = {}) {
    const found = fitted(size);
    if (!found) return;
    const { b, s } = found;
    network.moveTo({ position: { x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 }, scale: s, animation: animate ? animation(350) : false });
  }

  /** Bring actors (with their labels) into `free` (DOM px of the map): with `zoom`, as large as
   * fits; without, keeping the scale unless they do not fit, and not moving when in view. */
  function frame(ids, free, { zoom = false } = {}) {
    const b = bounds(ids);
    if (!b) return;
    const current = scale();
    const fits = Math.min((free.width - 60) / Math.max(b.right - b.left, 1), (free.height - 60) / Math.max(b.bottom - b.top, 1));
    if (!zoom) {
      const p = network.canvasToDOM({ x: b.left, y: b.top });
      const q = network.canvasToDOM({ x: b.right, y: b.bottom });
      const inside = p.x >= free.left + 10 && p.y >= free.top + 10 && q.x <= free.left + free.width - 10 && q.y <= free.top + free.height - 10;
      if (inside) return;
    }
    const s = zoom ? Math.min(fits, 1.2) : Math.min(current, fits);
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    const dx = (free.left + free.width / 2 - w / 2) / s;
    const dy = (free.top + free.height / 2 - h / 2) / s;
    network.moveTo({ position: { x: (b.left + b.right) / 2 - dx, y: (b.top + b.bottom) / 2 - dy }, scale: s, animation: animation(400) });
  }

  // --- the picture of the view, as SVG ----------------------------------------------------------

  const esc = (t) => String(t).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

  /** What the map shows now, as an SVG document of the view's size: the same lines, actors and
   * labels in the same places (labels as placed by the last frame). */
  function toSVG(title) {
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    const k = scale();
    const at = (x, y) => network.canvasToDOM({ x, y });
    const v = viewBounds(40);
    const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${esc(style.font)}">`,
      `<title>${esc(title)}</title>`, `<rect width="${w}" height="${h}" fill="#ffffff"/>`];
    if (overview) return overviewSVG(out, at, k);
    for (let i = 0; i < L; i += 1) {
      const look = lineLook[i];
      if (lineGone(i) || !inView(i, v)) continue;
      const a = at(ax[i], ay[i]);
      const c = at(cx[i], cy[i]);
      const e = at(ex[i], ey[i]);
      const width = lineWidth(look, k);
      const dash = look.bright && look.dashes ? ` stroke-dasharray="${look.dashes.join(' ')}"` : '';
      const d = lines[i].bend ? `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${c.x.toFixed(1)},${c.y.toFixed(1)} ${e.x.toFixed(1)},${e.y.toFixed(1)}` : `M${a.x.toFixed(1)},${a.y.toFixed(1)} L${e.x.toFixed(1)},${e.y.toFixed(1)}`;
      out.push(`<path d="${d}" fill="none" stroke="${look.colour}" stroke-width="${width.toFixed(1)}"${dash}${look.bright ? '' : ` stroke-opacity="${FADE}"`}><title>${esc(lines[i].id)}</title></path>`);
    }
    for (let i = 0; i < N; i += 1) {
      const look = nodeLook[i];
      if (nodeGone(i)) continue;
      const p = at(nx[i], ny[i]);
      if (p.x < -50 || p.y < -50 || p.x > w + 50 || p.y > h + 50) continue;
      const r = Math.max(nr[i] * k, 2.5);
      const pen = svgPen();
      shape(pen, nodes[i].shape, p.x, p.y, r);
      out.push(`<path d="${pen.d()}" fill="${nodes[i].fill}" stroke="${nodes[i].border}"${look.bright ? '' : ` opacity="${FADE}"`}><title>${esc(nodes[i].label)}</title></path>`);
    }
    for (const label of lastDrawn.labels) {
      const i = nodeIndex.get(label.id);
      const size = labelSize(nodeLook[i], k);
      nodes[i].lines.forEach((t, j) => {
        const y = label.box[1] + size * (j + 0.9) * 1.2;
        out.push(`<text x="${((label.box[0] + label.box[2]) / 2).toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}" text-anchor="middle" fill="${style.ink}" stroke="#ffffff" stroke-width="4" paint-order="stroke">${esc(t)}</text>`);
      });
    }
    for (const label of lastDrawn.lineLabels) {
      out.push(`<text x="${((label.box[0] + label.box[2]) / 2).toFixed(1)}" y="${(label.box[3] - 4).toFixed(1)}" font-size="12" text-anchor="middle" fill="${style.ink}" stroke="#ffffff" stroke-width="4" paint-order="stroke">${esc(label.text)}</text>`);
    }
    out.push('</svg>');
    return out.join('\n');
  }

  /** What the map shows now, as a PNG (a Blob), on white. */
  function toPNG() {
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, copy.width, copy.height);
    ctx.drawImage(canvas, 0, 0);
    return new Promise((resolve) => copy.toBlob(resolve, 'image/png'));
  }

  // --- what stays bright ---------------------------------------------------------------------

  let lastLit = null;
  let focusId = null;
  /** Light `lit` (ids of actors and lines), fading the rest; null: all bright. Each actor's and
   * line's flag is set in place, so a focus costs a pass over flags, not new looks for all. The
   * focused actor's label comes first, then the other lit ones', each at 14 px at least and kept
   * at its size whatever the zoom; then the best connected (last in the build's order). */
  function light(lit, focus) {
    lastLit = lit;
    if (focus !== undefined) focusId = focus;
    singled = Boolean(lit);
    for (let i = 0; i < N; i += 1) {
      const look = nodeLook[i];
      const id = nodes[i].id;
      const bright = !lit || lit.nodes.has(id);
      const strong = singled && bright;
      look.bright = bright;
      look.label = bright;
      look.strong = strong;
      look.labelSize = strong ? Math.max(nodes[i].font_size, 14) : nodes[i].font_size;
      look.priority = i + (strong ? (id === focusId ? 3 * N : 2 * N) : 0);
    }
    for (let i = 0; i < L; i += 1) lineLook[i].bright = !lit || lit.lines.has(lines[i].id);
  }

  // --- the overview: a large map's communities, until the reader opens one ---------------------

  const DISC_FILL = '#e6ecf2';
  const DISC_MIN = 6; // px on screen: no community is drawn smaller
  const LINK_LABELS = 24; // the links between communities whose counts are written on them, at most
  const discRadius = (c, k) => Math.max(c.r, DISC_MIN / k);
  const linkWidth = (l) => Math.min(1 + 1.5 * Math.log2(l.count), 14); // px on screen
  const shownCommunities = () => overview.communities.filter((c) => c.shown);

  /** The links between communities (wider for more relations), then the communities as discs,
   * the largest first so that a small one is never hidden under a large one. */
  function drawOverview(ctx) {
    const k = scale();
    const px = 1 / k;
    const cs = overview.communities;
    ctx.lineCap = 'round';
    ctx.strokeStyle = style.ink;
    for (const l of overview.links) {
      if (!l.count) continue;
      const raised = hovered && hovered.id === l.id;
      ctx.globalAlpha = raised ? 0.9 : 0.35;
      ctx.lineWidth = (linkWidth(l) + (raised ? 2 : 0)) * px;
      ctx.beginPath();
      ctx.moveTo(cs[l.a].x, cs[l.a].y);
      ctx.lineTo(cs[l.b].x, cs[l.b].y);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    for (const c of cs) {
      if (!c.shown) continue;
      const ringed = hovered && hovered.id === c.id;
      ctx.fillStyle = DISC_FILL;
      ctx.strokeStyle = style.ink;
      ctx.lineWidth = (ringed ? 3 : 1.2) * px;
      ctx.beginPath();
      ctx.arc(c.x, c.y, discRadius(c, k), 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }

  /** Each community's name (its largest members) and size, the largest communities' first,
   * never overlapping another or cut by the edge; then each link's count where there is room. */
  function drawOverviewLabels(ctx) {
    const { k, o, w, h, placed } = labelSpace(ctx);
    const size = 13;
    const labels = [];
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.lineJoin = 'round';
    ctx.font = `${size}px ${style.font}`;
    for (const c of overview.communities) {
      if (!c.shown || (!allLabels && labels.length >= 60)) continue;
      const p = { x: o.x + c.x * k, y: o.y + c.y * k };
      const text = c.lines;
      const lw = Math.max(...text.map((t) => textWidth(ctx, t, size)));
      const lh = size * 1.25;
      const y0 = p.y - (lh * text.length) / 2;
      const b = [p.x - lw / 2 - 3, y0 - 2, p.x + lw / 2 + 3, y0 + lh * text.length + 2];
      if (b[0] < 0 || b[1] < 0 || b[2] > w || b[3] > h) continue;
      if (!allLabels && !placed.free(b)) continue;
      placed.add(b);
      haloText(ctx, text, p.x, y0, lh);
      labels.push({ id: c.id, text: text.join(' '), box: b });
    }
    const cs = overview.communities;
    // A link's count is never written on a disc, where it would read as the community's.
    for (const c of cs) {
      if (!c.shown) continue;
      const r = discRadius(c, k) * k;
      const p = { x: o.x + c.x * k, y: o.y + c.y * k };
      placed.add([p.x - r, p.y - r, p.x + r, p.y + r]);
    }
    const lineLabels = [];
    ctx.font = `12px ${style.font}`;
    ctx.textBaseline = 'middle';
    for (const l of [...overview.links].sort((a, b) => b.count - a.count)) {
      if (!l.count || !cs[l.a].shown || !cs[l.b].shown) continue;
      if (!allLabels && lineLabels.length >= LINK_LABELS) break; // the largest links' counts only
      const p = { x: o.x + ((cs[l.a].x + cs[l.b].x) / 2) * k, y: o.y + ((cs[l.a].y + cs[l.b].y) / 2) * k };
      const text = l.short;
      const tw = textWidth(ctx, text, 12);
      const b = [p.x - tw / 2 - 3, p.y - 8, p.x + tw / 2 + 3, p.y + 8];
      if (b[0] < 0 || b[1] < 0 || b[2] > w || b[3] > h || !placed.free(b)) continue;
      placed.add(b);
      ctx.fillStyle = 'rgba(255,255,255,0.92)';
      ctx.fillRect(b[0], b[1], b[2] - b[0], b[3] - b[1]);
      ctx.fillStyle = style.ink;
      ctx.fillText(text, p.x, p.y);
      lineLabels.push({ id: l.id, text, box: b });
    }
    ctx.restore();
    lastDrawn = { labels: [], lineLabels, overviewLabels: labels };
  }

  /** The community (the smallest on top) or, failing one, the link under a point of the map. */
  function overviewHit(at, k) {
    const cs = overview.communities;
    for (let i = cs.length - 1; i >= 0; i -= 1) {
      const c = cs[i];
      if (!c.shown) continue;
      const r = discRadius(c, k) + 2 / k;
      if ((at.x - c.x) ** 2 + (at.y - c.y) ** 2 <= r * r) return { kind: 'community', id: c.id };
    }
    let best = null;
    let bestD = Infinity;
    for (const l of overview.links) {
      if (!l.count) continue;
      const reach = (HIT_PX + linkWidth(l) / 2) / k;
      const d = segment(at.x, at.y, cs[l.a].x, cs[l.a].y, cs[l.b].x, cs[l.b].y);
      if (d <= reach * reach && d < bestD) {
        bestD = d;
        best = l;
      }
    }
    return best && { kind: 'link', id: best.id };
  }

  function overviewBounds() {
    const out = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
    for (const c of shownCommunities()) {
      out.left = Math.min(out.left, c.x - c.r);
      out.right = Math.max(out.right, c.x + c.r);
      out.top = Math.min(out.top, c.y - c.r);
      out.bottom = Math.max(out.bottom, c.y + c.r);
    }
    return out.left === Infinity ? null : out;
  }

  /** The overview as SVG: the same links, discs and labels as on the canvas. */
  function overviewSVG(out, at, k) {
    const cs = overview.communities;
    for (const l of overview.links) {
      if (!l.count) continue;
      const a = at(cs[l.a].x, cs[l.a].y);
      const b = at(cs[l.b].x, cs[l.b].y);
      out.push(`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${style.ink}" stroke-opacity="0.35" stroke-width="${linkWidth(l).toFixed(1)}" stroke-linecap="round"><title>${esc(l.label)}</title></line>`);
    }
    for (const c of shownCommunities()) {
      const p = at(c.x, c.y);
      out.push(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${(discRadius(c, k) * k).toFixed(1)}" fill="${DISC_FILL}" stroke="${style.ink}"><title>${esc(c.lines.join(' '))}</title></circle>`);
    }
    for (const label of [...lastDrawn.overviewLabels, ...lastDrawn.lineLabels]) {
      const y = (label.box[1] + label.box[3]) / 2 + 4;
      out.push(`<text x="${((label.box[0] + label.box[2]) / 2).toFixed(1)}" y="${y.toFixed(1)}" font-size="12" text-anchor="middle" fill="${style.ink}" stroke="#ffffff" stroke-width="4" paint-order="stroke">${esc(label.text)}</text>`);
    }
    out.push('</svg>');
    return out.join('\n');
  }

  // --- the interface -----------------------------------------------------------------------

  return {
    /** Take what to draw; drawn once, at the next frame. */
    draw(scene) {
      if (scene.nodes) {
        for (const [id, hidden] of scene.nodes) {
          const i = nodeIndex.get(id);
          if (i !== undefined) nodeLook[i].hidden = hidden;
        }
      }
      if (scene.lines) {
        for (const [id, look] of scene.lines) {
          const i = lineIndex.get(id);
          if (i === undefined) continue;
          const old = lineLook[i];
          if (look.hidden) {
            old.hidden = true;
            continue;
          }
          const bright = old.bright;
          Object.assign(old, look);
          old.bright = bright; // what stays bright is `lit`'s to say
          // the batch it is drawn in when bright: made here, once, not per line per frame
          old.key = `${old.colour}|${old.width}|${old.dashes ? old.dashes.join(',') : ''}`;
        }
      }
      if (scene.lit !== undefined || scene.focus !== undefined) light(scene.lit === undefined ? lastLit : scene.lit, scene.focus);
      if (scene.only !== undefined) only = scene.only;
      if (scene.allLabels !== undefined) allLabels = scene.allLabels;
      redraw();
    },
    select(kind, id) {
      selected = kind ? { kind, id } : null;
      redraw();
    },
    hitTest,
    load(nodesIn, linesIn) {
      load(nodesIn, linesIn);
      redraw();
    },
    /** Draw a large map's overview (communities and the links between them) instead of the map,
     * or (null) the map itself. */
    overview(look) {
      overview = look;
      if (!look && hovered && (hovered.kind === 'community' || hovered.kind === 'link')) hovered = null;
      redraw();
    },
    toSVG,
    toPNG,
    fit,
    /** The zoom at which the whole map (not its overview) fits the view. */
    fitScale: () => (fitted({}, 'map') || { s: scale() }).s,
    frame,
    moveTo(view, animate = false) {
      network.moveTo({ ...view, animation: animate ? animation(300) : false });
    },
    view: () => ({ position: network.getViewPosition(), scale: scale() }),
    scale,
    toDOM: (id) => network.canvasToDOM({ x: nx[nodeIndex.get(id)], y: ny[nodeIndex.get(id)] }),
    toDOMPoint: (x, y) => network.canvasToDOM({ x, y }),
    lineMiddle: (id) => {
      const [mx, my] = middle(lineIndex.get(id));
      return network.canvasToDOM({ x: mx, y: my });
    },
    position: (id) => ({ x: nx[nodeIndex.get(id)], y: ny[nodeIndex.get(id)] }),
    setSize(width, height) {
      network.setSize(width, height);
    },
    redrawNow() {
      network.redraw();
    },
    canvas: () => canvas,
    on(event, fn) {
      listeners[event].push(fn);
    },
    /** What the last frame drew: each actor's and line's look, and the labels placed (DOM px). */
    drawn() {
      return {
        nodes: nodes.map((n, i) => ({ id: n.id, ...nodeLook[i], hidden: nodeGone(i) })),
        lines: lines.map((l, i) => ({ id: l.id, ...lineLook[i], hidden: lineGone(i), width: lineWidth(lineLook[i], scale()) })),
        labels: lastDrawn.labels,
        lineLabels: lastDrawn.lineLabels,
        overviewLabels: lastDrawn.overviewLabels,
        overview: Boolean(overview),
        selected,
        singled,
      };
    },
  };
}
