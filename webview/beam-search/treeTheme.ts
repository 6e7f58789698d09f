// The beam tree's theme: VS Code's colours mapped to the tree's --bt-* properties (light, dark,
// high contrast), and its fit to the view's width. Applied as a constructable stylesheet with the tree's rules when the page starts,
// so the very first drawing is themed: the page's linked stylesheet may load seconds later, and an
// SVG fill whose variable is not defined yet falls back to black.
export const BEAM_TREE_THEME = `
/* --- theme → tree colours ---------------------------------------------------------------- */
.tree-host svg.beam-tree {
  --bt-font: var(--vscode-font-family);
  --bt-fg: var(--vscode-foreground);
  --bt-muted: var(--vscode-descriptionForeground);
  --bt-band: var(--vscode-list-hoverBackground);
  --bt-edge: var(--vscode-descriptionForeground);
  --bt-node-bg: var(--vscode-editorWidget-background, var(--vscode-editor-background));
  --bt-node-border: var(--vscode-widget-border, var(--vscode-panel-border));
  --bt-root-bg: var(--vscode-editor-background);
  --bt-kept: var(--vscode-charts-blue);
  --bt-beam: var(--vscode-focusBorder);
  --bt-beam-bg: var(--vscode-list-activeSelectionBackground, var(--vscode-editor-selectionBackground));
  --bt-badge-fg: var(--vscode-badge-foreground);
  /* Pruned hypotheses are data, not disabled controls: muted but legible (the dashes mark them). */
  --bt-pruned: var(--vscode-descriptionForeground);
  --bt-greedy: var(--vscode-charts-orange);
  --bt-exhaustive: var(--vscode-charts-green);
  --bt-focus: var(--vscode-focusBorder);
}
/* The rank badges in the badge colours (over the selected node's text colour, which sets every text in a beam node). */
.tree-host svg.beam-tree .node g.badge circle {
  fill: var(--vscode-badge-background);
}
.tree-host svg.beam-tree .node g.badge text {
  fill: var(--vscode-badge-foreground);
}
.tree-host svg.beam-tree .node.beam text {
  fill: var(--vscode-list-activeSelectionForeground, var(--vscode-foreground));
}
body.vscode-high-contrast .tree-host svg.beam-tree,
body.vscode-high-contrast-light .tree-host svg.beam-tree {
  --bt-node-border: var(--vscode-contrastBorder);
  --bt-beam: var(--vscode-contrastActiveBorder, var(--vscode-focusBorder));
  --bt-beam-bg: var(--vscode-editor-background);
  --bt-focus: var(--vscode-contrastActiveBorder, var(--vscode-focusBorder));
  /* orange is the active border here: the greedy path takes another hue */
  --bt-greedy: var(--vscode-charts-purple, #b180d7);
}
body.vscode-high-contrast .tree-host svg.beam-tree .step-band {
  fill: none;
  stroke: var(--vscode-contrastBorder);
  stroke-dasharray: 2 3;
}
body.vscode-high-contrast .tree-host svg.beam-tree .node.beam .pill {
  stroke-width: 3;
}
/* High contrast: badges are black on black in the theme; use the active border instead. */
body.vscode-high-contrast .tree-host svg.beam-tree .badge circle {
  fill: var(--vscode-contrastActiveBorder);
}
body.vscode-high-contrast .tree-host svg.beam-tree .badge text {
  fill: var(--vscode-editor-background);
}
/* Fit width: the drawing scales down to the view (the sidebar is 300 px wide by default). */
.tree-host.fit {
  overflow-x: hidden;
}
.tree-host.fit svg.beam-tree {
  max-width: 100%;
  height: auto;
}
`;
