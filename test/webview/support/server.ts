// A small static HTTP server for webview tests: serves the files under a root folder (normally the
// repo, so a page can load dist/webview/*.js, dist/wasm/*.wasm, media/*) on 127.0.0.1 at a random
// port, with the MIME types a browser insists on (application/wasm for streaming compilation,
// image/svg+xml, text/javascript for module scripts). In-memory routes serve generated pages, e.g.
// a panel's HTML with its real CSP.
//
//   const server = await startStaticServer(repoRoot, { routes: { '/panel.html': { body: html } } });
//   await page.goto(`${server.url}/panel.html`);   // server.url has no trailing slash
//   server.route('/other.html', otherHtml);        // add or replace a route later
//   await server.close();
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

export interface Route {
  body: string | Buffer;
  /** Defaults to the MIME type of the route's extension, else text/html. */
  contentType?: string;
}

export interface StaticServer {
  /** Origin without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Adds or replaces an in-memory route (an absolute URL path such as `/panel.html`). */
  route(path: string, body: string | Buffer, contentType?: string): void;
  close(): Promise<void>;
}

export function mimeType(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export async function startStaticServer(
  rootDir: string,
  options: { routes?: Record<string, Route> } = {},
): Promise<StaticServer> {
  const root = resolve(rootDir);
  const routes = new Map<string, Route>(Object.entries(options.routes ?? {}));

  const server = createServer(async (req, res) => {
    const send = (status: number, body: string | Buffer, contentType: string) => {
      res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed', 'text/plain');
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request', 'text/plain');
    }
    const route = routes.get(path);
    if (route)
      return send(200, route.body, route.contentType ?? (extname(path) ? mimeType(path) : MIME_TYPES['.html']));

    const file = resolve(root, '.' + path);
    // Never serve anything outside the root (`..`, encoded or not).
    if (file !== root && !file.startsWith(root + sep)) return send(403, 'forbidden', 'text/plain');
    try {
      if (!(await stat(file)).isFile()) return send(404, 'not found', 'text/plain');
      send(200, await readFile(file), mimeType(file));
    } catch {
      send(404, 'not found', 'text/plain');
    }
  });

  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ready());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    route(path, body, contentType) {
      routes.set(path, { body, contentType });
    },
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((err) => (err ? fail(err) : done()));
      }),
  };
}
