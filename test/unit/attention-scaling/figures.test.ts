// Problem 2's figures and CSV (DOM-free), and the panel's live reading of the student's formulas.
import assert from 'node:assert/strict';
import { recordedScalingRun, RIGHT_ANSWERS, SCALING_FIXTURE } from '../../webview/fixtures/scalingRun';
import {
  renderSaturationSvg,
  renderScalingHistogramSvg,
  sampleMoments,
  scalingClosedForms,
} from '../../../src/core/problems/attention-scaling/figures/scalingCharts';
import {
  SCALING_MOMENTS_CSV_HEADER,
  saturationCsv,
  scalingMomentsCsv,
} from '../../../src/core/problems/attention-scaling/figures/scalingCsv';
import {
  evaluateFormula,
  scalingAnswerVerdicts,
} from '../../../src/core/problems/attention-scaling/figures/scalingAnswers';
import { isScalingRunArtifact } from '../../../src/core/problems/attention-scaling/artifactValidate';
import type { ScalingRunArtifact } from '../../../src/core/problems/attention-scaling/artifact';
import { assertWellFormedSvg } from '../viz/svgWellFormed';
import { closedVariance } from '../../../src/core/problems/attention-scaling/stats';

const attr = (svg: string, name: string): number => Number(new RegExp(`<svg [^>]*${name}="([^"]+)"`).exec(svg)?.[1]);

describe('problem 2 figures (DOM-free SVG)', function () {
  this.timeout(30_000);
  let run: ScalingRunArtifact;
  before(() => {
    run = recordedScalingRun();
  });

  it('the fixture is a valid artifact whose Monte-Carlo moments and saturation match the homework', () => {
    assert.ok(isScalingRunArtifact(run));
    for (const m of run.moments) {
      const c = scalingClosedForms(m.d, m.mu, m.sigma);
      // Within 5 standard errors of the closed forms.
      assert.ok(
        Math.abs(m.mean - c.mean) < 5 * Math.sqrt(c.variance / m.samples),
        `d=${m.d} mean ${m.mean} vs ${c.mean}`,
      );
      assert.ok(Math.abs(m.variance / c.variance - 1) < 0.2, `d=${m.d} variance ${m.variance} vs ${c.variance}`);
    }
    const at512 = run.saturation.find((r) => r.d === 512)!;
    assert.ok(Math.abs(at512.unscaled.maxWeight - 0.93) < 0.05, `unscaled max weight ${at512.unscaled.maxWeight}`);
    for (const r of run.saturation)
      assert.ok(Math.abs(r.scaled.maxWeight - 0.1) < 0.04, `scaled max weight at d=${r.d}: ${r.scaled.maxWeight}`);
  });

  it('the validator rejects what cannot be drawn (a null d or sample count) and accepts a null moment', () => {
    const clone = (): ScalingRunArtifact => JSON.parse(JSON.stringify(run)) as ScalingRunArtifact;
    const nullD = clone();
    (nullD.saturation[0] as unknown as { d: null }).d = null;
    assert.equal(isScalingRunArtifact(nullD), false);
    const nullSamples = clone();
    (nullSamples as unknown as { samples: null }).samples = null;
    assert.equal(isScalingRunArtifact(nullSamples), false);
    const nullMean = clone();
    (nullMean.moments[0] as unknown as { mean: null }).mean = null;
    assert.equal(isScalingRunArtifact(nullMean), true);
  });

  it('draws a histogram whose x range covers the samples and ±3 closed-form sd, with the empirical moments', () => {
    const c = scalingClosedForms(run.histogram.d, run.mu, run.sigma);
    const svg = renderScalingHistogramSvg(run.histogram.raw, {
      which: 'raw',
      d: run.histogram.d,
      closed: { mean: c.mean, variance: c.variance },
    });
    assertWellFormedSvg(svg);
    const stats = sampleMoments(run.histogram.raw);
    assert.equal(attr(svg, 'data-count'), SCALING_FIXTURE.samples);
    assert.ok(Math.abs(attr(svg, 'data-mean') - stats.mean) < 1e-9);
    assert.ok(attr(svg, 'data-x-min') <= Math.min(...run.histogram.raw, c.mean - 3 * Math.sqrt(c.variance)));
    assert.ok(attr(svg, 'data-x-max') >= Math.max(...run.histogram.raw, c.mean + 3 * Math.sqrt(c.variance)));
    assert.ok((svg.match(/<rect class="bar s2"/g) ?? []).length >= 10);
    assert.match(svg, /<path class="model" d="M/);
    assert.match(svg, /qᵀk at d = 64/);
    // The densities integrate to 1: bar areas over the total.
    const bars = [
      ...svg.matchAll(/<rect class="bar[^"]*" x="[^"]+" y="[^"]+" width="([^"]+)" height="([^"]+)"/g),
    ].reduce((s, m) => s + Number(m[1]) * Number(m[2]), 0);
    assert.ok(bars > 0);
    const empty = renderScalingHistogramSvg([], { which: 'scaled', d: 4 });
    assertWellFormedSvg(empty);
    assert.match(empty, /No samples/);
  });

  it('draws the saturation plot on a log₂ d axis, scaled solid and unscaled dashed, a point per d', () => {
    for (const metric of ['maxWeight', 'gradNorm'] as const) {
      const svg = renderSaturationSvg(run.saturation, metric);
      assertWellFormedSvg(svg);
      assert.equal(attr(svg, 'data-x-min'), 1);
      assert.equal(attr(svg, 'data-x-max'), 512);
      if (metric === 'maxWeight') assert.equal(attr(svg, 'data-y-max'), 1);
      else assert.ok(attr(svg, 'data-y-max') >= Math.max(...run.saturation.map((r) => r.unscaled.gradNorm)));
      assert.equal((svg.match(/<circle class="dot s1"/g) ?? []).length, run.saturation.length);
      assert.equal((svg.match(/<circle class="dot s2"/g) ?? []).length, run.saturation.length);
      assert.match(svg, /<path class="curve s2 dashed"/);
      for (const t of ['1', '2', '64', '512']) assert.match(svg, new RegExp(`text-anchor="middle">${t}</text>`));
    }
    assert.match(renderSaturationSvg([], 'maxWeight'), /No saturation data/);
  });

  it('exports the moments and saturation rows as CSV at full precision', () => {
    const lines = scalingMomentsCsv(run).trimEnd().split('\n');
    assert.equal(lines[0], SCALING_MOMENTS_CSV_HEADER.join(','));
    assert.equal(lines.length, run.moments.length + 1);
    const m = run.moments[3];
    assert.equal(
      lines[4],
      [
        m.d,
        m.mu,
        m.sigma,
        m.samples,
        m.mean,
        m.variance,
        m.scaledMean,
        m.scaledVariance,
        m.d * m.mu ** 2,
        closedVariance(m.d, m.mu, m.sigma),
      ].join(','),
    );
    assert.equal(saturationCsv(run).trimEnd().split('\n').length, run.saturation.length + 1);
  });
});

describe('problem 2 answers, read live (with the answers checker’s reader)', () => {
  const p = { d: 64, mu: 0.5, sigma: 2 };
  const table: [string, number | undefined][] = [
    ['d μ²', 16],
    ['E[qᵀk] = dμ²', 16],
    ['d*mu**2', 16],
    ['d·μ^2', 16],
    ['d(σ⁴ + 2μ²σ²)', 1152],
    ['d*(sigma^4 + 2*mu^2*sigma^2)', 1152],
    ['√d', 8],
    ['\\sqrt{d}', 8],
    ['d^(1/2)', 8],
    ['d mu^2 + x', undefined],
    ['((', undefined],
    ['', undefined],
    ['n', undefined],
  ];
  for (const [text, value] of table) {
    it(`reads ${JSON.stringify(text)} as ${value ?? 'unreadable'}`, () => {
      const r = evaluateFormula('2a', text, p);
      if (value === undefined) assert.equal(r.ok, false, JSON.stringify(r));
      else assert.ok(r.ok && Math.abs(r.value - value) < 1e-9, JSON.stringify(r));
    });
  }

  it('marks right answers right, wrong ones wrong (also when the panel’s point hides them), unreadable as such', () => {
    const right = scalingAnswerVerdicts(RIGHT_ANSWERS, { d: 64, mu: 0, sigma: 1 });
    assert.deepEqual(
      right.map((v) => v.ok),
      [true, true, true],
    );
    assert.deepEqual(
      right.map((v) => v.value),
      [0, 64, 8],
    );
    // 2b is asked at μ = 0, σ = 1 whatever the sliders say.
    assert.deepEqual(scalingAnswerVerdicts([RIGHT_ANSWERS[1]], { d: 16, mu: 2, sigma: 3 })[0].point, {
      d: 16,
      mu: 0,
      sigma: 1,
    });
    const wrong = scalingAnswerVerdicts(
      [
        { id: '2a', text: '0', line: 4 }, // right only at μ = 0
        { id: '2b', text: 'd^2', line: 8 },
        { id: '2c', text: 'd', line: 12 },
      ],
      { d: 64, mu: 0, sigma: 1 },
    );
    assert.deepEqual(
      wrong.map((v) => v.ok),
      [false, false, false],
    );
    const unreadable = scalingAnswerVerdicts([{ id: '2a', text: 'the mean is mu', line: 4 }], {
      d: 8,
      mu: 1,
      sigma: 1,
    })[0];
    assert.equal(unreadable.ok, undefined);
    assert.match(unreadable.reason ?? '', /not a variable of this question/);
  });
});
