// Figures leave the panel as files the extension saves: SVG as text, PNG drawn from that SVG on a
// canvas (the SVG goes in as a data: URL, which the CSP's img-src allows; nothing is fetched).
import { ZKC_PALETTE_KEYS, ZKC_LIGHT_PALETTE, paletteVar, type ZkcPalette } from '../../src/core/viz/zkcStyle';

/** The theme's resolved colours as the panel shows them (read from the `--zk-*` properties of `el`). */
export function currentPalette(el: Element): ZkcPalette {
  const style = getComputedStyle(el);
  const palette = { ...ZKC_LIGHT_PALETTE };
  for (const key of ZKC_PALETTE_KEYS) {
    const value = style.getPropertyValue(paletteVar(key)).trim();
    if (value) palette[key] = value;
  }
  return palette;
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
