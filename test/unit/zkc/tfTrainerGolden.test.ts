// The lab's faster Q1 training loop computes the same numbers as the one before it: the reference
// solution's training (2000 all-nodes epochs; train-only until early stopping) against a fixture
// recorded from the previous path (every recorded value per epoch in tfjs, read back per chunk).
// Embeddings and predictions come from the student's own ops: bit-identical. Losses and accuracy
// are now summed in float64 from the float32 probabilities: within 1e-6 relative.
// HW6_WRITE_ZKC_GOLDEN=1 rewrites the fixture (only ever from a path known to be right).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTfBackend } from '../support/tf';
import { repoRoot } from '../support/repo';
import * as reference from '../../../src/core/problems/zkc/reference';
import { trainWithSolution } from '../../../src/core/problems/zkc/tfTrainer';
import { zkcTrainDefaults, type ZkcTrainConfig } from '../../../src/core/problems/zkc/train';
import { neverCancelled } from '../../../src/core/engine/cancel';

const FIXTURE = join(repoRoot(), 'test/fixtures/zkc/tfTrainerGolden.json');

interface Golden {
  epochs: number;
  stopReason: string;
  /** Every 10th epoch's losses and accuracy, and the last epoch's (a fixture of tens of kB). */
  trainLoss: number[];
  testLoss: number[];
  testAccuracy: number[];
  /** Every 100th epoch's embedding, and the last one. */
  embeddings: Record<string, number[]>;
  predictions: number[];
}

async function record(config: ZkcTrainConfig): Promise<Golden> {
  const r = await trainWithSolution(reference, config, { signal: neverCancelled });
  const size = r.nodeCount * 2;
  const embeddings: Record<string, number[]> = {};
  for (let e = 0; e < r.epochs; e++) {
    if (e % 100 === 0 || e === r.epochs - 1)
      embeddings[e] = Array.from(r.embeddings.subarray(e * size, (e + 1) * size));
  }
  const sampled = (values: Float64Array): number[] =>
    Array.from(values).filter((_, e) => e % 10 === 0 || e === r.epochs - 1);
  return {
    epochs: r.epochs,
    stopReason: r.stopReason,
    trainLoss: sampled(r.trainLoss),
    testLoss: sampled(r.testLoss),
    testAccuracy: sampled(r.testAccuracy),
    embeddings,
    predictions: r.predictions,
  };
}

const CASES: Record<string, ZkcTrainConfig> = {
  'all-nodes, 2000 epochs': { ...zkcTrainDefaults, maskMode: 'all-nodes', maxEpochs: 2000 },
  'train-only, to early stopping': { ...zkcTrainDefaults, maskMode: 'train-only' },
};

const closeTo = (actual: readonly number[], expected: readonly number[], rel: number, what: string): void => {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const [a, e] = [actual[i]!, expected[i]!];
    assert.ok(Math.abs(a - e) <= rel * Math.max(Math.abs(e), 1e-3), `${what}[${i}]: ${a} vs ${e}`);
  }
};

describe('Q1 training loop: the same numbers as the previous path', function () {
  this.timeout(300_000);
  const golden: Record<string, Golden> = {};

  before(async () => {
    await useTfBackend();
    if (process.env.HW6_WRITE_ZKC_GOLDEN === '1') {
      for (const [name, config] of Object.entries(CASES)) golden[name] = await record(config);
      writeFileSync(FIXTURE, JSON.stringify(golden) + '\n');
    }
    Object.assign(golden, JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, Golden>);
  });

  for (const [name, config] of Object.entries(CASES)) {
    it(`${name}: same epochs and stop, bit-identical embeddings and predictions, losses within 1e-6`, async () => {
      const expected = golden[name]!;
      const actual = await record(config);
      assert.equal(actual.epochs, expected.epochs);
      assert.equal(actual.stopReason, expected.stopReason);
      assert.deepEqual(actual.predictions, expected.predictions);
      assert.deepEqual(Object.keys(actual.embeddings), Object.keys(expected.embeddings));
      for (const [e, values] of Object.entries(expected.embeddings)) {
        assert.deepEqual(actual.embeddings[e], values, `embedding at epoch ${e}`);
      }
      closeTo(actual.trainLoss, expected.trainLoss, 1e-6, 'trainLoss');
      closeTo(actual.testLoss, expected.testLoss, 1e-6, 'testLoss');
      closeTo(actual.testAccuracy, expected.testAccuracy, 0, 'testAccuracy');
    });
  }
});
