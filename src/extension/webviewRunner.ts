// The Runner whose child is a side view's webview, the one whose descriptor says its page runs code
// (setting hw6.runner = 'webview'): the student's code runs there in a ChildEngine
// (webview/shared/runHost.ts), and the judge runs here, exactly as with the default ProcessRunner
// (core/engine/judge.ts over a LinkSession). The panel only
// computes: every message it sends is validated by the session, and only the judge produces
// findings, pass/fail and the run's end. This file speaks the typed protocol through a channel, never
// `vscode` itself, so it is unit-tested with a fake channel. Student TypeScript is compiled here (the
// webview has no compiler) and sent as CommonJS.
import type { RunEvent } from '../core/engine/events';
import type { Problem, ProblemConfig } from '../core/problem';
import type { FromWebview, ToWebview } from '../core/protocol';
import type { ToChild } from '../core/engine/childProtocol';
import { startJudgedRun } from '../core/engine/judgedRun';
import type { ChildLink } from '../core/engine/session';
import { resolveConfig } from '../core/engine/config';
import { atEditorLines } from '../core/lines';
import { baseName } from '../core/paths';
import type { RunHandle, RunRequest, Runner } from '../runner/runner';
import { EventChannel } from '../runner/eventChannel';

type ErrorEvent = Extract<RunEvent, { type: 'error' }>;

export interface WebviewChannel {
  /** The view's title, as run errors name it ("the <title> panel"). */
  readonly title: string;
  /** Resolves false when the panel could not take the message (closed, not ready). */
  post(message: ToWebview): Thenable<boolean> | Promise<boolean>;
  onMessage(listener: (message: FromWebview) => void): { dispose(): void };
}

/**
 * How long past a step's budget the panel gets to report its own, located, time-limit error before
 * the judge ends the run from here (the panel cannot answer while a loop without a guard holds it).
 */
export const PANEL_GRACE_MS = 2_000;
export const DEFAULT_TIME_LIMIT_MS = 120_000;

export type CompileFn = (source: string, file: string) => string;

/** The judge's timers (setTimeout unless given: tests drive them by hand). */
export interface Timers {
  set(fire: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fire, ms) => setTimeout(fire, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface WebviewRunnerOptions {
  /** The judge halves, by id. */
  findProblem(id: string): Problem<ProblemConfig> | undefined;
  /** hw6.timeLimitSeconds: the time each step of a run may take (here wall time); 120 s unless set. */
  defaultTimeLimitMs?: number;
  /** Past a step's budget, the panel's grace (PANEL_GRACE_MS unless set). */
  graceMs?: number;
  timers?: Timers;
}

interface Thenable<T> {
  then<R>(
    onfulfilled?: (value: T) => R | PromiseLike<R>,
    onrejected?: (reason: unknown) => R | PromiseLike<R>,
  ): PromiseLike<R>;
}

export class WebviewRunner implements Runner {
  readonly kind = 'webview' as const;
  private counter = 0;
  private readonly active = new Set<() => void>();

  constructor(
    private readonly channel: WebviewChannel,
    private readonly compile: CompileFn,
    private readonly options: WebviewRunnerOptions,
  ) {}

  start(request: RunRequest): RunHandle {
    const events = new EventChannel<RunEvent>();
    const endWith = (event: ErrorEvent): RunHandle => {
      events.push(event);
      events.close();
      return { events, cancel: () => undefined };
    };
    const problem = this.options.findProblem(request.problemId);
    if (!problem)
      return endWith({ type: 'error', reason: 'internal', message: `Unknown problem "${request.problemId}".` });

    const student = request.solution.kind === 'student' ? request.solution : undefined;
    let code = '';
    if (student) {
      try {
        code = this.compile(student.source, student.file);
      } catch (err) {
        return endWith(compileErrorEvent(err, student.file));
      }
    }
    const displayFile = student ? baseName(student.file) : problem.studentFile;
    // the panel loads the lab's reference itself: it is named for the stack frames it will never have
    const file = student ? student.file : `hw6-reference/${problem.id}.js`;
    const source = student?.source ?? '';
    // what V8 calls a line is not always the editor's (U+2028 and U+2029 end lines for V8 only)
    const emit = (event: RunEvent): void => events.push(atEditorLines(event, displayFile, source));

    const requestId = `webview-${Date.now().toString(36)}-${++this.counter}`;
    const config = resolveConfig(problem, request.config);
    const timeLimitMs = request.timeLimitMs ?? this.options.defaultTimeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    const link = webviewLink({
      channel: this.channel,
      requestId,
      reference: !student,
      graceMs: this.options.graceMs ?? PANEL_GRACE_MS,
      timers: this.options.timers ?? realTimers,
    });
    // one panel, one thread: a run's cells are requests on the same link, one after another
    const run = startJudgedRun({
      problem,
      config,
      module: { code, file, reference: !student },
      displayFile,
      budgetMs: timeLimitMs,
      link,
      poolSize: 1,
      checksOnly: request.checksOnly,
      ...(request.answers ? { answers: request.answers } : {}),
      emit,
    });
    this.active.add(run.cancel);
    void run.ended.finally(() => {
      this.active.delete(run.cancel);
      events.close();
    });
    return { events, cancel: run.cancel };
  }

  /** Cancels every run still in flight (the panel was closed, the extension is deactivating). */
  dispose(): void {
    for (const cancel of [...this.active]) cancel();
  }
}

export interface WebviewLinkOptions {
  channel: WebviewChannel;
  requestId: string;
  /** The panel loads the lab's reference for the problem instead of the start's code. */
  reference: boolean;
  graceMs: number;
  timers: Timers;
}

/**
 * A ChildLink to the panel's ChildEngine for one request: the judge's messages go out wrapped as
 * `child` messages, and the panel's `child` messages for this request come back raw (the session
 * validates them). The panel's CPU time cannot be measured from here, so each step (the module's
 * loading, each request) may take its budget in wall time plus the grace; past that the link ends
 * with a time-limit error. Closing it tells the panel to drop the request's child.
 */
export function webviewLink(options: WebviewLinkOptions): ChildLink {
  const { channel, requestId, timers } = options;
  const budgets = new Map<number | 'start', unknown>();
  /** The marker of each call request in flight: what a limit is blamed on. */
  const markers = new Map<number, string>();
  let onEnd: (event: ErrorEvent) => void = () => undefined;
  let subscription: { dispose(): void } | undefined;
  let ended = false;
  let closed = false;
  // posts keep their order even while the channel waits for the panel to say it is ready
  let queue: Promise<unknown> = Promise.resolve();

  const stopAll = (): void => {
    for (const handle of budgets.values()) timers.clear(handle);
    budgets.clear();
  };
  const end = (event: ErrorEvent): void => {
    if (ended) return;
    ended = true;
    stopAll();
    onEnd(event);
  };
  const startBudget = (key: number | 'start', budgetMs: number): void => {
    stopBudget(key);
    if (!Number.isFinite(budgetMs)) return;
    budgets.set(
      key,
      timers.set(() => {
        budgets.delete(key);
        const marker = [...markers.values()].pop();
        end({
          type: 'error',
          reason: 'time-limit',
          message: panelTimeLimitMessage(budgetMs, channel.title),
          ...(marker ? { marker } : {}),
        });
      }, budgetMs + options.graceMs),
    );
  };
  const stopBudget = (key: number | 'start'): void => {
    if (!budgets.has(key)) return;
    timers.clear(budgets.get(key));
    budgets.delete(key);
  };
  /** The panel took the `start`: it has a child for this request, which a `cancel` must drop. */
  let started = false;
  const send = (message: ToWebview, only?: () => boolean): Promise<boolean> => {
    const posted = queue.then(async (): Promise<boolean> => (!only || only() ? channel.post(message) : false));
    queue = posted.catch(() => undefined);
    return posted;
  };

  return {
    post(message: ToChild) {
      if (ended || closed) return;
      if (message.kind === 'start') startBudget('start', message.budgetMs);
      if (message.kind === 'request' && message.body.op === 'call') markers.set(message.id, message.body.marker);
      const wrapped: ToWebview = {
        type: 'child',
        requestId,
        message,
        ...(options.reference && message.kind === 'start' ? { reference: true } : {}),
      };
      send(wrapped).then(
        (delivered) => {
          if (delivered && message.kind === 'start') started = true;
          if (!delivered)
            end({
              type: 'error',
              reason: 'internal',
              message: `The ${channel.title} panel is not open: it could not take the run.`,
            });
        },
        (err: unknown) =>
          end({
            type: 'error',
            reason: 'internal',
            message: `Could not reach the ${channel.title} panel: ${err instanceof Error ? err.message : String(err)}`,
          }),
      );
    },
    listen(onMessage, onEnded) {
      onEnd = onEnded;
      subscription = channel.onMessage((message) => {
        if (ended || closed) return;
        // a webview that says `ready` after it took the start has been (re)loaded: its child is gone
        if (message.type === 'ready' && started) {
          end({
            type: 'error',
            reason: 'internal',
            message: `The ${channel.title} panel was closed or reloaded while it ran the code: run it again.`,
          });
          return;
        }
        if (message.type !== 'child' || message.requestId !== requestId) return;
        // the module's loading is over once the panel says how it went (the session judges what it says)
        const kind = kindOf(message.message);
        if (kind === 'ready' || kind === 'failed') stopBudget('start');
        onMessage(message.message);
      });
    },
    budget: {
      start: (id, budgetMs) => startBudget(id, budgetMs),
      stop: (id) => {
        stopBudget(id);
        markers.delete(id);
      },
    },
    async close() {
      if (closed) return;
      closed = true;
      ended = true;
      stopAll();
      subscription?.dispose();
      // the panel drops the request's child (its student loops stop at their next iteration); not
      // awaited: the run's end does not wait on a panel that may be gone, nor reopens one that never ran it
      send({ type: 'cancel', requestId }, () => started).catch(() => undefined);
    },
  };
}

function kindOf(raw: unknown): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
}

/** A step the panel (titled `title`) did not finish within its budget and the grace: it cannot say why from there. */
export function panelTimeLimitMessage(budgetMs: number, title: string): string {
  const limit = budgetMs < 1000 ? `${budgetMs} ms` : `${Math.round(budgetMs / 1000)} s`;
  return `A step of the run took more than ${limit} in the ${title} panel without finishing (an infinite loop, or a promise that never settles?).`;
}

/** A compile failure as the run's one terminal event, located in the student's file. */
function compileErrorEvent(err: unknown, file: string): ErrorEvent {
  const e = err as { message?: unknown; line?: unknown; column?: unknown } | undefined;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const line = typeof e?.line === 'number' ? e.line : 1;
  return {
    type: 'error',
    reason: 'syntax',
    message,
    location: { file: baseName(file), line, ...(typeof e?.column === 'number' ? { column: e.column } : {}) },
  };
}
