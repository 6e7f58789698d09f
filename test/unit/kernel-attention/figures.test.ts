// Problem 3's sweep figure and CSV (DOM-free): log-log axes over the sweep, one series per form × D ×
// implementation with its fitted slope in the legend, crossovers marked on the time plot.
import assert from 'node:assert/strict';
import { recordedKernelRun, KERNEL_FIXTURE, logLogSlope } from '../../webview/fixtures/kernelRun';
import {
  renderKernelCostSvg,
  seriesLabel,
  sweepSeries,
} from '../../../src/core/problems/kernel-attention/figures/kernelCharts';
import { KERNEL_SWEEP_CSV_HEADER, kernelSweepCsv } from '../../../src/core/problems/kernel-attention/figures/kernelCsv';
import { isKernelAttentionArtifact } from '../../../src/core/problems/kernel-attention/artifactValidate';
import type { KernelAttentionArtifact } from '../../../src/core/problems/kernel-attention/artifact';
import { assertWellFormedSvg } from '../viz/svgWellFormed';

const attr = (svg: string, name: string): number => Number(new RegExp(`<svg [^>]*${name}="([^"]+)"`).exec(svg)?.[1]);

describe('problem 3 figures (DOM-free SVG)', function () {
  this.timeout(30_000);
  let run: KernelAttentionArtifact;
  before(() => {
    run = recordedKernelRun();
  });

  it('the fixture is a valid artifact: eq. 3 and eq. 5 agree with the compact φ, softmax grows as N², linear as N', () => {
    assert.ok(isKernelAttentionArtifact(run));
    assert.ok(run.equivalence.ok && run.equivalence.maxAbsDiff < 1e-12, String(run.equivalence.maxAbsDiff));
    assert.ok(run.featureSize.accepted.includes(run.featureSize.actual));
    for (const f of run.fits)
      assert.ok(
        Math.abs(f.exponent - (f.form === 'softmax' ? 2 : 1)) < 0.15,
        `${f.implementation} ${f.form} D=${f.D} ${f.cost}: ${f.exponent}`,
      );
    assert.ok(Math.abs(logLogSlope([1, 2, 4], [3, 12, 48]) - 2) < 1e-12);
    assert.equal(recordedKernelRun({ phiSize: 256 }).featureSize.actual, 256);
    assert.equal(recordedKernelRun({ equivalenceError: 0.1 }).equivalence.ok, false);
  });

  it('the validator rejects what cannot be drawn (a null size or N) and accepts a diverged timing (null ms)', () => {
    const clone = (): KernelAttentionArtifact => JSON.parse(JSON.stringify(run)) as KernelAttentionArtifact;
    const nullN = clone();
    (nullN.sweep[0] as unknown as { N: null }).N = null;
    assert.equal(isKernelAttentionArtifact(nullN), false);
    const nullPhi = clone();
    (nullPhi.featureSize as unknown as { actual: null }).actual = null;
    assert.equal(isKernelAttentionArtifact(nullPhi), false);
    const nullMs = clone();
    (nullMs.sweep[0] as unknown as { ms: null }).ms = null;
    assert.equal(isKernelAttentionArtifact(nullMs), true);
    assert.doesNotThrow(() => renderKernelCostSvg(nullMs, 'ms'));
  });

  it('groups the sweep into form × D × implementation series with their fits', () => {
    const series = sweepSeries(run, 'ms');
    assert.equal(series.length, 8);
    for (const s of series) {
      assert.equal(s.points.length, KERNEL_FIXTURE.Ns.length);
      assert.deepEqual(
        s.points.map((p) => p.N),
        [...KERNEL_FIXTURE.Ns],
      );
      assert.ok(s.fit && s.fit.cost === 'ms');
      assert.equal(s.cls.includes('dashed'), s.implementation === 'reference');
    }
    assert.equal(
      new Set(series.filter((s) => s.implementation === 'student').map((s) => s.cls)).size,
      4,
      'four colours for form × D',
    );
    assert.match(seriesLabel(series[0]), /^softmax, D = 16 \(student\) · slope 1\.\d\d$/);
  });

  for (const cost of ['ms', 'bytes'] as const) {
    it(`draws ${cost} on log-log axes covering the sweep, with the slopes in the legend`, () => {
      const svg = renderKernelCostSvg(run, cost);
      assertWellFormedSvg(svg);
      const values = run.sweep.map((p) => p[cost]);
      assert.ok(attr(svg, 'data-n-min') <= 128 && attr(svg, 'data-n-max') >= 8192);
      assert.ok(attr(svg, 'data-y-min') <= Math.min(...values) && attr(svg, 'data-y-max') >= Math.max(...values));
      assert.equal((svg.match(/<g class="series"/g) ?? []).length, 8);
      assert.equal((svg.match(/<circle class="dot/g) ?? []).length, run.sweep.length);
      for (const f of run.fits.filter((x) => x.cost === cost))
        assert.ok(
          svg.includes(`${f.form}, D = ${f.D} (${f.implementation}) · slope ${f.exponent.toFixed(2)}`),
          `${f.form} ${f.D} ${f.implementation}`,
        );
      assert.equal((svg.match(/class="curve [^"]*dashed"/g) ?? []).length, 4, 'the reference dashed');
    });
  }

  it('marks the measured crossover per D beside the FLOP model’s on the time plot only', () => {
    const svg = renderKernelCostSvg(run, 'ms');
    for (const D of KERNEL_FIXTURE.Ds) {
      const c = run.crossovers.find((x) => x.D === D && x.implementation === 'student')!;
      assert.ok(c.measuredN !== null);
      assert.match(
        svg,
        new RegExp(
          `<g class="crossover measured" data-d="${D}" data-implementation="[^"]*student[^"]*" data-n="${c.measuredN}"`,
        ),
      );
      assert.match(svg, new RegExp(`<g class="crossover flop" data-d="${D}" data-n="${c.flopModelN}"`));
    }
    assert.doesNotMatch(renderKernelCostSvg(run, 'bytes'), /class="crossover/);
    // A linear form that never wins: no measured line, the FLOP model's still drawn.
    const never = renderKernelCostSvg(
      { ...run, crossovers: run.crossovers.map((c) => ({ ...c, measuredN: null })) },
      'ms',
    );
    assert.doesNotMatch(never, /crossover measured/);
    assert.equal((never.match(/crossover flop/g) ?? []).length, 2);
    assert.match(renderKernelCostSvg({ ...run, sweep: [] }, 'ms'), /No sweep in this run/);
  });

  it('exports the sweep as CSV at full precision', () => {
    const lines = kernelSweepCsv(run).trimEnd().split('\n');
    assert.equal(lines[0], KERNEL_SWEEP_CSV_HEADER.join(','));
    assert.equal(lines.length, run.sweep.length + 1);
    const p = run.sweep[5];
    assert.equal(lines[6], [p.implementation, p.form, p.N, p.D, p.M, p.ms, p.bytes].join(','));
  });
});
