// Draws a beam-search trace as an SVG tree (root on the left, one column per step). DOM-free:
// it returns a string, so the panel, the SVG export and the CLI's HTML report share one drawing.
// Deterministic: the same trace and options always give the same markup.
import { hierarchy, tree as d3tree } from 'd3';
import type { BeamTrace } from '../trace';
import { beamAt, buildBeamTree, formatScore, type BeamNode, type BeamTreeModel } from './beamTreeModel';
import { BEAM_TREE_LIGHT_DEFAULTS, BEAM_TREE_RULES } from './beamTreeStyle';

export interface BeamTreeSvgOptions {
  /** Show the search up to this step (0…T); later nodes are ghosted. Defaults to the last step. */
  step?: number;
  /** The node with the keyboard focus ring (and tabindex 0). */
  focusedId?: string;
  showGreedy?: boolean;
  showExhaustive?: boolean;
  maxPrunedPerParent?: number;
  /** Available width in px: columns spread out to use it (within readable bounds). */
  width?: number;
  /** Embed a <style> with light colours (default true). A panel under a strict CSP passes false and styles the classes itself. */
  standalone?: boolean;
  /** Prefix for element ids, when several trees share a page. */
  idPrefix?: string;
}

const ROW = 44;
const PILL_H = 34;
const MARGIN = 16;
const CHAR_W = 7.2;

export function renderBeamTreeSvg(trace: BeamTrace, options: BeamTreeSvgOptions = {}): string {
  return renderBeamTreeModelSvg(buildBeamTree(trace, { maxPrunedPerParent: options.maxPrunedPerParent }), options);
}

/** The same drawing from a prebuilt model (the panel builds it once and re-renders per step). */
export function renderBeamTreeModelSvg(model: BeamTreeModel, options: BeamTreeSvgOptions = {}): string {
  const { trace } = model;
  const T = model.maxStep;
  const step = clampInt(options.step ?? T, 0, T);
  const showGreedy = (options.showGreedy ?? true) && trace.greedy !== undefined;
  const showExhaustive = (options.showExhaustive ?? true) && trace.exhaustive !== undefined;
  const standalone = options.standalone ?? true;
  const idp = options.idPrefix ?? 'beam-';

  // Pill width fits the longest label; columns spread to the available width within bounds.
  const longest = Math.max(4, ...model.nodes.map((n) => Math.max(n.label.length, formatScore(n.score).length)));
  const pillW = Math.round(Math.min(132, Math.max(52, longest * CHAR_W + 20)));
  const gapMin = 28;
  const gapMax = 96;
  const available = options.width !== undefined && T > 0 ? (options.width - 2 * MARGIN - pillW) / T - pillW : gapMin;
  const colW = pillW + Math.round(Math.min(gapMax, Math.max(gapMin, available)));

  // d3's tidy tree: x = vertical position, y = depth column. Siblings stay close, cousins apart.
  const layout = d3tree<BeamNode>()
    .nodeSize([ROW, colW])
    .separation((a, b) => (a.parent === b.parent ? 1 : 1.3))(hierarchy(model.root, (n) => n.children));
  const pos = new Map<string, { x: number; y: number }>();
  let minX = Infinity;
  let maxX = -Infinity;
  layout.each((p) => {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
  });

  const contentW = 2 * MARGIN + T * colW + pillW;
  const width = Math.max(contentW, options.width !== undefined ? Math.min(options.width, contentW + 200) : 0, 240);
  const legend = legendItems(
    showGreedy,
    showExhaustive,
    model.nodes.some((n) => n.kind === 'unexpanded'),
  );
  const legendLayout = layoutLegend(legend, width - 2 * MARGIN);
  const axisY = MARGIN + legendLayout.height + 14;
  const top = axisY + 14 + PILL_H / 2;
  layout.each((p) => pos.set(p.data.id, { x: MARGIN + pillW / 2 + p.depth * colW, y: Math.round(top + p.x - minX) }));
  const height = Math.round(top + (maxX - minX) + PILL_H / 2 + MARGIN);

  const beamIds = new Set(beamAt(model, step).map((n) => n.id));
  const beamPathIds = new Set<string>();
  for (const id of beamIds) for (let n = model.byId.get(id); n; n = n.parent) beamPathIds.add(n.id);
  const isFuture = (n: BeamNode) => n.depth > step;
  // The focus ring shows only when a caller focuses a node; the roving tabindex always lands somewhere.
  const hasFocus = options.focusedId !== undefined && model.byId.has(options.focusedId);
  const focused = hasFocus ? options.focusedId! : model.root.id;

  const out: string[] = [];
  const title = `Beam tree: ${trace.title} (k = ${trace.k}, T = ${trace.T}), step ${step} of ${T}`;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="beam-tree" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `role="group" aria-labelledby="${idp}title" data-step="${step}" data-max-step="${T}">`,
  );
  out.push(`<title id="${idp}title">${esc(title)}</title>`);
  if (standalone) {
    out.push(`<style>${BEAM_TREE_LIGHT_DEFAULTS}${BEAM_TREE_RULES}</style>`);
    out.push(`<rect class="background" x="0" y="0" width="${width}" height="${height}"/>`);
  }

  // Legend and step axis.
  out.push(`<g class="legend" aria-hidden="true">`);
  for (const item of legendLayout.items) out.push(legendMarkup(item.item, item.x + MARGIN, item.y + MARGIN));
  out.push(`</g>`);
  out.push(`<g class="axis" aria-hidden="true">`);
  for (let t = 0; t <= T; t++) {
    const x = MARGIN + pillW / 2 + t * colW;
    const cls = t === step ? ' current' : '';
    // The shown step's column is a band behind its nodes; no rules cross the pills.
    if (t === step)
      out.push(
        `<rect class="step-band" x="${x - pillW / 2 - 8}" y="${axisY - 14}" width="${pillW + 16}" height="${height - axisY + 14 - MARGIN / 2}" rx="6"/>`,
      );
    out.push(`<text class="axis-label${cls}" x="${x}" y="${axisY}" text-anchor="middle">t = ${t}</text>`);
  }
  out.push(`</g>`);

  // Edges: from the right side of the parent's pill to the left side of the child's.
  out.push(`<g class="edges" aria-hidden="true">`);
  for (const n of model.nodes) {
    if (!n.parent) continue;
    const cls = ['edge', n.kind, isFuture(n) ? 'future' : '', beamPathIds.has(n.id) ? 'beam-path' : '']
      .filter(Boolean)
      .join(' ');
    out.push(
      `<path class="${cls}" data-from="${esc(n.parent.id)}" data-to="${esc(n.id)}" d="${link(pos.get(n.parent.id)!, pos.get(n.id)!, pillW, 0)}"/>`,
    );
  }
  out.push(`</g>`);

  // Greedy and exhaustive best paths, drawn slightly apart so both show where they coincide.
  out.push(`<g class="overlays" aria-hidden="true">`);
  const overlays: { name: 'greedy' | 'exhaustive'; tokens: number[]; dy: number }[] = [];
  if (showGreedy) overlays.push({ name: 'greedy', tokens: trace.greedy!.tokens, dy: showExhaustive ? -4 : 0 });
  if (showExhaustive) overlays.push({ name: 'exhaustive', tokens: trace.exhaustive!.tokens, dy: showGreedy ? 4 : 0 });
  for (const o of overlays) {
    const segments: string[] = [];
    const future: string[] = [];
    for (let d = 1; d <= o.tokens.length; d++) {
      const from = pos.get(idOf(o.tokens.slice(0, d - 1)));
      const to = pos.get(idOf(o.tokens.slice(0, d)));
      if (!from || !to) break;
      (d <= step ? segments : future).push(link(from, to, pillW, o.dy));
    }
    if (segments.length) out.push(`<path class="overlay ${o.name}" data-path="${o.name}" d="${segments.join(' ')}"/>`);
    if (future.length)
      out.push(`<path class="overlay ${o.name} future" data-path="${o.name}" d="${future.join(' ')}"/>`);
  }
  out.push(`</g>`);

  // Nodes, in tree order, as one flat ARIA tree (aria-level/setsize/posinset carry the structure).
  out.push(`<g class="nodes" role="tree" aria-label="Hypotheses of ${esc(trace.title)}">`);
  for (const n of model.nodes) {
    const p = pos.get(n.id)!;
    const classes = [
      'node',
      n.kind,
      `depth-${n.depth}`,
      beamIds.has(n.id) ? 'beam' : '',
      beamPathIds.has(n.id) && !beamIds.has(n.id) ? 'beam-path' : '',
      isFuture(n) ? 'future' : '',
      n.onGreedy ? 'on-greedy' : '',
      n.onExhaustive ? 'on-exhaustive' : '',
      n.finalRank !== undefined && step === T ? 'final' : '',
      hasFocus && n.id === focused ? 'focused' : '',
    ].filter(Boolean);
    const siblings = n.parent ? n.parent.children : [n];
    const attrs = [
      `class="${classes.join(' ')}"`,
      `id="${esc(idp + n.id)}"`,
      `data-id="${esc(n.id)}"`,
      `data-depth="${n.depth}"`,
      n.score !== undefined ? `data-score="${n.score}"` : '',
      `transform="translate(${p.x},${p.y})"`,
      `role="treeitem"`,
      `aria-level="${n.depth + 1}"`,
      `aria-setsize="${siblings.length}"`,
      `aria-posinset="${siblings.indexOf(n) + 1}"`,
      `aria-selected="${hasFocus && n.id === focused}"`,
      `aria-label="${esc(describeNode(n, step))}"`,
      `tabindex="${n.id === focused ? 0 : -1}"`,
    ].filter(Boolean);
    out.push(`<g ${attrs.join(' ')}>`);
    out.push(
      `<rect class="focus-ring" x="${-pillW / 2 - 4}" y="${-PILL_H / 2 - 4}" width="${pillW + 8}" height="${PILL_H + 8}" rx="9"/>`,
    );
    out.push(`<rect class="pill" x="${-pillW / 2}" y="${-PILL_H / 2}" width="${pillW}" height="${PILL_H}" rx="6"/>`);
    const label = n.kind === 'root' ? 'start' : n.label;
    if (n.kind === 'collapsed') {
      out.push(`<text class="token" x="0" y="4" text-anchor="middle">${esc(label)}</text>`);
    } else {
      out.push(`<text class="token" x="0" y="-3" text-anchor="middle">${esc(label)}</text>`);
      out.push(`<text class="score" x="0" y="11" text-anchor="middle">${esc(formatScore(n.score))}</text>`);
    }
    if (beamIds.has(n.id) && n.kind !== 'root' && n.rank !== undefined) {
      const rankInBeam = [...beamIds].indexOf(n.id) + 1;
      out.push(
        `<g class="badge"><circle cx="${pillW / 2}" cy="${-PILL_H / 2}" r="8"/><text x="${pillW / 2}" y="${-PILL_H / 2 + 3.5}" text-anchor="middle">${rankInBeam}</text></g>`,
      );
    }
    out.push(`</g>`);
  }
  out.push(`</g>`);
  out.push(`</svg>`);
  return out.join('\n');
}

/** The sentence a screen reader says for a node (also the panel's tooltip). */
export function describeNode(n: BeamNode, step: number): string {
  if (n.kind === 'root') return 'Start (empty prefix), log-prob 0';
  if (n.kind === 'collapsed')
    return `${n.hiddenCount} more pruned candidates after "${n.parent?.text ?? ''}", best log-prob ${formatScore(n.score)}`;
  const parts = [`"${n.text}"`, `log-prob ${formatScore(n.score)}`, `step ${n.depth}`];
  if (n.kind === 'unexpanded') parts.push('never expanded by beam search');
  else parts.push(n.kind === 'kept' ? 'kept' : 'pruned');
  if (n.rank !== undefined) parts.push(`rank ${n.rank} of ${n.ofCandidates}`);
  if (n.finalRank !== undefined && step >= n.depth) parts.push(`final beam ${n.finalRank}`);
  if (n.onGreedy && n.onExhaustive) parts.push('on the greedy and the exhaustive best path');
  else if (n.onGreedy) parts.push('on the greedy path');
  else if (n.onExhaustive) parts.push('on the exhaustive best path');
  if (n.depth > step) parts.push('not reached yet at this step');
  return parts.join(', ');
}

type LegendItem = { key: string; text: string; width: number };

function legendItems(greedy: boolean, exhaustive: boolean, unexpanded: boolean): LegendItem[] {
  const items: LegendItem[] = [
    { key: 'beam', text: 'current beam', width: 112 },
    { key: 'kept', text: 'kept', width: 62 },
    { key: 'pruned', text: 'pruned', width: 76 },
  ];
  if (greedy) items.push({ key: 'greedy', text: 'greedy', width: 80 });
  if (exhaustive) items.push({ key: 'exhaustive', text: 'exhaustive best', width: 128 });
  if (unexpanded) items.push({ key: 'unexpanded', text: 'never expanded', width: 124 });
  return items;
}

function layoutLegend(
  items: LegendItem[],
  maxWidth: number,
): { items: { item: LegendItem; x: number; y: number }[]; height: number } {
  const placed: { item: LegendItem; x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  for (const item of items) {
    if (x > 0 && x + item.width > maxWidth) {
      x = 0;
      y += 20;
    }
    placed.push({ item, x, y });
    x += item.width;
  }
  return { items: placed, height: y + 14 };
}

function legendMarkup(item: LegendItem, x: number, y: number): string {
  const swatch =
    item.key === 'greedy' || item.key === 'exhaustive'
      ? `<path class="overlay ${item.key}" d="M${x} ${y + 7} h22"/>`
      : `<rect class="legend-swatch ${item.key}" x="${x}" y="${y}" width="22" height="14" rx="3"/>`;
  return `<g class="legend-item" data-key="${item.key}">${swatch}<text class="legend-text" x="${x + 28}" y="${y + 11}">${esc(item.text)}</text></g>`;
}

function link(a: { x: number; y: number }, b: { x: number; y: number }, pillW: number, dy: number): string {
  const x1 = a.x + pillW / 2;
  const x2 = b.x - pillW / 2;
  const mx = (x1 + x2) / 2;
  return `M${r(x1)} ${r(a.y + dy)} C${r(mx)} ${r(a.y + dy)} ${r(mx)} ${r(b.y + dy)} ${r(x2)} ${r(b.y + dy)}`;
}

const idOf = (tokens: readonly number[]): string => (tokens.length === 0 ? 'root' : tokens.join('.'));
const r = (v: number): number => Math.round(v * 10) / 10;
const clampInt = (v: number, lo: number, hi: number): number =>
  Math.min(hi, Math.max(lo, Math.round(Number.isFinite(v) ? v : hi)));

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
