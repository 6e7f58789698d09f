// How the beam tree looks. The rules read `--bt-*` custom properties only: a panel maps them to
// VS Code's `--vscode-*` theme colours, a standalone SVG (report, export) gets the light defaults.

export const BEAM_TREE_RULES = `
.beam-tree { font-family: var(--bt-font, system-ui, -apple-system, "Segoe UI", sans-serif); font-size: 12px; }
.beam-tree text { fill: var(--bt-fg); }
.beam-tree .axis-label { fill: var(--bt-muted); font-size: 11px; }
.beam-tree .axis-label.current { fill: var(--bt-fg); font-weight: 600; }
.beam-tree .step-band { fill: var(--bt-band); }
.beam-tree .edge { fill: none; stroke: var(--bt-edge); stroke-width: 1.25; }
.beam-tree .edge.kept { stroke: var(--bt-kept); stroke-width: 1.75; }
.beam-tree .edge.pruned, .beam-tree .edge.collapsed { stroke: var(--bt-pruned); stroke-dasharray: 4 3; opacity: 0.75; }
.beam-tree .edge.unexpanded { stroke: var(--bt-pruned); stroke-dasharray: 1 3; }
.beam-tree .edge.beam-path { stroke: var(--bt-beam); stroke-width: 2.5; stroke-dasharray: none; opacity: 1; }
.beam-tree .overlay { fill: none; stroke-width: 3; stroke-linecap: round; stroke-linejoin: round; opacity: 0.9; }
.beam-tree .overlay.greedy { stroke: var(--bt-greedy); stroke-dasharray: 7 4; }
.beam-tree .overlay.exhaustive { stroke: var(--bt-exhaustive); }
.beam-tree .pill { fill: var(--bt-node-bg); stroke: var(--bt-node-border); stroke-width: 1; }
.beam-tree .node.root .pill { fill: var(--bt-root-bg); stroke: var(--bt-muted); }
.beam-tree .node.kept .pill { stroke: var(--bt-kept); stroke-width: 1.5; }
.beam-tree .node.beam .pill { fill: var(--bt-beam-bg); stroke: var(--bt-beam); stroke-width: 2.25; }
.beam-tree .node.pruned .pill, .beam-tree .node.collapsed .pill { stroke: var(--bt-pruned); stroke-dasharray: 4 3; }
.beam-tree .node.pruned text, .beam-tree .node.collapsed text { fill: var(--bt-pruned); }
.beam-tree .node.unexpanded .pill { fill: var(--bt-node-bg); stroke: var(--bt-muted); stroke-dasharray: 1 3; }
.beam-tree .node.unexpanded text { fill: var(--bt-muted); }
.beam-tree .node.on-exhaustive:not(.future) .pill { stroke: var(--bt-exhaustive); }
.beam-tree .node.on-greedy.on-exhaustive:not(.future) .pill { stroke: var(--bt-beam); }
.beam-tree .node.future { opacity: 0.16; }
.beam-tree .node.future .badge { display: none; }
.beam-tree .edge.future, .beam-tree .overlay.future { opacity: 0.12; }
.beam-tree .token { font-weight: 600; }
.beam-tree .score { fill: var(--bt-muted); font-size: 11px; font-variant-numeric: tabular-nums; }
.beam-tree .node.beam .score { fill: var(--bt-fg); }
.beam-tree .collapsed .token { font-weight: 400; font-style: italic; }
.beam-tree .badge circle { fill: var(--bt-beam); }
.beam-tree .badge text { fill: var(--bt-badge-fg); font-size: 10px; font-weight: 700; }
.beam-tree .focus-ring { fill: none; stroke: var(--bt-focus); stroke-width: 2; opacity: 0; }
.beam-tree .node { cursor: pointer; outline: none; }
.beam-tree .node:focus-visible .focus-ring, .beam-tree .node.focused .focus-ring { opacity: 1; }
.beam-tree .node:hover .pill { stroke-width: 2.5; }
.beam-tree .legend-swatch.kept { fill: var(--bt-node-bg); stroke: var(--bt-kept); stroke-width: 1.5; }
.beam-tree .legend-swatch.beam { fill: var(--bt-beam-bg); stroke: var(--bt-beam); stroke-width: 2; }
.beam-tree .legend-swatch.pruned { fill: var(--bt-node-bg); stroke: var(--bt-pruned); stroke-dasharray: 3 2; }
.beam-tree .legend-swatch.unexpanded { fill: none; stroke: var(--bt-muted); stroke-dasharray: 1 2; }
.beam-tree .legend-text { fill: var(--bt-muted); font-size: 11px; }
`;

/** Light colours for an SVG that must be legible on its own (HTML report, exported file). */
export const BEAM_TREE_LIGHT_DEFAULTS = `
.beam-tree {
  --bt-fg: #1f2328; --bt-muted: #59636e; --bt-band: #eef4fb; --bt-edge: #8c959f;
  --bt-node-bg: #ffffff; --bt-node-border: #c6ccd2; --bt-root-bg: #f3f4f6;
  --bt-kept: #0969da; --bt-beam: #0550ae; --bt-beam-bg: #ddf4ff; --bt-badge-fg: #ffffff;
  --bt-pruned: #8c959f; --bt-greedy: #d4760a; --bt-exhaustive: #1a7f37; --bt-focus: #8250df;
}
.beam-tree .background { fill: #ffffff; }
`;
