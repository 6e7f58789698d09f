// One sweep point: what is timed and what memory is counted; a student's failure inside the profiled
// warm-up call leaves tfjs out of profiling mode and no tensors behind.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import * as reference from '../../../src/core/problems/kernel-attention/reference';
import { FLOOR_N, measureAttention, runSweep, seriesSizes } from '../../../src/core/problems/kernel-attention/sweep';
import { ShapeError, StudentCodeError } from '../../../src/core/problem';
import { CancelSource, CancelledError, neverCancelled } from '../../../src/core/engine/cancel';

const profiling = (): boolean => (tf.engine() as unknown as { state: { profiling: boolean } }).state.profiling;

describe('Q3 sweep', function () {
  this.timeout(60_000);
  let tensorsBefore: number;
  before(async () => {
    await useTfBackend();
  });
  beforeEach(() => (tensorsBefore = tf.memory().numTensors));
  afterEach(() => assert.equal(tf.memory().numTensors, tensorsBefore, 'tensors left behind'));

  it('counts the peak of the tensors a call allocates: softmax attention at least its [N, N] scores', async () => {
    const N = 256,
      D = 8;
    const softmax = await measureAttention(reference, 'softmax', N, D, D, 1, 1);
    assert.ok(softmax.bytes >= N * N * 4 && softmax.bytes < 4 * N * N * 4, String(softmax.bytes));
    const linear = await measureAttention(reference, 'linear', N, D, D, 1, 1);
    const F = reference.compactFeatureSize(D);
    assert.ok(linear.bytes >= N * F * 4 && linear.bytes < N * N * 4, String(linear.bytes));
    assert.ok(softmax.ms > 0 && linear.ms > 0);
  });

  it("a student's exception in the profiled call is tagged with its marker and ends profiling", async () => {
    const throwing = {
      ...reference,
      kernelAttentionLinear: (Q: tf.Tensor2D): tf.Tensor2D => {
        tf.mul(Q, 2);
        throw new Error('boom');
      },
    };
    await assert.rejects(
      measureAttention(throwing, 'linear', 16, 4, 4, 1, 1),
      (e: unknown) => e instanceof StudentCodeError && e.marker === 'q3.kernel-attention-linear',
    );
    assert.equal(profiling(), false);
  });

  it("a wrong output shape is a ShapeError at the form's TODO", async () => {
    const transposed = {
      ...reference,
      softmaxAttention: (Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D =>
        tf.transpose(reference.softmaxAttention(Q, K, V)),
    };
    await assert.rejects(
      measureAttention(transposed, 'softmax', 16, 4, 3, 1, 1),
      (e: unknown) => e instanceof ShapeError && e.marker === 'q3.softmax-attention' && /\[16, 3\]/.test(e.message),
    );
  });

  it('one warm-up call, then `repeats` timed calls, or a single one once the warm-up took longer than slowMs', async () => {
    let calls = 0;
    const counting = {
      ...reference,
      softmaxAttention: (Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D => (
        calls++,
        reference.softmaxAttention(Q, K, V)
      ),
    };
    await measureAttention(counting, 'softmax', 16, 4, 4, 3, 1);
    assert.equal(calls, 4);
    calls = 0;
    await measureAttention(counting, 'softmax', 16, 4, 4, 3, 1, 0);
    assert.equal(calls, 2);
  });

  it('runSweep covers every (D, N, form), stops a series past maxCallMs, and checks cancellation between points', async () => {
    const skipped: string[] = [];
    const points = await runSweep(reference, {
      implementation: 'reference',
      Ns: [16, 32, 64],
      Ds: [4],
      repeats: 1,
      seed: 1,
      maxCallMs: 1e9,
      signal: neverCancelled,
    });
    assert.deepEqual(
      points.map((p) => [p.form, p.N, p.D, p.M]),
      [
        ['softmax', 16, 4, 4],
        ['linear', 16, 4, 4],
        ['softmax', 32, 4, 4],
        ['linear', 32, 4, 4],
        ['softmax', 64, 4, 4],
        ['linear', 64, 4, 4],
      ],
    );
    const cut = await runSweep(reference, {
      implementation: 'reference',
      Ns: [16, 32, 64],
      Ds: [4],
      repeats: 1,
      seed: 1,
      maxCallMs: 0,
      signal: neverCancelled,
      onSkip: (m) => skipped.push(m),
    });
    assert.deepEqual(
      cut.map((p) => p.N),
      [16, 16],
    );
    assert.equal(skipped.length, 2);
    const signal = new CancelSource();
    await assert.rejects(
      runSweep(reference, {
        implementation: 'reference',
        Ns: [16, 32],
        Ds: [4],
        repeats: 1,
        seed: 1,
        maxCallMs: 1e9,
        signal,
        onPoint: () => signal.cancel(),
      }),
      CancelledError,
    );
  });

  it("the linear form goes on past Ns up to linearMaxN; every point carries its calls and its series' fixed cost", async () => {
    const points = await runSweep(reference, {
      implementation: 'reference',
      Ns: [16, 32],
      Ds: [4],
      repeats: 3,
      seed: 1,
      maxCallMs: 1e9,
      linearMaxN: 128,
      signal: neverCancelled,
    });
    assert.deepEqual(
      points.map((p) => [p.form, p.N]),
      [
        ['softmax', 16],
        ['linear', 16],
        ['softmax', 32],
        ['linear', 32],
        ['linear', 64],
        ['linear', 128],
      ],
    );
    for (const p of points) {
      assert.equal(p.runs!.length, 3);
      assert.equal(p.ms, [...p.runs!].sort((a, b) => a - b)[1]); // the median of the calls
      assert.ok(p.floorMs! > 0);
    }
    // one fixed cost per series, measured at FLOOR_N
    assert.equal(new Set(points.filter((p) => p.form === 'linear').map((p) => p.floorMs)).size, 1);
    assert.deepEqual(seriesSizes([16, 32], 128), { softmax: [16, 32], linear: [16, 32, 64, 128] });
    assert.deepEqual(seriesSizes([16, 32]), { softmax: [16, 32], linear: [16, 32] });
    assert.ok(FLOOR_N < 32);
  });

  it('a further size is skipped when its memory, extrapolated, would pass maxBytes (Ns themselves are always swept)', async () => {
    const skipped: string[] = [];
    const points = await runSweep(reference, {
      implementation: 'reference',
      Ns: [16, 32],
      Ds: [4],
      repeats: 1,
      seed: 1,
      maxCallMs: 1e9,
      linearMaxN: 1024,
      maxBytes: 1,
      signal: neverCancelled,
      onSkip: (m) => skipped.push(m),
    });
    assert.deepEqual(
      points.map((p) => p.N),
      [16, 16, 32, 32],
    );
    assert.equal(skipped.length, 1);
    assert.match(skipped[0]!, /linear attention at D = 4: N = 64 and beyond not measured \(its tensors would pass/);
  });
});
