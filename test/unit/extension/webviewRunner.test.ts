import assert from 'node:assert/strict';
import { WebviewRunner, type WebviewChannel } from '../../../src/extension/webviewRunner';
import type { RunEvent } from '../../../src/core/engine/events';
import type { FromWebview, ToWebview } from '../../../src/core/protocol';
import type { RunHandle } from '../../../src/runner/runner';

/** A panel stand-in: records what the runner posts and lets the test answer as the webview. */
class FakePanel implements WebviewChannel {
  readonly posted: ToWebview[] = [];
  private listeners = new Set<(m: FromWebview) => void>();
  constructor(private readonly accepts = true) {}
  post(message: ToWebview): Promise<boolean> {
    this.posted.push(message);
    return Promise.resolve(this.accepts);
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
  lastRun(): Extract<ToWebview, { type: 'run' }> {
    const run = this.posted.filter((m) => m.type === 'run').pop();
    assert.ok(run && run.type === 'run', 'a run message was posted');
    return run;
  }
}

async function collect(handle: RunHandle): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for await (const e of handle.events) events.push(e);
  return events;
}

const noCompile = (): string => {
  throw new Error('compile must not be called for the reference');
};
const done: RunEvent = { type: 'done', ok: true, metrics: { best: 'network neural neural' }, durationMs: 12, backend: 'wasm' };

describe('WebviewRunner', () => {
  it('posts a run and streams back the events of its own request until the terminal one', async () => {
    const panel = new FakePanel();
    const runner = new WebviewRunner(panel, noCompile);
    assert.equal(runner.kind, 'webview');
    const handle = runner.start({ problemId: 'beam-search', config: { quick: true }, solution: { kind: 'reference' } });
    const run = panel.lastRun();
    assert.deepEqual({ ...run, requestId: 'x' }, { type: 'run', requestId: 'x', problemId: 'beam-search', config: { quick: true }, solution: { kind: 'reference' } });
    const events = collect(handle);
    panel.answer({ type: 'runEvent', requestId: run.requestId, event: { type: 'progress', fraction: 0.5 } });
    panel.answer({ type: 'runEvent', requestId: 'someone-else', event: { type: 'progress', fraction: 0.1 } });
    panel.answer({ type: 'ready', version: 1 });
    panel.answer({ type: 'runEvent', requestId: run.requestId, event: done });
    panel.answer({ type: 'runEvent', requestId: run.requestId, event: { type: 'log', level: 'info', message: 'late' } });
    assert.deepEqual(await events, [{ type: 'progress', fraction: 0.5 }, done]);
    assert.equal(panel.listenerCount, 0, 'the subscription is disposed');
  });

  it('gives every run its own request id', () => {
    const panel = new FakePanel();
    const runner = new WebviewRunner(panel, noCompile);
    runner.start({ problemId: 'beam-search', config: {}, solution: { kind: 'reference' } });
    runner.start({ problemId: 'beam-search', config: {}, solution: { kind: 'reference' } });
    const ids = panel.posted.map((m) => (m.type === 'run' ? m.requestId : ''));
    assert.equal(new Set(ids).size, 2);
  });

  it('compiles student code here and sends the JavaScript', () => {
    const panel = new FakePanel();
    const calls: [string, string][] = [];
    const runner = new WebviewRunner(panel, (source, file) => {
      calls.push([source, file]);
      return 'exports.beamSearch = () => null;';
    });
    runner.start({ problemId: 'beam-search', config: {}, solution: { kind: 'student', file: '/ws/q5_beam_search.ts', source: 'export const x: number = 1;' } });
    assert.deepEqual(calls, [['export const x: number = 1;', '/ws/q5_beam_search.ts']]);
    assert.deepEqual(panel.lastRun().solution, { kind: 'student', file: '/ws/q5_beam_search.ts', code: 'exports.beamSearch = () => null;' });
  });

  it('ends with a located syntax error when the student file does not compile, without bothering the panel', async () => {
    const panel = new FakePanel();
    const runner = new WebviewRunner(panel, () => {
      throw Object.assign(new Error('Unexpected token'), { line: 7, column: 3 });
    });
    const events = await collect(runner.start({ problemId: 'beam-search', config: {}, solution: { kind: 'student', file: '/ws/q5_beam_search.ts', source: 'let = ;' } }));
    assert.deepEqual(events, [{ type: 'error', reason: 'syntax', message: 'Unexpected token', location: { file: 'q5_beam_search.ts', line: 7, column: 3 } }]);
    assert.deepEqual(panel.posted, []);
  });

  it('cancel ends the stream at once and tells the panel to stop', async () => {
    const panel = new FakePanel();
    const handle = new WebviewRunner(panel, noCompile).start({ problemId: 'beam-search', config: {}, solution: { kind: 'reference' } });
    const { requestId } = panel.lastRun();
    const events = collect(handle);
    handle.cancel();
    panel.answer({ type: 'runEvent', requestId, event: done });
    assert.deepEqual(await events, [{ type: 'error', reason: 'cancelled', message: 'The run was cancelled.' }]);
    assert.deepEqual(panel.posted.at(-1), { type: 'cancel', requestId });
  });

  it('passes the time limit and checks-only to the panel, and enforces the limit from this side (a looping panel cannot answer)', async function () {
    this.timeout(10_000);
    const panel = new FakePanel();
    const started = Date.now();
    const handle = new WebviewRunner(panel, noCompile).start({ problemId: 'beam-search', config: {}, solution: { kind: 'reference' }, timeLimitMs: 60, checksOnly: true });
    assert.equal(panel.lastRun().timeLimitMs, 60);
    assert.equal(panel.lastRun().checksOnly, true);
    const events = await collect(handle);
    // The panel gets a grace period to report the loop's line itself before the backstop fires.
    assert.ok(Date.now() - started >= 60 + 1900);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.type === 'error' && events[0]!.reason, 'time-limit');
    assert.equal(panel.posted.at(-1)?.type, 'cancel');
  });

  it('moves its backstop with the progress the panel reports (a no-progress limit), never with its logs', async function () {
    this.timeout(15_000);
    const panel = new FakePanel();
    const limit = 100;
    const started = Date.now();
    const handle = new WebviewRunner(panel, noCompile).start({ problemId: 'beam-search', config: {}, solution: { kind: 'reference' }, timeLimitMs: limit });
    const { requestId } = panel.lastRun();
    const events = collect(handle);
    // progress every 500 ms for 3 s: well past limit + grace (2.1 s) in all
    let lastProgress = Date.now();
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 500));
      panel.answer({ type: 'runEvent', requestId, event: i % 2 ? { type: 'metric', name: 'tick', step: i, value: i } : { type: 'progress', fraction: i / 6 } });
      lastProgress = Date.now();
    }
    // then only logs: they do not keep it alive
    const logs = setInterval(() => panel.answer({ type: 'runEvent', requestId, event: { type: 'log', level: 'info', message: 'still looping' } }), 200);
    try {
      const all = await events;
      const quiet = Date.now() - lastProgress;
      assert.ok(Date.now() - started > 3000, 'it ran past the limit while it made progress');
      const last = all.at(-1)!;
      assert.equal(last.type === 'error' && last.reason, 'time-limit');
      assert.match(last.type === 'error' ? last.message : '', /made no progress for 100 ms/);
      assert.ok(quiet >= limit + 1900 && quiet < limit + 3500, `stopped ${quiet} ms after the last progress`);
    } finally {
      clearInterval(logs);
    }
  });

  it('fails cleanly when the panel cannot take the run', async () => {
    const events = await collect(new WebviewRunner(new FakePanel(false), noCompile).start({ problemId: 'beam-search', config: {}, solution: { kind: 'reference' } }));
    assert.equal(events.length, 1);
    assert.equal(events[0]!.type === 'error' && events[0]!.reason, 'internal');
  });

  it('dispose cancels every run in flight', async () => {
    const panel = new FakePanel();
    const runner = new WebviewRunner(panel, noCompile);
    const a = collect(runner.start({ problemId: 'beam-search', config: {}, solution: { kind: 'reference' } }));
    const b = collect(runner.start({ problemId: 'beam-search', config: {}, solution: { kind: 'reference' } }));
    runner.dispose();
    for (const events of await Promise.all([a, b])) assert.deepEqual(events.map((e) => e.type === 'error' && e.reason), ['cancelled']);
    assert.equal(panel.posted.filter((m) => m.type === 'cancel').length, 2);
  });
});
