// A worker's console and stdout/stderr become `log` events (the host's stdout may be a CLI's JSON
// output), capped against floods.
import { format } from 'node:util';
import type { RunEvent } from '../core/engine/events';

const MAX_LOG_LINES = 1000;

export function captureConsole(post: (event: RunEvent) => void, maxLines = MAX_LOG_LINES): void {
  let lines = 0;
  const send =
    (level: 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      lines++;
      if (lines <= maxLines) post({ type: 'log', level, message: format(...args) });
      else if (lines === maxLines + 1)
        post({
          type: 'log',
          level: 'warn',
          message: `More than ${maxLines} lines of console output; the rest is not shown.`,
        });
    };
  console.log = console.info = console.debug = send('info');
  console.warn = send('warn');
  console.error = send('error');
  // direct writes too, through the same port as the events so they keep their order
  const writer = (level: 'info' | 'warn') => {
    const log = send(level);
    return ((chunk: unknown, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      if (text.trim()) log(text.replace(/\n$/, ''));
      const callback = rest.find((r): r is () => void => typeof r === 'function');
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  };
  process.stdout.write = writer('info');
  process.stderr.write = writer('warn');
}
