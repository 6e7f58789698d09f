// Progress on stderr: a live bar per problem when stderr is a terminal, plain lines otherwise
// (CI logs, pipes), so stdout stays clean for results.
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { RunEvent } from '../core/engine/events';

export interface ProgressReporter {
  begin(id: string, title: string): void;
  event(id: string, event: RunEvent): void;
  end(): void;
}

export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  return stream.isTTY ? new BarProgress(stream) : new LineProgress(stream);
}

function outcome(event: Extract<RunEvent, { type: 'done' | 'error' }>): string {
  if (event.type === 'done')
    return `${event.ok ? 'passed' : 'checks failed'} in ${(event.durationMs / 1000).toFixed(1)} s (${event.backend})`;
  const where = event.location && event.location.line > 0 ? ` at ${event.location.file}:${event.location.line}` : '';
  return `${event.reason}${where}: ${event.message}`;
}

function logLine(id: string, event: Extract<RunEvent, { type: 'log' }>): string {
  return `[${id}] ${event.level === 'info' ? '' : event.level + ': '}${event.message}`;
}

class LineProgress implements ProgressReporter {
  private lastMessage = new Map<string, string>();

  constructor(private readonly stream: NodeJS.WriteStream) {}

  begin(id: string, title: string): void {
    this.stream.write(`[${id}] ${title}\n`);
  }

  event(id: string, event: RunEvent): void {
    if (event.type === 'progress' && event.message && event.message !== this.lastMessage.get(id)) {
      this.lastMessage.set(id, event.message);
      this.stream.write(`[${id}] ${Math.round(event.fraction * 100)}% ${event.message}\n`);
    } else if (event.type === 'log') {
      this.stream.write(logLine(id, event) + '\n');
    } else if (event.type === 'done' || event.type === 'error') {
      this.stream.write(`[${id}] ${outcome(event)}\n`);
    }
  }

  end(): void {}
}

class BarProgress implements ProgressReporter {
  private readonly multi: MultiBar;
  private readonly bars = new Map<string, SingleBar>();

  constructor(stream: NodeJS.WriteStream) {
    this.multi = new MultiBar(
      {
        stream,
        format: '{id} [{bar}] {percentage}% {message}',
        barsize: 24,
        hideCursor: true,
        clearOnComplete: false,
        autopadding: true,
      },
      Presets.shades_classic,
    );
  }

  begin(id: string, _title: string): void {
    this.bars.set(id, this.multi.create(100, 0, { id, message: 'starting' }));
  }

  event(id: string, event: RunEvent): void {
    const bar = this.bars.get(id);
    if (event.type === 'progress')
      bar?.update(Math.round(event.fraction * 100), event.message ? { message: event.message } : {});
    else if (event.type === 'log') this.multi.log(logLine(id, event) + '\n');
    else if (event.type === 'done') bar?.update(100, { message: outcome(event) });
    else if (event.type === 'error') bar?.update({ message: outcome(event) });
  }

  end(): void {
    this.multi.stop();
  }
}
