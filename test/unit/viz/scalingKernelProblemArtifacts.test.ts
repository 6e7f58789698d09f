// The contract between problems 2 and 3 and their panels: the artifact a real run emits (reference
// solution, quick config) passes the panels' validation, crosses the protocol as JSON, and draws with
// the panels' renderers (and the CLI report's).
import assert from 'node:assert/strict';
import { useTfBackend } from '../support/tf';
import { resolveConfig } from '../../../src/core/engine/config';
import type { Artifact } from '../../../src/core/engine/events';
import { judgeLocally } from '../support/judgeLocal';
import { labProblem } from '../support/labProblems';
import { parseToWebview } from '../../../src/core/protocol';
import { isKernelAttentionArtifact } from '../../../src/core/problems/kernel-attention/artifactValidate';
import { isScalingRunArtifact } from '../../../src/core/problems/attention-scaling/artifactValidate';
import {
  renderSaturationSvg,
  renderScalingHistogramSvg,
  scalingClosedForms,
} from '../../../src/core/problems/attention-scaling/figures/scalingCharts';
import { renderKernelCostSvg } from '../../../src/core/problems/kernel-attention/figures/kernelCharts';
import { scalingMomentsCsv } from '../../../src/core/problems/attention-scaling/figures/scalingCsv';
import { kernelSweepCsv } from '../../../src/core/problems/kernel-attention/figures/kernelCsv';
import { assertWellFormedSvg } from './svgWellFormed';

async function artifactOf(id: string, config: Record<string, unknown>, kind: Artifact['kind']): Promise<unknown> {
  const { problem, child, reference } = labProblem(id);
  const events = await judgeLocally(problem, child, reference, resolveConfig(problem, config), { checksOnly: false });
  const artifacts = events.flatMap((e) => (e.type === 'artifact' && e.artifact.kind === kind ? [e.artifact] : []));
  assert.equal(artifacts.length, 1, `one ${kind} artifact`);
  return JSON.parse(JSON.stringify(artifacts[0]));
}

describe('√d and kernel panels ← the problems’ artifacts', function () {
  this.timeout(300_000);
  before(() => useTfBackend());

  it('problem 2: validates, crosses the protocol, draws histograms and saturation', async () => {
    const run = await artifactOf('attention-scaling', { quick: true }, 'attention-scaling');
    assert.ok(isScalingRunArtifact(run));
    assert.equal(parseToWebview({ type: 'artifact', artifact: run })?.type, 'artifact');
    const c = scalingClosedForms(run.histogram.d, run.mu, run.sigma);
    const hist = renderScalingHistogramSvg(run.histogram.raw, {
      which: 'raw',
      d: run.histogram.d,
      closed: { mean: c.mean, variance: c.variance },
    });
    assertWellFormedSvg(hist);
    assert.ok((hist.match(/<rect class="bar/g) ?? []).length > 5);
    const sat = renderSaturationSvg(run.saturation, 'maxWeight');
    assertWellFormedSvg(sat);
    assert.equal((sat.match(/<circle class="dot s1"/g) ?? []).length, run.saturation.length);
    assert.equal(scalingMomentsCsv(run).trimEnd().split('\n').length, run.moments.length + 1);
  });

  it('problem 3: validates, crosses the protocol, draws time and memory with slopes and crossovers', async () => {
    const run = await artifactOf(
      'kernel-attention',
      { quick: true, Ns: [32, 64, 128, 256], Ds: [4, 8], repeats: 1, growthNs: [64, 128, 256], growthD: 4 },
      'kernel-attention',
    );
    assert.ok(isKernelAttentionArtifact(run));
    assert.equal(parseToWebview({ type: 'init', version: 1, snapshot: { artifacts: [run] } })?.type, 'init');
    for (const cost of ['ms', 'bytes'] as const) {
      const svg = renderKernelCostSvg(run, cost);
      assertWellFormedSvg(svg);
      assert.equal((svg.match(/<circle class="dot/g) ?? []).length, run.sweep.filter((p) => p[cost] > 0).length);
      // a time fit that measures nothing (tiny sizes, a busy machine) says so instead of its slope
      for (const f of run.fits.filter((x) => x.cost === cost))
        assert.ok(
          svg.includes(f.unmeasurable === undefined ? `slope ${f.exponent.toFixed(2)}` : 'slope not measurable'),
          JSON.stringify(f),
        );
    }
    assert.equal(
      (renderKernelCostSvg(run, 'ms').match(/class="crossover flop"/g) ?? []).length,
      new Set(run.crossovers.filter((c) => Number.isFinite(c.flopModelN)).map((c) => c.D)).size,
    );
    assert.equal(kernelSweepCsv(run).trimEnd().split('\n').length, run.sweep.length + 1);
  });
});
