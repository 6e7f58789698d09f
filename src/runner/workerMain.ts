// What dist/worker.js does, by its workerData: run a problem ('run', started by WorkerRunner) or
// serve a run's cells ('cell', started by that run's cell pool). The problem registry is given, so
// tests can start the same code with problems of their own.
import type { RunEvent } from '../core/engine/events';
import type { Problem } from '../core/problem';
import { parentPort } from 'node:worker_threads';
import { runWorker } from './runWorker';
import { serveCells } from './cellWorker';
import type { CellWorkerStart, FromCellWorker, WorkerMessage, WorkerStart } from './workerProtocol';

export function startWorker(data: WorkerStart | CellWorkerStart, findProblem: (id: string) => Problem | undefined): void {
  Error.stackTraceLimit = 50;
  if (data.mode === 'cell') {
    serveCells(data, findProblem).catch((err: unknown) => {
      const message: FromCellWorker = { kind: 'failed', event: internalError(err) };
      parentPort!.postMessage(message);
    });
  } else {
    runWorker(data, findProblem).catch((err: unknown) => {
      const message: WorkerMessage = { kind: 'event', event: internalError(err) };
      parentPort!.postMessage(message);
    });
  }
}

function internalError(err: unknown): Extract<RunEvent, { type: 'error' }> {
  return { type: 'error', reason: 'internal', message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
}
