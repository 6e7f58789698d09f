// Serves the exported report to a browser that cannot read the extension host's disk (code-server,
// remote windows): report.html and report.md of the last export, read from disk on each request,
// under an unguessable path on 127.0.0.1 only. Started on the first "Open in Browser" that needs
// it; closed with the extension.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { SERVED_REPORT_FILES, servedFile } from './model/reportLink';

export class ReportServer implements vscode.Disposable {
  private server: Promise<Server> | undefined;
  private folder: string | undefined;
  private readonly token = randomBytes(18).toString('base64url');

  /** The local URL of `file` (report.html or report.md) in `folder`, starting the server if needed. */
  async urlOf(folder: string, file: string): Promise<vscode.Uri> {
    this.folder = folder;
    const server = await (this.server ??= this.listen());
    const { port } = server.address() as AddressInfo;
    return vscode.Uri.parse(`http://127.0.0.1:${port}/${this.token}/${encodeURIComponent(file)}`);
  }

  private listen(): Promise<Server> {
    const server = createServer((request, response) => {
      const name = request.method === 'GET' ? servedFile(request.url ?? '', this.token) : undefined;
      if (!name || !this.folder) {
        response.writeHead(404).end();
        return;
      }
      readFile(join(this.folder, name)).then(
        (bytes) =>
          response
            .writeHead(200, {
              'Content-Type': SERVED_REPORT_FILES[name]!,
              'Cache-Control': 'no-store',
              // the report is self-contained: it needs nothing from anywhere, and runs no script
              'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
            })
            .end(bytes),
        () => response.writeHead(404).end(),
      );
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
  }

  dispose(): void {
    void this.server?.then((s) => s.close());
    this.server = undefined;
  }
}
