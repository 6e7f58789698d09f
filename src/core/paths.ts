// The one file-name helper for every host (core, the runner, the extension, the panels): no node:
// imports, so a webview bundle can use it too.

/** The last segment of a file path (either separator) or of a URI's path. */
export function baseName(file: string | { readonly path: string }): string {
  const path = typeof file === 'string' ? file : file.path;
  return path.split(/[\\/]/).pop() || path;
}
