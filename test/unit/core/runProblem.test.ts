import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { runProblem, resolveConfig } from '../../../src/core/engine/runProblem';
import { CancelSource } from '../../../src/core/engine/cancel';
import type { RunEvent } from '../../../src/core/engine/events';
import { callStudent, requireFunction, ShapeError, type Problem, type ProblemConfig } from '../../../src/core/problem';

// A problem small enough to see every path of the driver: its solution squares a number.
type Square = (x: number) => number;
const squareProblem: Problem<Square, ProblemConfig & { x: number }> = {
  id: 'square',
  title: 'Square',
  questions: [],
  studentFile: 'square.ts',
  markers: [{ id: 'sq', title: 'square', exports: ['square'] }],
  defaultConfig: (quick) => ({ seed: 1, quick, x: 3 }),
  reference: (x) => x * x,
  solutionFrom: (exports) => requireFunction<Square>(exports, 'square', 'square.ts', 'sq'),
  async run(ctx, solution) {
    ctx.emit({ type: 'metric', name: 'x', step: 0, value: ctx.config.x });
    return { y: callStudent('sq', () => solution(ctx.config.x)) };
  },
  async checks(_ctx, solution) {
    const y = callStudent('sq', () => solution(4));
    return [{ checkId: 'sq.value', ok: y === 16, message: `square(4) = ${y}`, marker: 'sq' }];
  },
};

async function collect(solution: Square, signal = new CancelSource(), checksOnly = false): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  await runProblem(squareProblem, solution, resolveConfig(squareProblem, { quick: true }), { signal, emit: (e) => events.push(e), checksOnly });
  return events;
}

describe('runProblem (the engine driver)', () => {
  before(() => useTfBackend());

  it('streams progress, metrics and findings, and ends with one done carrying the metrics', async () => {
    const events = await collect(squareProblem.reference);
    const done = events.at(-1)!;
    assert.equal(done.type, 'done');
    assert.ok(done.type === 'done' && done.ok);
    assert.deepEqual(done.type === 'done' && done.metrics, { y: 9 });
    assert.equal(events.filter((e) => e.type === 'done' || e.type === 'error').length, 1);
    assert.ok(events.some((e) => e.type === 'finding' && e.finding.ok));
  });

  it('reports a wrong solution as a failed finding, not an error', async () => {
    const events = await collect((x) => x + x);
    const finding = events.find((e) => e.type === 'finding');
    assert.ok(finding?.type === 'finding' && !finding.finding.ok && finding.finding.marker === 'sq');
    assert.ok(events.at(-1)?.type === 'done' && !(events.at(-1) as { ok: boolean }).ok);
  });

  it('turns a throw in student code into an error event tagged with the marker', async () => {
    const events = await collect(() => {
      throw new RangeError('bad input');
    });
    const last = events.at(-1)!;
    assert.equal(last.type, 'error');
    assert.ok(last.type === 'error');
    assert.equal(last.reason, 'student-code');
    assert.equal(last.marker, 'sq');
    assert.match(last.message, /RangeError: bad input/);
  });

  it('reports a missing export as a shape error naming it', () => {
    assert.throws(() => squareProblem.solutionFrom({ sqaure: () => 1 }), (e: unknown) => e instanceof ShapeError && /export a function `square`/.test(e.message) && e.marker === 'sq');
  });

  it('ends a cancelled run with a cancelled error', async () => {
    const signal = new CancelSource();
    signal.cancel();
    const last = (await collect(squareProblem.reference, signal)).at(-1)!;
    assert.ok(last.type === 'error' && last.reason === 'cancelled');
  });

  it('runs only the checks when asked', async () => {
    const events = await collect(squareProblem.reference, new CancelSource(), true);
    assert.ok(!events.some((e) => e.type === 'metric'));
    assert.ok(events.at(-1)?.type === 'done');
  });

  it('warns when a run leaves tensors behind', async () => {
    let leaked: tf.Tensor | undefined;
    const leaky: Problem<Square, ProblemConfig & { x: number }> = { ...squareProblem, async checks() { leaked = tf.scalar(1); return []; } };
    const events: RunEvent[] = [];
    await runProblem(leaky, leaky.reference, resolveConfig(leaky), { signal: new CancelSource(), emit: (e) => events.push(e) });
    assert.ok(events.some((e) => e.type === 'log' && /left 1 tensor/.test(e.message)));
    leaked?.dispose();
  });
});
