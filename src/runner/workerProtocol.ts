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
  /** The run's no-progress limit: it stops after this long without a progress event (cancel.ts). */
  timeLimitMs: number;
  /** V8 old-generation limit of the run's worker; its cell workers get the same. */
  memoryMb: number;
  /** Cell workers of the run's pool; unset: one per core (or HW6_POOL_SIZE). 1: cells run in the run's worker. */
  poolSize?: number;
}

/**
 * The worker first says when its deadline is (start-up time does not count against the run), then
 * posts RunEvents; the last one is `done` or `error`. Each time progress moves its deadline (by at
 * least DEADLINE_STEP_MS since it last said) it says the new one again (`deadline`).
 */
export type WorkerMessage = { kind: 'started'; deadline: number } | { kind: 'deadline'; deadline: number } | { kind: 'event'; event: RunEvent };

/** How far a worker's deadline moves before it tells the host: the host's view lags by less, well within its grace. */
export const DEADLINE_STEP_MS = 250;

/** workerData of a cell worker: the run's problem, solution and limits. */
export interface CellWorkerStart {
  mode: 'cell';
  request: Pick<RunRequest, 'problemId' | 'config' | 'solution' | 'answers'>;
  wasmDir: string;
  mediaDir: string;
  /**
   * The run's no-progress limit: a cell worker stops one limit after the later of its cell's dispatch
   * (ToCellWorker.deadline) and that cell's last progress event, with the run's time-limit error.
   */
  timeLimitMs: number;
}

/**
 * Run worker → cell worker. `deadline`: the pool's watchdog deadline when it sent the cell; the cell
 * worker's own time limit counts from it (its start-up included), so its located time-limit error
 * comes before the pool's.
 */
export type ToCellWorker = { kind: 'cell'; index: number; cell: unknown; deadline: number };

/**
 * Cell worker → run worker. `failed` when loading the backend or the solution did not work (the event
 * is the run's error); a `result` or an `error` (the cell's error event, located in the student's
 * file) per cell; other events of a cell (logs, metrics, progress: the pool's watchdog) as `event`.
 */
export type FromCellWorker =
  | { kind: 'failed'; event: ErrorEvent }
  | { kind: 'result'; index: number; result: unknown }
  | { kind: 'error'; index: number; event: ErrorEvent }
  | { kind: 'event'; event: RunEvent };
