// judgeRun over an in-thread child (localLink): the judge alone produces findings and the ending;
// what the child returns is validated, and a child that breaks the protocol ends the run as the
// student's fault, never as a crash or a pass.
import assert from 'node:assert/strict';
import type { Finding, RunEvent } from '../../../src/core/engine/events';
import type { ProblemChild } from '../../../src/core/problem';
import { useTfBackend } from '../support/tf';
import { judgeLocally } from '../support/judgeLocal';
import { toyChild, toyProblem, type ToyConfig } from '../runner/support/toyProblem';

const config = (extra: Partial<ToyConfig> = {}): ToyConfig => ({ seed: 0, quick: true, ...extra });
const good = { add: (a: number, b: number) => a + b };
const ending = (events: RunEvent[]) => {
  assert.equal(events.filter((e) => e.type === 'done' || e.type === 'error').length, 1, 'exactly one ending');
  return events.at(-1)!;
};
const findings = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));

describe("judgeRun (the judge's side of a run)", () => {
  before(() => useTfBackend());

  it('runs the experiment, then the checks, and ends with one done carrying the metrics', async () => {
    const events = await judgeLocally(toyProblem, toyChild, good, config(), { checksOnly: false });
    const done = ending(events);
    assert.equal(done.type, 'done');
    assert.deepEqual(done.type === 'done' && done.metrics, { sum: 5 });
    assert.ok(done.type === 'done' && done.ok);
    assert.ok(
      events.some((e) => e.type === 'progress' && e.message === 'adding'),
      "the child's display events pass",
    );
  });

  it('a wrong solution is a failed finding, not an error', async () => {
    const events = await judgeLocally(toyProblem, toyChild, { add: (a: number, b: number) => a * b }, config());
    assert.equal(ending(events).type, 'done');
    assert.equal(findings(events)[0]!.ok, false);
  });

  it('a note (an unanswered prose question) never fails the run; a warning does', async () => {
    const withFinding = (extra: Finding) => ({
      ...toyProblem,
      checks: async (ctx: Parameters<typeof toyProblem.checks>[0]) => [...(await toyProblem.checks(ctx)), extra],
    });
    const note: Finding = {
      checkId: 'answers.free-text',
      ok: false,
      severity: 'info',
      message: '1a has no answer yet',
      answerId: '1a',
    };
    const noted = ending(await judgeLocally(withFinding(note), toyChild, good, config()));
    assert.ok(noted.type === 'done' && noted.ok, 'a note leaves the run passed');
    const warning = ending(await judgeLocally(withFinding({ ...note, severity: 'warning' }), toyChild, good, config()));
    assert.ok(warning.type === 'done' && !warning.ok, 'a warning fails it');
  });

  it("hw6.revealAnswers puts every level of a failure's hint ladder in its message; without it the message stays short", async () => {
    const hinted = {
      ...toyProblem,
      checks: async (ctx: Parameters<typeof toyProblem.checks>[0]) =>
        (await toyProblem.checks(ctx)).map((f) => ({ ...f, ok: false, hints: ['look again', 'it is a + b'] })),
    };
    const plain = findings(await judgeLocally(hinted, toyChild, good, config()))[0]!;
    assert.doesNotMatch(plain.message, /it is a \+ b/);
    assert.deepEqual(plain.hints, ['look again', 'it is a + b']);
    const revealed = findings(await judgeLocally(hinted, toyChild, good, config({ revealAnswers: true })))[0]!;
    assert.match(revealed.message, / look again it is a \+ b$/);
  });

  it('an expected value that gives an answer away is emitted only with hw6.revealAnswers', async () => {
    const gated = {
      ...toyProblem,
      checks: async (ctx: Parameters<typeof toyProblem.checks>[0]) =>
        (await toyProblem.checks(ctx)).map((f) => ({
          ...f,
          ok: false,
          expected: 'sum = 5 (± 0)',
          actual: 'sum = 6',
          revealedExpected: 'a + b = 5 (± 0)',
        })),
    };
    const plain = findings(await judgeLocally(gated, toyChild, good, config()))[0]!;
    assert.equal(plain.expected, 'sum = 5 (± 0)');
    assert.equal(plain.actual, 'sum = 6');
    assert.ok(!('revealedExpected' in plain), 'the gated value stays with the judge');
    const revealed = findings(await judgeLocally(gated, toyChild, good, config({ revealAnswers: true })))[0]!;
    assert.equal(revealed.expected, 'a + b = 5 (± 0)');
    assert.equal(revealed.actual, 'sum = 6');
    assert.ok(!('revealedExpected' in revealed));
  });

  it('a throw in the experiment ends the run with a student-code error at its marker', async () => {
    const events = await judgeLocally(
      toyProblem,
      toyChild,
      {
        add: () => {
          throw new RangeError('bad input');
        },
      },
      config(),
      { checksOnly: false },
    );
    const end = ending(events);
    assert.equal(end.type === 'error' && end.reason, 'student-code');
    assert.equal(end.type === 'error' && end.marker, 'toy.add');
    assert.match(end.type === 'error' ? end.message : '', /bad input/);
  });

  it("a throw inside a check's call fails that check, and the run is done", async () => {
    const events = await judgeLocally(
      toyProblem,
      toyChild,
      {
        add: () => {
          throw new Error('nope');
        },
      },
      config(),
      { checksOnly: true },
    );
    assert.equal(ending(events).type, 'done');
    const f = findings(events)[0]!;
    assert.equal(f.ok, false);
    assert.match(f.message, /nope/);
  });

  it("the run's cells are dispatched by the judge over its links", async () => {
    const events = await judgeLocally(toyProblem, toyChild, good, config({ cells: [1, 2, 3, 4, 5] }), {
      checksOnly: false,
      poolSize: 2,
    });
    assert.equal(ending(events).type, 'done');
  });

  it('a record that does not fit its schema is the student\'s fault: "wrote to the lab\'s channel"', async () => {
    const forging: ProblemChild = {
      ...toyChild,
      run: async () => ({ metrics: {}, record: { sum: 'five' } }),
    } as ProblemChild;
    const end = ending(await judgeLocally(toyProblem, forging, good, config(), { checksOnly: false }));
    assert.equal(end.type === 'error' && end.reason, 'student-code');
    assert.match(end.type === 'error' ? end.message : '', /wrote to the lab's channel/);
  });

  it('an artifact of a kind no schema knows ends the run the same way', async () => {
    const forging: ProblemChild = {
      ...toyChild,
      run: async (ctx) => {
        ctx.emit({ type: 'artifact', artifact: { kind: 'finding-in-disguise' } as never });
        return { metrics: {}, record: { sum: 5 } };
      },
    } as ProblemChild;
    const end = ending(await judgeLocally(toyProblem, forging, good, config(), { checksOnly: false }));
    assert.match(end.type === 'error' ? end.message : '', /unknown kind "finding-in-disguise"/);
  });

  it('a missing export is a shape error before anything runs', async () => {
    const end = ending(await judgeLocally(toyProblem, toyChild, {}, config()));
    assert.equal(end.type === 'error' && end.reason, 'shape');
    assert.match(end.type === 'error' ? end.message : '', /must export a function `add`/);
  });
});
