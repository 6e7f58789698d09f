// The protocol messages of the ZKC panel: a run for the panel, and files it exports (PNG, CSV).
import assert from 'node:assert/strict';
import { PROTOCOL_VERSION, parseFromWebview, parseToWebview } from '../../../src/core/protocol';
import { recordedZkcRun } from '../../webview/fixtures/zkcRun';

const PNG_BASE64 = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');

describe('protocol: the ZKC panel', function () {
  this.timeout(60_000);

  it('accepts a well-formed zkc-run artifact and an init snapshot carrying one, and rejects damaged runs', () => {
    const run = recordedZkcRun();
    assert.equal(parseToWebview({ type: 'artifact', artifact: run })?.type, 'artifact');
    assert.equal(
      parseToWebview({ type: 'init', version: PROTOCOL_VERSION, snapshot: { artifacts: [run] } })?.type,
      'init',
    );
    assert.equal(
      parseToWebview({ type: 'init', version: PROTOCOL_VERSION, snapshot: { artifacts: [{ kind: 'zkc-run' }] } }),
      undefined,
    );
    assert.equal(parseToWebview({ type: 'artifact', artifact: { ...run, series: [] } }), undefined);
    assert.equal(parseToWebview({ type: 'artifact' }), undefined);
  });

  it('accepts PNG and CSV exports only with a plain, matching file name and content', () => {
    assert.deepEqual(
      parseFromWebview({
        type: 'exportFile',
        suggestedName: 'zkc-graph.png',
        contentType: 'image/png',
        data: PNG_BASE64,
      }),
      {
        type: 'exportFile',
        suggestedName: 'zkc-graph.png',
        contentType: 'image/png',
        data: PNG_BASE64,
      },
    );
    assert.equal(
      parseFromWebview({ type: 'exportFile', suggestedName: 'series.csv', contentType: 'text/csv', data: 'a,b\n1,2\n' })
        ?.type,
      'exportFile',
    );
    const rejected = [
      { suggestedName: 'zkc-graph.csv', contentType: 'image/png', data: PNG_BASE64 },
      { suggestedName: '../zkc.png', contentType: 'image/png', data: PNG_BASE64 },
      { suggestedName: 'zkc.png', contentType: 'image/png', data: 'PHN2Zz4=' },
      { suggestedName: 'zkc.png', contentType: 'image/png', data: `${PNG_BASE64}<script>` },
      { suggestedName: 'zkc.exe', contentType: 'application/octet-stream', data: 'MZ' },
      { suggestedName: 'a/b.csv', contentType: 'text/csv', data: 'x' },
      { suggestedName: 'a.csv', contentType: 'text/csv', data: 42 },
    ];
    for (const r of rejected)
      assert.equal(parseFromWebview({ type: 'exportFile', ...r }), undefined, JSON.stringify(r).slice(0, 80));
  });
});
