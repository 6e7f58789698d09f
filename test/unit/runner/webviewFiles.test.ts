import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webviewRunFiles } from '../../../webview/shared/runFiles';

describe('RunFiles in the webview runner (webview/shared/runFiles.ts)', () => {
  let server: Server;
  let mediaPath: string;
  const requested: string[] = [];

  before(async () => {
    // stands in for the panel's media/ URI: serves /media/data/a b.bin, 404 elsewhere
    server = createServer((req, res) => {
      requested.push(req.url ?? '');
      if (req.url === '/media/data/a%20b.bin') res.end(Buffer.from([4, 5, 6]));
      else res.writeHead(404, 'Not Found').end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    mediaPath = `http://127.0.0.1:${(server.address() as AddressInfo).port}/media/`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches an asset under the media URI', async () => {
    const bytes = await webviewRunFiles(mediaPath).readAsset('data/a b.bin');
    assert.deepEqual([...bytes], [4, 5, 6]);
    assert.equal(requested.at(-1), '/media/data/a%20b.bin');
    assert.deepEqual(
      [...(await webviewRunFiles(mediaPath.slice(0, -1)).readAsset('data/a b.bin'))],
      [4, 5, 6],
      'a media path without its final slash',
    );
  });

  it('names a missing asset and the HTTP status', async () => {
    await assert.rejects(
      webviewRunFiles(mediaPath).readAsset('data/none.bin'),
      /Cannot read the lab's asset "data\/none\.bin": HTTP 404 Not Found/,
    );
  });

  it('refuses names that leave media/ without fetching anything', async () => {
    const count = requested.length;
    for (const name of [
      '../package.json',
      'data/../../x',
      '/etc/passwd',
      'https://example.com/x',
      'C:\\x',
      'data\\..\\x',
      '',
      'data//a',
      './data/a',
    ]) {
      await assert.rejects(
        webviewRunFiles(mediaPath).readAsset(name),
        /Invalid asset name .*relative path inside the lab's media\/ folder/,
        name,
      );
    }
    assert.equal(requested.length, count);
  });

  it('says so when the panel was given no media path', async () => {
    await assert.rejects(
      webviewRunFiles(undefined).readAsset('data/a b.bin'),
      /this panel was not given the media folder/,
    );
  });

  it('cannot read user files, and says which runner can', async () => {
    await assert.rejects(
      webviewRunFiles(mediaPath).readUserFile('/data/train-images-idx3-ubyte.gz'),
      (err: Error) =>
        err.message ===
        'Cannot read /data/train-images-idx3-ubyte.gz: the webview runner cannot read files; use the worker runner (setting hw6.runner).',
    );
  });
});
