import assert from 'node:assert/strict';
import { parseFromWebview, parseToWebview, PROTOCOL_VERSION } from '../../../src/core/protocol';

describe('webview protocol validation', () => {
  it('accepts well-formed messages from a webview', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready', version: PROTOCOL_VERSION }), { type: 'ready', version: PROTOCOL_VERSION });
    assert.ok(parseFromWebview({ type: 'exportSvg', svg: '<svg/>', suggestedName: 'beam-tree.svg' }));
    assert.ok(parseFromWebview({ type: 'runEvent', requestId: 'r1', event: { type: 'progress', fraction: 0.5 } }));
    assert.ok(parseFromWebview({ type: 'runEvent', requestId: 'r1', event: { type: 'finding', finding: { checkId: 'q5.shape', ok: false, message: 'x' } } }));
    assert.ok(parseFromWebview({ type: 'select', index: 2 }));
  });

  const malformed: [string, unknown][] = [
    ['null', null],
    ['an array', [1, 2]],
    ['an unknown type', { type: 'rm -rf' }],
    ['ready without version', { type: 'ready' }],
    ['an export whose name escapes the folder', { type: 'exportSvg', svg: '<svg/>', suggestedName: '../../.bashrc' }],
    ['an export that is not svg', { type: 'exportSvg', svg: 'x', suggestedName: 'x.sh' }],
    ['a run event of unknown type', { type: 'runEvent', requestId: 'r', event: { type: 'exec' } }],
    ['a progress with NaN', { type: 'runEvent', requestId: 'r', event: { type: 'progress', fraction: NaN } }],
    ['a finding without ok', { type: 'runEvent', requestId: 'r', event: { type: 'finding', finding: { checkId: 'a', message: 'b' } } }],
    ['a negative selection', { type: 'select', index: -1 }],
    ['a fractional selection', { type: 'select', index: 1.5 }],
    ['a log with a bad level', { type: 'log', level: 'shout', message: 'x' }],
  ];
  for (const [name, msg] of malformed) {
    it(`rejects ${name}`, () => assert.equal(parseFromWebview(msg), undefined));
  }

  it('validates messages to the webview too', () => {
    assert.ok(parseToWebview({ type: 'init', version: 1, snapshot: { traces: [], selected: 0 } }));
    assert.equal(parseToWebview({ type: 'init', version: 1 }), undefined);
    assert.equal(parseToWebview({ type: 'run', requestId: 'r' }), undefined);
    assert.equal(parseToWebview('init'), undefined);
  });
});
