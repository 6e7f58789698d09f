// The worker thread that runs one problem (entry of dist/worker.js). It compiles and loads the
// student's file (or takes the reference), runs the problem with tfjs on wasm, and posts every
// RunEvent to the host. Student code runs here, never on the host's thread.
import { parentPort, workerData } from 'node:worker_threads';
import { basename, join } from 'node:path';
import { format } from 'node:util';
import type { RunEvent } from '../core/engine/events';
import { CancelSource } from '../core/engine/cancel';
import { initBackend } from '../core/engine/backend';
import { errorEvent, resolveConfig, runProblem } from '../core/engine/runProblem';
import { StudentCodeError, type Problem } from '../core/problem';
import { findProblem } from '../core/problems';
import { CompileError, compileStudent } from './compile';
import { loadStudentModule, locateError } from './load';
import { createLoopGuard } from '../core/engine/loopGuard';
import type { WorkerMessage, WorkerStart } from './workerProtocol';

const MAX_LOG_LINES = 1000;

function send(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

function post(event: RunEvent): void {
  send({ kind: 'event', event });
}

/** Student console output becomes `log` events (stdout may be a CLI's JSON output); capped against floods. */
function captureConsole(): void {
  let lines = 0;
  const send = (level: 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    lines++;
    if (lines <= MAX_LOG_LINES) post({ type: 'log', level, message: format(...args) });
    else if (lines === MAX_LOG_LINES + 1) post({ type: 'log', level: 'warn', message: `More than ${MAX_LOG_LINES} lines of console output; the rest is not shown.` });
  };
  console.log = console.info = console.debug = send('info');
  console.warn = send('warn');
  console.error = send('error');
  // direct writes too, through the same port as the events so they keep their order
  const writer = (level: 'info' | 'warn') => {
    const log = send(level);
    return ((chunk: unknown, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      if (text.trim()) log(text.replace(/\n$/, ''));
      const callback = rest.find((r): r is () => void => typeof r === 'function');
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  };
  process.stdout.write = writer('info');
  process.stderr.write = writer('warn');
}

async function main({ request, wasmDir, timeLimitMs }: WorkerStart): Promise<void> {
  const signal = new CancelSource(timeLimitMs);
  const deadline = Date.now() + timeLimitMs;
  send({ kind: 'started', deadline });
  const problem = findProblem(request.problemId);
  if (!problem) {
    post({ type: 'error', reason: 'internal', message: `Unknown problem "${request.problemId}".` });
    return;
  }
  const backendReady = initBackend({ wasmPath: join(wasmDir, '/'), usePlatformFetch: false });

  let solution: unknown = problem.reference;
  let locate: ((err: unknown) => ReturnType<typeof locateError>) | undefined;
  if (request.solution.kind === 'student') {
    const { file, source } = request.solution;
    locate = (err) => locateError(err, file);
    const loaded = loadSolution(problem, file, source, createLoopGuard(signal));
    if ('error' in loaded) {
      post(loaded.error);
      return;
    }
    solution = loaded.solution;
  }

  await backendReady;
  const config = resolveConfig(problem, request.config);
  await runProblem(problem, solution, config, { signal, emit: post, locate, checksOnly: request.checksOnly, answers: request.answers });
}

type Loaded = { solution: unknown } | { error: Extract<RunEvent, { type: 'error' }> };

function loadSolution(problem: Problem, file: string, source: string, loopGuard: () => void): Loaded {
  let code: string;
  try {
    code = compileStudent(source, file);
  } catch (err) {
    if (!(err instanceof CompileError)) throw err;
    return {
      error: { type: 'error', reason: 'syntax', message: `Syntax error: ${err.message}`, location: { file: basename(file), line: err.line, column: err.column } },
    };
  }
  let exports: Record<string, unknown>;
  try {
    exports = loadStudentModule(code, file, loopGuard);
  } catch (err) {
    // Top-level code of the module threw: no marker's function was running yet.
    const event = errorEvent(new StudentCodeError('', err), (e) => locateError(e, file));
    return { error: { ...event, marker: undefined } };
  }
  try {
    return { solution: problem.solutionFrom(exports) };
  } catch (err) {
    return { error: errorEvent(err) };
  }
}

Error.stackTraceLimit = 50;
captureConsole();
main(workerData as WorkerStart).catch((err: unknown) => {
  post({ type: 'error', reason: 'internal', message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined });
});
