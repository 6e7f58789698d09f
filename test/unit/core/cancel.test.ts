import assert from 'node:assert/strict';
import { CancelSource, CancelledError, TimeLimitError } from '../../../src/core/engine/cancel';

describe('cancellation and time limits', () => {
  it('is quiet until cancelled, then throws the reason', () => {
    const source = new CancelSource();
    assert.equal(source.cancelled, false);
    source.throwIfCancelled();
    source.cancel();
    assert.equal(source.cancelled, true);
    assert.throws(() => source.throwIfCancelled(), CancelledError);
  });

  it('throws a TimeLimitError past its deadline', async () => {
    const source = new CancelSource(20);
    await new Promise((r) => setTimeout(r, 40));
    assert.throws(() => source.throwIfCancelled(), TimeLimitError);
  });

  it('is a no-progress limit: extend() counts it again from now, and the error says so', async () => {
    const source = new CancelSource(60);
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 40));
      source.extend();
    }
    // 160 ms in all, 60 ms limit: still running, its deadline one limit after the last extend
    assert.equal(source.cancelled, false);
    assert.ok(source.deadline > Date.now() && source.deadline <= Date.now() + 60);
    await new Promise((r) => setTimeout(r, 80));
    assert.throws(() => source.throwIfCancelled(), (err: Error) => err instanceof TimeLimitError && err.message === 'The run made no progress for 60 ms (an infinite loop?).');
    assert.equal(new TimeLimitError(120_000).message, 'The run made no progress for 120 s (an infinite loop?).');
  });

  it('takes a deadline kept elsewhere (a cell worker\'s, from its pool), which progress extends', () => {
    const source = new CancelSource(1000);
    source.setDeadline(Date.now() - 1);
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
