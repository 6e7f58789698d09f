// How the ZKC figures look. The rules read `--zk-*` custom properties only: the panel maps them to
// VS Code's `--vscode-*` theme colours; a standalone SVG (report, export) gets a concrete palette.

export interface ZkcPalette {
  font: string;
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  edge: string;
  /** Fill of class 0 (community A) and class 1 (B ∪ C); club rings reuse the class the club mostly became. */
  class0: string;
  class1: string;
  train: string;
  test: string;
  accuracy: string;
  /** The halo of nodes whose club and class disagree (8 and 9). */
  warn: string;
}

export const ZKC_LIGHT_PALETTE: ZkcPalette = {
  font: 'system-ui, -apple-system, "Segoe UI", sans-serif',
  background: '#ffffff',
  foreground: '#1f1f1f',
  muted: '#616161',
  grid: '#e5e5e5',
  edge: '#a0a0a0',
  class0: '#e07b00',
  class1: '#1a73c9',
  train: '#1a73c9',
  test: '#c4314b',
  accuracy: '#388a34',
  warn: '#c4314b',
};

export const ZKC_PALETTE_KEYS = Object.keys(ZKC_LIGHT_PALETTE) as (keyof ZkcPalette)[];

/** `--zk-class0` for `class0`: the custom property each palette entry sets. */
export const paletteVar = (key: keyof ZkcPalette): string =>
  `--zk-${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;

/** Declarations setting every `--zk-*` property to the palette's value (for a standalone <style>). */
export function paletteDeclarations(p: ZkcPalette): string {
  return ZKC_PALETTE_KEYS.map((k) => `${paletteVar(k)}: ${p[k].replace(/[;{}<>]/g, '')};`).join(' ');
}

export const ZKC_RULES = `
.zkc-figure { font-family: var(--zk-font, system-ui, sans-serif); font-size: 11px; }
.zkc-figure text { fill: var(--zk-foreground); }
.zkc-figure .frame { fill: var(--zk-background); }
.zkc-figure .caption { fill: var(--zk-muted); font-size: 11px; }
.zkc-figure .heading { font-size: 12px; font-weight: 600; }
.zkc-figure .edge { stroke: var(--zk-edge); stroke-linecap: round; opacity: 0.7; }
.zkc-figure .dot { stroke-width: 2.5; }
.zkc-figure .class-0 .dot, .zkc-figure .swatch.class-0 { fill: var(--zk-class0); }
.zkc-figure .class-1 .dot, .zkc-figure .swatch.class-1 { fill: var(--zk-class1); }
.zkc-figure .club-officer .dot, .zkc-figure .ring.club-officer { stroke: var(--zk-class0); }
.zkc-figure .club-mr-hi .dot, .zkc-figure .ring.club-mr-hi { stroke: var(--zk-class1); }
.zkc-figure .ring { fill: var(--zk-background); stroke-width: 2.5; }
.zkc-figure .node .inner { fill: none; stroke: var(--zk-background); stroke-width: 1.2; }
.zkc-figure .node .label { fill: #fff; font-size: 9.5px; font-weight: 700; text-anchor: middle; dominant-baseline: central; paint-order: stroke; stroke: rgba(0,0,0,0.35); stroke-width: 1.6px; }
.zkc-figure .halo { fill: none; stroke: var(--zk-warn); stroke-width: 2; }
.zkc-figure .test-mark { fill: none; stroke: var(--zk-foreground); stroke-width: 1.3; stroke-dasharray: 2.5 2; }
.zkc-figure .node.mispredicted .dot { stroke-dasharray: 3 2; }
.zkc-figure .axis line, .zkc-figure .axis path { stroke: var(--zk-muted); }
.zkc-figure .axis text { fill: var(--zk-muted); font-size: 10px; font-variant-numeric: tabular-nums; }
.zkc-figure .grid line { stroke: var(--zk-grid); }
.zkc-figure .zero line { stroke: var(--zk-muted); stroke-dasharray: 2 3; opacity: 0.6; }
.zkc-figure .curve { fill: none; stroke-width: 1.8; stroke-linejoin: round; }
.zkc-figure .curve.train { stroke: var(--zk-train); }
.zkc-figure .curve.test { stroke: var(--zk-test); stroke-dasharray: 5 3; }
.zkc-figure .curve.accuracy { stroke: var(--zk-accuracy); }
.zkc-figure .key.train { stroke: var(--zk-train); stroke-width: 2; }
.zkc-figure .key.test { stroke: var(--zk-test); stroke-width: 2; stroke-dasharray: 5 3; }
.zkc-figure .key.accuracy { stroke: var(--zk-accuracy); stroke-width: 2; }
.zkc-figure .cursor { stroke: var(--zk-foreground); stroke-width: 1; stroke-dasharray: 3 3; opacity: 0.7; }
.zkc-figure .cursor-dot { stroke: var(--zk-background); stroke-width: 1.5; }
.zkc-figure .cursor-dot.train { fill: var(--zk-train); }
.zkc-figure .cursor-dot.test { fill: var(--zk-test); }
.zkc-figure .cursor-dot.accuracy { fill: var(--zk-accuracy); }
`;
