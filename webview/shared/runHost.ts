// The webview runner's panel side: runs a problem with the core engine inside the panel and streams
// its RunEvents. The extension asks with `run` and `cancel` messages (src/extension/webviewRunner.ts);
// the panel's own "Run here" control calls `run` directly.
import { isProgress, type RunEvent } from '../../src/core/engine/events';
import type { FromWebview, ToWebview } from '../../src/core/protocol';
import { findProblem } from '../../src/core/problems';
import { errorEvent, resolveConfig, runProblem } from '../../src/core/engine/runProblem';
import { CancelSource, CancelledError } from '../../src/core/engine/cancel';
import { StudentCodeError } from '../../src/core/problem';
import { initBackend } from '../../src/core/engine/backend';
import { createLoopGuard } from '../../src/core/engine/loopGuard';
import { loadStudentModule, locateStudentError, baseName } from './studentModule';
import { webviewRunFiles } from './runFiles';

/** A `run` request, from the extension or from the panel's own "Run here". */
export type RunRequestMessage = Omit<Extract<ToWebview, { type: 'run' }>, 'type'>;

export interface RunHostOptions {
  /** URL prefix of the tfjs .wasm files (the body's data-wasm-path), ending with '/'. */
  wasmPath: string;
  /** URL of the extension's media/ folder (the body's data-media-path): ctx.files.readAsset fetches under it. */
  mediaPath?: string;
  /** A run in the panel stops after this long without progress: an infinite loop would freeze the panel. */
  timeLimitMs?: number;
}

export const DEFAULT_WEBVIEW_TIME_LIMIT_MS = 120_000;

export class RunHost {
  private readonly runs = new Map<string, CancelSource>();

  constructor(private readonly options: RunHostOptions) {}

  /** Answers the extension's `run`/`cancel` messages; returns false for other messages. */
  handleMessage(message: ToWebview, post: (message: FromWebview) => void): boolean {
    if (message.type === 'run') {
      void this.run(message, (event) => post({ type: 'runEvent', requestId: message.requestId, event }));
      return true;
    }
    if (message.type === 'cancel') {
      this.cancel(message.requestId);
      return true;
    }
    return false;
  }

  cancel(requestId: string): void {
    this.runs.get(requestId)?.cancel(new CancelledError());
  }

  get busy(): boolean {
    return this.runs.size > 0;
  }

  /** Runs one request to its end; `emitEvent` sees exactly one terminal event (`done` or `error`). */
  async run(request: RunRequestMessage, emitEvent: (event: RunEvent) => void): Promise<void> {
    const problem = findProblem(request.problemId);
    if (!problem) {
      emitEvent({ type: 'error', reason: 'internal', message: `Unknown problem "${request.problemId}".` });
      return;
    }
    const limit = request.timeLimitMs ?? this.options.timeLimitMs ?? DEFAULT_WEBVIEW_TIME_LIMIT_MS;
    const signal = new CancelSource(limit);
    // the limit counts from the last progress (the extension's backstop moves on the same events)
    const emit = (event: RunEvent): void => {
      if (isProgress(event)) signal.extend();
      emitEvent(event);
    };
    this.runs.get(request.requestId)?.cancel();
    this.runs.set(request.requestId, signal);
    const file = request.solution.kind === 'student' ? request.solution.file : problem.studentFile;
    const locate = (err: unknown) => (request.solution.kind === 'student' ? locateStudentError(err, file) : undefined);
    try {
      const backend = await initBackend({ wasmPath: this.options.wasmPath, usePlatformFetch: true, preferred: ['wasm', 'cpu'] });
      emit({ type: 'log', level: 'info', message: `Running ${problem.title} in the panel (tfjs ${backend}).` });
      let solution: unknown;
      if (request.solution.kind === 'reference') {
        solution = problem.reference;
      } else {
        let exports: Record<string, unknown>;
        try {
          exports = loadStudentModule(request.solution.code, request.solution.file, createLoopGuard(signal));
        } catch (err) {
          if (err instanceof SyntaxError) {
            emit({ type: 'error', reason: 'syntax', message: err.message, location: locate(err) ?? { file: baseName(file), line: 1 } });
            return;
          }
          // Top-level code of the student's module threw while loading.
          throw new StudentCodeError(problem.markers[0]?.id ?? problem.id, err);
        }
        solution = problem.solutionFrom(exports);
      }
      // cells of a problem run here one after another (runProblem's sequentialPool): no worker threads
      const files = webviewRunFiles(this.options.mediaPath);
      await runProblem(problem, solution, resolveConfig(problem, request.config), { signal, emit, locate, checksOnly: request.checksOnly, files, ...(request.answers ? { answers: request.answers } : {}) });
    } catch (err) {
      emit(errorEvent(err, locate));
    } finally {
      if (this.runs.get(request.requestId) === signal) this.runs.delete(request.requestId);
    }
  }
}
