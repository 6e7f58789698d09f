// What a panel's figure needs to leave it as a file the extension saves: the colours the panel shows,
// resolved (the panel maps its --lab-* (or its own) properties to VS Code's --vscode-* variables in CSS,
// which an exported file cannot read), a file-name slug, and PNG drawn from the SVG on a canvas
// through a data: URL (the CSP's img-src allows data:; nothing is fetched).
import { LAB_LIGHT_PALETTE, LAB_PALETTE_KEYS, labPaletteVar, type LabPalette } from '../../src/core/viz/chartFigure';

/** The palette as `el` shows it: each key's custom property when set, else the light default. */
export function resolvedPalette<P extends object>(
  el: Element,
  defaults: P,
  keys: readonly (keyof P & string)[],
  varOf: (key: keyof P & string) => string,
): P {
  const style = getComputedStyle(el);
  const palette = { ...defaults };
  for (const key of keys) {
    const value = style.getPropertyValue(varOf(key)).trim();
    if (value) (palette as Record<string, unknown>)[key] = value;
  }
  return palette;
}

/** Problems 2–4's chart colours (--lab-*). */
export function currentLabPalette(el: Element): LabPalette {
  return resolvedPalette(el, LAB_LIGHT_PALETTE, LAB_PALETTE_KEYS, labPaletteVar);
}

/** A file-name-safe slug for exports. */
export function slug(text: string, fallback = 'figure'): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || fallback
  );
}

/** Base64 PNG (no data: prefix) of a standalone SVG document, at `scale` × its size. */
export async function svgToPngBase64(svg: string, scale = 2): Promise<string> {
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the figure could not be rasterised'));
  });
  image.src = `data:image/svg+xml;base64,${utf8Base64(svg)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(image.naturalWidth * scale);
  canvas.height = Math.round(image.naturalHeight * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2-D canvas');
  ctx.scale(scale, scale);
  ctx.drawImage(image, 0, 0);
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}

function utf8Base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
