// RunFiles in a webview: the lab's assets are fetched from the panel's media/ URI (the body's
// data-media-path; the panel's CSP connect-src allows its webview resource origin), and user files
// cannot be read at all (no file system here): runs that need them belong to the worker runner.
import type { RunFiles } from '../../src/core/engine/files';

export function webviewRunFiles(
  mediaPath: string | undefined,
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
): RunFiles {
  return {
    async readAsset(name) {
      const parts = name.split('/');
      if (
        !name ||
        name.includes('\\') ||
        /^[A-Za-z][A-Za-z0-9+.-]*:/.test(name) ||
        parts.some((p) => p === '' || p === '.' || p === '..')
      ) {
        throw new Error(`Invalid asset name "${name}": an asset is a relative path inside the lab's media/ folder.`);
      }
      if (!mediaPath)
        throw new Error(`Cannot read the lab's asset "${name}": this panel was not given the media folder.`);
      const url = mediaPath.replace(/\/?$/, '/') + parts.map(encodeURIComponent).join('/');
      let response: Response;
      try {
        response = await fetchFn(url);
      } catch (err) {
        throw new Error(`Cannot read the lab's asset "${name}": ${err instanceof Error ? err.message : String(err)}.`);
      }
      if (!response.ok)
        throw new Error(
          `Cannot read the lab's asset "${name}": HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}.`,
        );
      return new Uint8Array(await response.arrayBuffer());
    },
    async readUserFile(path) {
      throw new Error(
        `Cannot read ${path}: the webview runner cannot read files; use the worker runner (setting hw6.runner).`,
      );
    },
  };
}
