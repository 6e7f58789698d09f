// Q6's time tracker on a fake clock: focused and active time counts, idle and unfocused time does
// not, long gaps (a suspended machine) are capped, runs are counted per problem, state survives a restart.
import { strict as assert } from 'node:assert';
import { parseWork, WorkTimeTracker } from '../../../src/core/report/workTime';

const MIN = 60_000;

function clock(start = 1_000_000): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('work time tracker', () => {
  it('counts focused, active minutes at each tick and nothing while unfocused', () => {
    const c = clock();
    const w = new WorkTimeTracker(undefined, { now: c.now });
    w.setFocused(true);
    for (let i = 0; i < 5; i++) {
      c.advance(MIN);
      w.activity();
      w.tick();
    }
    assert.equal(w.state.activeMs, 5 * MIN);
    w.setFocused(false);
    c.advance(30 * MIN);
    w.tick();
    assert.equal(w.state.activeMs, 5 * MIN);
    w.setFocused(true);
    c.advance(MIN);
    w.tick();
    assert.equal(w.state.activeMs, 6 * MIN);
  });

  it('stops counting after the idle time without activity', () => {
    const c = clock();
    const w = new WorkTimeTracker(undefined, { now: c.now, idleMs: 3 * MIN });
    w.setFocused(true);
    for (let i = 0; i < 10; i++) {
      c.advance(MIN);
      w.tick();
    }
    assert.equal(w.state.activeMs, 3 * MIN);
  });

  it('caps one step: a suspended machine or a stalled timer adds at most maxStepMs', () => {
    const c = clock();
    const w = new WorkTimeTracker(undefined, { now: c.now, idleMs: 24 * 60 * MIN, maxStepMs: 2 * MIN });
    w.setFocused(true);
    c.advance(8 * 60 * MIN);
    w.tick();
    assert.equal(w.state.activeMs, 2 * MIN);
  });

  it('counts runs and checks per problem, and a run is activity', () => {
    const c = clock();
    const w = new WorkTimeTracker(undefined, { now: c.now, idleMs: MIN });
    w.setFocused(true);
    c.advance(5 * MIN);
    w.recordRun('zkc', false);
    w.recordRun('zkc', false);
    w.recordRun('zkc', true);
    c.advance(MIN / 2);
    w.tick();
    assert.deepEqual(w.state.runs, { zkc: 2 });
    assert.deepEqual(w.state.checks, { zkc: 1 });
    assert.equal(w.state.activeMs, MIN + MIN / 2);
  });

  it('continues from a persisted state (a restart or a crash loses only the last tick) and ignores garbage', () => {
    const c = clock();
    const first = new WorkTimeTracker(undefined, { now: c.now });
    const since = first.state.sinceMs;
    first.setFocused(true);
    c.advance(MIN);
    first.recordRun('beam-search', false);
    first.tick();
    const saved = JSON.parse(JSON.stringify(first.state)) as unknown;
    c.advance(MIN); // lost: the window crashed before the next tick
    const second = new WorkTimeTracker(saved, { now: c.now });
    second.setFocused(true);
    c.advance(MIN);
    second.tick();
    assert.equal(second.state.activeMs, 2 * MIN);
    assert.deepEqual(second.state.runs, { 'beam-search': 1 });
    assert.equal(second.state.sinceMs, since);
    for (const bad of [
      null,
      'x',
      { activeMs: -1, runs: {}, checks: {} },
      { activeMs: 1, runs: { a: 'x' }, checks: {} },
    ])
      assert.equal(parseWork(bad), undefined);
  });
});
