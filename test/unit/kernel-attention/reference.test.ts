// The reference forms against the float64 implementations; the compact φ's identity
// φ(x)ᵀφ(y) = (xᵀy + 1)² and size; eq. 3 = eq. 5; the blocked paths (used beyond the sweep's sizes)
// equal the unblocked ones; no tensor is left behind.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { createRng } from '../../../src/core/engine/rng';
import * as reference from '../../../src/core/problems/kernel-attention/reference';
import {
  kernel64,
  kernelAttention64,
  matrix,
  softmaxAttention64,
  type Matrix,
} from '../../../src/core/problems/kernel-attention/float64';
import { normalMatrix } from '../../../src/core/problems/kernel-attention/inputs';
import { difference } from '../../../src/core/problems/kernel-attention/checks';

const read = (t: tf.Tensor): Float64Array => {
  const values = Float64Array.from(t.dataSync());
  t.dispose();
  return values;
};

function setup(
  N: number,
  D: number,
  M: number,
  seed = 1,
): { Q: Matrix; K: Matrix; V: Matrix; t: () => [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D] } {
  const rng = createRng(seed);
  const Q = matrix(N, D, normalMatrix(rng, N, D)),
    K = matrix(N, D, normalMatrix(rng, N, D)),
    V = matrix(N, M, normalMatrix(rng, N, M));
  const t = (m: Matrix): tf.Tensor2D => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]);
  return { Q, K, V, t: () => [t(Q), t(K), t(V)] };
}

describe('Q3 reference', function () {
  this.timeout(60_000);
  let tensorsBefore: number;
  before(async () => {
    await useTfBackend();
  });
  beforeEach(() => (tensorsBefore = tf.memory().numTensors));
  afterEach(() => assert.equal(tf.memory().numTensors, tensorsBefore, 'tensors left behind'));

  for (const [N, D, M] of [
    [40, 4, 3],
    [97, 16, 16],
    [33, 7, 9],
  ] as const) {
    it(`agrees with float64 softmax attention and both kernel forms (N = ${N}, D = ${D}, M = ${M})`, () => {
      const { Q, K, V, t } = setup(N, D, M);
      const [q, k, v] = t();
      const softmax = difference(read(reference.softmaxAttention(q, k, v)), softmaxAttention64(Q, K, V).data);
      const quadratic = difference(read(reference.kernelAttentionQuadratic(q, k, v)), kernelAttention64(Q, K, V).data);
      const linear = difference(read(reference.kernelAttentionLinear(q, k, v)), kernelAttention64(Q, K, V).data);
      tf.dispose([q, k, v]);
      for (const [name, d] of Object.entries({ softmax, quadratic, linear }))
        assert.ok(d.relative < 1e-5, `${name}: ${d.relative}`);
    });
  }

  it('the compact φ has (D+1)(D+2)/2 features and φ(x)ᵀφ(y) = (xᵀy + 1)²', () => {
    for (const D of [1, 3, 16]) {
      const { Q, K, t } = setup(20, D, 1, D);
      const [q, k, v] = t();
      const phiQ = reference.featureMap(q),
        phiK = reference.featureMap(k);
      assert.deepEqual(phiQ.shape, [20, ((D + 1) * (D + 2)) / 2]);
      assert.equal(reference.compactFeatureSize(D), ((D + 1) * (D + 2)) / 2);
      const products = read(tf.matMul(phiQ, phiK, false, true));
      const d = difference(products, kernel64(Q, K).data);
      assert.ok(d.relative < 1e-6, `D = ${D}: ${d.relative}`);
      tf.dispose([q, k, v, phiQ, phiK]);
    }
    // x = [2, 3]: x̃ = [1, 2, 3]; squares 1, 4, 9 and cross terms √2·(2, 3, 6)
    const x = tf.tensor2d([[2, 3]]);
    const phi = read(reference.featureMap(x));
    x.dispose();
    assert.deepEqual(
      [...phi].map((x) => Math.round(x * 1e4) / 1e4).sort((a, b) => a - b),
      [1, 2.8284, 4, 4.2426, 8.4853, 9],
    );
  });

  it('eq. 3 = eq. 5 on larger inputs (N = 600, D = 16): float32 differences only', () => {
    const [q, k, v] = setup(600, 16, 16, 5).t();
    const d = difference(
      read(reference.kernelAttentionLinear(q, k, v)),
      read(reference.kernelAttentionQuadratic(q, k, v)),
    );
    tf.dispose([q, k, v]);
    assert.ok(d.relative < 1e-5, String(d.relative));
  });

  it('the blocked forms (for long sequences) equal the unblocked ones, with a ragged last block', () => {
    const [q, k, v] = setup(70, 5, 3, 9).t();
    for (const [name, full, blocked] of [
      ['softmax', reference.softmaxAttention(q, k, v), reference.softmaxAttentionInBlocks(q, k, v, 16)],
      [
        'quadratic',
        reference.kernelAttentionQuadratic(q, k, v),
        reference.kernelAttentionQuadraticInBlocks(q, k, v, 16),
      ],
      ['linear', reference.kernelAttentionLinear(q, k, v), reference.kernelAttentionLinearInBlocks(q, k, v, 16)],
    ] as const) {
      assert.deepEqual(blocked.shape, [70, 3]);
      const d = difference(read(blocked), read(full));
      assert.ok(d.relative < 1e-5, `${name}: ${d.relative}`);
    }
    tf.dispose([q, k, v]);
  });

  it('softmax attention is stable for large scores (the row maximum is subtracted)', () => {
    const q = tf.tensor2d([
        [100, 0],
        [0, -100],
      ]),
      k = tf.tensor2d([
        [100, 0],
        [99, 0],
      ]),
      v = tf.tensor2d([[1], [2]]);
    const out = read(reference.softmaxAttention(q, k, v));
    tf.dispose([q, k, v]);
    assert.ok(out.every(Number.isFinite), String(out));
    const want = softmaxAttention64(
      matrix(2, 2, [100, 0, 0, -100]),
      matrix(2, 2, [100, 0, 99, 0]),
      matrix(2, 1, [1, 2]),
    ).data;
    assert.ok(difference(out, want).relative < 1e-5);
  });
});
