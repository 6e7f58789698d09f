// q4.probe-count: the run's probe accuracies (the student's probeAccuracy) against the lab's own
// count, which only the staff build's cells carry (labCount.ts): a cell without one is not judged.
import assert from 'node:assert/strict';
import { probeCountFindings } from '../../../src/core/problems/autoencoders/runChecks';
import type { AeCellOutcome } from '../../../src/core/problems/autoencoders/results';

const cell = (probeAccuracy: number, lab?: AeCellOutcome['lab'], fewLabelAccuracy?: number): AeCellOutcome => ({
  dataset: 'mnist',
  activation: 'relu',
  variant: 'vanilla',
  k: 5,
  repeat: 0,
  seed: 1,
  trainLoss: [1],
  valLoss: [1],
  probeCurve: [probeAccuracy],
  finalValLoss: 1,
  probeAccuracy,
  ...(fewLabelAccuracy !== undefined ? { fewLabelAccuracy } : {}),
  ms: 0,
  ...(lab ? { lab } : {}),
});

describe('Q4 q4.probe-count (the lab count, staff build only)', () => {
  it("fails at the probe TODO where the student's accuracy and the lab's count differ, counting the cells that carry one", () => {
    const findings = probeCountFindings([
      cell(0.61, { probeAccuracy: 0.61 }),
      cell(61, { probeAccuracy: 0.61 }),
      cell(0.5, { probeAccuracy: 0.5, fewLabelAccuracy: 0.4 }, 0.3),
      cell(0.7),
    ]);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.checkId, 'q4.probe-count');
    assert.equal(findings[0]!.ok, false);
    assert.equal(findings[0]!.marker, 'q4.probe-accuracy');
    assert.match(findings[0]!.message, /^In 2 of 3 cells your probeAccuracy disagrees .*: 61 vs 0\.61\.$/);
  });

  it('says nothing when every count agrees, or when no cell carries one (the student build)', () => {
    assert.deepEqual(probeCountFindings([cell(0.61, { probeAccuracy: 0.61 }), cell(0.2)]), []);
    assert.deepEqual(probeCountFindings([cell(61), cell(NaN)]), []);
  });
});
