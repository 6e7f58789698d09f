// The tfjs experiment pieces (the child's) on the reference solution: Monte-Carlo moments against the closed
// forms, and the softmax saturation numbers the homework quotes.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { createRng } from '../../../src/core/engine/rng';
import { neverCancelled } from '../../../src/core/engine/cancel';
import * as reference from '../../../src/core/problems/attention-scaling/reference';
import { measureMoments, sampleDotProducts } from '../../../src/core/problems/attention-scaling/moments';
import { measureSaturation } from '../../../src/core/problems/attention-scaling/saturation';
import { loadSolution, UNSCALED_FIXTURE } from './studentFile';
import { closedMean, closedVariance } from '../../../src/core/problems/attention-scaling/stats';

describe('Q2 experiment (tfjs, reference solution)', function () {
  this.timeout(120_000);
  before(() => useTfBackend());

  it('moments of qᵀk and qᵀk/√d match the closed forms at several (d, μ, σ)', async () => {
    const rng = createRng(21);
    const samples = 20_000;
    for (const { d, mu, sigma } of [
      { d: 1, mu: 0, sigma: 1 },
      { d: 64, mu: 0, sigma: 1 },
      { d: 512, mu: 0, sigma: 1 },
      { d: 16, mu: 0.5, sigma: 1.5 },
      { d: 16, mu: 0.5, sigma: 0.5 },
      { d: 8, mu: -1, sigma: 2 },
    ]) {
      const m = await measureMoments(reference, { d, mu, sigma, samples }, rng, neverCancelled);
      const v = closedVariance(d, mu, sigma);
      assert.ok(
        Math.abs(m.mean - closedMean(d, mu)) <= 4 * Math.sqrt(v / samples),
        `mean at d=${d} μ=${mu} σ=${sigma}: ${m.mean} vs ${closedMean(d, mu)}`,
      );
      assert.ok(
        Math.abs(m.variance - v) <= 4 * v * Math.sqrt(8 / samples),
        `variance at d=${d} μ=${mu} σ=${sigma}: ${m.variance} vs ${v}`,
      );
      assert.ok(
        Math.abs(m.scaledMean - m.mean / Math.sqrt(d)) < 1e-9 && Math.abs(m.scaledVariance - m.variance / d) < 1e-9,
      );
      if (mu === 0 && sigma === 1)
        assert.ok(Math.abs(m.scaledVariance - 1) < 0.1, `Var(qᵀk/√d) at d=${d}: ${m.scaledVariance}`);
    }
  });

  it('sampling is seeded: the same rng seed gives the same samples, another seed others', async () => {
    const spec = { d: 32, mu: 0, sigma: 1, samples: 100 };
    const a = await sampleDotProducts(reference, spec, createRng(3), neverCancelled);
    const b = await sampleDotProducts(reference, spec, createRng(3), neverCancelled);
    const c = await sampleDotProducts(reference, spec, createRng(4), neverCancelled);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it('softmax over 64 keys: unscaled max weight ≈ 0.93 at d = 512, scaled ≈ 0.1 at every d', async () => {
    const rng = createRng(22);
    const rows = [];
    for (const d of [1, 8, 64, 512])
      rows.push(await measureSaturation(reference, { d, keys: 64, trials: 300 }, rng, neverCancelled));
    const [d1, d8, d64, d512] = rows;
    // trial-to-trial sd of the max weight is ≈ 0.14 unscaled and ≈ 0.05 scaled: ±0.04 is > 4 standard errors
    assert.ok(Math.abs(d512!.unscaled.maxWeight - 0.93) < 0.04, `unscaled at 512: ${d512!.unscaled.maxWeight}`);
    for (const r of rows)
      assert.ok(Math.abs(r.scaled.maxWeight - 0.105) < 0.03, `scaled at d=${r.d}: ${r.scaled.maxWeight}`);
    // at d = 1 scaling changes nothing
    assert.deepEqual(d1!.scaled, d1!.unscaled);
    // unscaled saturates with d: weights climb, the Jacobian shrinks well below the scaled one
    assert.ok(d8!.unscaled.maxWeight < d64!.unscaled.maxWeight && d64!.unscaled.maxWeight < d512!.unscaled.maxWeight);
    assert.ok(
      d512!.unscaled.gradNorm < 0.6 * d512!.scaled.gradNorm,
      `${d512!.unscaled.gradNorm} vs ${d512!.scaled.gradNorm}`,
    );
    for (const r of rows)
      assert.ok(Math.abs(r.scaled.gradNorm - 0.18) < 0.03, `scaled ‖J‖ at d=${r.d}: ${r.scaled.gradNorm}`);
  });

  it('the unscaled fixture\'s "scaled" curve is the reference\'s "unscaled" one, its own "unscaled" softmax(√d·Kq)', async () => {
    // both curves come from the student's scaledAttention (the unscaled one on √d·q): the same draws
    // give the fixture's softmax(Kq) what the reference's scaledAttention(√d·q, K) gives
    const spec = { d: 512, keys: 64, trials: 50 };
    const fixture = await measureSaturation(loadSolution(UNSCALED_FIXTURE), spec, createRng(23), neverCancelled);
    const right = await measureSaturation(reference, spec, createRng(23), neverCancelled);
    assert.ok(Math.abs(fixture.scaled.maxWeight - right.unscaled.maxWeight) < 1e-5, JSON.stringify({ fixture, right }));
    assert.ok(Math.abs(fixture.scaled.gradNorm - right.unscaled.gradNorm) < 1e-5, JSON.stringify({ fixture, right }));
    assert.ok(fixture.scaled.maxWeight > 0.85);
    // softmax(√d·Kq): more saturated still
    assert.ok(fixture.unscaled.maxWeight > fixture.scaled.maxWeight, JSON.stringify(fixture));
  });

  it('leaves no tensor behind', async () => {
    await measureMoments(reference, { d: 4, mu: 0, sigma: 1, samples: 50 }, createRng(1), neverCancelled);
    const before = tf.memory().numTensors;
    await measureMoments(reference, { d: 4, mu: 0, sigma: 1, samples: 5_000 }, createRng(1), neverCancelled);
    await measureSaturation(reference, { d: 16, keys: 8, trials: 5 }, createRng(1), neverCancelled);
    assert.equal(tf.memory().numTensors, before);
  });
});
