// Accessibility checks for the panels, run in the page (real Chromium layout and computed styles):
//
// - auditPage: a structural check in the spirit of axe — every control has an accessible name,
//   every SVG figure has a role and a name, every chart is described by its data table (in a
//   disclosure that can be opened), ids are unique, and (optionally) text has WCAG contrast
//   against what is behind it.
// - tabWalk: presses Tab through the page, recording each stop, whether it shows a focus
//   indicator (outline or box-shadow on the focused element or inside its shadow root), and which of
//   the page's controls it reached, in order.
//
// The page scripts are plain JavaScript strings (the test tsconfig has no DOM library).
import type { Page } from 'playwright-core';

/** The page's helpers, installed once per page: name computation, visibility, colours. */
const HELPERS = String.raw`
(() => {
  if (window.__a11y) return;
  const visible = (el) => {
    if (!el.isConnected) return false;
    if (el.closest('[hidden], [aria-hidden="true"]')) return false;
    if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ visibilityProperty: true })) return false;
    return el.getClientRects().length > 0;
  };
  const text = (el) => (el.textContent || '').replace(/\s+/g, ' ').trim();
  const byIds = (el, attr) => (el.getAttribute(attr) || '').split(/\s+/).filter(Boolean).map((id) => el.ownerDocument.getElementById(id));
  /** The accessible name, by the usual precedence (labelledby, label, <label>, contents, title). */
  const name = (el) => {
    const refs = byIds(el, 'aria-labelledby');
    if (refs.length) return refs.map((r) => (r ? text(r) : '')).join(' ').trim();
    const label = (el.getAttribute('aria-label') || '').trim();
    if (label) return label;
    if (el.id) {
      const forLabel = el.ownerDocument.querySelector('label[for="' + CSS.escape(el.id) + '"]');
      if (forLabel && text(forLabel)) return text(forLabel);
    }
    const wrapping = el.closest('label');
    if (wrapping && text(wrapping)) return text(wrapping);
    if (!['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && text(el)) return text(el);
    if (el.tagName === 'svg' || el.namespaceURI === 'http://www.w3.org/2000/svg') {
      const title = el.querySelector(':scope > title');
      if (title && text(title)) return text(title);
    }
    return (el.getAttribute('title') || el.getAttribute('alt') || el.getAttribute('placeholder') || '').trim();
  };
  const CONTROLS = 'button, input:not([type="hidden"]), select, textarea, summary, a[href], [role="button"], [role="radio"], [role="checkbox"], [role="slider"], [role="tab"], [role="treeitem"], vscode-button, vscode-checkbox, vscode-dropdown, vscode-text-field, [tabindex]';
  const disabled = (el) => el.disabled === true || el.hasAttribute('disabled') || el.getAttribute('aria-disabled') === 'true';
  /** Controls a user can reach with Tab, in document order. */
  const tabbable = () =>
    [...document.querySelectorAll(CONTROLS)].filter((el) => {
      if (!visible(el) || disabled(el)) return false;
      const t = el.getAttribute('tabindex');
      if (t !== null && Number(t) < 0) return false;
      // A closed <details> shows only its summary.
      const details = el.parentElement && el.parentElement.closest('details');
      if (details && !details.open && !(el.tagName === 'SUMMARY' && el.parentElement === details)) return false;
      return true;
    });
  const parse = (c) => {
    const m = /^rgba?\(([^)]+)\)$/.exec(c || '');
    if (!m) return undefined;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, below) => ({ r: top.r * top.a + below.r * (1 - top.a), g: top.g * top.a + below.g * (1 - top.a), b: top.b * top.a + below.b * (1 - top.a), a: 1 });
  const luminance = (c) => {
    const ch = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
  };
  const ratio = (a, b) => { const x = luminance(a), y = luminance(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  /** The opaque colour behind an element: its ancestors' backgrounds, composited. */
  const background = (el) => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (const c of layers.reverse()) bg = over(c, bg);
    return bg;
  };
  const opacity = (el) => { let o = 1; for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
  window.__a11y = { visible, text, byIds, name, tabbable, disabled, parse, over, ratio, background, opacity };
})();
`;

const AUDIT = String.raw`
((options) => {
  const { visible, byIds, name, tabbable, parse, over, ratio, background, opacity, disabled } = window.__a11y;
  const problems = [];
  const describe = (el) => {
    const id = el.id ? '#' + el.id : '';
    const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    return el.tagName.toLowerCase() + id + cls;
  };
  // Controls: a name each (visible ones, and the hidden-by-closed-details ones too: they open).
  const controls = [...document.querySelectorAll('button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="radio"], [role="slider"], vscode-button, vscode-checkbox, vscode-dropdown, vscode-text-field')].filter((el) => !el.closest('[hidden], [aria-hidden="true"]'));
  for (const el of controls) if (!name(el)) problems.push('control without a name: ' + describe(el));
  for (const el of tabbable()) if (!name(el)) problems.push('tab stop without a name: ' + describe(el));
  // Figures: a role and a name; charts described by a data table in a disclosure.
  const figures = [...document.querySelectorAll('svg')].filter((svg) => !svg.closest('[aria-hidden="true"]') && svg.getAttribute('aria-hidden') !== 'true' && !svg.parentElement.closest('svg'));
  for (const svg of figures) {
    if (!svg.closest('[hidden]') && !visible(svg)) continue;
    const role = svg.getAttribute('role');
    if (role !== 'img' && role !== 'group') problems.push('figure without role img/group: ' + describe(svg));
    const labelledBy = byIds(svg, 'aria-labelledby');
    if (labelledBy.some((r) => !r || !svg.contains(r))) problems.push('figure labelled by an id outside it (duplicate or missing id): ' + describe(svg) + ' → ' + svg.getAttribute('aria-labelledby'));
    if (!name(svg)) problems.push('figure without a name: ' + describe(svg));
    if (svg.closest('.figure-host, .tree-host')) {
      const table = byIds(svg, 'aria-describedby')[0];
      if (!table || table.tagName !== 'TABLE') problems.push('chart not described by a data table: ' + describe(svg));
      else if (!table.closest('details.chart-data') || (table.closest('details.chart-data').hidden && table.getAttribute('data-rows') !== '0')) problems.push('chart table not in a shown "Show data as table" disclosure: ' + describe(svg));
      else if (!table.querySelector('caption') || !table.querySelector('caption').textContent.trim()) problems.push('chart table without a caption: ' + describe(svg));
    }
  }
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push('img without alt: ' + describe(img));
  // Ids the ARIA references above rely on.
  const seen = new Map();
  for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
  for (const [id, n] of seen) if (n > 1) problems.push('id used ' + n + ' times: ' + id);
  /** The filled shape an SVG text is drawn on (a node's circle, a pill, a badge): an earlier sibling under its centre. */
  const shapeBehind = (el) => {
    if (!el.parentElement || typeof el.getBBox !== 'function') return undefined;
    const box = el.getBBox();
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    let found;
    for (const sib of el.parentElement.children) {
      if (sib === el) break;
      if (!['circle', 'rect', 'ellipse', 'path'].includes(sib.tagName)) continue;
      const s = getComputedStyle(sib);
      const c = parse(s.fill);
      if (!c || c.a === 0 || s.display === 'none' || Number(s.opacity) === 0) continue;
      const b = sib.getBBox();
      if (cx >= b.x && cx <= b.x + b.width && cy >= b.y && cy <= b.y + b.height) found = { ...c, a: c.a * Number(s.fillOpacity || 1) * Number(s.opacity) };
    }
    return found;
  };
  // Contrast of visible text (HTML and SVG) against what is behind it.
  if (options.contrast) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const checked = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || checked.has(el) || !node.textContent.trim() || el.closest('title, desc, style, script, option') || !visible(el)) continue;
      checked.add(el);
      if (el.closest('[disabled], :disabled, .future')) continue; // inactive: exempt (WCAG 1.4.3)
      const style = getComputedStyle(el);
      const isSvg = el.namespaceURI === 'http://www.w3.org/2000/svg';
      const fg = parse(isSvg ? style.fill : style.color);
      if (!fg) continue;
      const page = background(isSvg ? el.ownerSVGElement : el);
      const shape = isSvg ? shapeBehind(el) : undefined;
      const bg = shape ? over(shape, page) : page;
      const colour = over({ ...fg, a: fg.a * opacity(el) }, bg);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const r = ratio(colour, bg);
      if (r < (large ? 3 : 4.5)) problems.push('contrast ' + r.toFixed(2) + ':1 for "' + node.textContent.trim().slice(0, 40) + '" in ' + describe(el) + ' (' + (isSvg ? style.fill : style.color) + ' on rgb(' + [bg.r, bg.g, bg.b].map(Math.round).join(', ') + '))');
    }
  }
  // Lines and marks of the figures: 3:1 against the page (WCAG 1.4.11), where they are drawn opaque.
  if (options.marks) {
    for (const mark of document.querySelectorAll('svg path.curve, svg line.edge, svg .axis line, svg circle.dot')) {
      if (!visible(mark) || mark.closest('.previous, .future, .pruned')) continue;
      const style = getComputedStyle(mark);
      const paint = mark.tagName === 'circle' ? style.fill : style.stroke;
      const c = parse(paint);
      if (!c || c.a === 0) continue;
      const bg = background(mark.ownerSVGElement);
      const r = ratio(over({ ...c, a: c.a * Number(style.strokeOpacity || 1) * opacity(mark) }, bg), bg);
      if (r < 3) problems.push('figure mark contrast ' + r.toFixed(2) + ':1 for ' + describe(mark) + ' (' + paint + ')');
    }
  }
  void disabled;
  return [...new Set(problems)];
})
`;

async function install(page: Page): Promise<void> {
  await page.evaluate(HELPERS);
}

/** The page's accessibility problems (empty when it passes). */
/** `contrast`: text against its background (4.5:1, large text 3:1); `marks`: figure lines and dots against the page (3:1). */
export async function auditPage(page: Page, options: { contrast?: boolean; marks?: boolean } = {}): Promise<string[]> {
  await install(page);
  return page.evaluate(`${AUDIT}(${JSON.stringify(options)})`) as Promise<string[]>;
}

export interface TabStop {
  /** Index of the stop among the page's tab stops before the walk (-1: a stop the page did not list). */
  index: number;
  /** tag#id.class of the focused element (inside a shadow root: the host's, then the inner element's). */
  element: string;
  name: string;
  /** Outline or box-shadow on the focused element, or on the control inside its shadow root. */
  indicator: boolean;
}

export interface TabWalk {
  /** The page's tab stops, in document order, as tag#id.class: name. */
  expected: string[];
  stops: TabStop[];
}

/** Presses Tab from the top of the page until the focus leaves the page or comes back around. */
export async function tabWalk(page: Page, maxStops = 200): Promise<TabWalk> {
  await install(page);
  const expected = (await page.evaluate(String.raw`(() => {
    const { tabbable, name } = window.__a11y;
    const stops = tabbable();
    stops.forEach((el, i) => el.setAttribute('data-tab-index', String(i)));
    return stops.map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ': ' + name(el));
  })()`)) as string[];
  // Start from the document, not from whatever a test focused.
  await page.evaluate(
    'document.activeElement && document.activeElement.blur && document.activeElement.blur(); window.focus();',
  );
  const stops: TabStop[] = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    const stop = (await page.evaluate(String.raw`(() => {
      const { name } = window.__a11y;
      const top = document.activeElement;
      if (!top || top === document.body) return null;
      let deep = top;
      while (deep.shadowRoot && deep.shadowRoot.activeElement) deep = deep.shadowRoot.activeElement;
      // The theme's focus colour, resolved (the toolkit's controls show focus as a border in it).
      const probe = document.createElement('span');
      probe.style.color = 'var(--vscode-focusBorder)';
      document.body.append(probe);
      const focusColour = getComputedStyle(probe).color;
      probe.remove();
      const shows = (el) => {
        const s = getComputedStyle(el);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none') || (s.borderTopStyle !== 'none' && parseFloat(s.borderTopWidth) > 0 && s.borderTopColor === focusColour);
      };
      // A custom element draws its ring on the control inside it (the toolkit: .control:focus-visible).
      const inner = top.shadowRoot ? [...top.shadowRoot.querySelectorAll('.control, [part="control"]')] : [];
      // An SVG node draws its ring as a child shape (.focus-ring), shown by the focused state.
      const ring = top.querySelector && top.querySelector(':scope > .focus-ring');
      const ringStyle = ring && getComputedStyle(ring);
      const ringShown = ringStyle ? ringStyle.display !== 'none' && ringStyle.visibility !== 'hidden' && Number(ringStyle.opacity) > 0 && ringStyle.stroke !== 'none' : false;
      const label = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : (el.className && el.className.baseVal ? '.' + el.className.baseVal.trim().split(/\s+/).join('.') : ''));
      const indexed = top.closest('[data-tab-index]');
      return {
        index: indexed === top ? Number(top.getAttribute('data-tab-index')) : -1,
        element: label(top) + (deep !== top ? ' > ' + label(deep) : ''),
        name: name(top),
        indicator: shows(top) || shows(deep) || inner.some(shows) || ringShown,
        key: top.getAttribute('data-tab-index') ?? label(top),
      };
    })()`)) as (TabStop & { key: string }) | null;
    if (!stop) break;
    if (stops.length && stops[0].index === stop.index && stop.index >= 0) break;
    stops.push({ index: stop.index, element: stop.element, name: stop.name, indicator: stop.indicator });
  }
  return { expected, stops };
}

/** What is wrong with a walk: stops missed, out of order, unnamed, or without a visible focus. */
export function tabWalkProblems(walk: TabWalk): string[] {
  const problems: string[] = [];
  const reached = walk.stops.filter((s) => s.index >= 0).map((s) => s.index);
  for (let i = 0; i < walk.expected.length; i++)
    if (!reached.includes(i)) problems.push(`never reached by Tab: ${walk.expected[i]}`);
  for (let i = 1; i < reached.length; i++)
    if (reached[i] <= reached[i - 1])
      problems.push(`out of document order: ${walk.expected[reached[i]]} after ${walk.expected[reached[i - 1]]}`);
  for (const s of walk.stops) {
    if (!s.name) problems.push(`tab stop without a name: ${s.element}`);
    if (!s.indicator) problems.push(`no visible focus indicator on ${s.element} (${s.name})`);
  }
  return problems;
}
