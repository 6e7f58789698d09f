import { strict as assert } from 'node:assert';
import { EventChannel } from '../../../src/runner/eventChannel';

async function drain<T>(channel: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of channel) out.push(v);
  return out;
}

describe('EventChannel', () => {
  it('delivers values pushed before and while the reader waits, then ends', async () => {
    const channel = new EventChannel<number>();
    channel.push(1);
    const reading = drain(channel);
    await new Promise((r) => setTimeout(r, 5));
    channel.push(2);
    channel.push(3);
    channel.close();
    assert.deepEqual(await reading, [1, 2, 3]);
  });

  it('ignores values pushed after close, and ends a waiting reader', async () => {
    const channel = new EventChannel<string>();
    const reading = drain(channel);
    await new Promise((r) => setTimeout(r, 5));
    channel.close();
    channel.push('late');
    assert.deepEqual(await reading, []);
  });
});
