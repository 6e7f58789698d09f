import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { beamSearchProblem, type BeamSearchConfig } from '../../../src/core/problems/beam-search';
import { runProblem, resolveConfig } from '../../../src/core/engine/runProblem';
import { CancelSource } from '../../../src/core/engine/cancel';
import type { RunEvent, BeamTraceArtifact } from '../../../src/core/engine/events';
import type { BeamSearchFn } from '../../../src/core/problems/beam-search/checks';
import * as wrong from './wrongSolutions';

async function runQ5(beamSearch: BeamSearchFn, overrides: Partial<BeamSearchConfig> = {}, signal = new CancelSource()): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  const config = resolveConfig(beamSearchProblem, { quick: true, ...overrides });
  await runProblem(beamSearchProblem, { beamSearch }, config, { signal, emit: (e) => events.push(e) });
  return events;
}

const traces = (events: RunEvent[]): BeamTraceArtifact['trace'][] =>
  events.flatMap((e) => (e.type === 'artifact' && e.artifact.kind === 'beam-trace' ? [e.artifact.trace] : []));

describe('Q5 run (quick config, reference solution)', function () {
  this.timeout(120_000);
  let events: RunEvent[];
  let metrics: Record<string, unknown>;
  before(async () => {
    await useTfBackend();
    events = await runQ5(beamSearchProblem.reference.beamSearch);
    const done = events[events.length - 1]!;
    assert.equal(done.type, 'done', JSON.stringify(done));
    metrics = (done as Extract<RunEvent, { type: 'done' }>).metrics;
  });

  it('ends with done, ok, every check passing', () => {
    const done = events[events.length - 1] as Extract<RunEvent, { type: 'done' }>;
    assert.equal(done.ok, true);
    const findings = events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
    assert.equal(findings.length, 5);
    assert.ok(findings.every((f) => f.ok));
  });

  it('reports the Figure 2 metrics, computed from the tree', () => {
    const figure2 = metrics.figure2 as Record<string, unknown>;
    assert.deepEqual(figure2.kept, {
      1: [{ sequence: 'neural', score: -0.51 }, { sequence: 'network', score: -0.92 }],
      2: [{ sequence: 'neural neural', score: -1.11 }, { sequence: 'network neural', score: -1.21 }],
      3: [{ sequence: 'network neural neural', score: -1.57 }, { sequence: 'neural neural neural', score: -1.62 }],
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

  it('trains the character model (loss per epoch, decreasing) and decodes with k = 1, 2, 4, 8', () => {
    const losses = events.flatMap((e) => (e.type === 'metric' && e.name === 'charModel.loss' ? [e.value] : []));
    assert.equal(losses.length, beamSearchProblem.defaultConfig(true).charModel.epochs);
    assert.ok(losses[losses.length - 1]! < losses[0]! - 0.5, `loss ${losses.join(' → ')}`);
    const charModel = metrics.charModel as { vocabSize: number; finalLoss: number; decodes: { k: number; text: string; logProb: number }[] };
    assert.ok(charModel.vocabSize > 25 && charModel.vocabSize < 45);
    assert.ok(Math.abs(charModel.finalLoss - losses[losses.length - 1]!) < 1e-5);
    assert.deepEqual(charModel.decodes.map((d) => d.k), [1, 2, 4, 8]);
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
    await runQ5(beamSearchProblem.reference.beamSearch, fast(101)); // first run initialises kernels
    const start = tf.memory().numTensors;
    await runQ5(beamSearchProblem.reference.beamSearch, fast(102));
    await runQ5(beamSearchProblem.reference.beamSearch, fast(103));
    assert.equal(tf.memory().numTensors, start);
  });

  it('reuses the model trained with the same seed and settings: same losses and decodes, no retraining', async () => {
    const settings = (T: number) => ({ seed: 104, charModel: { epochs: 2, T } }) as unknown as Partial<BeamSearchConfig>;
    const metricsOf = (events: RunEvent[]) => (events[events.length - 1] as Extract<RunEvent, { type: 'done' }>).metrics.charModel as { losses: number[]; decodes: { text: string }[] };
    const first = await runQ5(beamSearchProblem.reference.beamSearch, settings(6));
    const again = await runQ5(beamSearchProblem.reference.beamSearch, settings(8));
    assert.ok(again.some((e) => e.type === 'log' && /reusing the model/.test(e.message)));
    assert.ok(!first.some((e) => e.type === 'log' && /reusing the model/.test(e.message)));
    assert.deepEqual(metricsOf(again).losses, metricsOf(first).losses);
    const lossEvents = (events: RunEvent[]) => events.filter((e) => e.type === 'metric').map((e) => (e as Extract<RunEvent, { type: 'metric' }>).value);
    assert.deepEqual(lossEvents(again), lossEvents(first));
    // same model: greedy (k = 1) with T = 8 extends greedy with T = 6
    assert.ok(metricsOf(again).decodes[0]!.text.startsWith(metricsOf(first).decodes[0]!.text));
  });

  it('takes a partial charModel override (k, T, prompt) and keeps the other defaults', async () => {
    const events = await runQ5(beamSearchProblem.reference.beamSearch, { charModel: { k: 3, T: 2, prompt: 'Down, down', epochs: 2 } } as unknown as Partial<BeamSearchConfig>);
    const done = events[events.length - 1] as Extract<RunEvent, { type: 'done' }>;
    assert.equal(done.type, 'done');
    const char = traces(events)[1]!;
    assert.equal(char.k, 3);
    assert.equal(char.T, 2);
    assert.ok(char.exhaustive, 'M^2 is small: the exhaustive overlay is there');
    assert.ok(char.final[0]!.score <= char.exhaustive.score + 1e-9);
    const decodes = (done.metrics.charModel as { decodes: { k: number; text: string }[] }).decodes;
    assert.deepEqual(decodes.map((d) => d.k), [1, 2, 3, 4, 8]);
    assert.ok(decodes.every((d) => d.text.startsWith('down, down')));
  });

  it('rejects a character-model override too large to draw, with a clear error', async () => {
    const events = await runQ5(beamSearchProblem.reference.beamSearch, { charModel: { T: 1000, epochs: 1 } } as unknown as Partial<BeamSearchConfig>);
    const last = events[events.length - 1]!;
    assert.equal(last.type, 'error');
    assert.match((last as Extract<RunEvent, { type: 'error' }>).message, /charModel\.T must be an integer from 1 to 100 \(got 1000\)/);
  });

  it('a malformed return value is logged and becomes findings, not a crash', async () => {
    const events = await runQ5(wrong.returnsNaN as BeamSearchFn, { charModel: { epochs: 1, T: 4 } } as unknown as Partial<BeamSearchConfig>);
    const done = events[events.length - 1] as Extract<RunEvent, { type: 'done' }>;
    assert.equal(done.type, 'done');
    assert.equal(done.ok, false);
    assert.ok(events.some((e) => e.type === 'log' && /malformed result.*NaN/.test(e.message)));
    const shape = events.find((e) => e.type === 'finding' && e.finding.checkId === 'q5.shape');
    assert.ok(shape && shape.type === 'finding' && !shape.finding.ok);
  });

  it('an exception in student code ends the run with a student-code error at the marker', async () => {
    const events = await runQ5(wrong.throws);
    const last = events[events.length - 1]!;
    assert.equal(last.type, 'error');
    assert.equal((last as Extract<RunEvent, { type: 'error' }>).reason, 'student-code');
    assert.equal((last as Extract<RunEvent, { type: 'error' }>).marker, 'q5.beam-search');
  });

  it('stops between epochs when cancelled', async () => {
    const signal = new CancelSource();
    const events: RunEvent[] = [];
    const config = resolveConfig(beamSearchProblem, { quick: false, seed: 105 }); // a seed no other test trains with
    await runProblem(beamSearchProblem, beamSearchProblem.reference, config, {
      signal,
      emit: (e) => {
        events.push(e);
        if (e.type === 'metric' && e.step === 2) signal.cancel();
      },
    });
    const last = events[events.length - 1]!;
    assert.equal(last.type, 'error');
    assert.equal((last as Extract<RunEvent, { type: 'error' }>).reason, 'cancelled');
    assert.equal(events.filter((e) => e.type === 'metric').length, 2);
  });
});
