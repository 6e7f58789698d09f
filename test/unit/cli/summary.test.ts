// The end-of-run table of `hw6-lab run`/`check`: a failed check is marked ✗, a note (an info
// finding, e.g. Q1's training at non-default settings in the student build) ℹ, and a note does not
// count against the problem's checks.
import { strict as assert } from 'node:assert';
import type { Finding } from '../../../src/core/engine/events';
import type { Problem } from '../../../src/core/problem';
import type { JobResult } from '../../../src/cli/session';
import { runSummary } from '../../../src/cli/summary';

function result(id: string, findings: Finding[]): JobResult {
  const ok = findings.every((f) => f.ok || f.severity === 'info');
  return {
    job: { problem: { id } as Problem, solution: { kind: 'reference' } as JobResult['job']['solution'], config: {} },
    ok,
    findings,
    artifacts: [],
    logs: [],
    wallMs: 1500,
  };
}

describe('hw6-lab run: the summary table', () => {
  const text = runSummary([
    result('zkc', [
      { checkId: 'q1.gcn-forward', ok: true, message: 'matches' },
      { checkId: 'q1.train', ok: false, severity: 'info', message: 'curve comparison needs the default settings' },
    ]),
    result('beam-search', [
      { checkId: 'q5.shape', ok: true, message: 'fine' },
      { checkId: 'q5.topk', ok: false, message: 'keeps the wrong hypotheses' },
    ]),
  ]);

  it('marks a note ℹ and a failed check ✗', () => {
    assert.match(text, /^ {2}ℹ zkc q1\.train: curve comparison needs the default settings$/m);
    assert.match(text, /^ {2}✗ beam-search q5\.topk: keeps the wrong hypotheses$/m);
    assert.doesNotMatch(text, /✗ zkc/);
  });

  it('counts a note neither as passed nor as failed', () => {
    assert.match(text, /^zkc\s+passed\s+1\/1\s/m);
    assert.match(text, /^beam-search\s+failed\s+1\/2\s/m);
  });
});
