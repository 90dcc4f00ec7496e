/* actorgraph page: DOM helpers shared by the panels.
 *
 * Data is only ever put on the page as text (textContent, text nodes, attribute values), never
 * parsed as HTML: names, aliases and quotes come from curators and from source texts, and must
 * show as written.
 */
'use strict';

// eslint-disable-next-line no-unused-vars
function createDom(DATA) {
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

  return { el, svg, lineSwatch, markerShape, typeSwatch, shapeSwatch, sourceCite };
}
