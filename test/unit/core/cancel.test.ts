// Cancellation and the time limit, on an injected clock: nothing here waits on the wall clock.
import assert from 'node:assert/strict';
import { CancelSource, CancelledError, TimeLimitError } from '../../../src/core/engine/cancel';

/** A clock the test moves by hand. */
function fakeClock(start = 1000): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('cancellation and time limits', () => {
  it('is quiet until cancelled, then throws the reason', () => {
    const source = new CancelSource();
    assert.equal(source.cancelled, false);
    source.throwIfCancelled();
    source.cancel();
    assert.equal(source.cancelled, true);
    assert.throws(() => source.throwIfCancelled(), CancelledError);
  });

  it('throws a TimeLimitError once its clock is past the limit, and not before', () => {
    const clock = fakeClock();
    const source = new CancelSource(20, clock.now);
    clock.advance(20);
    source.throwIfCancelled();
    clock.advance(1);
    assert.throws(() => source.throwIfCancelled(), TimeLimitError);
  });

  it('extend() and restart() count the limit again from now on its clock; the error says what ran too long', () => {
    const clock = fakeClock();
    const source = new CancelSource(60, clock.now);
    for (let i = 0; i < 4; i++) {
      clock.advance(40);
      source.extend();
    }
    // 160 in all, limit 60: still running, its deadline one limit after the last extend
    assert.equal(source.cancelled, false);
    assert.equal(source.deadline, clock.now() + 60);
    clock.advance(61);
    assert.throws(
      () => source.throwIfCancelled(),
      (err: Error) =>
        err instanceof TimeLimitError &&
        err.message === 'A step of the run computed for more than 60 ms without finishing (an infinite loop?).',
    );
    source.restart();
    assert.equal(source.cancelled, false);
    assert.equal(
      new TimeLimitError(120_000).message,
      'A step of the run computed for more than 120 s without finishing (an infinite loop?).',
    );
  });

  it('takes a deadline kept elsewhere, which progress extends', () => {
    const clock = fakeClock();
    const source = new CancelSource(1000, clock.now);
    source.setDeadline(clock.now() - 1);
    assert.equal(source.cancelled, true);
    source.extend();
    assert.equal(source.cancelled, false);
  });

  it('keeps the first reason when cancelled twice', () => {
    const source = new CancelSource();
    source.cancel(new Error('first'));
    source.cancel(new Error('second'));
    assert.throws(() => source.throwIfCancelled(), /first/);
  });
});
