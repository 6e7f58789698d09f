// The Runner that runs problems inside a panel's webview (webview/shared/runHost.ts does the work
// there). It only speaks the typed protocol through a channel, never `vscode` itself, so it is
// unit-tested with a fake channel. Student TypeScript is compiled here (the webview has no
// compiler) and sent as CommonJS.
import type { RunEvent } from '../core/engine/events';
import { isProgress, isTerminal } from '../core/engine/events';
import { noProgressMessage } from '../core/engine/cancel';
import type { FromWebview, ToWebview } from '../core/protocol';
import type { RunHandle, RunRequest, Runner } from '../runner/runner';
import { EventChannel } from '../runner/eventChannel';

export interface WebviewChannel {
  /** Resolves false when the panel could not take the message (closed, not ready). */
  post(message: ToWebview): Thenable<boolean> | Promise<boolean>;
  onMessage(listener: (message: FromWebview) => void): { dispose(): void };
}

/** How long past the time limit (counted from the last progress) the panel gets to report the run's end itself. */
const BACKSTOP_GRACE_MS = 2_000;

export type CompileFn = (source: string, file: string) => string;

export interface WebviewRunnerOptions {
  /** Applies when a request has no timeLimitMs of its own. */
  defaultTimeLimitMs?: number;
}

interface Thenable<T> {
  then<R>(onfulfilled?: (value: T) => R | PromiseLike<R>, onrejected?: (reason: unknown) => R | PromiseLike<R>): PromiseLike<R>;
}

export class WebviewRunner implements Runner {
  readonly kind = 'webview' as const;
  private counter = 0;
  private readonly active = new Set<() => void>();

  constructor(
    private readonly channel: WebviewChannel,
    private readonly compile: CompileFn,
    private readonly options: WebviewRunnerOptions = {},
  ) {}

  start(request: RunRequest): RunHandle {
    const requestId = `webview-${Date.now().toString(36)}-${++this.counter}`;
    const events = new EventChannel<RunEvent>();
    let code: string | undefined;
    if (request.solution.kind === 'student') {
      try {
        code = this.compile(request.solution.source, request.solution.file);
      } catch (err) {
        events.push(compileErrorEvent(err, request.solution.file));
        events.close();
        return { events, cancel: () => undefined };
      }
    }

    let finished = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const finish = (last?: RunEvent): void => {
      if (finished) return;
      finished = true;
      if (last) events.push(last);
      events.close();
      if (timer) clearTimeout(timer);
      subscription.dispose();
      this.active.delete(abort);
    };
    /** Ends the run from this side and tells the panel to stop working on it. */
    const stop = (event: Extract<RunEvent, { type: 'error' }>): void => {
      if (finished) return;
      finish(event);
      void Promise.resolve(this.channel.post({ type: 'cancel', requestId })).catch(() => undefined);
    };
    const abort = () => stop({ type: 'error', reason: 'cancelled', message: 'The run was cancelled.' });
    this.active.add(abort);

    const limit = request.timeLimitMs ?? this.options.defaultTimeLimitMs;
    // The panel stops a run that made no progress for `limit` itself, naming the loop's line; this is
    // the backstop for a panel that does not answer (a tight loop without a guard, a frozen page). It
    // moves on the progress events the panel sends, which it sends after moving its own deadline.
    const armBackstop = (): void => {
      if (limit === undefined || !Number.isFinite(limit)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => stop({ type: 'error', reason: 'time-limit', message: noProgressMessage(limit) }), limit + BACKSTOP_GRACE_MS);
    };

    const subscription = this.channel.onMessage((message) => {
      if (finished || message.type !== 'runEvent' || message.requestId !== requestId) return;
      if (isTerminal(message.event)) return finish(message.event);
      if (isProgress(message.event)) armBackstop();
      events.push(message.event);
    });
    armBackstop();

    const solution =
      request.solution.kind === 'student' ? { kind: 'student' as const, file: request.solution.file, code: code! } : { kind: 'reference' as const };
    const run: ToWebview = {
      type: 'run',
      requestId,
      problemId: request.problemId,
      config: request.config,
      solution,
      ...(request.checksOnly ? { checksOnly: true } : {}),
      ...(request.answers ? { answers: request.answers } : {}),
      ...(limit !== undefined ? { timeLimitMs: limit } : {}),
    };
    Promise.resolve(this.channel.post(run)).then(
      (delivered) => {
        if (!delivered) finish({ type: 'error', reason: 'internal', message: 'The Beam Tree panel is not open: it could not take the run.' });
      },
      (err: unknown) => finish({ type: 'error', reason: 'internal', message: `Could not reach the panel: ${err instanceof Error ? err.message : String(err)}` }),
    );

    return { events, cancel: abort };
  }

  /** Cancels every run still in flight (the panel was closed, the extension is deactivating). */
  dispose(): void {
    for (const abort of [...this.active]) abort();
  }
}

/** A compile failure as the run's one terminal event, located in the student's file. */
function compileErrorEvent(err: unknown, file: string): Extract<RunEvent, { type: 'error' }> {
  const name = file.split(/[\\/]/).pop() || file;
  const e = err as { message?: unknown; line?: unknown; column?: unknown } | undefined;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const line = typeof e?.line === 'number' ? e.line : 1;
  return {
    type: 'error',
    reason: 'syntax',
    message,
    location: { file: name, line, ...(typeof e?.column === 'number' ? { column: e.column } : {}) },
  };
}
