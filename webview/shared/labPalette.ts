// The problem 2 and 3 panels' theme colours, resolved for a standalone SVG export: the panel maps
// --lab-* to VS Code's --vscode-* variables in CSS; an exported file has no such variables to read.
import { LAB_LIGHT_PALETTE, LAB_PALETTE_KEYS, labPaletteVar, type LabPalette } from '../../src/core/viz/chartFigure';

export function currentLabPalette(el: Element): LabPalette {
  const style = getComputedStyle(el);
  const palette = { ...LAB_LIGHT_PALETTE };
  for (const key of LAB_PALETTE_KEYS) {
    const value = style.getPropertyValue(labPaletteVar(key)).trim();
    if (value) palette[key] = value;
  }
  return palette;
}

/** A file-name-safe slug for exports. */
export function slug(text: string, fallback = 'figure'): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || fallback;
}
