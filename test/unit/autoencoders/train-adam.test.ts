// The fused Adam of problem 4's harness (adam.ts with tfjsWasm/simdAdam.ts): every path equals
// tf.train.adam within float tolerance over several steps, including sizes that are not a multiple
// of the SIMD width, and frees its moments.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { FusedAdam, type AdamMode } from '../../../src/core/problems/autoencoders/adam';
import { simdAdamModuleBytes } from '../../../src/core/tfjsWasm/simdAdam';
import { assertValidModule } from '../support/kernelPatch';
import { useTfBackend } from '../support/tf';

const SHAPES = [[37, 29], [64, 16], [7], [3]];
const STEPS = 6;

/** Weights after STEPS updates with seeded gradients, by tf.train.adam or FusedAdam in a mode. */
function run(mode: AdamMode | 'tfjs', lr = 0.01): Float32Array[] {
  const vars = SHAPES.map((s, i) => tf.tidy(() => tf.variable(tf.randomUniform(s, -1, 1, 'float32', 10 + i))));
  const fused = mode === 'tfjs' ? undefined : new FusedAdam(vars, { learningRate: lr, mode });
  const stock = mode === 'tfjs' ? tf.train.adam(lr) : undefined;
  for (let step = 0; step < STEPS; step++) {
    const grads = vars.map((v, i) => tf.randomNormal(v.shape, 0, step === 2 ? 1e-4 : 1, 'float32', 1 + 100 * step + i));
    if (fused) fused.applyGradients(grads);
    else stock!.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: grads[i] })));
    tf.dispose(grads);
  }
  if (fused) assert.equal(fused.kind, mode === 'auto' ? 'simd' : mode);
  const out = vars.map((v) => Float32Array.from(v.dataSync()));
  fused?.dispose();
  stock?.dispose();
  tf.dispose(vars);
  return out;
}

describe('fused Adam', function () {
  this.timeout(60_000);

  before(async () => {
    await useTfBackend();
  });

  for (const mode of ['auto', 'simd', 'js', 'ops'] as AdamMode[]) {
    it(`${mode}: equals tf.train.adam within float tolerance over ${STEPS} steps`, () => {
      const expected = run('tfjs');
      const start = tf.memory().numTensors;
      const actual = run(mode);
      assert.equal(tf.memory().numTensors, start, 'moments and temporaries freed');
      actual.forEach((w, i) =>
        w.forEach((value, j) => {
          const want = expected[i][j];
          assert.ok(
            Math.abs(value - want) <= 2e-6 + 1e-5 * Math.abs(want),
            `${mode}: variable ${i}[${j}] = ${value}, tf.train.adam ${want}`,
          );
        }),
      );
      // The update actually moved the weights (six steps of lr 0.01: about 0.06 each).
      const initial = tf.tidy(() => tf.randomUniform(SHAPES[0], -1, 1, 'float32', 10));
      const moved = Math.abs(actual[0][0] - initial.dataSync()[0]);
      initial.dispose();
      assert.ok(moved > 0.01, `moved ${moved}`);
    });
  }

  it('assembles a valid WebAssembly SIMD module for plain and shared memory', () => {
    assertValidModule(simdAdamModuleBytes);
  });
});
