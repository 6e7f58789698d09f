// The linear probe: the lab's count (first largest logit on a tie), the few-label draw, and its two
// engines (float64 loops for small probes, tfjs for large ones) learning the same separable data to
// the same accuracy without leaving tensors behind.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { createRng } from '../../../src/core/engine/rng';
import {
  fewLabels,
  probeLogits,
  trainProbe,
  TF_PROBE_SIZE,
  type Features,
  type ProbeOptions,
} from '../../../src/core/problems/autoencoders/probe';
import { countAccuracy } from '../../../src/core/problems/autoencoders/labCount.staff';

/** Trains on `train`; the lab's count of its accuracy on `test`. */
function probe(train: Features, test: Features, options: ProbeOptions): { accuracy: number } {
  const logits = probeLogits(trainProbe(train, options), test);
  return { accuracy: countAccuracy(logits, test.labels, options.classes) };
}

/** n rows of D features, C classes, each class a Gaussian blob around its own mean. */
function blobs(n: number, D: number, C: number, seed: number): Features {
  const rng = createRng(seed);
  const means = Array.from({ length: C }, () => Array.from({ length: D }, () => rng.normal()));
  const x = new Float32Array(n * D);
  const labels = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const c = rng.int(C);
    labels[r] = c;
    for (let i = 0; i < D; i++) x[r * D + i] = means[c]![i]! * 0.5 + rng.normal();
  }
  return { x, labels, n, dim: D };
}

describe('Q4 linear probe', function () {
  this.timeout(60_000);
  before(async () => {
    await useTfBackend();
  });

  it("the lab's count: the first largest logit on a tie", () => {
    assert.equal(countAccuracy([1, 1, 0, 0, 2, 2], [0, 2], 3), 0.5);
    assert.equal(countAccuracy([0, 1, 1, 0], [1, 0], 2), 1);
    assert.equal(countAccuracy([], [], 3), 0);
  });

  it('few labels: a seeded draw without replacement', () => {
    const data = blobs(50, 3, 2, 1);
    const a = fewLabels(data, 20, 7),
      b = fewLabels(data, 20, 7),
      c = fewLabels(data, 20, 8);
    assert.equal(a.n, 20);
    assert.deepEqual(a.x, b.x);
    assert.notDeepEqual(a.x, c.x);
    assert.equal(fewLabels(data, 80, 7).n, 50);
  });

  it('both engines learn separable blobs to the same accuracy; tfjs leaves no tensors', () => {
    const D = 300,
      C = 10;
    assert.ok(D * C >= TF_PROBE_SIZE);
    const train = blobs(600, D, C, 2),
      test = blobs(300, D, C, 2);
    const options = { classes: C, epochs: 8, batchSize: 100, learningRate: 1e-3, seed: 3 };
    const before = tf.memory().numTensors;
    const viaTf = probe(train, test, { ...options, engine: 'tfjs' });
    assert.equal(tf.memory().numTensors, before);
    const viaLoops = probe(train, test, { ...options, engine: 'loops' });
    assert.ok(viaLoops.accuracy > 0.9, String(viaLoops.accuracy));
    assert.ok(Math.abs(viaTf.accuracy - viaLoops.accuracy) < 0.02, `${viaTf.accuracy} vs ${viaLoops.accuracy}`);
  });
});
