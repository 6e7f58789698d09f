// The Q1 run with the reference solution, quick config: metrics as documented (communities A/B/C,
// gradient check per parameter, per mask mode epochs and final losses), one zkc-run artifact,
// streamed metrics, no tensors left behind, and a run time that keeps CI fast.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { zkcProblem, type ZkcConfig } from '../../../src/core/problems/zkc';
import { runProblem, resolveConfig } from '../../../src/core/engine/runProblem';
import { CancelSource } from '../../../src/core/engine/cancel';
import type { RunEvent } from '../../../src/core/engine/events';
import { MAX_EMBEDDING_FRAMES, type ZkcRunArtifact } from '../../../src/core/problems/zkc/artifact';
import { EPOCH_CHUNK } from '../../../src/core/problems/zkc/tfTrainer';

async function runQ1(overrides: Partial<ZkcConfig> = {}, signal = new CancelSource()): Promise<{ events: RunEvent[]; ms: number }> {
  const events: RunEvent[] = [];
  const started = Date.now();
  await runProblem(zkcProblem, zkcProblem.reference, resolveConfig(zkcProblem, { quick: true, ...overrides }), { signal, emit: (e) => events.push(e) });
  return { events, ms: Date.now() - started };
}

type Done = Extract<RunEvent, { type: 'done' }>;

describe('Q1 run (quick config, reference solution)', function () {
  this.timeout(120_000);
  let events: RunEvent[];
  let metrics: Record<string, unknown>;
  let ms: number;
  let tensorsBefore: number;
  before(async () => {
    await useTfBackend();
    tensorsBefore = tf.memory().numTensors;
    ({ events, ms } = await runQ1());
    const done = events[events.length - 1]!;
    assert.equal(done.type, 'done', JSON.stringify(done));
    metrics = (done as Done).metrics;
  });

  it('ends with done, every check passing, in a CI-friendly time', () => {
    const done = events[events.length - 1] as Done;
    assert.equal(done.ok, true);
    const findings = events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
    assert.equal(findings.length, 7);
    for (const f of findings) assert.ok(f.ok, `${f.checkId}: ${f.message}`);
    assert.ok(ms < 30_000, `quick run took ${ms} ms`);
  });

  it('reports the three modularity communities exactly (HOMEWORK.md A, B, C)', () => {
    assert.deepEqual(metrics.communities, {
      A: [8, 14, 15, 18, 20, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33],
      B: [1, 2, 3, 7, 9, 12, 13, 17, 21],
      C: [0, 4, 5, 6, 10, 11, 16, 19],
    });
  });

  it('reports the gradient check per parameter: float32 vs float64 below 1e-4, float64 central differences below 1e-7', () => {
    const gradCheck = metrics.gradCheck as Record<string, number>;
    const float64 = metrics.gradCheckFloat64 as Record<string, number>;
    assert.deepEqual(Object.keys(gradCheck), ['w1', 'w2', 'w3', 'b3']);
    assert.deepEqual(Object.keys(float64), ['w1', 'w2', 'w3', 'b3']);
    for (const e of Object.values(gradCheck)) assert.ok(e < 1e-4, String(e));
    for (const e of Object.values(float64)) assert.ok(e < 1e-7, String(e));
  });

  it('trains both mask modes: all-nodes to maxEpochs at 100 %, train-only stopped early', () => {
    const training = metrics.training as Record<string, { epochs: number; stopReason: string; finalTrainLoss: number; finalTestLoss: number; finalTestAccuracy: number }>;
    assert.deepEqual(Object.keys(training), ['all-nodes', 'train-only']);
    for (const t of Object.values(training)) assert.deepEqual(Object.keys(t).sort(), ['epochs', 'finalTestAccuracy', 'finalTestLoss', 'finalTrainLoss', 'stopReason']);
    const quickEpochs = zkcProblem.defaultConfig(true).maxEpochs;
    assert.deepEqual([training['all-nodes']!.epochs, training['all-nodes']!.stopReason], [quickEpochs, 'max-epochs']);
    assert.equal(training['all-nodes']!.finalTestAccuracy, 1);
    assert.ok(training['all-nodes']!.finalTrainLoss < 0.1);
    // The float64 trainer stops train-only at epoch 1484 (seed 100); float32 agrees.
    assert.equal(training['train-only']!.stopReason, 'early-stopping');
    assert.ok(Math.abs(training['train-only']!.epochs - 1484) <= 5, String(training['train-only']!.epochs));
  });

  it('emits one zkc-run artifact: graph, both series with sampled embeddings, the gradient-check rows', () => {
    const artifacts = events.flatMap((e) => (e.type === 'artifact' ? [e.artifact] : []));
    assert.equal(artifacts.length, 1);
    const a = artifacts[0] as ZkcRunArtifact;
    assert.equal(a.kind, 'zkc-run');
    assert.equal(a.graph.nodeCount, 34);
    assert.equal(a.graph.edges.length, 78);
    assert.equal(a.graph.edges.reduce((s, [, , w]) => s + w, 0), 231);
    assert.deepEqual(a.graph.testNodes, [0, 1, 3, 8, 15, 16, 20, 25, 28, 30]);
    assert.deepEqual(a.series.map((s) => s.maskMode), ['all-nodes', 'train-only']);
    for (const s of a.series) {
      const n = s.epochs.length;
      assert.deepEqual([s.trainLoss.length, s.testLoss.length, s.testAccuracy.length], [n, n, n]);
      assert.ok(s.embeddings.length <= MAX_EMBEDDING_FRAMES && s.embeddings.length === s.embeddingEpochs.length);
      assert.deepEqual([s.embeddingEpochs[0], s.embeddingEpochs[s.embeddingEpochs.length - 1]], [1, n]);
      for (const frame of s.embeddings) assert.equal(frame.length, 68);
      assert.equal(s.predictions.length, 34);
    }
    assert.equal(a.gradCheck.length, 8);
    assert.ok(a.gradCheck.every((r) => r.ok));
    assert.doesNotThrow(() => JSON.stringify(events));
  });

  it('streams losses and accuracy as metric events per mask mode', () => {
    const names = new Set(events.flatMap((e) => (e.type === 'metric' ? [e.name] : [])));
    for (const mode of ['all-nodes', 'train-only']) for (const m of ['trainLoss', 'testLoss', 'testAccuracy']) assert.ok(names.has(`zkc.${mode}.${m}`), `${mode}.${m}`);
    const trainLoss = events.flatMap((e) => (e.type === 'metric' && e.name === 'zkc.all-nodes.trainLoss' ? [e] : []));
    // at most one point per 4 epochs (500 per mode), plus the latest epoch of every readback chunk
    assert.ok(trainLoss.length <= 500 + zkcProblem.defaultConfig(true).maxEpochs / EPOCH_CHUNK + 1, String(trainLoss.length));
    assert.equal(trainLoss[trainLoss.length - 1]!.step, zkcProblem.defaultConfig(true).maxEpochs);
  });

  it('leaves no tensors behind, across two runs', async () => {
    assert.equal(tf.memory().numTensors, tensorsBefore);
    await runQ1({ maxEpochs: 200 });
    assert.equal(tf.memory().numTensors, tensorsBefore);
    assert.ok(!events.some((e) => e.type === 'log' && /tensor/.test(e.message)));
  });

  it('stops with a cancelled error between chunks of epochs, freeing its tensors', async () => {
    const signal = new CancelSource();
    const before = tf.memory().numTensors;
    const pending = runQ1({ maxEpochs: 20_000 }, signal);
    setTimeout(() => signal.cancel(), 300);
    const { events: cancelled } = await pending;
    const last = cancelled[cancelled.length - 1]!;
    assert.equal(last.type, 'error');
    assert.equal((last as Extract<RunEvent, { type: 'error' }>).reason, 'cancelled');
    assert.equal(tf.memory().numTensors, before);
  });
});
