// What the host hands a run's worker thread (as workerData) and what the worker posts back.
import type { RunEvent } from '../core/engine/events';
import type { RunRequest } from './runner';

export interface WorkerStart {
  request: RunRequest;
  /** Absolute folder of tfjs-backend-wasm*.wasm. */
  wasmDir: string;
  /** The run's wall-clock limit, counted from the moment the worker starts. */
  timeLimitMs: number;
}

/**
 * The worker first says when its deadline is (start-up time does not count against the run), then
 * posts RunEvents; the last one is `done` or `error`.
 */
export type WorkerMessage = { kind: 'started'; deadline: number } | { kind: 'event'; event: RunEvent };
