// The <svg> shell every ZKC figure shares: standalone with its palette, or bare for the panel
// whose CSP forbids <style> elements.
import { esc } from '../../../viz/svgText';
import { ZKC_LIGHT_PALETTE, ZKC_RULES, paletteDeclarations, type ZkcPalette } from './zkcStyle';

export interface FigureShellOptions {
  /** Embed a <style> with `palette` (default true). The panel passes false and styles the classes itself. */
  standalone?: boolean;
  palette?: ZkcPalette;
  /** Prefixes element ids, for several figures in one HTML page (the report). */
  idPrefix?: string;
}

export function svgShell(
  kind: string,
  width: number,
  height: number,
  title: string,
  description: string,
  body: string[],
  o: FigureShellOptions & { attrs?: Record<string, string> },
): string {
  const id = `${o.idPrefix ?? ''}zkc-${kind}-title`;
  const attrs = Object.entries(o.attrs ?? {})
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
  const style =
    (o.standalone ?? true)
      ? `<style>svg.zkc-figure { ${paletteDeclarations(o.palette ?? ZKC_LIGHT_PALETTE)} }${ZKC_RULES}</style>`
      : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="zkc-figure zkc-${kind}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}"${attrs}>` +
    `<title id="${id}">${esc(title)}</title><desc>${esc(description)}</desc>${style}` +
    `<rect class="frame" width="${width}" height="${height}"/>` +
    body.join('') +
    '</svg>'
  );
}
