// The webview runner's judge side: a fake panel channel behind which a ChildEngine runs in this thread
// (as webview/shared/runHost.ts hosts one in the panel), or scripted messages play a panel that
// misbehaves. The judge (judgeRun over a LinkSession) alone produces findings and the run's end.
import assert from 'node:assert/strict';
import { z } from 'zod';
import {
  WebviewRunner,
  PANEL_GRACE_MS,
  type Timers,
  type WebviewChannel,
  type WebviewRunnerOptions,
} from '../../../src/extension/webviewRunner';
import type { RunEvent } from '../../../src/core/engine/events';
import type { FromWebview, ToWebview } from '../../../src/core/protocol';
import type { RunHandle } from '../../../src/runner/runner';
import type { Problem, ProblemChild, ProblemConfig } from '../../../src/core/problem';
import { callStudent, requireFunction } from '../../../src/core/problem';
import { ChildEngine } from '../../../src/core/engine/childEngine';
import type { ToChild } from '../../../src/core/engine/childProtocol';
import { useTfBackend } from '../support/tf';

// ---------------------------------------------------------------------------------------------
// A small problem: the student writes double(x); the run reports it on 2, the check calls it on 5.

const MARKER = 'q0.double';
type DoubleSolution = { double(x: number): number };

const fakeChild: ProblemChild<DoubleSolution, ProblemConfig> = {
  id: 'fake',
  solutionFrom: (exports) => ({ double: requireFunction(exports, 'double', 'q0_double.ts', MARKER) }),
  async run(ctx, solution) {
    const double = (x: number): number => callStudent(MARKER, () => solution.double(x));
    ctx.emit({ type: 'progress', fraction: 0.5, message: 'halfway' });
    ctx.emit({ type: 'metric', name: 'double(2)', step: 0, value: double(2) });
    return { metrics: { two: double(2) }, record: { three: double(3) } };
  },
};

const fakeProblem: Problem<ProblemConfig> = {
  id: 'fake',
  title: 'Doubling',
  questions: ['0'],
  studentFile: 'q0_double.ts',
  markers: [{ id: MARKER, title: 'double', exports: ['double'] }],
  defaultConfig: (quick) => ({ seed: 0, quick, scale: 1 }),
  recordSchema: z.object({ three: z.number() }),
  async checks(ctx) {
    const five = await ctx.child.callOne(MARKER, 'double', [5]);
    const { three } = ctx.record as { three: number };
    return [
      {
        checkId: 'q0.five',
        ok: five === 10,
        severity: 'error',
        marker: MARKER,
        message: `double(5) = ${String(five)}`,
      },
      { checkId: 'q0.three', ok: three === 6, severity: 'error', marker: MARKER, message: `double(3) = ${three}` },
    ];
  },
} as Problem<ProblemConfig>;

const REFERENCE = { double: (x: number) => 2 * x };

// ---------------------------------------------------------------------------------------------
// The fake panel.

type Answer = (message: ToChild, reply: (raw: unknown) => void, posted: Extract<ToWebview, { type: 'child' }>) => void;

/**
 * A panel stand-in: records what the runner posts, and answers each `child` message as `answer`
 * says (by default: a ChildEngine per request, loading `exports` for student code and the
 * reference for reference runs, its messages cloned as a webview's would be).
 */
class FakePanel implements WebviewChannel {
  readonly title = 'Beam Tree';
  readonly posted: ToWebview[] = [];
  readonly engines = new Map<string, ChildEngine>();
  private listeners = new Set<(m: FromWebview) => void>();
  /** What each loaded module's code was (the compiled student code, or '' for the reference). */
  readonly loaded: string[] = [];

  constructor(
    private readonly options: {
      accepts?: boolean;
      exports?: Record<string, unknown>;
      answer?: Answer;
      lineOf?: (err: unknown) => number | undefined;
    } = {},
  ) {}

  post(message: ToWebview): Promise<boolean> {
    this.posted.push(structuredClone(message));
    if (this.options.accepts === false) return Promise.resolve(false);
    if (message.type === 'child') {
      const reply = (raw: unknown): void =>
        queueMicrotask(() =>
          this.answer({ type: 'child', requestId: message.requestId, message: structuredClone(raw) }),
        );
      if (this.options.answer) this.options.answer(message.message, reply, message);
      else this.engine(message, reply);
    }
    if (message.type === 'cancel') this.engines.delete(message.requestId);
    return Promise.resolve(true);
  }

  private engine(message: Extract<ToWebview, { type: 'child' }>, reply: (raw: unknown) => void): void {
    if (message.message.kind === 'start') {
      const reference = message.reference === true;
      this.engines.set(
        message.requestId,
        new ChildEngine({
          send: reply,
          findProblem: (id) => (id === fakeChild.id ? (fakeChild as ProblemChild<unknown, ProblemConfig>) : undefined),
          load: (code) => {
            this.loaded.push(code);
            return reference ? REFERENCE : (this.options.exports ?? REFERENCE);
          },
          lineOf: (err) => this.options.lineOf?.(err),
          initBackend: useTfBackend,
          clock: () => performance.now(),
          permission: false,
        }),
      );
    }
    void this.engines.get(message.requestId)?.receive(structuredClone(message.message));
  }

  onMessage(listener: (m: FromWebview) => void) {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
  answer(message: FromWebview): void {
    for (const l of [...this.listeners]) l(message);
  }
  childMessages(): Extract<ToWebview, { type: 'child' }>[] {
    return this.posted.filter((m): m is Extract<ToWebview, { type: 'child' }> => m.type === 'child');
  }
  start(): Extract<ToWebview, { type: 'child' }> & { message: Extract<ToChild, { kind: 'start' }> } {
    const start = this.childMessages().find((m) => m.message.kind === 'start');
    assert.ok(start, 'a start was posted');
    return start as Extract<ToWebview, { type: 'child' }> & { message: Extract<ToChild, { kind: 'start' }> };
  }
}

/** Timers the test fires by hand: no wall-clock margins. */
class FakeTimers implements Timers {
  private next = 0;
  readonly pending = new Map<number, { fire: () => void; ms: number }>();
  set(fire: () => void, ms: number): unknown {
    const id = ++this.next;
    this.pending.set(id, { fire, ms });
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Fires every pending timer; returns their delays. */
  fireAll(): number[] {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const t of due) t.fire();
    return due.map((t) => t.ms);
  }
}

async function collect(handle: RunHandle): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for await (const e of handle.events) events.push(e);
  return events;
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10));

const noCompile = (): string => {
  throw new Error('compile must not be called for the reference');
};
const compileAs = (code: string) => (): string => code;
const options = (extra: Partial<WebviewRunnerOptions> = {}): WebviewRunnerOptions => ({
  findProblem: (id) => (id === fakeProblem.id ? fakeProblem : undefined),
  ...extra,
});
const studentRun = {
  problemId: 'fake',
  config: { quick: true },
  solution: {
    kind: 'student' as const,
    file: '/ws/q0_double.ts',
    source: 'export const double = (x: number) => 2 * x;',
  },
};
const referenceRun = { problemId: 'fake', config: {}, solution: { kind: 'reference' as const } };

const findings = (events: RunEvent[]) =>
  events.flatMap((e) => (e.type === 'finding' ? [{ checkId: e.finding.checkId, ok: e.finding.ok }] : []));
const terminal = (events: RunEvent[]) => {
  const ends = events.filter((e) => e.type === 'done' || e.type === 'error');
  assert.equal(ends.length, 1, `exactly one ending: ${JSON.stringify(events)}`);
  assert.equal(events.at(-1), ends[0], 'the ending is the last event');
  return ends[0]!;
};

describe('WebviewRunner (judge here, child in the panel)', () => {
  it("runs the student code in the panel and ends with the judge's findings and done", async () => {
    const panel = new FakePanel({ exports: { double: (x: number) => 2 * x } });
    const runner = new WebviewRunner(panel, compileAs('exports.double = (x) => 2 * x;'), options());
    assert.equal(runner.kind, 'webview');
    const events = await collect(runner.start(studentRun));
    const done = terminal(events);
    assert.equal(done.type === 'done' && done.ok, true);
    assert.deepEqual(done.type === 'done' && done.metrics, { two: 4 });
    assert.deepEqual(findings(events), [
      { checkId: 'q0.five', ok: true },
      { checkId: 'q0.three', ok: true },
    ]);
    // the child's display events came through, validated
    assert.ok(events.some((e) => e.type === 'progress' && e.message === 'halfway'));
    assert.ok(events.some((e) => e.type === 'metric' && e.name === 'double(2)' && e.value === 4));

    // what went to the panel: the start with the compiled code, the requests, then the cancel that drops its child
    const start = panel.start();
    assert.match(start.requestId, /^webview-/);
    assert.equal(start.reference, undefined);
    assert.deepEqual(
      { ...start.message, config: undefined },
      {
        kind: 'start',
        problemId: 'fake',
        code: 'exports.double = (x) => 2 * x;',
        file: '/ws/q0_double.ts',
        displayFile: 'q0_double.ts',
        config: undefined,
        budgetMs: 120_000,
        poolSize: 1,
        reference: false,
      },
    );
    assert.deepEqual(start.message.config, { seed: 0, quick: true, scale: 1 });
    assert.ok(panel.childMessages().every((m) => m.requestId === start.requestId));
    assert.deepEqual(
      panel.childMessages().flatMap((m) => (m.message.kind === 'request' ? [m.message.body.op] : [])),
      ['run', 'call'],
    );
    assert.deepEqual(panel.posted.at(-1), { type: 'cancel', requestId: start.requestId });
    assert.equal(panel.listenerCount, 0, 'the subscription is disposed');
  });

  it("judges wrong answers as failed findings: the panel's values are data, the verdict is the judge's", async () => {
    const panel = new FakePanel({ exports: { double: (x: number) => 3 * x } });
    const events = await collect(
      new WebviewRunner(panel, compileAs('exports.double = (x) => 3 * x;'), options()).start(studentRun),
    );
    const done = terminal(events);
    assert.equal(done.type === 'done' && done.ok, false);
    assert.deepEqual(findings(events), [
      { checkId: 'q0.five', ok: false },
      { checkId: 'q0.three', ok: false },
    ]);
  });

  it("runs the reference as the panel's own module: no code, the reference marker on the start", async () => {
    const panel = new FakePanel({ exports: { double: () => -1 } });
    const events = await collect(new WebviewRunner(panel, noCompile, options()).start(referenceRun));
    assert.equal(terminal(events).type, 'done');
    assert.deepEqual(findings(events), [
      { checkId: 'q0.five', ok: true },
      { checkId: 'q0.three', ok: true },
    ]);
    const start = panel.start();
    assert.equal(start.reference, true);
    assert.equal(start.message.code, '');
    assert.equal(start.message.displayFile, 'q0_double.ts');
    assert.deepEqual(panel.loaded, ['']);
    // only the start carries the marker
    assert.ok(
      panel
        .childMessages()
        .filter((m) => m.message.kind !== 'start')
        .every((m) => m.reference === undefined),
    );
  });

  it('gives every run its own request id', async () => {
    const panel = new FakePanel();
    const runner = new WebviewRunner(panel, noCompile, options());
    await Promise.all([collect(runner.start(referenceRun)), collect(runner.start(referenceRun))]);
    const starts = panel.childMessages().filter((m) => m.message.kind === 'start');
    assert.equal(new Set(starts.map((m) => m.requestId)).size, 2);
  });

  it('ends with a located syntax error when the student file does not compile, without bothering the panel', async () => {
    const panel = new FakePanel();
    const runner = new WebviewRunner(
      panel,
      () => {
        throw Object.assign(new Error('Unexpected token'), { line: 7, column: 3 });
      },
      options(),
    );
    const events = await collect(
      runner.start({ ...studentRun, solution: { ...studentRun.solution, source: 'let = ;' } }),
    );
    assert.deepEqual(events, [
      {
        type: 'error',
        reason: 'syntax',
        message: 'Unexpected token',
        location: { file: 'q0_double.ts', line: 7, column: 3 },
      },
    ]);
    assert.deepEqual(panel.posted, []);
  });

  it('ends an unknown problem here, without bothering the panel', async () => {
    const panel = new FakePanel();
    const events = await collect(
      new WebviewRunner(panel, noCompile, options()).start({ ...referenceRun, problemId: 'nope' }),
    );
    assert.deepEqual(
      events.map((e) => e.type === 'error' && e.reason),
      ['internal'],
    );
    assert.deepEqual(panel.posted, []);
  });

  it("reports a student failure in the panel at the editor's line of the student's file", async () => {
    const source = 'const s = "\u2028";\nexport function double(x: number): number {\n  throw new Error("nope");\n}\n';
    const panel = new FakePanel({
      exports: {
        double: () => {
          throw new Error('nope');
        },
      },
      // the line V8 would give: U+2028 ends a line for V8, so line 3 of the editor is V8's 4
      lineOf: () => 4,
    });
    const events = await collect(
      new WebviewRunner(panel, compileAs('…'), options()).start({
        ...studentRun,
        solution: { ...studentRun.solution, source },
      }),
    );
    const end = terminal(events);
    assert.equal(end.type === 'error' && end.reason, 'student-code');
    assert.deepEqual(end.type === 'error' && end.location, { file: 'q0_double.ts', line: 3 });
    assert.equal(end.type === 'error' && end.marker, MARKER);
  });

  describe('a panel that does not keep to the protocol', () => {
    const violation = /Your code wrote to the lab's channel/;
    const cases: [string, Answer][] = [
      [
        'a malformed ready',
        (m, reply) => m.kind === 'start' && reply({ kind: 'ready', backend: 42, permission: false }),
      ],
      ['a message of no kind', (m, reply) => m.kind === 'start' && reply('rm -rf /')],
      ['null', (m, reply) => m.kind === 'start' && reply(null)],
      [
        'a finding of its own (the child never judges)',
        (m, reply) => {
          if (m.kind === 'start') reply({ kind: 'ready', backend: 'cpu', permission: false });
          else
            reply({
              kind: 'event',
              event: {
                type: 'finding',
                finding: { checkId: 'q0.five', ok: true, severity: 'error', message: 'trust me' },
              },
            });
        },
      ],
      [
        'a done of its own',
        (m, reply) => {
          if (m.kind === 'start') reply({ kind: 'ready', backend: 'cpu', permission: false });
          else reply({ kind: 'event', event: { type: 'done', ok: true, metrics: {}, durationMs: 1, backend: 'cpu' } });
        },
      ],
      [
        'a reply to a request it was not asked',
        (m, reply) => {
          if (m.kind === 'start') reply({ kind: 'ready', backend: 'cpu', permission: false });
          else reply({ kind: 'reply', id: 99, ok: true, value: {} });
        },
      ],
      [
        "a run reply that is not a run's result",
        (m, reply) => {
          if (m.kind === 'start') reply({ kind: 'ready', backend: 'cpu', permission: false });
          else if (m.kind === 'request') reply({ kind: 'reply', id: m.id, ok: true, value: 'all tests passed' });
        },
      ],
    ];
    for (const [name, answer] of cases) {
      it(`ends the run as writing to the lab's channel: ${name}`, async () => {
        const panel = new FakePanel({ answer });
        const events = await collect(new WebviewRunner(panel, compileAs('x'), options()).start(studentRun));
        const end = terminal(events);
        assert.equal(end.type === 'error' && end.reason, 'student-code');
        assert.match(end.type === 'error' ? end.message : '', violation);
        assert.deepEqual(findings(events), [], 'nothing it sent was used');
        assert.equal(panel.posted.at(-1)?.type, 'cancel');
      });
    }

    it("ignores other requests' messages and the panel's other messages", async () => {
      const panel = new FakePanel();
      const handle = new WebviewRunner(panel, noCompile, options()).start(referenceRun);
      panel.answer({ type: 'child', requestId: 'someone-else', message: { kind: 'ready', backend: 42 } });
      panel.answer({ type: 'log', level: 'info', message: 'hello' });
      panel.answer({ type: 'select', index: 0 });
      const events = await collect(handle);
      assert.equal(terminal(events).type, 'done');
    });

    it('ignores what the panel says after the run ended', async () => {
      const panel = new FakePanel();
      const events = await collect(new WebviewRunner(panel, noCompile, options()).start(referenceRun));
      const { requestId } = panel.start();
      panel.answer({ type: 'child', requestId, message: { kind: 'reply', id: 7, ok: true, value: 1 } });
      panel.answer({ type: 'child', requestId, message: 'garbage' });
      assert.equal(terminal(events).type, 'done');
    });
  });

  describe("time limits (the panel's time is wall time here)", () => {
    it('ends a run whose panel never answers the start, past the budget and the grace', async () => {
      const timers = new FakeTimers();
      const panel = new FakePanel({ answer: () => undefined });
      const handle = new WebviewRunner(panel, compileAs('x'), options({ timers })).start({
        ...studentRun,
        timeLimitMs: 50,
      });
      const events = collect(handle);
      await settle();
      assert.deepEqual(
        [...timers.pending.values()].map((t) => t.ms),
        [50 + PANEL_GRACE_MS],
      );
      assert.equal(panel.start().message.budgetMs, 50);
      timers.fireAll();
      const all = await events;
      assert.equal(all.length, 1);
      const end = all[0]!;
      assert.equal(end.type === 'error' && end.reason, 'time-limit');
      assert.match(end.type === 'error' ? end.message : '', /more than 50 ms in the Beam Tree panel/);
      assert.equal(panel.posted.at(-1)?.type, 'cancel');
    });

    it('ends a run whose panel never answers a request, blaming the call in flight', async () => {
      const timers = new FakeTimers();
      let asked = 0;
      const panel = new FakePanel({
        answer: (m, reply) => {
          if (m.kind === 'start') reply({ kind: 'ready', backend: 'cpu', permission: false });
          else if (m.kind === 'request' && m.body.op === 'run')
            reply({ kind: 'reply', id: m.id, ok: true, value: { metrics: {}, record: { three: 6 } } });
          else asked++; // the call: never answered (a loop without a guard holds the panel)
        },
      });
      const handle = new WebviewRunner(panel, compileAs('x'), options({ timers, defaultTimeLimitMs: 1000 })).start(
        studentRun,
      );
      const events = collect(handle);
      await settle();
      assert.equal(asked, 1);
      // the start's timer stopped at ready, the run's at its reply: only the call's is left
      assert.deepEqual(
        [...timers.pending.values()].map((t) => t.ms),
        [1000 + PANEL_GRACE_MS],
      );
      timers.fireAll();
      const end = terminal(await events);
      assert.equal(end.type === 'error' && end.reason, 'time-limit');
      assert.equal(end.type === 'error' && end.marker, MARKER);
      assert.equal(timers.pending.size, 0);
    });

    it('leaves no timer behind after a normal run', async () => {
      const timers = new FakeTimers();
      const panel = new FakePanel();
      const events = await collect(new WebviewRunner(panel, noCompile, options({ timers })).start(referenceRun));
      assert.equal(terminal(events).type, 'done');
      assert.equal(timers.pending.size, 0);
    });

    it('uses real timers unless given: a silent panel ends the run at the limit plus the grace', async function () {
      this.timeout(10_000);
      const panel = new FakePanel({ answer: () => undefined });
      const started = Date.now();
      const events = await collect(
        new WebviewRunner(panel, compileAs('x'), options({ graceMs: 20 })).start({ ...studentRun, timeLimitMs: 30 }),
      );
      assert.ok(Date.now() - started >= 45);
      assert.equal(terminal(events).type === 'error' && (terminal(events) as { reason: string }).reason, 'time-limit');
    });
  });

  it('ends the run when the panel reloads under it (its child is gone), not when it first says ready', async () => {
    const panel = new FakePanel({
      answer: (m, reply) => m.kind === 'start' && reply({ kind: 'ready', backend: 'cpu', permission: false }),
    });
    const handle = new WebviewRunner(panel, compileAs('x'), options()).start(studentRun);
    // a panel that opens for the run says ready before it takes the start
    panel.answer({ type: 'ready', version: 1 });
    const events = collect(handle);
    await settle(); // the run request is in flight
    panel.answer({ type: 'ready', version: 1 });
    const end = terminal(await events);
    assert.equal(end.type === 'error' && end.reason, 'internal');
    assert.match(end.type === 'error' ? end.message : '', /The Beam Tree panel was closed or reloaded/);
  });

  it('cancel ends the stream with a cancelled error and tells the panel to drop its child', async () => {
    const panel = new FakePanel({
      answer: (m, reply) => m.kind === 'start' && reply({ kind: 'ready', backend: 'cpu', permission: false }),
    });
    const handle = new WebviewRunner(panel, compileAs('x'), options()).start(studentRun);
    const events = collect(handle);
    await settle(); // the run request is in flight, never answered
    handle.cancel();
    const all = await events;
    assert.deepEqual(all.at(-1), { type: 'error', reason: 'cancelled', message: 'The run was cancelled.' });
    terminal(all);
    await settle();
    assert.deepEqual(panel.posted.at(-1), { type: 'cancel', requestId: panel.start().requestId });
    // an answer after the cancel changes nothing
    panel.answer({
      type: 'child',
      requestId: panel.start().requestId,
      message: { kind: 'reply', id: 1, ok: true, value: { metrics: {} } },
    });
  });

  it('cancel right after start ends the run too', async () => {
    const panel = new FakePanel();
    const handle = new WebviewRunner(panel, noCompile, options()).start(referenceRun);
    handle.cancel();
    assert.deepEqual(await collect(handle), [
      { type: 'error', reason: 'cancelled', message: 'The run was cancelled.' },
    ]);
  });

  it('fails cleanly when the panel cannot take the run, and does not reopen it to cancel', async () => {
    const panel = new FakePanel({ accepts: false });
    const events = await collect(new WebviewRunner(panel, noCompile, options()).start(referenceRun));
    assert.deepEqual(
      events.map((e) => e.type === 'error' && e.reason),
      ['internal'],
    );
    assert.match(events[0]!.type === 'error' ? events[0]!.message : '', /The Beam Tree panel is not open/);
    await settle();
    assert.equal(panel.posted.filter((m) => m.type === 'cancel').length, 0);
  });

  it('dispose cancels every run in flight', async () => {
    const panel = new FakePanel({ answer: () => undefined });
    const runner = new WebviewRunner(panel, compileAs('x'), options());
    const a = collect(runner.start(studentRun));
    const b = collect(runner.start(studentRun));
    await settle();
    runner.dispose();
    for (const events of await Promise.all([a, b]))
      assert.deepEqual(
        events.map((e) => e.type === 'error' && e.reason),
        ['cancelled'],
      );
    await settle();
    assert.equal(panel.posted.filter((m) => m.type === 'cancel').length, 2);
  });
});
