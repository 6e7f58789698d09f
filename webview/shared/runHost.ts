// The webview runner's panel side: the child of a trust boundary. For the extension's runs it hosts
// one ChildEngine per request (the same engine as the child process, src/core/engine/childEngine.ts):
// the extension relays the judge's messages here (`child`), and the engine's answers go back the same
// way; the judge, in the extension, validates them and alone decides findings, pass/fail and the
// run's end. A `cancel` drops the request's engine. Nothing here judges: this bundle holds the
// problems' child halves and the reference modules, never a check (problems/index.ts).
//
// A page's own "Run here" control runs a problem's reference with no
// judge at all (there is no student code to judge): `run` calls the child half's experiment directly
// and ends with a plain `done`.
import type { RunEvent } from '../../src/core/engine/events';
import type { FromWebview, ToWebview } from '../../src/core/protocol';
import { describeThrown, type ChildEvent, type ProblemConfig, type RunContext } from '../../src/core/problem';
import type { ToChild } from '../../src/core/engine/childProtocol';
import { ChildEngine, type ChildHost } from '../../src/core/engine/childEngine';
import { findProblemChild } from '../../src/core/problems/children';
import { CancelSource, CancelledError, TimeLimitError } from '../../src/core/engine/cancel';
import { initBackend } from '../../src/core/engine/backend';
import {
  chooseBackends,
  type BackendChoice,
  type GpuLike,
  type WebviewBackendSetting,
} from '../../src/core/engine/backendChoice';
import { createRng } from '../../src/core/engine/rng';
import { sequentialPool } from '../../src/core/engine/cells';
import { resolveConfig } from '../../src/core/engine/config';
import { referenceModule } from '../../src/core/problems/references';
import { loadStudentModule, locateStudentError } from './studentModule';
import { webviewRunFiles } from './runFiles';

/** A "Run here" request of the panel's own controls: the reference only, no student code. */
export interface RunRequestMessage {
  requestId: string;
  problemId: string;
  config: Partial<ProblemConfig>;
  solution: { kind: 'reference' };
  /** The problem's default config (the page that asks knows its problem; this runner names none). */
  defaultConfig(quick: boolean): ProblemConfig;
  /** The run stops after this long without progress (the panel's own limit unless given). */
  timeLimitMs?: number;
}

export interface RunHostOptions {
  /** URL prefix of the tfjs .wasm files (the body's data-wasm-path), ending with '/'. */
  wasmPath: string;
  /** URL of the extension's media/ folder (the body's data-media-path): ctx.files.readAsset fetches under it. */
  mediaPath?: string;
  /** A "Run here" run stops after this long without progress. (The extension's runs carry their own budgets.) */
  timeLimitMs?: number;
  /** hw6.webviewBackend (the body's data-tfjs-backend): 'wasm' never tries WebGPU. */
  backendSetting?: WebviewBackendSetting;
  /** The page's WebGPU entry point; `navigator.gpu` unless given. */
  gpu?: GpuLike;
}

export const DEFAULT_WEBVIEW_TIME_LIMIT_MS = 120_000;

/** One extension request's child: its engine, and whether the judge has let it go. */
interface ChildEntry {
  engine: ChildEngine;
  disposed: boolean;
}

export class RunHost {
  /** The extension's requests, by id. */
  private readonly children = new Map<string, ChildEntry>();
  /** The panel's own runs, by id. */
  private readonly local = new Map<string, CancelSource>();

  /** The backend, chosen and started once per page. */
  private backendReady: Promise<string> | undefined;
  private choice: BackendChoice | undefined;

  constructor(private readonly options: RunHostOptions) {}

  /** Why the page runs on its backend (after the first run started it), for the run status. */
  get backendReason(): string | undefined {
    return this.choice?.reason;
  }

  /** Answers the extension's `child`/`cancel` messages; returns false for other messages. */
  handleMessage(message: ToWebview, post: (message: FromWebview) => void): boolean {
    if (message.type === 'child') {
      this.receive(message.requestId, message.message, message.reference === true, post);
      return true;
    }
    if (message.type === 'cancel') {
      this.cancel(message.requestId);
      return true;
    }
    return false;
  }

  /** Drops the request's child (its student loops stop at their next iteration) or stops a local run. */
  cancel(requestId: string): void {
    const entry = this.children.get(requestId);
    if (entry) {
      entry.disposed = true;
      this.children.delete(requestId);
    }
    this.local.get(requestId)?.cancel(new CancelledError());
  }

  get busy(): boolean {
    return this.children.size > 0 || this.local.size > 0;
  }

  private receive(requestId: string, message: ToChild, reference: boolean, post: (message: FromWebview) => void): void {
    let entry = this.children.get(requestId);
    if (message.kind === 'start') {
      if (entry) this.cancel(requestId);
      entry = this.child(requestId, message.problemId, reference, post);
      this.children.set(requestId, entry);
    }
    // a request the judge has let go of (or never started): nothing to answer
    if (!entry) return;
    const current = entry;
    current.engine.receive(message).catch((err: unknown) => {
      if (!current.disposed)
        post({
          type: 'child',
          requestId,
          message: { kind: 'failed', failure: { reason: 'internal', message: describeThrown(err) } },
        });
    });
  }

  /** A ChildEngine whose messages go back to the extension wrapped with `requestId`, until it is dropped. */
  private child(
    requestId: string,
    problemId: string,
    reference: boolean,
    post: (message: FromWebview) => void,
  ): ChildEntry {
    const entry = { disposed: false } as ChildEntry;
    const host: ChildHost = {
      send: (message) => {
        if (!entry.disposed) post({ type: 'child', requestId, message });
      },
      findProblem: findProblemChild,
      load: (code, file, loopGuard) => {
        if (reference) {
          const exports = referenceModule(problemId);
          if (!exports) throw new Error(`The panel has no reference for problem "${problemId}".`);
          return exports;
        }
        // a dropped request's student loops stop at once, whatever its budget says
        return loadStudentModule(code, file, () => {
          if (entry.disposed) throw new CancelledError();
          loopGuard();
        });
      },
      lineOf: (err, file) => locateStudentError(err, file)?.line,
      initBackend: () => this.backend(),
      clock: () => performance.now(),
      files: webviewRunFiles(this.options.mediaPath),
      permission: false,
    };
    entry.engine = new ChildEngine(host);
    return entry;
  }

  /** WebGPU on a hardware adapter (its backend bundled, loaded only then), else wasm; see backendChoice.ts. */
  private backend(): Promise<string> {
    this.backendReady ??= (async () => {
      const gpu = this.options.gpu ?? (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
      const choice = await chooseBackends({ gpu, setting: this.options.backendSetting });
      this.choice = choice;
      if (choice.preferred[0] === 'webgpu') {
        try {
          await import('@tensorflow/tfjs-backend-webgpu'); // registers 'webgpu' with tfjs
        } catch (err) {
          choice.reason += `; the WebGPU backend did not load (${describeThrown(err)})`;
        }
      }
      const name = await initBackend({
        wasmPath: this.options.wasmPath,
        usePlatformFetch: true,
        preferred: choice.preferred,
      });
      if (choice.preferred[0] === 'webgpu' && name !== 'webgpu') choice.reason += '; the WebGPU backend did not start';
      return name;
    })();
    return this.backendReady;
  }

  /**
   * Runs the panel's own "Run here" request: the reference on the problem's child half, with no judge
   * (nothing to judge). `emitEvent` sees the child's display events, then exactly one terminal event:
   * `done` (ok, no findings) or `error`.
   */
  async run(request: RunRequestMessage, emitEvent: (event: RunEvent) => void): Promise<void> {
    const child = findProblemChild(request.problemId);
    const reference = referenceModule(request.problemId);
    if (!child || !reference || request.solution.kind !== 'reference') {
      emitEvent({
        type: 'error',
        reason: 'internal',
        message: `The panel cannot run "${request.problemId}" by itself.`,
      });
      return;
    }
    const limit = request.timeLimitMs ?? this.options.timeLimitMs ?? DEFAULT_WEBVIEW_TIME_LIMIT_MS;
    const signal = new CancelSource(limit, () => performance.now());
    this.local.get(request.requestId)?.cancel();
    this.local.set(request.requestId, signal);
    const started = performance.now();
    try {
      const backend = await this.backend();
      const config = resolveConfig({ defaultConfig: request.defaultConfig }, request.config);
      const emit = (event: ChildEvent): void => {
        // the limit counts from the last progress: a long run that reports goes on
        if (event.type === 'progress') signal.extend();
        emitEvent(event);
      };
      emit({
        type: 'log',
        level: 'info',
        message: `Running the reference ${request.problemId} in the panel (tfjs ${backend}: ${this.backendReason}).`,
      });
      const solution = child.solutionFrom(reference);
      const ctx: RunContext = {
        config,
        rng: createRng(config.seed),
        signal,
        backend,
        emit,
        files: webviewRunFiles(this.options.mediaPath),
      };
      if (child.runCell) ctx.pool = sequentialPool(child, { ...ctx }, solution);
      const output = await child.run(ctx, solution);
      emitEvent({ type: 'done', ok: true, metrics: output.metrics, durationMs: performance.now() - started, backend });
    } catch (err) {
      emitEvent(localError(err));
    } finally {
      if (this.local.get(request.requestId) === signal) this.local.delete(request.requestId);
    }
  }
}

function localError(err: unknown): Extract<RunEvent, { type: 'error' }> {
  if (err instanceof CancelledError) return { type: 'error', reason: 'cancelled', message: err.message };
  if (err instanceof TimeLimitError) return { type: 'error', reason: 'time-limit', message: err.message };
  return {
    type: 'error',
    reason: 'internal',
    message: describeThrown(err),
    ...(err instanceof Error && err.stack ? { stack: err.stack } : {}),
  };
}
