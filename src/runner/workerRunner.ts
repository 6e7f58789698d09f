// The default Runner: one worker thread per run (a clean tfjs and module state each time), with a
// memory limit, a no-progress time limit and cancellation by terminating the thread. The host only ever sees
// events; nothing here throws into it.
import { Worker } from 'node:worker_threads';
import type { RunEvent } from '../core/engine/events';
import { noProgressMessage } from '../core/engine/cancel';
import { EventChannel } from './eventChannel';
import type { Runner, RunHandle, RunRequest } from './runner';
import type { WorkerMessage, WorkerStart } from './workerProtocol';

export interface WorkerRunnerOptions {
  /** Absolute path of dist/worker.js. */
  workerScript: string;
  /** Absolute folder holding tfjs-backend-wasm*.wasm (dist/wasm). */
  wasmDir: string;
  /** Absolute media/ folder of the extension or the CLI's package: the run's assets (ctx.files.readAsset). */
  mediaDir: string;
  /**
   * Cell workers of a run whose problem has cells (Problem.runCell); one per core unless set (or
   * the HW6_POOL_SIZE environment variable); 1 runs the cells in the run's own worker.
   */
  poolSize?: number;
  /** V8 old-generation limit of each run's worker (and of each of its cell workers); 2048 MB unless set. */
  maxOldGenerationSizeMb?: number;
  /** Time limit of runs that do not set their own: a run stops after this long without progress; 120 s unless set. */
  defaultTimeLimitMs?: number;
  /**
   * How long past the limit the host waits for the worker's own time-limit error (which names the
   * student's line) before it terminates the thread itself. 2 s unless set.
   */
  graceMs?: number;
}

type ErrorEvent = Extract<RunEvent, { type: 'error' }>;

export class WorkerRunner implements Runner {
  readonly kind = 'worker' as const;

  constructor(private readonly options: WorkerRunnerOptions) {}

  start(request: RunRequest): RunHandle {
    const channel = new EventChannel<RunEvent>();
    const timeLimitMs = request.timeLimitMs ?? this.options.defaultTimeLimitMs ?? 120_000;
    const memoryMb = this.options.maxOldGenerationSizeMb ?? 2048;
    let ended = false;
    let worker: Worker | undefined;
    let backstop: NodeJS.Timeout | undefined;

    const finish = (event: RunEvent): void => {
      if (ended) return;
      ended = true;
      clearTimeout(backstop);
      channel.push(event);
      channel.close();
      void worker?.terminate();
    };
    const fail = (reason: ErrorEvent['reason'], message: string, stack?: string): void =>
      finish({ type: 'error', reason, message, stack });

    try {
      const { workerScript, wasmDir, mediaDir, poolSize } = this.options;
      const data: WorkerStart = { mode: 'run', request, workerScript, wasmDir, mediaDir, timeLimitMs, memoryMb, ...(poolSize ? { poolSize } : {}) };
      worker = new Worker(this.options.workerScript, {
        workerData: data,
        resourceLimits: { maxOldGenerationSizeMb: memoryMb },
        // never let the run write into the host's own output (a CLI's JSON on stdout, say)
        stdout: true,
        stderr: true,
      });
    } catch (err) {
      fail('internal', `Could not start the run's worker: ${err instanceof Error ? err.message : String(err)}`);
      return { events: channel, cancel: () => {} };
    }

    const graceMs = this.options.graceMs ?? 2000;
    const armBackstop = (delayMs: number): void => {
      clearTimeout(backstop);
      backstop = setTimeout(() => {
        fail('time-limit', noProgressMessage(timeLimitMs));
      }, Math.max(0, delayMs));
    };
    // Until the worker reports its own deadline, count from now; then from its deadline, so a
    // slow start-up never pre-empts the worker's own, better located, time-limit error. The worker
    // reports it again each time progress moves it (runWorker.ts); the last one counts.
    armBackstop(timeLimitMs + graceMs);
    const forward = (level: 'info' | 'warn') => (chunk: Buffer) => {
      const message = chunk.toString('utf8').replace(/\n$/, '');
      if (!ended && message) channel.push({ type: 'log', level, message });
    };
    worker.stdout.on('data', forward('info'));
    worker.stderr.on('data', forward('warn'));
    worker.on('message', (message: WorkerMessage) => {
      if (ended) return;
      if (message.kind === 'started' || message.kind === 'deadline') return armBackstop(message.deadline + graceMs - Date.now());
      const event = message.event;
      if (event.type === 'done' || event.type === 'error') finish(event);
      else channel.push(event);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        fail('internal', `The run ran out of memory (its limit is ${memoryMb} MB).`);
      } else {
        fail('internal', `The run's worker crashed: ${err.message}`, err.stack);
      }
    });
    worker.on('exit', (code) => fail('internal', `The run's worker stopped before the run ended (exit code ${code}).`));

    return {
      events: channel,
      cancel: () => fail('cancelled', 'The run was cancelled.'),
    };
  }
}
