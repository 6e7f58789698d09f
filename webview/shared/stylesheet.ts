// Panels ship their CSS next to their script (esbuild writes dist/webview/<panel>.css beside
// <panel>.js). Linking it from here means the extension only has to pass the script's URI; a
// <link> from the webview's own origin is allowed by the CSP's style-src.
export function linkOwnStylesheet(script: HTMLScriptElement | null): void {
  const src = script?.src;
  if (!src || !/\.js(\?.*)?$/.test(src)) return;
  const href = src.replace(/\.js(\?.*)?$/, '.css$1');
  if ([...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].some((l) => l.href === href)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}

/**
 * Applies CSS that lives in TypeScript (the beam tree's rules, shared with standalone SVGs) as a
 * constructable stylesheet: CSP's style-src governs <style> elements and attributes, not these.
 */
export function adoptStyles(cssText: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(cssText);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
