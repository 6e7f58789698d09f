// The HTML shell of every HW6 Lab panel, with its Content-Security-Policy. Pure (no vscode, no DOM)
// so the extension, the Chromium tests and the CLI build the very same page.

export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin the panel's scripts, styles, fonts and wasm files come from. */
  cspSource: string;
  /** A fresh nonce per page load (makeNonce()); only scripts carrying it run. */
  nonce: string;
  /** The panel bundle, e.g. asWebviewUri(dist/webview/beam.js). */
  scriptUri: string;
  /** Extra stylesheets (the panel's CSS is bundled into its script, so usually none). */
  styleUris?: string[];
  title: string;
  /** Panels that run tfjs-wasm need 'wasm-unsafe-eval' and fetch access to the .wasm files. */
  allowWasm?: boolean;
  /** Raw attributes for <body>, e.g. `data-wasm-path="…"`; build them with htmlAttributes(). */
  bodyAttributes?: string;
}

/** The Content-Security-Policy of a panel: nothing is allowed unless listed here. Never 'unsafe-eval'. */
export function panelCsp(o: Pick<PanelHtmlOptions, 'cspSource' | 'nonce' | 'allowWasm'>): string {
  const directives = [
    "default-src 'none'",
    `script-src 'nonce-${o.nonce}'${o.allowWasm ? " 'wasm-unsafe-eval'" : ''}`,
    // Panels link their stylesheets; the toolkit styles its components with constructable
    // stylesheets, which style-src does not govern. Its one <style> element (FAST's :focus-visible
    // probe) carries the nonce from <meta property="csp-nonce">, so no 'unsafe-inline' is needed.
    `style-src ${o.cspSource} 'nonce-${o.nonce}'`,
    `img-src ${o.cspSource} data:`,
    `font-src ${o.cspSource}`,
  ];
  if (o.allowWasm) directives.push(`connect-src ${o.cspSource}`);
  return directives.join('; ') + ';';
}

export function panelHtml(o: PanelHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(o.nonce))
    throw new Error('panelHtml: the nonce must be at least 16 base64 characters.');
  const styles = (o.styleUris ?? []).map((href) => `  <link rel="stylesheet" href="${escapeHtml(href)}">\n`).join('');
  const body = o.bodyAttributes?.trim() ? ` ${o.bodyAttributes.trim()}` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(panelCsp(o))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <meta property="csp-nonce" content="${o.nonce}">
${styles}  <title>${escapeHtml(o.title)}</title>
</head>
<body${body}>
  <noscript>This panel needs JavaScript.</noscript>
  <script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>
`;
}

/** Renders `{ 'data-wasm-path': uri }` as escaped HTML attributes for `bodyAttributes`. */
export function htmlAttributes(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([name, value]) => {
      if (!/^[a-z][a-z0-9-]*$/.test(name))
        throw new Error(`htmlAttributes: invalid attribute name ${JSON.stringify(name)}`);
      return `${name}="${escapeHtml(value)}"`;
    })
    .join(' ');
}

/** 32 random bytes as base64: unguessable per page load. */
export function makeNonce(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Escapes text for element content and double-quoted attributes (the only kind written here). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
