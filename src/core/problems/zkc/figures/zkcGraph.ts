// The karate club drawn as SVG: the force layout (nodes filled by training class, ringed by club,
// a halo where the two disagree, a dashed mark on test nodes) and the same graph at the 2-D
// embedding's positions for one frame of the animation. DOM-free: the panel, export and report share it.
import { scaleLinear } from 'd3';
import type { ZkcGraphData } from '../artifact';
import { forceLayout, type LayoutPoint } from './zkcLayout';
import { esc, r2 } from '../../../viz/svgText';
import { svgShell, type FigureShellOptions } from './zkcSvgParts';

export const CLASS_NAMES = ['A', 'B ∪ C'] as const;

const clubClass = (club: string): string => (club === 'Mr. Hi' ? 'club-mr-hi' : 'club-officer');
/** The class a club mostly became: Mr. Hi's members are B ∪ C (1), the officer's A (0). */
const clubsClass = (club: string): number => (club === 'Mr. Hi' ? 1 : 0);

/** Nodes whose club and training class disagree (8 and 9 for the karate club). */
export function disagreeingNodes(graph: ZkcGraphData): number[] {
  return graph.labels.flatMap((label, i) => (clubsClass(graph.clubs[i]) !== label ? [i] : []));
}

interface NodeGlyphOptions {
  radius: number;
  predictions?: readonly number[];
  focusable?: boolean;
}

function nodeGlyph(graph: ZkcGraphData, i: number, p: LayoutPoint, o: NodeGlyphOptions): string {
  const label = graph.labels[i];
  const club = graph.clubs[i];
  const test = graph.testNodes.includes(i);
  const disagree = clubsClass(club) !== label;
  const predicted = o.predictions?.[i];
  const wrong = predicted !== undefined && predicted !== label;
  const classes = [
    'node',
    `class-${label}`,
    clubClass(club),
    test ? 'test' : 'train',
    disagree ? 'disagree' : '',
    wrong ? 'mispredicted' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const r = o.radius;
  const description =
    `Node ${i}: class ${CLASS_NAMES[label] ?? label}, club ${club}, ${test ? 'test' : 'training'} node` +
    (disagree ? ', club and class disagree' : '') +
    (predicted !== undefined ? `, predicted ${CLASS_NAMES[predicted] ?? predicted}${wrong ? ' (wrong)' : ''}` : '');
  const focus = o.focusable ? ` role="listitem" aria-label="${esc(description)}"` : '';
  return (
    `<g class="${classes}" data-node="${i}" transform="translate(${r2(p.x)},${r2(p.y)})"${focus}>` +
    `<title>${esc(description)}</title>` +
    (disagree ? `<circle class="halo" r="${r2(r + 5.5)}"/>` : '') +
    (test ? `<circle class="test-mark" r="${r2(r + (disagree ? 9 : 4.5))}"/>` : '') +
    `<circle class="dot" r="${r2(r)}"/>` +
    (r >= 8 ? `<text class="label">${i}</text>` : '') +
    '</g>'
  );
}

function edgeLines(graph: ZkcGraphData, at: readonly LayoutPoint[], widthScale: number): string {
  const maxWeight = Math.max(1, ...graph.edges.map((e) => e[2]));
  return (
    '<g class="edges">' +
    graph.edges
      .map(
        ([u, v, w]) =>
          `<line class="edge" data-edge="${u}-${v}" x1="${r2(at[u].x)}" y1="${r2(at[u].y)}" x2="${r2(at[v].x)}" y2="${r2(at[v].y)}" stroke-width="${r2(widthScale * (0.6 + (2.4 * w) / maxWeight))}"/>`,
      )
      .join('') +
    '</g>'
  );
}

/** A small legend row: class fills, club rings, the disagreement halo, test nodes. */
function legend(x: number, y: number): string {
  const item = (dx: number, glyph: string, text: string) =>
    `<g transform="translate(${x + dx},${y})">${glyph}<text class="caption" x="10" y="0" dominant-baseline="central">${esc(text)}</text></g>`;
  return (
    '<g class="legend">' +
    item(0, '<circle class="swatch class-0" r="5"/>', 'class A') +
    item(62, '<circle class="swatch class-1" r="5"/>', 'class B ∪ C') +
    item(150, '<circle class="ring club-mr-hi" r="4.5"/>', 'Mr. Hi') +
    item(208, '<circle class="ring club-officer" r="4.5"/>', 'Officer') +
    item(270, '<circle class="halo" r="5"/>', 'club ≠ class') +
    item(360, '<circle class="test-mark" r="5"/>', 'test') +
    '</g>'
  );
}

export interface GraphFigureOptions extends FigureShellOptions {
  width?: number;
  height?: number;
  /** Positions from forceLayout (computed here when absent). */
  positions?: readonly LayoutPoint[];
}

/** The graph with its force layout: 34 labelled nodes, 78 edges drawn thicker for more interactions. */
export function renderZkcGraphSvg(graph: ZkcGraphData, o: GraphFigureOptions = {}): string {
  const width = o.width ?? 560;
  const height = o.height ?? 440;
  const legendHeight = 26;
  const at =
    o.positions ?? forceLayout(graph.nodeCount, graph.edges, { width, height: height - legendHeight, margin: 26 });
  const disagree = disagreeingNodes(graph);
  return svgShell(
    'graph',
    width,
    height,
    "Zachary's karate club",
    `${graph.nodeCount} members and ${graph.edges.length} friendships in a force layout; fill is the training class (greedy modularity), ring the club joined after the split. ` +
      `Club and class disagree at node${disagree.length === 1 ? '' : 's'} ${disagree.join(' and ') || 'none'}; test nodes: ${graph.testNodes.join(', ')}.`,
    [
      edgeLines(graph, at, 1),
      `<g class="nodes" role="list" aria-label="Members">${at.map((p, i) => nodeGlyph(graph, i, p, { radius: 10, focusable: true })).join('')}</g>`,
      legend(14, height - legendHeight / 2 - 2),
    ],
    o,
  );
}

export interface EmbeddingFigureOptions extends FigureShellOptions {
  width?: number;
  height?: number;
  /** The epoch shown (for the caption). */
  epoch?: number;
  predictions?: readonly number[];
  title?: string;
}

/** The embedding's square plot area: tanh keeps every coordinate in (−1, 1). */
export const EMBEDDING_DOMAIN: [number, number] = [-1.05, 1.05];

/** The graph drawn at a 2-D embedding frame ([x0, y0, x1, y1, …]) on fixed axes, so frames animate in place. */
export function renderZkcEmbeddingSvg(
  graph: ZkcGraphData,
  frame: readonly number[],
  o: EmbeddingFigureOptions = {},
): string {
  const width = o.width ?? 440;
  const height = o.height ?? 440;
  const m = { top: 26, right: 16, bottom: 30, left: 40 };
  const side = Math.min(width - m.left - m.right, height - m.top - m.bottom);
  const x = scaleLinear()
    .domain(EMBEDDING_DOMAIN)
    .range([m.left, m.left + side]);
  const y = scaleLinear()
    .domain(EMBEDDING_DOMAIN)
    .range([m.top + side, m.top]);
  const at = Array.from({ length: graph.nodeCount }, (_, i) => ({
    x: x(frame[2 * i] ?? 0),
    y: y(frame[2 * i + 1] ?? 0),
  }));
  const ticks = [-1, -0.5, 0, 0.5, 1];
  const grid =
    '<g class="grid">' +
    ticks
      .map(
        (t) =>
          `<line x1="${r2(x(t))}" x2="${r2(x(t))}" y1="${m.top}" y2="${m.top + side}"/><line x1="${m.left}" x2="${m.left + side}" y1="${r2(y(t))}" y2="${r2(y(t))}"/>`,
      )
      .join('') +
    '</g>';
  const axes =
    '<g class="axis">' +
    ticks
      .map((t) => `<text x="${r2(x(t))}" y="${m.top + side + 14}" text-anchor="middle">${fmtTick(t)}</text>`)
      .join('') +
    ticks
      .map(
        (t) =>
          `<text x="${m.left - 6}" y="${r2(y(t))}" text-anchor="end" dominant-baseline="central">${fmtTick(t)}</text>`,
      )
      .join('') +
    '</g>';
  const title = o.title ?? '2-D embedding';
  const caption = o.epoch !== undefined ? `epoch ${o.epoch.toLocaleString('en-US')}` : '';
  return svgShell(
    'embedding',
    width,
    height,
    `${title}${caption ? `, ${caption}` : ''}`,
    'The output of the second GCN layer for every member, with the friendships drawn between them.',
    [
      grid,
      axes,
      `<text class="heading" x="${m.left}" y="16">${esc(title)}</text>`,
      `<text class="caption epoch-caption" x="${m.left + side}" y="16" text-anchor="end">${esc(caption)}</text>`,
      edgeLines(graph, at, 0.7),
      `<g class="nodes">${at.map((p, i) => nodeGlyph(graph, i, p, { radius: 8, predictions: o.predictions })).join('')}</g>`,
    ],
    { ...o, attrs: o.epoch !== undefined ? { 'data-epoch': String(o.epoch) } : {} },
  );
}

const fmtTick = (t: number): string => (t < 0 ? `−${Math.abs(t)}` : String(t));
