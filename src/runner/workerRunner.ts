// The editor's process runner: a ProcessRunner that lives in a worker thread (judgeWorker.ts), so
// the judge's checks run on a thread and a V8 heap of their own instead of the extension host's.
// Runs, cancellations and a debug run's inspector address cross as messages; the worker is started
// on the first run and, if it dies, every run it had ends with an internal error and the next run
// starts a new one.
import { Worker } from 'node:worker_threads';
import type { RunEvent } from '../core/engine/events';
import { EventChannel } from './eventChannel';
import type { FromJudgeWorker, JudgeWorkerOptions, ToJudgeWorker } from './judgeWorker';
import type { Runner, RunHandle, RunRequest } from './runner';

interface ActiveRun {
  channel: EventChannel<RunEvent>;
  request: RunRequest;
  /** Its done or error event arrived: a lost worker adds no second ending. */
  ended: boolean;
}

export class WorkerRunner implements Runner {
  readonly kind = 'process' as const;
  private worker: Worker | undefined;
  private readonly runs = new Map<number, ActiveRun>();
  private nextId = 1;

  /** `judgeScript`: dist/judge.js, whose serveJudgeWorker is the worker's body. */
  constructor(
    private readonly judgeScript: string,
    private readonly options: JudgeWorkerOptions,
  ) {}

  start(request: RunRequest): RunHandle {
    const id = this.nextId++;
    const channel = new EventChannel<RunEvent>();
    this.runs.set(id, { channel, request, ended: false });
    const { debug, ...plain } = request;
    this.post({ kind: 'start', id, request: plain, debug: debug !== undefined });
    return { events: channel, cancel: () => this.post({ kind: 'cancel', id }) };
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    // the worker cancels its runs and ends its spare child, then closes its port and exits
    worker.postMessage({ kind: 'dispose' } satisfies ToJudgeWorker);
    worker.unref();
  }

  private post(message: ToJudgeWorker): void {
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(`require(${JSON.stringify(this.judgeScript)}).serveJudgeWorker();`, {
      eval: true,
      workerData: this.options,
    });
    worker.on('message', (message: FromJudgeWorker) => this.receive(message));
    const lost = (why: string): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, run] of this.runs) {
        if (!run.ended) run.channel.push({ type: 'error', reason: 'internal', message: `The judge stopped: ${why}` });
        run.channel.close();
        this.runs.delete(id);
      }
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`its thread exited (code ${code})`));
    this.worker = worker;
    return worker;
  }

  private receive(message: FromJudgeWorker): void {
    const run = this.runs.get(message.id);
    if (!run) return;
    if (message.kind === 'event') {
      run.ended ||= message.event.type === 'done' || message.event.type === 'error';
      run.channel.push(message.event);
    } else if (message.kind === 'inspector') run.request.debug?.onInspector(message.address);
    else {
      run.channel.close();
      this.runs.delete(message.id);
    }
  }
}
