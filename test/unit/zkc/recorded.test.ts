// Q1's recorded expectations (the student build: zkc/expected.student.ts reads
// media/recorded-expected/zkc.json) against the live float64 GCN (expected.staff.ts): the recording
// equals a fresh computation, and every finding made from it equals the live one, on right and wrong
// solutions and on trainings of every length the recording covers; at other settings the student
// build notes the training instead of judging it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { judgeContext } from '../support/judgeLocal';
import { assertRecordingFresh, assertSameFindings } from '../support/recorded';
import { repoRoot } from '../support/repo';
import { useTfBackend } from '../support/tf';
import { zkcProblem } from '../../../src/core/problems/zkc';
import { zkcChild, type ZkcSolution } from '../../../src/core/problems/zkc/child';
import { checkTraining, checkZkc, summarized } from '../../../src/core/problems/zkc/checks';
import { MASK_MODES, trainConfig, zkcTrainDefaults } from '../../../src/core/problems/zkc/config';
import type { ZkcExpectations } from '../../../src/core/problems/zkc/expected';
import { expectations as live, recordZkcExpectations } from '../../../src/core/problems/zkc/expected.staff';
import { expectations as recorded } from '../../../src/core/problems/zkc/expected.student';
import type { ZkcTrainingHistory } from '../../../src/core/problems/zkc/record';
import * as referenceModule from '../../../src/core/problems/zkc/reference';
import { isNote } from '../../../src/core/verdict';
import { fixtureFile, loadExports } from './studentFile';

const config = zkcProblem.defaultConfig(true);
const reference = referenceModule as unknown as ZkcSolution;

async function findings(exports: object, expect: ZkcExpectations) {
  const ctx = await judgeContext(zkcProblem, zkcChild, exports, config);
  try {
    return await checkZkc(ctx, expect);
  } finally {
    await ctx.close();
  }
}

/** The wrong solutions of checks.test.ts and hidden.test.ts (the last passes every visible check). */
const wrong: Record<string, [ZkcSolution, boolean]> = {
  'row-normalised Â': [
    { ...reference, normalizeAdjacency: (aTilde) => tf.div(aTilde, tf.sum(aTilde, 1, true)) },
    false,
  ],
  'no 1/N in the backward': [
    {
      ...reference,
      gcnBackward: (aHat, hIn, h, w, g, n, lambda) => reference.gcnBackward(aHat, hIn, h, w, g, 1, lambda / n),
    },
    false,
  ],
  'no weight decay in the backward': [
    { ...reference, gcnBackward: (aHat, hIn, h, w, g, n) => reference.gcnBackward(aHat, hIn, h, w, g, n, 0) },
    false,
  ],
  'tanh applied twice in the backward': [
    {
      ...reference,
      gcnBackward: (aHat, hIn, h, w, g, n, lambda) => {
        const delta = tf.mul(g, tf.sub(1, tf.square(tf.tanh(h))));
        const aH = tf.matMul(aHat, hIn);
        return {
          dW: tf.add(tf.div(tf.matMul(delta, aH, true, false), n), tf.mul(w, lambda / n)),
          gIn: tf.matMul(aHat, tf.matMul(delta, w)),
        };
      },
    },
    false,
  ],
  'features of the wrong shape': [{ ...reference, nodeFeatures: (n: number) => tf.ones([n, 1]) }, false],
  'a NaN forward': [
    {
      ...reference,
      gcnForward: (aHat, hIn, w) => tf.mul(reference.gcnForward(aHat, hIn, w), tf.scalar(NaN)) as tf.Tensor2D,
    },
    false,
  ],
  'a trainStep that throws': [
    {
      ...reference,
      trainStep: () => {
        throw new Error('no step');
      },
    },
    false,
  ],
  'the node count of H_in in place of n (hidden checks only)': [
    {
      ...reference,
      gcnBackward: (aHat, hIn, h, w, g, _n, lambda) => reference.gcnBackward(aHat, hIn, h, w, g, hIn.shape[0], lambda),
    },
    true,
  ],
};

const curves: Partial<Record<ZkcTrainingHistory['maskMode'], Float64Array>> = {};

/** A training of `epochs` epochs whose losses follow the float64 replay (or drift), its accuracy `accuracy`. */
function training(
  maskMode: ZkcTrainingHistory['maskMode'],
  epochs: number,
  accuracy: number,
  drift = 0,
): ZkcTrainingHistory {
  const curve = (curves[maskMode] ??= live.replay({ ...zkcTrainDefaults, maskMode }, 500)!.trainLoss);
  // past the compared epochs the losses are the run's own: any value
  const trainLoss = Array.from({ length: epochs }, (_, e) => (curve[e] ?? curve.at(-1)!) + (e > 10 ? drift : 0));
  return { maskMode, epochs, stopReason: 'max-epochs', trainLoss, finalTestLoss: 0.1, finalTestAccuracy: accuracy };
}

describe('Q1 recorded expectations (the student build)', function () {
  this.timeout(600_000);
  before(async () => {
    await useTfBackend();
  });

  it('equal a fresh computation of the staff side', () => {
    assertRecordingFresh('zkc', recordZkcExpectations());
  });

  it('give the same findings as the live ones, right and wrong solutions alike', async () => {
    const fixture = (...path: string[]) => loadExports(join(repoRoot(), 'test', 'fixtures', ...path, 'q1_zkc.ts'));
    const solutions: [string, object, boolean][] = [
      ['reference', reference, true],
      ['fixture ws-zkc-correct', loadExports(fixtureFile('ws-zkc-correct')), true],
      ['fixture ws-zkc-wrong-backward', fixture('runner', 'ws-zkc-wrong-backward'), false],
      ['fixture workspace-wrong', fixture('workspace-wrong'), false],
      ...Object.entries(wrong).map(([name, [solution, passes]]): [string, object, boolean] => [name, solution, passes]),
    ];
    await assertSameFindings(solutions, findings, live, recorded);
  });

  it("judge a run's training of any length up to the full 20 000 epochs alike, in both mask modes", () => {
    // the live replay of each length once (20 000 float64 epochs take seconds)
    const replays = new Map<string, ReturnType<ZkcExpectations['replay']>>();
    const liveOnce: ZkcExpectations = {
      ...live,
      replay: (c, epochs) => {
        const key = `${JSON.stringify(c)} ${epochs}`;
        if (!replays.has(key)) replays.set(key, live.replay(c, epochs));
        return replays.get(key);
      },
    };
    let judged = 0;
    for (const maskMode of MASK_MODES) {
      const settings = trainConfig(zkcProblem.defaultConfig(false), maskMode);
      for (const epochs of [1, 500, 2_000, 20_000]) {
        const expected = liveOnce.replay(settings, epochs)!.testAccuracy;
        for (const [accuracy, drift, ok] of [
          [expected, 0, true],
          [expected - 0.2, 0, false],
          [expected, 0.01, epochs <= 11],
        ] as const) {
          const t = training(maskMode, epochs, accuracy, drift);
          const [a, b] = [
            checkTraining(summarized(t, settings, liveOnce)),
            checkTraining(summarized(t, settings, recorded)),
          ];
          assert.deepEqual(b, a, `${maskMode}, ${epochs} epochs`);
          assert.equal(a.ok, ok, `${maskMode}, ${epochs} epochs: ${a.message}`);
          judged++;
        }
      }
    }
    assert.equal(judged, 24);
  });

  it('at other settings the student build notes the training instead of judging it; the staff build judges it', () => {
    const defaults = trainConfig(zkcProblem.defaultConfig(false), 'all-nodes');
    const others = {
      'learning rate 0.05': { ...defaults, learningRate: 0.05 },
      'λ 0': { ...defaults, lambda: 0 },
      'the 0/1 adjacency': { ...defaults, weighted: false },
      'seed 7': { ...defaults, seed: 7 },
    };
    for (const [name, settings] of Object.entries(others)) {
      const t = training('all-nodes', 50, 0.9);
      const note = checkTraining(summarized(t, settings, recorded));
      assert.ok(isNote(note), `${name}: ${JSON.stringify(note)}`);
      assert.equal(note.checkId, 'q1.train');
      assert.match(
        note.message,
        /curve comparison needs the default settings in the student build .*; the staff build replays any settings\. After 50 epochs/,
      );
      assert.ok(!isNote(checkTraining(summarized(t, settings, live))), `${name}: the staff build judges`);
    }
    // longer than recorded: no replay either
    assert.equal(recorded.replay(defaults, 20_001), undefined);
  });

  it('are for the recorded seed only', () => {
    assert.equal(recorded.dataSeed(11), config.seed);
    assert.throws(() => recorded.network(11), /no recorded Q1 values for seed 11/);
    assert.throws(() => recorded.amplifiedBackward(11), /no recorded Q1 values for seed 11/);
  });
});
