// A cell worker (dist/worker.js with workerData.mode 'cell'): one thread of a run's cell pool. It
// loads tfjs and the run's solution once (the student's file compiled with the same loop guard),
// then runs each cell it is sent through Problem.runCell, one at a time, until the run's worker
// terminates it. A cell's error is posted as the error event the run would have emitted (the
// student's line and TODO marker); its console output as log events. Its time limit is the run's
// no-progress limit: counted from each cell's dispatch by the pool and moved by the cell's progress events.
import { parentPort } from 'node:worker_threads';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { isProgress, type RunEvent } from '../core/engine/events';
import { CancelSource } from '../core/engine/cancel';
import { activeBackend, initBackend } from '../core/engine/backend';
import { createLoopGuard } from '../core/engine/loopGuard';
import { createRng } from '../core/engine/rng';
import { errorEvent, resolveConfig } from '../core/engine/runProblem';
import type { Problem, RunContext } from '../core/problem';
import { captureConsole } from './console';
import { nodeRunFiles } from './files';
import { solutionFor } from './solution';
import type { CellWorkerStart, FromCellWorker, ToCellWorker } from './workerProtocol';

export async function serveCells(start: CellWorkerStart, findProblem: (id: string) => Problem | undefined): Promise<void> {
  const send = (message: FromCellWorker): void => parentPort!.postMessage(message);
  const signal = new CancelSource(start.timeLimitMs);
  // every event goes to the pool (it drops progress events after moving its watchdog)
  const post = (event: RunEvent): void => {
    if (isProgress(event)) signal.extend();
    send({ kind: 'event', event });
  };
  captureConsole(post);
  const failed = (message: string): void => send({ kind: 'failed', event: { type: 'error', reason: 'internal', message } });
  try {
    const problem = findProblem(start.request.problemId);
    if (!problem?.runCell) return failed(`Problem "${start.request.problemId}" has no cells to run.`);
    const backendReady = initBackend({ wasmPath: join(start.wasmDir, '/'), usePlatformFetch: false });
    const loaded = solutionFor(problem, start.request.solution, createLoopGuard(signal));
    if ('error' in loaded) return send({ kind: 'failed', event: loaded.error });
    await backendReady;
    const config = resolveConfig(problem, start.request.config);
    const ctx: RunContext = {
      config,
      rng: createRng(config.seed),
      signal,
      backend: activeBackend(),
      emit: post,
      files: nodeRunFiles(start.mediaDir),
      ...(start.request.answers ? { answers: start.request.answers } : {}),
    };
    let queue = Promise.resolve();
    parentPort!.on('message', ({ index, cell, deadline }: ToCellWorker) => {
      queue = queue.then(async () => {
        signal.setDeadline(deadline); // the pool's, from the cell's dispatch
        const tensorsBefore = tf.memory().numTensors;
        try {
          const result = await problem.runCell!(ctx, loaded.solution, cell);
          // as runProblem does for a run: this thread's tensors are not in the run's count
          const leaked = tf.memory().numTensors - tensorsBefore;
          if (leaked > 0) post({ type: 'log', level: 'warn', message: `${problem.id}: cell ${index + 1} left ${leaked} tensor(s) allocated.` });
          send({ kind: 'result', index, result });
        } catch (err) {
          send({ kind: 'error', index, event: errorEvent(err, loaded.locate) });
        }
      });
    });
  } catch (err) {
    failed(`A cell worker could not start: ${err instanceof Error ? err.message : String(err)}`);
  }
}
