// A run's worker (dist/worker.js, workerData.mode 'run'): compiles and loads the student's file (or
// takes the reference), runs the problem with tfjs on wasm, and posts every RunEvent to the host.
// Cells of the problem go to a pool of cell workers (cellPool.ts) when the pool has more than one.
import { parentPort, Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { isProgress, type RunEvent } from '../core/engine/events';
import { CancelSource } from '../core/engine/cancel';
import { initBackend } from '../core/engine/backend';
import { resolveConfig, runProblem } from '../core/engine/runProblem';
import type { Problem } from '../core/problem';
import { createLoopGuard } from '../core/engine/loopGuard';
import { captureConsole } from './console';
import { nodeRunFiles } from './files';
import { poolSizeFrom, threadPool, type ThreadPool } from './cellPool';
import { solutionFor } from './solution';
import { DEADLINE_STEP_MS, type CellWorkerStart, type WorkerMessage, type WorkerStart } from './workerProtocol';

function send(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

export async function runWorker(start: WorkerStart, findProblem: (id: string) => Problem | undefined): Promise<void> {
  const { request, wasmDir, timeLimitMs } = start;
  const signal = new CancelSource(timeLimitMs);
  let told = signal.deadline;
  send({ kind: 'started', deadline: told });
  /** Progress moves the run's deadline; the host hears of it (its backstop moves too) once it has moved a step. */
  const madeProgress = (): void => {
    signal.extend();
    if (!(signal.deadline - told >= DEADLINE_STEP_MS)) return; // (never for an infinite limit)
    told = signal.deadline;
    send({ kind: 'deadline', deadline: told });
  };
  const post = (event: RunEvent): void => {
    if (isProgress(event)) madeProgress();
    send({ kind: 'event', event });
  };
  captureConsole(post);
  const problem = findProblem(request.problemId);
  if (!problem) {
    post({ type: 'error', reason: 'internal', message: `Unknown problem "${request.problemId}".` });
    return;
  }
  const backendReady = initBackend({ wasmPath: join(wasmDir, '/'), usePlatformFetch: false });
  const loaded = solutionFor(problem, request.solution, createLoopGuard(signal));
  if ('error' in loaded) {
    post(loaded.error);
    return;
  }
  await backendReady;
  const config = resolveConfig(problem, request.config);
  const pool = problem.runCell ? cellPoolFor(start, post, madeProgress) : undefined;
  try {
    await runProblem(problem, loaded.solution, config, {
      signal,
      emit: post,
      locate: loaded.locate,
      checksOnly: request.checksOnly,
      answers: request.answers,
      files: nodeRunFiles(start.mediaDir),
      pool,
    });
  } finally {
    await pool?.close();
  }
}

/** Cell workers running this same script in 'cell' mode; none (cells in this thread) for a pool of one. */
function cellPoolFor(start: WorkerStart, post: (event: RunEvent) => void, madeProgress: () => void): ThreadPool | undefined {
  const size = poolSizeFrom(start.poolSize);
  if (size <= 1) return undefined;
  const { problemId, config, solution, answers } = start.request;
  const data: CellWorkerStart = {
    mode: 'cell',
    request: { problemId, config, solution, ...(answers ? { answers } : {}) },
    wasmDir: start.wasmDir,
    mediaDir: start.mediaDir,
    timeLimitMs: start.timeLimitMs,
  };
  return threadPool({
    size,
    spawn: () =>
      new Worker(start.workerScript, {
        workerData: data,
        resourceLimits: { maxOldGenerationSizeMb: start.memoryMb },
        // a cell's output never reaches the host's stdout
        stdout: true,
        stderr: true,
      }),
    emit: post,
    // a cell's progress is the run's: its own watchdog (and the host's backstop) move with it
    onProgress: madeProgress,
    timeLimitMs: start.timeLimitMs,
    memoryMb: start.memoryMb,
  });
}
