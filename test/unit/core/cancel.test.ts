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

  it('keeps the first reason when cancelled twice', () => {
    const source = new CancelSource();
    source.cancel(new Error('first'));
    source.cancel(new Error('second'));
    assert.throws(() => source.throwIfCancelled(), /first/);
  });
});
