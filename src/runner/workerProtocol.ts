// What the host hands a run's worker thread (as workerData) and what the worker posts back; and the
// same for the cell workers a run's worker starts for its pool (dist/worker.js in "cell" mode).
import type { RunEvent } from '../core/engine/events';
import type { RunRequest } from './runner';

type ErrorEvent = Extract<RunEvent, { type: 'error' }>;

export interface WorkerStart {
  mode?: 'run';
  request: RunRequest;
  /** Absolute path of this worker's own script (dist/worker.js): cell workers run it too. */
  workerScript: string;
  /** Absolute folder of tfjs-backend-wasm*.wasm. */
  wasmDir: string;
  /** Absolute media/ folder of the extension or CLI package: RunFiles.readAsset reads under it. */
  mediaDir: string;
  /** The run's wall-clock limit, counted from the moment the worker starts. */
  timeLimitMs: number;
  /** V8 old-generation limit of the run's worker; its cell workers get the same. */
  memoryMb: number;
  /** Cell workers of the run's pool; unset: one per core (or HW6_POOL_SIZE). 1: cells run in the run's worker. */
  poolSize?: number;
}

/**
 * The worker first says when its deadline is (start-up time does not count against the run), then
 * posts RunEvents; the last one is `done` or `error`.
 */
export type WorkerMessage = { kind: 'started'; deadline: number } | { kind: 'event'; event: RunEvent };

/** workerData of a cell worker: the run's problem, solution and limits. */
export interface CellWorkerStart {
  mode: 'cell';
  request: Pick<RunRequest, 'problemId' | 'config' | 'solution' | 'answers'>;
  wasmDir: string;
  mediaDir: string;
  /** The run's deadline (Date.now() clock) and its limit, for the same time-limit error as the run's. */
  deadline: number;
  timeLimitMs: number;
}

/** Run worker → cell worker. */
export type ToCellWorker = { kind: 'cell'; index: number; cell: unknown };

/**
 * Cell worker → run worker. `failed` when loading the backend or the solution did not work (the event
 * is the run's error); a `result` or an `error` (the cell's error event, located in the student's
 * file) per cell; other events of a cell (logs, …) as `event`.
 */
export type FromCellWorker =
  | { kind: 'failed'; event: ErrorEvent }
  | { kind: 'result'; index: number; result: unknown }
  | { kind: 'error'; index: number; event: ErrorEvent }
  | { kind: 'event'; event: RunEvent };
