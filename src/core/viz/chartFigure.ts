// The look shared by the problem 2 and 3 figures (scalingCharts.ts, kernelCharts.ts): a palette of
// `--lab-*` custom properties (the panels map them to VS Code's theme colours; a standalone SVG for
// the report or an export gets concrete values), the rules, and the <svg> shell. DOM-free.
import { esc } from './svgText';

export interface LabPalette {
  font: string;
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  /** Four series colours (histograms: raw, scaled; kernel sweep: form × D). */
  series1: string;
  series2: string;
  series3: string;
  series4: string;
  /** Closed forms and models drawn over the data. */
  model: string;
  ok: string;
  fail: string;
}

export const LAB_LIGHT_PALETTE: LabPalette = {
  font: 'system-ui, -apple-system, "Segoe UI", sans-serif',
  background: '#ffffff',
  foreground: '#1f1f1f',
  muted: '#616161',
  grid: '#e5e5e5',
  series1: '#1a73c9',
  series2: '#e07b00',
  series3: '#388a34',
  series4: '#8e44ad',
  model: '#c4314b',
  ok: '#388a34',
  fail: '#c4314b',
};

export const LAB_PALETTE_KEYS = Object.keys(LAB_LIGHT_PALETTE) as (keyof LabPalette)[];

/** `--lab-series1` for `series1`. */
export const labPaletteVar = (key: keyof LabPalette): string =>
  `--lab-${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;

export function labPaletteDeclarations(p: LabPalette): string {
  return LAB_PALETTE_KEYS.map((k) => `${labPaletteVar(k)}: ${p[k].replace(/[;{}<>]/g, '')};`).join(' ');
}

export const LAB_RULES = `
.lab-figure { font-family: var(--lab-font, system-ui, sans-serif); font-size: 11px; }
.lab-figure text { fill: var(--lab-foreground); }
.lab-figure .frame { fill: var(--lab-background); }
.lab-figure .caption { fill: var(--lab-muted); font-size: 11px; }
.lab-figure .heading { font-size: 12px; font-weight: 600; }
.lab-figure .axis line, .lab-figure .axis path { stroke: var(--lab-muted); }
.lab-figure .axis text { fill: var(--lab-muted); font-size: 10px; font-variant-numeric: tabular-nums; }
.lab-figure .grid line { stroke: var(--lab-grid); }
.lab-figure .bar.s1 { fill: var(--lab-series1); opacity: 0.75; }
.lab-figure .bar.s2 { fill: var(--lab-series2); opacity: 0.75; }
.lab-figure .curve { fill: none; stroke-width: 1.8; stroke-linejoin: round; }
.lab-figure .curve.dashed, .lab-figure .key.dashed { stroke-dasharray: 6 3; }
.lab-figure .s1 .curve, .lab-figure .curve.s1, .lab-figure .key.s1 { stroke: var(--lab-series1); }
.lab-figure .s2 .curve, .lab-figure .curve.s2, .lab-figure .key.s2 { stroke: var(--lab-series2); }
.lab-figure .s3 .curve, .lab-figure .curve.s3, .lab-figure .key.s3 { stroke: var(--lab-series3); }
.lab-figure .s4 .curve, .lab-figure .curve.s4, .lab-figure .key.s4 { stroke: var(--lab-series4); }
.lab-figure .dot.s1 { fill: var(--lab-series1); } .lab-figure .dot.s2 { fill: var(--lab-series2); }
.lab-figure .dot.s3 { fill: var(--lab-series3); } .lab-figure .dot.s4 { fill: var(--lab-series4); }
.lab-figure .dot { stroke: var(--lab-background); stroke-width: 1; }
.lab-figure .key { stroke-width: 2; }
.lab-figure .model, .lab-figure .key.model { fill: none; stroke: var(--lab-model); stroke-width: 1.6; }
.lab-figure .marker-mean { stroke: var(--lab-foreground); stroke-width: 1.2; stroke-dasharray: 3 2; }
.lab-figure .crossover.measured line { stroke: var(--lab-foreground); stroke-width: 1.3; }
.lab-figure .crossover.flop line { stroke: var(--lab-model); stroke-width: 1.3; stroke-dasharray: 2 3; }
.lab-figure .crossover text { font-size: 10px; }
.lab-figure .key.crossover-key.measured { stroke: var(--lab-foreground); stroke-width: 1.3; }
.lab-figure .key.crossover-key.flop { stroke: var(--lab-model); stroke-width: 1.3; stroke-dasharray: 2 3; }
.lab-figure .crossover.flop text { fill: var(--lab-model); }
.lab-figure .empty-note { fill: var(--lab-muted); font-size: 12px; }
`;

export interface LabShellOptions {
  /** Embed a <style> with `palette` (default true). The panels pass false and style the classes themselves. */
  standalone?: boolean;
  palette?: LabPalette;
  /** Prefixes element ids, for several figures in one HTML page (the report). */
  idPrefix?: string;
}

/** `rules`: a figure family's own CSS, after the shared rules (standalone SVGs only). */
export function labSvgShell(
  kind: string,
  width: number,
  height: number,
  title: string,
  description: string,
  body: string[],
  o: LabShellOptions & { attrs?: Record<string, string>; rules?: string },
): string {
  const id = `${o.idPrefix ?? ''}lab-${kind}-title`;
  const attrs = Object.entries(o.attrs ?? {})
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
  const style =
    (o.standalone ?? true)
      ? `<style>svg.lab-figure { ${labPaletteDeclarations(o.palette ?? LAB_LIGHT_PALETTE)} }${LAB_RULES}${o.rules ?? ''}</style>`
      : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="lab-figure lab-${kind}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}"${attrs}>` +
    `<title id="${id}">${esc(title)}</title><desc>${esc(description)}</desc>${style}` +
    `<rect class="frame" width="${width}" height="${height}"/>` +
    body.join('') +
    '</svg>'
  );
}

/** A legend: one row per entry (a short line in the entry's classes, then its label), top-left at (x, y). */
export function legendRows(x: number, y: number, entries: { cls: string; label: string }[], rowHeight = 15): string {
  return entries
    .map((e, i) => {
      const cy = y + i * rowHeight;
      return `<g class="legend-key"><line class="key ${e.cls}" x1="${x}" x2="${x + 20}" y1="${cy}" y2="${cy}"/><text class="caption" x="${x + 25}" y="${cy}" dominant-baseline="central">${esc(e.label)}</text></g>`;
    })
    .join('');
}

/** Compact numbers for axis ticks and labels: 1234 → "1,234", 0.000123 → "1.2e-4". */
export function formatNumber(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-3) return v.toExponential(Math.max(0, digits - 2));
  return Number(v.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}
