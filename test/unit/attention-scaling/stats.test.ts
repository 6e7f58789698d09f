// The closed forms of 2a/2b against float64 Monte Carlo, the Monte-Carlo estimator the answers
// checker calls, and the softmax Jacobian norm the saturation plot shows.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { createRng } from '../../../src/core/engine/rng';
import {
  closedMean,
  closedVariance,
  meanVariance,
  softmax64,
  softmaxJacobianNorm,
} from '../../../src/core/problems/attention-scaling/stats';
import { answerMonteCarlo, dotProductSamples } from '../../../src/core/problems/attention-scaling/monteCarlo';

/** (d, μ, σ) points: zero and nonzero means, small and large σ. */
const POINTS = [
  { d: 1, mu: 0, sigma: 1 },
  { d: 8, mu: 0, sigma: 1 },
  { d: 64, mu: 0, sigma: 1 },
  { d: 4, mu: 0.5, sigma: 1.5 },
  { d: 16, mu: -1, sigma: 0.5 },
  { d: 32, mu: 2, sigma: 0.25 },
  { d: 3, mu: 1.2, sigma: 3 },
];

describe('Q2 closed forms and Monte Carlo', function () {
  this.timeout(60_000); // float64 sampling: about a second, more on a busy machine

  it('the closed forms: E = dμ², Var = d(σ⁴ + 2μ²σ²)', () => {
    assert.equal(closedMean(64, 0), 0);
    assert.equal(closedMean(10, 0.5), 2.5);
    assert.equal(closedVariance(64, 0, 1), 64);
    assert.equal(closedVariance(4, 0.5, 1.5), 4 * (1.5 ** 4 + 2 * 0.25 * 2.25));
  });

  it('E[qᵀk] and Var(qᵀk) by float64 Monte Carlo agree with the closed forms within 4 standard errors', () => {
    const rng = createRng(11);
    const n = 40_000;
    for (const { d, mu, sigma } of POINTS) {
      const { mean, variance } = meanVariance(dotProductSamples(d, mu, sigma, n, rng));
      const v = closedVariance(d, mu, sigma);
      // se(mean) = √(Var/n); se(variance) ≤ Var·√(2/n + κ/n), κ ≤ 6 (kurtosis of a product of normals)
      assert.ok(
        Math.abs(mean - closedMean(d, mu)) <= 4 * Math.sqrt(v / n),
        `d=${d} μ=${mu} σ=${sigma}: mean ${mean} vs ${closedMean(d, mu)}`,
      );
      assert.ok(
        Math.abs(variance - v) <= 4 * v * Math.sqrt(8 / n),
        `d=${d} μ=${mu} σ=${sigma}: variance ${variance} vs ${v}`,
      );
    }
  });

  it('E[qᵀk] does not depend on σ; the wrong forms dσ and dμ²σ² are rejected by the same Monte Carlo', () => {
    const rng = createRng(12);
    const n = 40_000;
    const at = (sigma: number): number => meanVariance(dotProductSamples(16, 0.5, sigma, n, rng)).mean;
    const [small, large] = [at(0.5), at(2)];
    assert.ok(Math.abs(small - 4) < 0.1 && Math.abs(large - 4) < 0.6, `${small} ${large}`);
    assert.ok(Math.abs(large - 16 * 2) > 10 && Math.abs(large - 16 * 0.25 * 4) > 10);
  });

  it('answerMonteCarlo: 2a, 2b, 2c at points, with honest standard errors', () => {
    const estimate = answerMonteCarlo(createRng(13));
    for (const { d, mu, sigma } of POINTS) {
      const a = estimate('2a', { d, mu, sigma });
      assert.ok(
        Math.abs(a.value - closedMean(d, mu)) <= 4.5 * a.stderr,
        `2a at ${d},${mu},${sigma}: ${JSON.stringify(a)}`,
      );
      const b = estimate('2b', { d, mu, sigma });
      assert.ok(
        Math.abs(b.value - closedVariance(d, mu, sigma)) <= 4.5 * b.stderr,
        `2b at ${d},${mu},${sigma}: ${JSON.stringify(b)}`,
      );
      assert.ok(b.stderr > 0 && b.stderr < 0.1 * b.value);
    }
    // 2b and 2c default to μ = 0, σ = 1 (the homework's setting): Var = d, s = √d
    for (const d of [1, 16, 64, 512]) {
      const b = estimate('2b', { d });
      assert.ok(Math.abs(b.value - d) <= 4.5 * b.stderr, `2b d=${d}: ${JSON.stringify(b)}`);
      const c = estimate('2c', { d });
      assert.ok(Math.abs(c.value - Math.sqrt(d)) <= 4.5 * c.stderr, `2c d=${d}: ${JSON.stringify(c)}`);
      // …and tells √d from d/2 or d at every d > 4
      if (d > 4) assert.ok(Math.abs(c.value - d / 2) > 10 * c.stderr && Math.abs(c.value - d) > 10 * c.stderr);
    }
    assert.throws(() => estimate('3a', { d: 4 }), /No Monte-Carlo estimate for question 3a/);
  });

  it('answerMonteCarlo is reproducible from its rng', () => {
    const a = answerMonteCarlo(createRng(5));
    const b = answerMonteCarlo(createRng(5));
    assert.deepEqual(
      [a('2a', { d: 8, mu: 1, sigma: 2 }), a('2c', { d: 8 })],
      [b('2a', { d: 8, mu: 1, sigma: 2 }), b('2c', { d: 8 })],
    );
  });
});

describe('Q2 softmax Jacobian norm', function () {
  this.timeout(30_000);
  before(() => useTfBackend());

  it('equals ‖diag(p) − ppᵀ‖_F, built explicitly and by tfjs autodiff', () => {
    const scores = [0.3, -1.2, 2.5, 0.0, 1.1];
    const p = softmax64(scores);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    let explicit = 0;
    for (let i = 0; i < p.length; i++)
      for (let j = 0; j < p.length; j++) explicit += ((i === j ? p[i]! : 0) - p[i]! * p[j]!) ** 2;
    assert.ok(Math.abs(softmaxJacobianNorm(p) - Math.sqrt(explicit)) < 1e-12);
    // row i of the Jacobian is the gradient of p_i with respect to the scores
    let autodiff = 0;
    for (let i = 0; i < p.length; i++) {
      const mask = tf.tensor1d(scores.map((_, j) => (j === i ? 1 : 0)));
      const row = tf.tidy(() => tf.grad((s: tf.Tensor) => tf.sum(tf.mul(tf.softmax(s), mask)))(tf.tensor1d(scores)));
      mask.dispose();
      autodiff += Array.from(row.dataSync()).reduce((a, x) => a + x * x, 0);
      row.dispose();
    }
    assert.ok(Math.abs(softmaxJacobianNorm(p) - Math.sqrt(autodiff)) < 1e-5);
  });

  it('vanishes as softmax saturates and is largest near uniform weights over few keys', () => {
    assert.equal(softmaxJacobianNorm([1, 0, 0, 0]), 0);
    assert.ok(Math.abs(softmaxJacobianNorm([0.5, 0.5]) - Math.sqrt(0.25 * 4 * 0.25)) < 1e-12); // J = [[¼, −¼], [−¼, ¼]]
    assert.ok(softmaxJacobianNorm(softmax64([40, 0, 0])) < 1e-8);
  });
});
