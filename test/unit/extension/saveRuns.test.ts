import assert from 'node:assert/strict';
import { SaveRuns, type Scheduler, type StartedSaveRun } from '../../../src/extension/model/saveRuns';

/** A clock that moves only when the test says so. */
class ManualScheduler implements Scheduler {
  now = 0;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private next = 0;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.push({ at: this.now + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const t of this.timers.filter((t) => t.at <= this.now).sort((a, b) => a.at - b.at)) {
      this.timers = this.timers.filter((u) => u !== t);
      t.callback();
    }
  }
}

interface FakeRun extends StartedSaveRun {
  what: string;
  cancelled: boolean;
  end(): void;
}

function setUp(delay = 500) {
  const clock = new ManualScheduler();
  const started: FakeRun[] = [];
  const runs = new SaveRuns<string>(
    () => delay,
    clock,
    (what) => {
      let end!: () => void;
      const done = new Promise<void>((resolve) => (end = resolve));
      const run: FakeRun = {
        what,
        cancelled: false,
        cancel: () => (run.cancelled = true),
        done,
        end: () => end(),
      };
      started.push(run);
      return run;
    },
  );
  return { clock, started, runs };
}

describe('run on save: debounce and cancel (SaveRuns)', () => {
  it('runs a saved file once the delay has passed, not before', () => {
    const { clock, started, runs } = setUp(500);
    runs.saved('a.ts', 'check a');
    clock.advance(499);
    assert.equal(started.length, 0);
    clock.advance(1);
    assert.deepEqual(
      started.map((r) => r.what),
      ['check a'],
    );
  });

  it('makes a burst of saves one run, of the last save', () => {
    const { clock, started, runs } = setUp(500);
    runs.saved('a.ts', 'first');
    clock.advance(300);
    runs.saved('a.ts', 'second');
    clock.advance(300);
    assert.equal(started.length, 0, 'the second save restarted the delay');
    clock.advance(200);
    assert.deepEqual(
      started.map((r) => r.what),
      ['second'],
    );
  });

  it('a new save cancels the run still going for that file, and only that file', async () => {
    const { clock, started, runs } = setUp(100);
    runs.saved('a.ts', 'a1');
    runs.saved('b.ts', 'b1');
    clock.advance(100);
    assert.equal(started.length, 2);
    runs.saved('a.ts', 'a2');
    assert.equal(started[0]!.cancelled, true, 'the running check of a.ts is cancelled at once');
    assert.equal(started[1]!.cancelled, false, "b.ts's run goes on");
    clock.advance(100);
    assert.deepEqual(
      started.map((r) => r.what),
      ['a1', 'b1', 'a2'],
    );
  });

  it('a save after a run ended cancels nothing', async () => {
    const { clock, started, runs } = setUp(100);
    runs.saved('a.ts', 'a1');
    clock.advance(100);
    started[0]!.end();
    await started[0]!.done;
    await Promise.resolve();
    assert.equal(runs.pending('a.ts'), false);
    runs.saved('a.ts', 'a2');
    assert.equal(started[0]!.cancelled, false);
  });

  it('takes the delay when the save happens (a changed setting applies to the next save)', () => {
    let delay = 1000;
    const clock = new ManualScheduler();
    const started: string[] = [];
    const runs = new SaveRuns<string>(
      () => delay,
      clock,
      (what) => {
        started.push(what);
        return undefined;
      },
    );
    delay = 50;
    runs.saved('a.ts', 'a');
    clock.advance(50);
    assert.deepEqual(started, ['a']);
  });

  it('dispose cancels what waits and what runs', () => {
    const { clock, started, runs } = setUp(100);
    runs.saved('a.ts', 'a1');
    clock.advance(100);
    runs.saved('b.ts', 'b1');
    runs.dispose();
    clock.advance(1000);
    assert.equal(started.length, 1);
    assert.equal(started[0]!.cancelled, true);
  });
});
