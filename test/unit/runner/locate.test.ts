import { strict as assert } from 'node:assert';
import type { Finding, RunEvent } from '../../../src/core/engine/events';
import { errorLine, findingLine, runDiagnostics } from '../../../src/core/locate';

const TEXT = [
  '// header',
  'export function beamSearch() {',
  '  // TODO(hw6:q5.beam-search) write it',
  '  return 1;',
  '}',
].join('\n');
type ErrorEvent = Extract<RunEvent, { type: 'error' }>;

const finding = (f: Partial<Finding>): Finding => ({ checkId: 'q5.check', ok: false, message: 'wrong', ...f });

describe('locate: findings and errors in the student file', () => {
  it('puts a finding at its location, else at its marker (0-based)', () => {
    assert.equal(findingLine(finding({ location: { file: 'q5.ts', line: 4 }, marker: 'q5.beam-search' }), TEXT), 3);
    assert.equal(findingLine(finding({ marker: 'q5.beam-search' }), TEXT), 2);
    assert.equal(findingLine(finding({ marker: 'q5.not-there' }), TEXT), undefined);
    assert.equal(findingLine(finding({}), TEXT), undefined);
  });

  it("puts a finding whose marker the student deleted at the declaration of the marker's function", () => {
    const withoutMarkers = [
      '// my solution',
      'import * as tf from "@tensorflow/tfjs";',
      '',
      'export function gcnForward(aHat, hIn, w) { return tf.tanh(tf.matMul(tf.matMul(aHat, hIn), w, false, true)); }',
      '',
      'export const gcnBackward = (aHat, hIn, h, w, g, n, lambda) => {',
      '  return { dW: w, gIn: hIn };',
      '};',
      'export async function* beamSearch() {}',
    ].join('\n');
    assert.equal(findingLine(finding({ marker: 'q1.gcn-backward' }), withoutMarkers), 5);
    assert.equal(findingLine(finding({ marker: 'q1.gcn-forward' }), withoutMarkers), 3);
    assert.equal(findingLine(finding({ marker: 'q5.beam-search' }), withoutMarkers), 8);
    // neither marker nor function: unknown (line 1 in a diagnostic)
    assert.equal(findingLine(finding({ marker: 'q1.train' }), withoutMarkers), undefined);
    const [diag] = runDiagnostics({
      file: 'q1_zkc.ts',
      studentText: withoutMarkers,
      findings: [finding({ checkId: 'q1.gcn-backward', marker: 'q1.gcn-backward' })],
    });
    assert.equal(diag!.line, 6);
  });

  it('shows a failure that follows from another failing check with it, not as a diagnostic of its own', () => {
    const root = finding({ checkId: 'q5.shape', marker: 'q5.beam-search', message: 'wrong shape' });
    const followOn = finding({
      checkId: 'q5.topk',
      marker: 'q5.beam-search',
      message: 'not checked',
      causedBy: 'q5.shape',
    });
    const folded = runDiagnostics({ file: 'q5.ts', studentText: TEXT, findings: [root, followOn] });
    assert.deepEqual(
      folded.map((d) => [d.code, d.related]),
      [['q5.shape', [{ code: 'q5.topk', message: 'not checked' }]]],
    );
    // where the named cause passed, the failure stands on its own
    const alone = runDiagnostics({ file: 'q5.ts', studentText: TEXT, findings: [{ ...root, ok: true }, followOn] });
    assert.deepEqual(
      alone.map((d) => [d.code, d.related]),
      [['q5.topk', undefined]],
    );
  });

  it('treats a line-0 location (marker only) as unknown and uses the marker', () => {
    const err: ErrorEvent = {
      type: 'error',
      reason: 'shape',
      message: 'missing export',
      marker: 'q5.beam-search',
      location: { file: 'q5.ts', line: 0 },
    };
    assert.equal(errorLine(err, TEXT), 2);
  });

  it('flattens failed findings and the run error into 1-based diagnostics', () => {
    const diags = runDiagnostics({
      file: 'q5.ts',
      studentText: TEXT,
      findings: [
        finding({ checkId: 'q5.pass', ok: true }),
        finding({ checkId: 'q5.topk', marker: 'q5.beam-search', severity: 'warning' }),
      ],
      error: {
        type: 'error',
        reason: 'student-code',
        message: 'TypeError: x is undefined',
        location: { file: 'q5.ts', line: 4 },
      },
    });
    assert.deepEqual(diags, [
      { file: 'q5.ts', line: 3, severity: 'warning', code: 'q5.topk', message: 'wrong' },
      { file: 'q5.ts', line: 4, severity: 'error', code: 'hw6.exception', message: 'TypeError: x is undefined' },
    ]);
  });

  it('codes each kind of error and says nothing about a cancelled run', () => {
    const codes = (['syntax', 'time-limit', 'shape', 'cancelled'] as const).map(
      (reason) =>
        runDiagnostics({
          file: 'q5.ts',
          studentText: TEXT,
          findings: [],
          error: { type: 'error', reason, message: reason, location: { file: 'q5.ts', line: 2, column: 5 } },
        })[0],
    );
    assert.deepEqual(
      codes.map((d) => d?.code),
      ['hw6.syntax', 'hw6.time-limit', 'hw6.shape', undefined],
    );
    assert.deepEqual(codes[0], {
      file: 'q5.ts',
      line: 2,
      column: 5,
      severity: 'error',
      code: 'hw6.syntax',
      message: 'syntax',
    });
  });
});
