// The CLI report draws a ZKC run with the panel's renderers: the graph, and per mask mode the loss
// and accuracy curves and the final embedding, inline; the tables stay.
import assert from 'node:assert/strict';
import { findProblem } from '../../../src/core/problems';
import { reportHtml } from '../../../src/cli/report';
import type { JobResult } from '../../../src/cli/session';
import { recordedZkcRun } from '../../webview/fixtures/zkcRun';

describe('report: ZKC figures', function () {
  this.timeout(60_000);

  it('inlines the graph, the curves and the final embedding of each mask mode, with unique ids', () => {
    const run = recordedZkcRun();
    const result: JobResult = {
      job: { problem: findProblem('beam-search')!, solution: { kind: 'reference' }, config: {} },
      ok: true,
      findings: [],
      artifacts: [run],
      logs: [],
      done: { type: 'done', ok: true, metrics: {}, durationMs: 1, backend: 'cpu' },
      wallMs: 1,
    };
    const html = reportHtml([result], {
      solution: 'reference solutions',
      config: {},
      generatedAt: new Date('2026-01-02T03:04:05Z'),
    });
    assert.equal(html.match(/<svg [^>]*class="zkc-figure zkc-graph"/g)?.length, 1);
    for (const kind of ['loss', 'accuracy', 'embedding'])
      assert.equal(html.match(new RegExp(`<svg [^>]*class="zkc-figure zkc-${kind}"`, 'g'))?.length, 2, kind);
    assert.match(html, /Final embedding \(train-only\)/);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    // The tables are still there.
    assert.match(html, /<th>final test accuracy<\/th>/);
    assert.match(html, /Gradient check/);
  });
});
