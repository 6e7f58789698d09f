import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { beamSearchProblem, type BeamSearchConfig } from '../../../src/core/problems/beam-search';
import { beamSearchChild, type BeamSearchFn } from '../../../src/core/problems/beam-search/child';
import * as reference from '../../../src/core/problems/beam-search/reference';
import { beamTraceArtifactSchema } from '../../../src/core/problems/beam-search/schemas';
import type { ProblemChild, ProblemConfig, ChildEvent } from '../../../src/core/problem';
import { CancelSource, CancelledError } from '../../../src/core/engine/cancel';
import { createRng } from '../../../src/core/engine/rng';
import { isArtifactKind, type RunEvent } from '../../../src/core/engine/events';
import type { BeamTraceArtifact } from '../../../src/core/problems/beam-search/artifact';
import { judgeLocally } from '../support/judgeLocal';
import * as wrong from './wrongSolutions';

const child = beamSearchChild as unknown as ProblemChild<unknown, BeamSearchConfig>;

/** The config of a run: the defaults of `quick` (quick unless said otherwise) with `overrides` on top. */
function configWith(overrides: Partial<ProblemConfig> = {}): BeamSearchConfig {
  const quick = overrides.quick ?? true;
  return { ...beamSearchProblem.defaultConfig(quick), ...overrides, quick } as BeamSearchConfig;
}

/** Every event of a judged run (the experiment in the child, then the checks) of `beamSearch`. */
function runQ5(beamSearch: BeamSearchFn, overrides: Partial<ProblemConfig> = {}): Promise<RunEvent[]> {
  return judgeLocally(beamSearchProblem, child, { beamSearch }, configWith(overrides), { checksOnly: false });
}

const traces = (events: RunEvent[]): BeamTraceArtifact['trace'][] =>
  events.flatMap((e) =>
    e.type === 'artifact' && isArtifactKind<BeamTraceArtifact>(e.artifact, 'beam-trace') ? [e.artifact.trace] : [],
  );
const doneOf = (events: RunEvent[]): Extract<RunEvent, { type: 'done' }> => {
  const last = events[events.length - 1]!;
  assert.equal(last.type, 'done', JSON.stringify(last));
  return last as Extract<RunEvent, { type: 'done' }>;
};
const errorOf = (events: RunEvent[]): Extract<RunEvent, { type: 'error' }> => {
  const last = events[events.length - 1]!;
  assert.equal(last.type, 'error', JSON.stringify(last));
  return last as Extract<RunEvent, { type: 'error' }>;
};

describe('Q5 run (quick config, reference solution)', function () {
  this.timeout(120_000);
  let events: RunEvent[];
  let metrics: Record<string, unknown>;
  before(async () => {
    await useTfBackend();
    events = await runQ5(reference.beamSearch);
    metrics = doneOf(events).metrics;
  });

  it('ends with done, ok, every check passing', () => {
    const done = doneOf(events);
    assert.equal(done.ok, true);
    const findings = events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
    assert.equal(findings.length, 5);
    assert.ok(findings.every((f) => f.ok));
  });

  it('reports the Figure 2 metrics, computed from the tree', () => {
    const figure2 = metrics.figure2 as Record<string, unknown>;
    assert.deepEqual(figure2.kept, {
      1: [
        { sequence: 'neural', score: -0.51 },
        { sequence: 'network', score: -0.92 },
      ],
      2: [
        { sequence: 'neural neural', score: -1.11 },
        { sequence: 'network neural', score: -1.21 },
      ],
      3: [
        { sequence: 'network neural neural', score: -1.57 },
        { sequence: 'neural neural neural', score: -1.62 },
      ],
    });
    assert.equal(figure2.best, 'network neural neural');
    assert.equal(figure2.exhaustiveBest, 'neural network network');
    assert.equal(figure2.greedyBest, 'neural neural neural');
  });

  it('emits the Figure 2 beam trace with greedy and exhaustive overlays', () => {
    const [fig2] = traces(events);
    assert.ok(fig2);
    assert.deepEqual(fig2.vocab, ['neural', 'network']);
    assert.equal(fig2.k, 2);
    assert.equal(fig2.steps.length, 3);
    assert.deepEqual(fig2.greedy?.tokens, [0, 0, 0]);
    assert.deepEqual(fig2.exhaustive?.tokens, [0, 1, 1]);
    assert.deepEqual(fig2.final[0]!.tokens, [1, 0, 0]);
    assert.doesNotThrow(() => JSON.stringify(events));
  });

  it("every artifact it emits passes the judge's schema", () => {
    const artifacts = events.flatMap((e) => (e.type === 'artifact' ? [e.artifact] : []));
    assert.deepEqual(
      artifacts.map((a) => a.kind),
      ['beam-trace', 'beam-trace', 'table'],
    );
    for (const a of artifacts.filter((a) => a.kind === 'beam-trace'))
      assert.ok(beamTraceArtifactSchema.safeParse(a).success);
  });

  it('trains the character model (loss per epoch, decreasing) and decodes with k = 1, 2, 4, 8', () => {
    const losses = events.flatMap((e) => (e.type === 'metric' && e.name === 'charModel.loss' ? [e.value] : []));
    assert.equal(losses.length, beamSearchProblem.defaultConfig(true).charModel.epochs);
    assert.ok(losses[losses.length - 1]! < losses[0]! - 0.5, `loss ${losses.join(' → ')}`);
    const charModel = metrics.charModel as {
      vocabSize: number;
      finalLoss: number;
      decodes: { k: number; text: string; logProb: number }[];
    };
    assert.ok(charModel.vocabSize > 25 && charModel.vocabSize < 45);
    assert.ok(Math.abs(charModel.finalLoss - losses[losses.length - 1]!) < 1e-5);
    assert.deepEqual(
      charModel.decodes.map((d) => d.k),
      [1, 2, 4, 8],
    );
    for (const d of charModel.decodes) {
      assert.ok(d.text.startsWith('alice was '), d.text);
      assert.equal(d.text.length, 'alice was '.length + beamSearchProblem.defaultConfig(true).charModel.T);
      assert.ok(Number.isFinite(d.logProb) && d.logProb < 0);
    }
    // a wider beam never finds a worse best sequence than greedy (k = 1) on the same model
    assert.ok(charModel.decodes[3]!.logProb >= charModel.decodes[0]!.logProb - 1e-9);
  });

  it('emits the character model trace for k = charModel.k with a greedy overlay', () => {
    const char = traces(events)[1]!;
    assert.equal(char.k, beamSearchProblem.defaultConfig(true).charModel.k);
    assert.ok(char.vocab.every((c) => c.length === 1));
    assert.ok(char.greedy && !char.exhaustive, 'M^T is too large for the exhaustive overlay');
    assert.equal(char.steps[1]!.candidates.length, char.k * char.vocab.length);
  });

  it('emits progress in order between 0 and 1', () => {
    const fractions = events.flatMap((e) => (e.type === 'progress' ? [e.fraction] : []));
    assert.ok(fractions.length > 5);
    for (let i = 1; i < fractions.length; i++) assert.ok(fractions[i]! >= fractions[i - 1]!, fractions.join(' '));
  });
});

describe('Q5 run (overrides, leaks, broken solutions, cancel)', function () {
  this.timeout(120_000);
  before(() => useTfBackend());

  it('leaves no tensor behind, run after run', async () => {
    // distinct seeds: each run trains its own model (a repeated seed would reuse the trained one)
    const fast = (seed: number) => ({ seed, charModel: { epochs: 2, T: 6 } }) as unknown as Partial<BeamSearchConfig>;
    await runQ5(reference.beamSearch, fast(101)); // first run initialises kernels
    const start = tf.memory().numTensors;
    doneOf(await runQ5(reference.beamSearch, fast(102)));
    doneOf(await runQ5(reference.beamSearch, fast(103)));
    assert.equal(tf.memory().numTensors, start);
  });

  it('reuses the model trained with the same seed and settings: same losses and decodes, no retraining', async () => {
    const settings = (T: number) =>
      ({ seed: 104, charModel: { epochs: 2, T } }) as unknown as Partial<BeamSearchConfig>;
    const metricsOf = (events: RunEvent[]) =>
      doneOf(events).metrics.charModel as { losses: number[]; decodes: { text: string }[] };
    const first = await runQ5(reference.beamSearch, settings(6));
    const again = await runQ5(reference.beamSearch, settings(8));
    assert.ok(again.some((e) => e.type === 'log' && /reusing the model/.test(e.message)));
    assert.ok(!first.some((e) => e.type === 'log' && /reusing the model/.test(e.message)));
    assert.deepEqual(metricsOf(again).losses, metricsOf(first).losses);
    const lossEvents = (events: RunEvent[]) =>
      events.filter((e) => e.type === 'metric').map((e) => (e as Extract<RunEvent, { type: 'metric' }>).value);
    assert.deepEqual(lossEvents(again), lossEvents(first));
    // same model: greedy (k = 1) with T = 8 extends greedy with T = 6
    assert.ok(metricsOf(again).decodes[0]!.text.startsWith(metricsOf(first).decodes[0]!.text));
  });

  it('takes a partial charModel override (k, T, prompt) and keeps the other defaults', async () => {
    const events = await runQ5(reference.beamSearch, {
      charModel: { k: 3, T: 2, prompt: 'Down, down', epochs: 2 },
    } as unknown as Partial<BeamSearchConfig>);
    const done = doneOf(events);
    const char = traces(events)[1]!;
    assert.equal(char.k, 3);
    assert.equal(char.T, 2);
    assert.ok(char.exhaustive, 'M^2 is small: the exhaustive overlay is there');
    assert.ok(char.final[0]!.score <= char.exhaustive.score + 1e-9);
    const decodes = (done.metrics.charModel as { decodes: { k: number; text: string }[] }).decodes;
    assert.deepEqual(
      decodes.map((d) => d.k),
      [1, 2, 3, 4, 8],
    );
    assert.ok(decodes.every((d) => d.text.startsWith('down, down')));
  });

  it('rejects a character-model override too large to draw, or a prompt too long to quote, with a clear error', async () => {
    const tooLong = errorOf(
      await runQ5(reference.beamSearch, { charModel: { T: 1000, epochs: 1 } } as unknown as Partial<BeamSearchConfig>),
    );
    assert.match(tooLong.message, /charModel\.T must be an integer from 1 to 100 \(got 1000\)/);
    const prompt = errorOf(
      await runQ5(reference.beamSearch, {
        charModel: { prompt: 'a'.repeat(501), epochs: 1 },
      } as unknown as Partial<BeamSearchConfig>),
    );
    assert.match(prompt.message, /charModel\.prompt must have at most 500 characters \(got 501\)/);
  });

  it('a malformed return value is logged and becomes findings, not a crash', async () => {
    const events = await runQ5(
      wrong.returnsNaN as BeamSearchFn,
      { charModel: { epochs: 1, T: 4 } } as unknown as Partial<BeamSearchConfig>,
    );
    const done = doneOf(events);
    assert.equal(done.ok, false);
    assert.ok(events.some((e) => e.type === 'log' && /malformed result.*NaN/.test(e.message)));
    assert.equal(traces(events).length, 0, 'nothing malformed is drawn');
    const shape = events.find((e) => e.type === 'finding' && e.finding.checkId === 'q5.shape');
    assert.ok(shape && shape.type === 'finding' && !shape.finding.ok);
  });

  it('draws what it checked: a result with extra fields or getters is copied to plain data first', async () => {
    let reads = 0;
    const tricky: BeamSearchFn = (step, k, T) => {
      const r = wrong.correct(step, k, T);
      const beams = r.beams.map((b) => ({
        ...b,
        secret: 'x'.repeat(10),
        get score() {
          reads++;
          return b.score;
        },
      }));
      return { beams, trace: r.trace.map((s) => ({ ...s, note: 'extra' })) } as unknown as ReturnType<BeamSearchFn>;
    };
    const events = await runQ5(tricky, { charModel: { epochs: 1, T: 3 } } as unknown as Partial<BeamSearchConfig>);
    doneOf(events);
    assert.ok(reads > 0);
    const [fig2] = traces(events);
    assert.deepEqual(Object.keys(fig2!.final[0]!).sort(), ['score', 'tokens']);
    assert.deepEqual(Object.keys(fig2!.steps[0]!).sort(), ['candidates', 't']);
  });

  it('an exception in student code ends the run with a student-code error at the marker', async () => {
    const last = errorOf(await runQ5(wrong.throws));
    assert.equal(last.reason, 'student-code');
    assert.equal(last.marker, 'q5.beam-search');
  });

  it('stops between epochs when cancelled', async () => {
    const signal = new CancelSource();
    const events: ChildEvent[] = [];
    const config = configWith({ quick: false, seed: 105 }); // a seed no other test trains with
    const solution = beamSearchChild.solutionFrom(reference);
    await assert.rejects(
      beamSearchChild.run(
        {
          config,
          rng: createRng(config.seed),
          signal,
          backend: tf.getBackend(),
          emit: (e) => {
            events.push(e);
            if (e.type === 'metric' && e.step === 2) signal.cancel();
          },
        },
        solution,
      ),
      CancelledError,
    );
    assert.equal(events.filter((e) => e.type === 'metric').length, 2);
  });
});
