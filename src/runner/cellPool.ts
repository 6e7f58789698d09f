// The CellPool of a run's worker: Problem.runCell spread over cell worker threads (dist/worker.js in
// "cell" mode, see cellWorker.ts), started on the first run() and reused for every later cell of the
// run. The first cell error stops every cell worker and rejects; so do the run's time limit (no
// progress from any cell for that long) and a crashed or out-of-memory cell worker. Terminating the run's worker ends its cell workers with it.
// How a cell worker is started is given (`spawn`), so tests can run the pool on their own script.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { isProgress, type RunEvent } from '../core/engine/events';
import { CellError, type CellPool } from '../core/engine/cells';
import { TimeLimitError } from '../core/engine/cancel';
import type { FromCellWorker, ToCellWorker } from './workerProtocol';

export interface ThreadPoolOptions {
  /** Cell workers at most (fewer when a run has fewer cells). */
  size: number;
  /** Starts one cell worker (its workerData says which problem, solution and time limit). */
  spawn(): Worker;
  /** The cells' own events (logs, metrics, …); their progress events are dropped. */
  emit(event: RunEvent): void;
  /** Called at each sign of a cell's progress (a progress, metric or artifact event; a result). */
  onProgress?(): void;
  /**
   * The run's no-progress limit: when no cell has made progress (nor a cell started) for this long,
   * plus graceMs, the pool stops with a time-limit error. None unless set.
   */
  timeLimitMs?: number;
  /** Time a cell worker gets past the limit to report its own (located) time-limit error. 1 s unless set. */
  graceMs?: number;
  /** The cell workers' memory limit, for the out-of-memory message. */
  memoryMb?: number;
  /** Lines of a cell worker's raw stdout/stderr forwarded as logs (console output is captured in the worker). */
  maxOutputLines?: number;
}

export interface ThreadPool extends CellPool {
  /** Cell workers running now (tests, diagnostics). */
  readonly workerCount: number;
  /** Stops every cell worker. */
  close(): Promise<void>;
}

/** How many cell workers a run gets: the explicit option, else HW6_POOL_SIZE, else one per core. */
export function poolSizeFrom(option: number | undefined, env: string | undefined = process.env.HW6_POOL_SIZE): number {
  if (option !== undefined && Number.isInteger(option) && option >= 1) return option;
  const fromEnv = Number(env);
  if (env && Number.isInteger(fromEnv) && fromEnv >= 1) return fromEnv;
  return Math.max(1, availableParallelism());
}

interface Slot {
  worker: Worker;
  /** The cell it is working on. */
  index?: number;
}

interface Batch {
  message(slot: Slot, message: FromCellWorker): void;
  fail(err: unknown): void;
}

export function threadPool(options: ThreadPoolOptions): ThreadPool {
  let slots: Slot[] = [];
  let batch: Batch | undefined;
  let outputLines = 0;
  const maxOutputLines = options.maxOutputLines ?? 200;

  const stopAll = (): Promise<void> => {
    const stopping = slots.map((s) => s.worker.terminate().then(() => undefined, () => undefined));
    slots = [];
    return Promise.all(stopping).then(() => undefined);
  };

  const forwardOutput = (level: 'info' | 'warn') => (chunk: Buffer) => {
    const message = chunk.toString('utf8').replace(/\n$/, '');
    if (!message) return;
    outputLines++;
    if (outputLines <= maxOutputLines) options.emit({ type: 'log', level, message });
    else if (outputLines === maxOutputLines + 1) options.emit({ type: 'log', level: 'warn', message: 'More output from the cell workers; the rest is not shown.' });
  };

  const start = (): Slot => {
    const worker = options.spawn();
    const slot: Slot = { worker };
    const alive = () => slots.includes(slot);
    worker.stdout?.on('data', forwardOutput('info'));
    worker.stderr?.on('data', forwardOutput('warn'));
    worker.on('message', (message: FromCellWorker) => {
      if (alive()) batch?.message(slot, message);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (!alive()) return;
      const message =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `A cell of the run ran out of memory (its limit is ${options.memoryMb ?? '?'} MB).`
          : `A cell worker crashed: ${err.message}`;
      fail(new CellError({ type: 'error', reason: 'internal', message, stack: err.stack }));
    });
    worker.on('exit', (code) => {
      if (alive()) fail(new CellError({ type: 'error', reason: 'internal', message: `A cell worker stopped before its cells were done (exit code ${code}).` }));
    });
    return slot;
  };

  /** Ends the current batch (if any) with `err` and stops every cell worker. */
  const fail = (err: unknown): void => {
    const current = batch;
    void stopAll();
    current?.fail(err);
  };

  return {
    get size() {
      return options.size;
    },
    get workerCount() {
      return slots.length;
    },
    close: () => {
      batch?.fail(new CellError({ type: 'error', reason: 'internal', message: 'The cell pool was closed while cells were running.' }));
      return stopAll();
    },
    run<Cell, Result>(cells: Cell[], onResult?: (index: number, result: Result) => void): Promise<Result[]> {
      if (batch) return Promise.reject(new Error('CellPool.run: the previous run() of this pool has not finished.'));
      if (cells.length === 0) return Promise.resolve([]);
      return new Promise<Result[]>((resolve, reject) => {
        const results: Result[] = new Array(cells.length);
        let next = 0;
        let finished = 0;
        let timer: NodeJS.Timeout | undefined;
        // the watchdog: a cell worker's own deadline is one limit after its cell's dispatch (sent with
        // the cell) or its last progress, which reaches this thread later: this one plus the grace
        // is never before it
        let lastProgress = Date.now();
        const progressed = (): void => {
          lastProgress = Date.now();
          options.onProgress?.();
        };
        const watch = (): void => {
          const limit = options.timeLimitMs!;
          const due = lastProgress + limit + (options.graceMs ?? 1000);
          if (Date.now() >= due) return fail(new TimeLimitError(limit));
          timer = setTimeout(watch, due - Date.now());
        };
        const end = (): void => {
          clearTimeout(timer);
          batch = undefined;
        };
        const dispatch = (slot: Slot): void => {
          if (next >= cells.length) {
            slot.index = undefined;
            return;
          }
          slot.index = next++;
          lastProgress = Date.now();
          const message: ToCellWorker = { kind: 'cell', index: slot.index, cell: cells[slot.index], deadline: lastProgress + (options.timeLimitMs ?? Infinity) };
          slot.worker.postMessage(message);
        };
        batch = {
          fail(err) {
            end();
            reject(err);
          },
          message(slot, message) {
            switch (message.kind) {
              case 'event':
                if (isProgress(message.event)) progressed();
                if (message.event.type !== 'progress') options.emit(message.event);
                return;
              case 'failed':
                return fail(new CellError(message.event));
              case 'error':
                return fail(new CellError(message.event));
              case 'result': {
                progressed();
                results[message.index] = message.result as Result;
                finished++;
                try {
                  onResult?.(message.index, message.result as Result);
                } catch (err) {
                  return fail(err);
                }
                if (finished === cells.length) {
                  end();
                  resolve(results);
                } else {
                  dispatch(slot);
                }
              }
            }
          },
        };
        if (options.timeLimitMs !== undefined && Number.isFinite(options.timeLimitMs)) watch();
        try {
          const wanted = Math.min(options.size, cells.length);
          while (slots.length < wanted) slots.push(start());
        } catch (err) {
          return fail(err);
        }
        for (const slot of slots) dispatch(slot);
      });
    },
  };
}
