// The beam tree view: it opens, its webview says `ready` (retried: messages before its script runs
// are lost), gets an `init`, and answers a `run` request with run events.
import * as assert from 'node:assert/strict';
import type { FromWebview } from '../../src/core/protocol';
import { activateApi } from './helpers';

describe('beam tree panel', function () {
  this.timeout(90_000);

  it('round-trips messages with the webview', async () => {
    const { api } = await activateApi();
    let ready = false;
    for (let attempt = 0; attempt < 6 && !ready; attempt++) {
      await api.panel.reveal();
      ready = await api.panel.whenReady(10_000).then(() => true, () => false);
    }
    assert.ok(ready, 'the beam tree webview never said ready');

    // An unknown problem: the webview's runner must answer with a terminal error event for our request id.
    const requestId = `host-test-${Date.now()}`;
    const reply = new Promise<FromWebview>((resolve) => {
      const sub = api.panel.onMessage((m) => {
        if (m.type === 'runEvent' && m.requestId === requestId && (m.event.type === 'error' || m.event.type === 'done')) {
          sub.dispose();
          resolve(m);
        }
      });
    });
    assert.equal(await api.panel.post({ type: 'run', requestId, problemId: 'no-such-problem', config: { quick: true }, solution: { kind: 'reference' } }), true);
    const answer = await Promise.race([reply, new Promise<undefined>((r) => setTimeout(() => r(undefined), 30_000))]);
    assert.ok(answer && answer.type === 'runEvent', 'no reply from the webview');
    assert.equal(answer.event.type, 'error');
  });
});
