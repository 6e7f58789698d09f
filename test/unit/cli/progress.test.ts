import { strict as assert } from 'node:assert';
import { createProgressReporter } from '../../../src/cli/progress';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const stream = {
    isTTY,
    text: '',
    columns: 100,
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
    on() {
      return stream;
    },
    removeListener() {
      return stream;
    },
  };
  return stream as unknown as NodeJS.WriteStream & { text: string };
}

describe('progress on stderr', () => {
  it('prints plain lines when not a terminal: one per new message, logs, and the outcome', () => {
    const stream = fakeStream(false);
    const progress = createProgressReporter(stream);
    progress.begin('beam-search', 'Beam search');
    progress.event('beam-search', { type: 'progress', fraction: 0.5, message: 'training' });
    progress.event('beam-search', { type: 'progress', fraction: 0.6, message: 'training' });
    progress.event('beam-search', { type: 'log', level: 'warn', message: 'slow' });
    progress.event('beam-search', {
      type: 'error',
      reason: 'time-limit',
      message: 'too slow',
      location: { file: 'q5.ts', line: 7 },
    });
    progress.end();
    assert.deepEqual(stream.text.trim().split('\n'), [
      '[beam-search] Beam search',
      '[beam-search] 50% training',
      '[beam-search] warn: slow',
      '[beam-search] time-limit at q5.ts:7: too slow',
    ]);
  });
});
