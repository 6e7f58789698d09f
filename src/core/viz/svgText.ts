// Text in SVG markup, for every figure: escaping and two-decimal coordinates.

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const r2 = (v: number): string => String(Math.round(v * 100) / 100);
