import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { judgeLocally } from '../support/judgeLocal';
import {
  scalingProblem,
  scalingArtifactAnswers,
  type ScalingConfig,
} from '../../../src/core/problems/attention-scaling';
import { scalingChild } from '../../../src/core/problems/attention-scaling/child';
import * as reference from '../../../src/core/problems/attention-scaling/reference';
import type { ScalingRunArtifact } from '../../../src/core/problems/attention-scaling/artifact';
import { CancelSource } from '../../../src/core/engine/cancel';
import { createRng } from '../../../src/core/engine/rng';
import { isArtifactKind, type RunEvent } from '../../../src/core/engine/events';
import type { AnswersInput } from '../../../src/core/answers/types';
import type { ChildEvent } from '../../../src/core/problem';
import { findProblem, problemForFile } from '../../../src/core/problems';
import { isScalingRunArtifact } from '../../../src/core/problems/attention-scaling/artifactValidate';
import { problemInfoForFile } from '../../../src/core/problems/catalog';
import { judgedChild, loadExports, UNSCALED_FIXTURE } from './studentFile';
import { closedVariance as closedVarianceAt } from '../../../src/core/problems/attention-scaling/stats';

type Done = Extract<RunEvent, { type: 'done' }>;
type Failed = Extract<RunEvent, { type: 'error' }>;

/** A judged run in this thread: the child runs the experiment, the judge validates it and checks. */
async function runQ2(
  exports: object,
  overrides: Partial<ScalingConfig> = {},
  answers?: AnswersInput,
): Promise<RunEvent[]> {
  const config = { ...scalingProblem.defaultConfig(true), ...overrides, quick: true } as ScalingConfig;
  return judgeLocally(scalingProblem, judgedChild, exports, config, answers ? { answers } : {});
}

const last = (events: RunEvent[]): RunEvent => events[events.length - 1]!;
const artifactOf = (events: RunEvent[]): ScalingRunArtifact => {
  const found = events.flatMap((e) =>
    e.type === 'artifact' && isArtifactKind<ScalingRunArtifact>(e.artifact, 'attention-scaling') ? [e.artifact] : [],
  );
  assert.equal(found.length, 1);
  return found[0]!;
};
const findings = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));

const ANSWERS = (a: string, b: string, c: string): AnswersInput => ({
  file: 'answers.md',
  text: `# HW6 answers\n\n## 2a\n\nAnswer: ${a}\n\n## 2b\n\nAnswer: ${b}\n\n## 2c\n\nAnswer: ${c}\n`,
});

describe('Q2 registration', () => {
  it('is registered between zkc and beam search, by id and by student file', () => {
    assert.equal(findProblem('attention-scaling'), scalingProblem);
    assert.equal(problemForFile('q2_attention_scaling.ts'), scalingProblem);
    assert.equal(scalingChild.id, scalingProblem.id);
    const info = problemInfoForFile('q2_attention_scaling.ts');
    assert.deepEqual(
      info?.markers.map((m) => m.id),
      ['q2.dot-products', 'q2.scaled-softmax'],
    );
    assert.deepEqual(info?.answerIds, ['2a', '2b', '2c']);
    assert.deepEqual(info?.questions, ['2a', '2b', '2c']);
  });

  it('a module without the exports is a ShapeError naming the export and its marker', () => {
    assert.throws(
      () => scalingChild.solutionFrom({ dotProducts: () => 0 }),
      (e: Error & { marker?: string }) =>
        e.name === 'ShapeError' && e.marker === 'q2.scaled-softmax' && /`scaledAttention`/.test(e.message),
    );
  });

  it('a judged module without the exports ends the run with a shape error at that marker', async () => {
    const end = last(await runQ2({ dotProducts: reference.dotProducts })) as Failed;
    assert.equal(end.type, 'error');
    assert.equal(end.reason, 'shape');
    assert.equal(end.marker, 'q2.scaled-softmax');
  });
});

describe('Q2 run (quick config, reference solution)', function () {
  this.timeout(120_000);
  let events: RunEvent[];
  let metrics: Record<string, unknown>;
  const config = scalingProblem.defaultConfig(true);
  before(async () => {
    await useTfBackend();
    events = await runQ2(reference);
    assert.equal(last(events).type, 'done', JSON.stringify(last(events)));
    metrics = (last(events) as Done).metrics;
  });

  it('ends with done, ok, the three code checks passing (no answers.md: no answer findings)', () => {
    assert.equal((last(events) as Done).ok, true);
    assert.deepEqual(
      findings(events).map((f) => [f.checkId, f.ok]),
      [
        ['q2.dot-products', true],
        ['q2.scaled-softmax', true],
        ['q2.scaled-variance', true],
      ],
    );
    assert.ok(!events.some((e) => e.type === 'log' && e.level === 'warn'), 'no warnings (a tensor leak would be one)');
  });

  it('reports variance per d: the moments, without the closed forms (answers 2a–2c)', () => {
    const variance = metrics.variance as Record<string, number>[];
    assert.deepEqual(
      variance.map((v) => v.d),
      config.dims,
    );
    for (const v of variance) {
      assert.deepEqual(Object.keys(v), ['d', 'mean', 'variance', 'scaledMean', 'scaledVariance']); // no closed form: they are the answers to 2a–2c, and the child has no say in showing them
      // 4 000 samples: se(variance) ≈ d·√(2/4000) ≈ 0.022·d
      assert.ok(Math.abs(v.variance! / v.d! - 1) < 0.12, JSON.stringify(v));
      assert.ok(Math.abs(v.scaledVariance! - 1) < 0.12 && Math.abs(v.scaledMean!) < 0.1, JSON.stringify(v));
    }
    assert.equal(metrics.samples, 4_000);
  });

  it('logs no closed form: they are the answers to 2a–2c (the child has no say in showing them)', () => {
    const messages = events.flatMap((e) => (e.type === 'progress' && e.message ? [e.message] : []));
    assert.ok(
      messages.some((m) => m.startsWith('d = 64: Var(qᵀk) = ')),
      messages.join('\n'),
    );
    for (const m of messages) assert.doesNotMatch(m, /closed form|dμ²/);
    const a = artifactOf(events);
    assert.equal(a.answersRevealed, false, 'the judge sets it: no revealAnswers in this run');
    for (const m of a.moments) assert.ok(!('closedVariance' in m) && !('closedMean' in m));
  });

  it('reports E[qᵀk] at μ = 0.5 for two σ: dμ² both times', () => {
    const shifted = metrics.shiftedMoments as Record<string, number>[];
    assert.equal(shifted.length, config.shifted.sigmas.length * config.shifted.dims.length);
    for (const m of shifted) {
      assert.equal(m.mu, 0.5);
      const closedMean = m.d! * 0.25;
      const closedVariance = closedVarianceAt(m.d!, m.mu!, m.sigma!);
      assert.ok(Math.abs(m.mean! - closedMean) < 5 * Math.sqrt(closedVariance / 4_000), JSON.stringify(m));
    }
    assert.deepEqual([...new Set(shifted.map((m) => m.sigma))], [0.5, 1.5]);
  });

  it('reports saturation per d: unscaled climbs to ≈ 0.93 at d = 512, scaled stays ≈ 0.1', () => {
    const saturation = metrics.saturation as {
      d: number;
      keys: number;
      unscaled: { maxWeight: number; gradNorm: number };
      scaled: { maxWeight: number; gradNorm: number };
    }[];
    assert.deepEqual(
      saturation.map((r) => r.d),
      config.dims,
    );
    const at512 = saturation.find((r) => r.d === 512)!;
    // 100 trials, per-trial sd ≈ 0.14: ±0.06 is > 4 standard errors
    assert.ok(Math.abs(at512.unscaled.maxWeight - 0.93) < 0.06, JSON.stringify(at512));
    for (const r of saturation) {
      assert.equal(r.keys, 64);
      assert.ok(Math.abs(r.scaled.maxWeight - 0.105) < 0.035, JSON.stringify(r));
      assert.ok(r.scaled.gradNorm > 0.15 && r.scaled.gradNorm < 0.21, JSON.stringify(r));
    }
    assert.ok(at512.unscaled.gradNorm < 0.6 * at512.scaled.gradNorm);
  });

  it('emits one attention-scaling artifact (validated by its schema) with moments, saturation, histogram and no answers', () => {
    const a = artifactOf(events);
    assert.equal(a.mu, 0);
    assert.equal(a.sigma, 1);
    assert.equal(a.samples, 4_000);
    assert.deepEqual(
      a.moments.map((m) => m.d),
      config.dims,
    );
    assert.deepEqual(
      a.saturation.map((r) => r.d),
      config.dims,
    );
    assert.equal(a.histogram.d, 64);
    assert.equal(a.histogram.raw.length, 2_000);
    assert.equal(a.histogram.scaled.length, 2_000);
    a.histogram.raw.forEach((x, i) => assert.ok(Math.abs(a.histogram.scaled[i]! - x / 8) < 1e-5));
    assert.equal(a.histogramMoments?.samples, 2_000);
    assert.equal(a.shiftedMoments?.length, 4);
    assert.deepEqual(a.answers, []);
    assert.ok(scalingProblem.artifactSchemas!['attention-scaling']!.safeParse(a).success);
    // what the panel accepts, also after the JSON trip to the webview
    assert.ok(isScalingRunArtifact(a));
    assert.ok(isScalingRunArtifact(JSON.parse(JSON.stringify(a))));
  });

  it('emits variance and max-weight metrics per d, and progress in order', () => {
    const steps = (name: string) => events.flatMap((e) => (e.type === 'metric' && e.name === name ? [e.step] : []));
    assert.deepEqual(steps('q2.variance'), config.dims);
    assert.deepEqual(steps('q2.maxWeight.unscaled'), config.dims);
    const fractions = events.flatMap((e) => (e.type === 'progress' ? [e.fraction] : []));
    assert.ok(fractions.length > 2 * config.dims.length);
    for (let i = 1; i < fractions.length; i++) assert.ok(fractions[i]! >= fractions[i - 1]!, fractions.join(' '));
  });
});

describe('Q2 run (seeds, leaks, answers, fixtures, cancel, config)', function () {
  this.timeout(120_000);
  before(() => useTfBackend());
  const small: Partial<ScalingConfig> = {
    samples: 500,
    dims: [2, 32],
    trials: 10,
    histogramSamples: 100,
    shifted: { mu: 0.5, sigmas: [1], dims: [4] },
  };

  it('is reproducible from the seed, and another seed samples differently', async () => {
    const metricsOf = async (seed: number) => (last(await runQ2(reference, { ...small, seed })) as Done).metrics;
    assert.deepEqual(await metricsOf(5), await metricsOf(5));
    assert.notDeepEqual(await metricsOf(5), await metricsOf(6));
  });

  it('leaves no tensor behind, run after run', async () => {
    await runQ2(reference, small);
    const start = tf.memory().numTensors;
    await runQ2(reference, small);
    await runQ2(loadExports(UNSCALED_FIXTURE), small);
    assert.equal(tf.memory().numTensors, start);
  });

  it("judges the student's 2a–2c (right answers ✓, a wrong one at its line); scalingArtifactAnswers gives the panel what answers.md says", async () => {
    const right = await runQ2(reference, small, ANSWERS('d*mu^2', 'd', 'sqrt(d)'));
    // the child never sees answers.md: the judge fills in the artifact's answers from it
    const answers = scalingArtifactAnswers(ANSWERS('d*mu^2', 'd', 'sqrt(d)'));
    assert.deepEqual(artifactOf(right).answers, answers);
    assert.deepEqual(answers, [
      { id: '2a', text: 'd*mu^2', line: 5 },
      { id: '2b', text: 'd', line: 9 },
      { id: '2c', text: 'sqrt(d)', line: 13 },
    ]);
    assert.ok(isScalingRunArtifact({ ...artifactOf(right), answers }));
    assert.ok(
      scalingProblem.artifactSchemas!['attention-scaling']!.safeParse({ ...artifactOf(right), answers }).success,
    );
    assert.deepEqual(scalingArtifactAnswers(undefined), []);
    const judged = findings(right).filter((f) => f.answerId);
    assert.deepEqual(
      judged.map((f) => [f.answerId, f.ok]),
      [
        ['2a', true],
        ['2b', true],
        ['2c', true],
      ],
    );
    assert.ok(
      judged.every((f) => /Monte Carlo agrees/.test(f.message)),
      judged.map((f) => f.message).join('\n'),
    );

    const wrongC = await runQ2(reference, small, ANSWERS('d*mu^2', 'd', 'd'));
    const c = findings(wrongC).find((f) => f.answerId === '2c')!;
    assert.equal(c.ok, false);
    assert.deepEqual(c.location, { file: 'answers.md', line: 13 });
    assert.equal((last(wrongC) as Done).ok, false);
  });

  it('a closed form that matches no accepted answer is refuted with a Monte-Carlo estimate in the message', async () => {
    const events = await runQ2(reference, small, ANSWERS('d*sigma^2', 'd', 'sqrt(d)'));
    const a = findings(events).find((f) => f.answerId === '2a')!;
    assert.equal(a.ok, false);
    assert.match(a.message, /Monte-Carlo estimate there: [-\d.e]+ ± [\d.e-]+/);
  });

  it("the unscaled fixture runs: its 'scaled' curve saturates like softmax(Kq), and its checks fail", async () => {
    const config = { ...small, dims: [1, 512], trials: 30 };
    const events = await runQ2(loadExports(UNSCALED_FIXTURE), config);
    const done = last(events) as Done;
    assert.equal(done.type, 'done');
    assert.equal(done.ok, false);
    const at512 = artifactOf(events).saturation[1]!;
    // the same seed: the reference's "unscaled" curve (its scaledAttention on √d·q) is softmax(Kq) too
    const right = artifactOf(await runQ2(reference, config)).saturation[1]!;
    assert.ok(
      Math.abs(at512.scaled.maxWeight - right.unscaled.maxWeight) < 1e-3 && at512.scaled.maxWeight > 0.8,
      JSON.stringify({ at512, right }),
    );
    // the "unscaled" curve is the fixture's scaledAttention on √d·q: softmax(√d·Kq), more saturated still
    assert.ok(at512.unscaled.maxWeight > at512.scaled.maxWeight, JSON.stringify(at512));
    assert.match(findings(events).find((f) => f.checkId === 'q2.scaled-softmax')!.message, /too peaked at large d/);
  });

  it('a student whose dot products are NaN still gets a validated artifact and failing checks (NaN is data, not a channel violation)', async () => {
    const nan = { ...reference, dotProducts: (Q: tf.Tensor2D) => tf.fill([Q.shape[0]], NaN) };
    const events = await runQ2(nan, small);
    const done = last(events) as Done;
    assert.equal(done.type, 'done', JSON.stringify(done));
    assert.equal(done.ok, false);
    assert.ok(Number.isNaN(artifactOf(events).moments[0]!.variance));
    assert.equal(findings(events).find((f) => f.checkId === 'q2.dot-products')!.ok, false);
  });

  it('the experiment stops when cancelled', async () => {
    const signal = new CancelSource();
    const events: ChildEvent[] = [];
    const config = { ...scalingProblem.defaultConfig(false) };
    await assert.rejects(
      scalingChild.run(
        {
          config,
          rng: createRng(config.seed),
          signal,
          backend: 'wasm',
          emit: (e) => {
            events.push(e);
            if (e.type === 'metric') signal.cancel();
          },
        },
        reference,
      ),
      (e: Error) => e.name === 'CancelledError',
    );
    assert.equal(events.filter((e) => e.type === 'metric').length, 2, 'the two metrics of the first d, then nothing');
  });

  it('rejects a bad config with a clear error', async () => {
    for (const [overrides, pattern] of [
      [{ dims: [0, 4] }, /every entry of dims must be an integer from 1 to 4096 \(got 0\)/],
      [{ sigma: -1 }, /sigma must be a positive number \(got -1\)/],
      [{ samples: 1 }, /samples must be at least 2/],
      [{ shifted: { sigmas: [0] } }, /every entry of shifted.sigmas must be a positive number/],
      [{ dims: Array.from({ length: 300 }, () => 4) }, /dims may list at most 256 dimensions/],
    ] as [Partial<ScalingConfig>, RegExp][]) {
      const end = last(await runQ2(reference, overrides)) as Failed;
      assert.equal(end.type, 'error');
      assert.match(end.message, pattern);
    }
  });

  it('takes a partial shifted override and keeps its other defaults', async () => {
    const events = await runQ2(reference, { ...small, shifted: { sigmas: [2] } as ScalingConfig['shifted'] });
    const shifted = artifactOf(events).shiftedMoments!;
    assert.deepEqual(
      shifted.map((m) => [m.mu, m.sigma, m.d]),
      scalingProblem.defaultConfig(true).shifted.dims.map((d) => [0.5, 2, d]),
    );
  });

  it('an exception in student code ends the run with a student-code error at its marker', async () => {
    const throwing = {
      ...reference,
      dotProducts: () => {
        throw new Error('not yet');
      },
    };
    const end = last(await runQ2(throwing, small)) as Failed;
    assert.equal(end.reason, 'student-code');
    assert.equal(end.marker, 'q2.dot-products');
    assert.match(end.message, /not yet/);
  });
});
