// The Q1 checks: the reference and the correct fixture pass all of them; a deliberately wrong
// piece fails at its own TODO with a message that says what was expected and what was measured.
// The student's functions run in a child engine in this thread (judgeLocal.ts), the checks judge
// what comes back across the same protocol as across a process.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { findingsOf, judgeContext, judgeLocally } from '../support/judgeLocal';
import { zkcProblem } from '../../../src/core/problems/zkc';
import { zkcChild, type ZkcSolution } from '../../../src/core/problems/zkc/child';
import type { Finding, RunEvent } from '../../../src/core/engine/events';
import { compareGcnBackward, FLOAT32_TOLERANCE, type LayerComparison } from '../../../src/core/problems/zkc/gradients';
import * as reference from '../../../src/core/problems/zkc/reference';
import { fixtureFile, loadExports } from './studentFile';

const CODES = [
  'q1.self-loops',
  'q1.normalize',
  'q1.features',
  'q1.gcn-forward',
  'q1.gcn-backward',
  'q1.network',
  'q1.train',
];

const config = () => zkcProblem.defaultConfig(true);

function checksOf(exports: object): Promise<Finding[]> {
  return findingsOf(zkcProblem, zkcChild, exports, config());
}

/** compareGcnBackward of `exports`, its functions called through a child in this thread. */
async function backwardOf(exports: object, seed = 100): Promise<LayerComparison> {
  const ctx = await judgeContext(zkcProblem, zkcChild, exports, config());
  try {
    return await compareGcnBackward(ctx.child, seed);
  } finally {
    await ctx.close();
  }
}

const byCode = (findings: Finding[], code: string): Finding => findings.find((f) => f.checkId === code)!;

describe('Q1 checks', function () {
  this.timeout(60_000);
  before(() => useTfBackend());

  it('the reference passes every check, one finding per TODO in the homework order, at its own marker', async () => {
    const findings = await checksOf(reference);
    assert.deepEqual(
      findings.map((f) => f.checkId),
      CODES,
    );
    assert.deepEqual(
      findings.map((f) => f.marker),
      zkcProblem.markers.map((m) => m.id),
    );
    for (const f of findings) assert.ok(f.ok, `${f.checkId}: ${f.message}`);
    assert.match(byCode(findings, 'q1.gcn-backward').short!, /^grad ✓ \de-\d+ · f64 \de-1\d$/);
    assert.match(byCode(findings, 'q1.train').short!, /^test acc \d+ % · loss 0\.\d{3}$/);
    // without a run, a 500-epoch training is judged
    assert.match(byCode(findings, 'q1.train').message, /over the first 500 epochs .* after 500 epochs/);
  });

  it('the correct fixture, loaded like a student file, passes every check', async () => {
    const findings = await checksOf(loadExports(fixtureFile('ws-zkc-correct')));
    for (const f of findings) assert.ok(f.ok, `${f.checkId}: ${f.message}`);
  });

  it('q1.normalize checks Â against the closed form Ã[i,j]/√(D̃[i]D̃[j]) (Â[0,0] = 1/43)', async () => {
    const findings = await checksOf(reference);
    assert.match(byCode(findings, 'q1.normalize').message, /Â\[0, 0\] = 0\.0232558 ≈ 1\/43/);
    // Row normalisation D̃^{-1} Ã is a classic slip: caught, with the entry and the expected value.
    const rowNormalised: ZkcSolution = {
      ...reference,
      normalizeAdjacency: (aTilde) => tf.div(aTilde, tf.sum(aTilde, 1, true)),
    };
    const wrong = byCode(await checksOf(rowNormalised), 'q1.normalize');
    assert.equal(wrong.ok, false);
    assert.match(
      wrong.message,
      /normalizeAdjacency\(Ã\)\[\d+, \d+\] is [\d.]+; Ã\[\d+, \d+\] \/ √\(D̃\[\d+\]·D̃\[\d+\]\) is [\d.]+/,
    );
    // the Testing view's diff: the first differing entry, the lab's value with its tolerance
    const [i, j] = /\[(\d+), (\d+)\]/.exec(wrong.message)!.slice(1);
    assert.match(wrong.expected ?? '', new RegExp(`^Â\\[${i}, ${j}\\] = 0\\.\\d+ \\(± 1e-5\\)$`), wrong.expected);
    assert.match(wrong.actual ?? '', new RegExp(`^Â\\[${i}, ${j}\\] = 0\\.\\d+$`), wrong.actual);
    assert.notEqual(wrong.expected!.split(' = ')[1]!.split(' ')[0], wrong.actual!.split(' = ')[1]);
  });

  it('the wrong-backward fixture fails q1.gcn-backward at its marker, over ten times the float32 tolerance', async () => {
    const exports = loadExports(fixtureFile('ws-zkc-wrong-backward'));
    const findings = await checksOf(exports);
    const backward = byCode(findings, 'q1.gcn-backward');
    assert.equal(backward.ok, false);
    assert.equal(backward.marker, 'q1.gcn-backward');
    assert.equal(backward.severity, 'error');
    // the formula is the ladder's last rung, never the message
    assert.doesNotMatch(backward.message, /δ|1 − H²|λW/);
    assert.match(backward.hints!.at(-1)!, /expected dW = δᵀ\(Â H_in\)\/N \+ λW\/N with δ = g ⊙ \(1 − H²\)/i);
    assert.doesNotMatch(backward.hints![0]!, /1 − H²/);
    assert.match(backward.short!, /^grad ✗ \de-\d+$/);
    // compared values: the tolerance against the measured errors, never the formula
    assert.equal(backward.expected, 'relative error < 1e-4 (dW and gIn, against float64 and tf.grads)');
    assert.match(backward.actual ?? '', /^dW \de-\d+ \/ \de-\d+, gIn \de-\d+ \/ \de-\d+$/, backward.actual);
    assert.doesNotMatch(backward.message, /tf\.(mul|sub|square)/, 'the message never shows answer code');
    const c = await backwardOf(exports);
    assert.ok(c.dWvsFloat64 > 10 * FLOAT32_TOLERANCE, `missing (1 − H²): dW error ${c.dWvsFloat64}`);
    assert.ok(c.dWvsAutodiff > 10 * FLOAT32_TOLERANCE, `autodiff disagrees too: ${c.dWvsAutodiff}`);
    // The pieces before it still pass; the network check blames the layer.
    for (const code of CODES.slice(0, 4)) assert.ok(byCode(findings, code).ok, code);
    assert.match(byCode(findings, 'q1.network').message, /q1\.gcn-backward fails too/);
    assert.match(
      byCode(findings, 'q1.train').message,
      /drifts from the float64 ground truth: at epoch \d+ your train loss is [\d.]+, gradient descent with lr 0\.02 gives [\d.]+ .*q1\.gcn-backward, q1\.network fail too/,
    );
  });

  it('the float32 tolerance separates a correct backward (~1e-7) from a missing 1/N or λW/N', async () => {
    const correct = await backwardOf(reference);
    for (const e of Object.values(correct)) assert.ok(e < FLOAT32_TOLERANCE / 100, `correct: ${e}`);
    const noOneOverN: ZkcSolution = {
      ...reference,
      gcnBackward: (aHat, hIn, h, w, g, n, lambda) => reference.gcnBackward(aHat, hIn, h, w, g, 1, lambda / n),
    };
    assert.ok((await backwardOf(noOneOverN)).dWvsFloat64 > 0.5);
    const noDecay: ZkcSolution = {
      ...reference,
      gcnBackward: (aHat, hIn, h, w, g, n) => reference.gcnBackward(aHat, hIn, h, w, g, n, 0),
    };
    assert.ok((await backwardOf(noDecay)).dWvsFloat64 > 10 * FLOAT32_TOLERANCE);
  });

  it('a subtly wrong activation derivative fails q1.gcn-backward; a correct one written differently passes', async () => {
    // δ = g ⊙ (1 − tanh(H)²): tanh applied to the layer's output a second time. Where the
    // pre-activations are small, tanh(H) ≈ H and the error is tiny; the check must still see it.
    const tanhTwice: ZkcSolution = {
      ...reference,
      gcnBackward: (aHat, hIn, h, w, g, n, lambda) => {
        const delta = tf.mul(g, tf.sub(1, tf.square(tf.tanh(h))));
        const aH = tf.matMul(aHat, hIn);
        return {
          dW: tf.add(tf.div(tf.matMul(delta, aH, true, false), n), tf.mul(w, lambda / n)),
          gIn: tf.matMul(aHat, tf.matMul(delta, w)),
        };
      },
    };
    const wrongDerivative = byCode(await checksOf(tanhTwice), 'q1.gcn-backward');
    assert.equal(wrongDerivative.ok, false, wrongDerivative.message);
    assert.equal(wrongDerivative.marker, 'q1.gcn-backward');
    const errors = await backwardOf(tanhTwice);
    assert.ok(
      errors.dWvsFloat64 > 100 * FLOAT32_TOLERANCE && errors.gInVsAutodiff > 100 * FLOAT32_TOLERANCE,
      JSON.stringify(errors),
    );
    // recomputing tanh'(Z) from the inputs instead of 1 − H², and dW as (Â H_in)ᵀ δ transposed: correct
    const recomputed: ZkcSolution = {
      ...reference,
      gcnBackward: (aHat, hIn, _h, w, g, n, lambda) => {
        const aH = tf.matMul(aHat, hIn);
        const z = tf.matMul(aH, w, false, true);
        const delta = tf.mul(g, tf.div(1, tf.square(tf.cosh(z))));
        return {
          dW: tf.add(tf.div(tf.transpose(tf.matMul(aH, delta, true, false)), n), tf.mul(w, lambda / n)),
          gIn: tf.matMul(aHat, tf.matMul(delta, w)),
        };
      },
    };
    const right = byCode(await checksOf(recomputed), 'q1.gcn-backward');
    assert.equal(right.ok, true, right.message);
    for (const e of Object.values(await backwardOf(recomputed)))
      assert.ok(e < FLOAT32_TOLERANCE / 100, `written differently: ${e}`);
  });

  it('a wrong shape fails its own check and names the expected shape', async () => {
    const findings = await checksOf({ ...reference, nodeFeatures: (n: number) => tf.ones([n, 1]) });
    const features = byCode(findings, 'q1.features');
    assert.equal(features.ok, false);
    assert.equal(features.short, 'wrong shape');
    assert.match(features.message, /nodeFeatures\(34\) should have shape \[34, 34\], but it has shape \[34, 1\]/);
    assert.deepEqual([features.expected, features.actual], ['shape [34, 34]', 'shape [34, 1]']);
    // training needs X too: q1.train says why it was not checked, and where to look
    const train = byCode(findings, 'q1.train');
    assert.deepEqual([train.ok, train.marker, train.short], [false, 'q1.train', 'train ✗ wrong shape']);
    assert.equal(
      train.message,
      'Not checked: training could not start. nodeFeatures(34) should have shape [34, 34], but it has shape [34, 1]. (see q1.features)',
    );
    const notATensor = byCode(await checksOf({ ...reference, addSelfLoops: () => [[1]] }), 'q1.self-loops');
    assert.match(notATensor.message, /should be a tensor of shape \[34, 34\], but it is an array/);
  });

  it('a non-finite entry fails its check at the function that returned it', async () => {
    const nan: ZkcSolution = {
      ...reference,
      gcnForward: (aHat, hIn, w) => tf.mul(reference.gcnForward(aHat, hIn, w), tf.scalar(NaN)) as tf.Tensor2D,
    };
    const forward = byCode(await checksOf(nan), 'q1.gcn-forward');
    assert.deepEqual([forward.ok, forward.marker], [false, 'q1.gcn-forward']);
    assert.match(
      forward.message,
      /^gcnForward\(aHat, hIn, w\) has NaN at \[0, 0\]: every entry should be a finite number\.$/,
    );
  });

  it('a throw in student code fails its check at its marker; the other checks still run', async () => {
    const findings = await checksOf({
      ...reference,
      gcnForward: () => {
        throw new Error('not yet');
      },
    });
    const forward = byCode(findings, 'q1.gcn-forward');
    assert.deepEqual([forward.ok, forward.marker, forward.short], [false, 'q1.gcn-forward', 'threw']);
    assert.match(forward.message, /not yet/);
    // q1.gcn-backward differentiates the student's gcnForward: the throw is reported at its TODO
    assert.deepEqual(
      [byCode(findings, 'q1.gcn-backward').ok, byCode(findings, 'q1.gcn-backward').marker],
      [false, 'q1.gcn-forward'],
    );
    for (const code of ['q1.self-loops', 'q1.normalize', 'q1.features']) assert.ok(byCode(findings, code).ok, code);
  });

  it('a trainStep that throws fails q1.train at its own marker', async () => {
    const findings = await checksOf({
      ...reference,
      trainStep: () => {
        throw new Error('no step');
      },
    });
    const train = byCode(findings, 'q1.train');
    assert.deepEqual(
      [train.ok, train.marker, train.short, train.message],
      [false, 'q1.train', 'train ✗ threw', 'no step'],
    );
    for (const code of CODES.slice(0, 6)) assert.ok(byCode(findings, code).ok, code);
  });

  it('an async trainStep fails q1.train with a shape message when checked without a run', async () => {
    const before = tf.memory().numTensors;
    const train = byCode(await checksOf({ ...reference, trainStep: async () => undefined }), 'q1.train');
    assert.deepEqual([train.ok, train.marker, train.short], [false, 'q1.train', 'train ✗ wrong shape']);
    assert.match(train.message, /^trainStep\(params, data, learningRate\) returned a Promise/);
    assert.equal(tf.memory().numTensors, before);
  });

  it('an async trainStep ends the run with a shape error at q1.train, freeing its tensors', async () => {
    const before = tf.memory().numTensors;
    const events: RunEvent[] = await judgeLocally(
      zkcProblem,
      zkcChild,
      { ...reference, trainStep: async () => reference.trainStep },
      config(),
      { checksOnly: false },
    );
    const last = events[events.length - 1] as Extract<RunEvent, { type: 'error' }>;
    assert.deepEqual([last.type, last.reason, last.marker], ['error', 'shape', 'q1.train']);
    assert.match(last.message, /trainStep\(params, data, learningRate\) returned a Promise/);
    assert.equal(tf.memory().numTensors, before);
  });
});
