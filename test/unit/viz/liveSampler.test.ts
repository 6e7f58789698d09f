import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { liveBackend, liveTensorCount, sampleDots } from '../../../webview/attention-scaling/sampler';
import { closedMean, closedVariance } from '../../../src/core/problems/attention-scaling/stats';
import { sampleMoments } from '../../../src/core/problems/attention-scaling/figures/scalingCharts';

// The √d lab's live Monte Carlo (it runs in the panel on tfjs's CPU backend): seeded, near the closed
// forms, and it frees every tensor however often the sliders move.
describe('√d lab: the live sampler', function () {
  this.timeout(20_000);
  let previous: string | undefined;
  before(() => {
    previous = tf.getBackend();
  });
  after(async () => {
    // The sampler switches tfjs to the CPU backend: give the other suites theirs back.
    if (previous) await tf.setBackend(previous);
  });

  it('samples qᵀk seeded on the CPU backend, near E = dμ² and Var = d(σ⁴ + 2μ²σ²), and leaks no tensor', async () => {
    const p = { d: 16, mu: 0.5, sigma: 1.5, samples: 4_000 };
    const first = await sampleDots(p, 3);
    assert.equal(liveBackend(), 'cpu');
    const tensors = liveTensorCount();
    for (let i = 0; i < 5; i++) await sampleDots({ ...p, d: 4 + i }, 10 + i);
    assert.equal(liveTensorCount(), tensors, 'every slider move frees its tensors');
    assert.deepEqual(await sampleDots(p, 3), first, 'the same sliders draw the same samples');

    const m = sampleMoments(first);
    assert.equal(m.count, p.samples);
    const variance = closedVariance(p.d, p.mu, p.sigma);
    assert.ok(Math.abs(m.mean - closedMean(p.d, p.mu)) < 5 * Math.sqrt(variance / p.samples), `mean ${m.mean}`);
    assert.ok(Math.abs(m.variance / variance - 1) < 0.1, `variance ${m.variance} against ${variance}`);
  });
});
