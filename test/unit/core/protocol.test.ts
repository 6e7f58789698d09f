import assert from 'node:assert/strict';
import { parseFromWebview, parseToWebview, PROTOCOL_VERSION } from '../../../src/core/protocol';

describe('webview protocol validation', () => {
  it('accepts well-formed messages from a webview', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready', version: PROTOCOL_VERSION }), {
      type: 'ready',
      version: PROTOCOL_VERSION,
    });
    assert.ok(parseFromWebview({ type: 'exportSvg', svg: '<svg/>', suggestedName: 'beam-tree.svg' }));
    assert.deepEqual(
      parseFromWebview({
        type: 'child',
        requestId: 'r1',
        message: { kind: 'ready', backend: 'wasm', permission: false },
      }),
      {
        type: 'child',
        requestId: 'r1',
        message: { kind: 'ready', backend: 'wasm', permission: false },
      },
    );
    assert.ok(parseFromWebview({ type: 'select', index: 2 }));
  });

  it("passes a child message on whatever it holds: the judge's session validates it and ends the run when it does not fit", () => {
    // only the envelope is checked here; a bad payload must reach the session, not vanish (the run would hang)
    for (const message of [null, 'rm -rf /', { kind: 'event', event: { type: 'finding' } }, [1, 2], 7]) {
      assert.deepEqual(parseFromWebview({ type: 'child', requestId: 'r1', message }), {
        type: 'child',
        requestId: 'r1',
        message,
      });
    }
  });

  const malformed: [string, unknown][] = [
    ['null', null],
    ['an array', [1, 2]],
    ['an unknown type', { type: 'rm -rf' }],
    ['ready without version', { type: 'ready' }],
    ['an export whose name escapes the folder', { type: 'exportSvg', svg: '<svg/>', suggestedName: '../../.bashrc' }],
    ['an export that is not svg', { type: 'exportSvg', svg: 'x', suggestedName: 'x.sh' }],
    [
      'a run event (the panel no longer ends or judges runs)',
      { type: 'runEvent', requestId: 'r', event: { type: 'done', ok: true, metrics: {}, durationMs: 1 } },
    ],
    [
      'a child message without a request id',
      { type: 'child', message: { kind: 'ready', backend: 'wasm', permission: false } },
    ],
    ['a child message with a numeric request id', { type: 'child', requestId: 7, message: { kind: 'ready' } }],
    [
      'a child message with an overlong request id',
      { type: 'child', requestId: 'r'.repeat(201), message: { kind: 'ready' } },
    ],
    ['a child envelope without a message', { type: 'child', requestId: 'r' }],
    ['a negative selection', { type: 'select', index: -1 }],
    ['a fractional selection', { type: 'select', index: 1.5 }],
    ['a log with a bad level', { type: 'log', level: 'shout', message: 'x' }],
  ];
  for (const [name, msg] of malformed) {
    it(`rejects ${name}`, () => assert.equal(parseFromWebview(msg), undefined));
  }

  it('validates messages to the webview too', () => {
    assert.ok(parseToWebview({ type: 'init', version: 1, snapshot: { items: [], selected: 0 } }));
    assert.equal(
      parseToWebview({ type: 'init', version: 1, snapshot: { traces: [], selected: 0 } }),
      undefined,
      "protocol 2's beam view snapshot",
    );
    assert.ok(parseToWebview({ type: 'item', item: { title: 't' }, select: false }));
    assert.equal(parseToWebview({ type: 'item', item: 'x', select: true }), undefined, 'items are objects');
    assert.equal(parseToWebview({ type: 'item', item: {} }), undefined, 'without select');
    // the host's answer to showReference (the beam view's "Run here" waits for it)
    assert.ok(parseToWebview({ type: 'referenceShown', shown: false }));
    assert.equal(parseToWebview({ type: 'referenceShown' }), undefined, 'without shown');
    assert.equal(parseToWebview({ type: 'referenceShown', shown: 'yes' }), undefined);
    assert.equal(parseToWebview({ type: 'trace', trace: { steps: [] }, select: true }), undefined, 'protocol 2');
    assert.ok(parseToWebview({ type: 'init', version: 1, snapshot: { artifacts: [], running: true } }));
    assert.equal(parseToWebview({ type: 'init', version: 1 }), undefined);
    assert.equal(
      parseToWebview({ type: 'init', version: 1, snapshot: {} }),
      undefined,
      "neither a run panel's nor a side view's",
    );
    assert.equal(
      parseToWebview({ type: 'init', version: 1, snapshot: { artifacts: [{ kind: 'no-such-kind' }] } }),
      undefined,
    );
    assert.equal(
      parseToWebview({
        type: 'run',
        requestId: 'r',
        problemId: 'beam-search',
        config: {},
        solution: { kind: 'reference' },
      }),
      undefined,
    );
    const start = {
      kind: 'start',
      problemId: 'beam-search',
      code: '',
      file: 'f',
      displayFile: 'f',
      config: { seed: 0, quick: true },
      budgetMs: 1000,
      poolSize: 1,
    };
    assert.deepEqual(
      parseToWebview({ type: 'child', requestId: 'r', message: start }),
      { type: 'child', requestId: 'r', message: start },
      "the judge's message reaches the child whole",
    );
    assert.ok(parseToWebview({ type: 'child', requestId: 'r', message: start, reference: true }));
    assert.ok(
      parseToWebview({
        type: 'child',
        requestId: 'r',
        message: { kind: 'request', id: 1, budgetMs: 1000, body: { op: 'run' } },
      }),
    );
    assert.equal(parseToWebview({ type: 'child', requestId: 'r', message: start, reference: 'yes' }), undefined);
    assert.equal(parseToWebview({ type: 'child', requestId: 'r', message: 'start' }), undefined);
    assert.equal(parseToWebview({ type: 'child', requestId: 'r', message: {} }), undefined);
    assert.equal(parseToWebview({ type: 'child', message: start }), undefined);
    assert.ok(parseToWebview({ type: 'cancel', requestId: 'r' }));
    assert.equal(parseToWebview({ type: 'cancel' }), undefined);
    assert.equal(parseToWebview('init'), undefined);
    assert.equal(
      parseToWebview({ type: 'init', version: 1, snapshot: { artifacts: [{ kind: 'nope' }], items: [], selected: 0 } }),
      undefined,
      "a list of artifacts makes it a run panel's snapshot",
    );
  });

  it('accepts PNG and CSV exports only under a plain name of their type, PNG data only as base64 of a PNG', () => {
    const png = { type: 'exportFile', suggestedName: 'loss.png', contentType: 'image/png', data: 'iVBORw0KGgoAAAA=' };
    const csv = { type: 'exportFile', suggestedName: 'loss.csv', contentType: 'text/csv', data: 'step,loss\n0,1' };
    assert.deepEqual(parseFromWebview(png), png);
    assert.deepEqual(parseFromWebview(csv), csv);
    for (const bad of [
      { ...png, suggestedName: 'loss.csv' },
      { ...png, suggestedName: '../loss.png' },
      { ...png, data: 'R0lGODlh' },
      { ...png, contentType: 'image/gif' },
      { ...csv, data: 'a\0b' },
      { ...csv, data: 7 },
    ])
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
  });
});
