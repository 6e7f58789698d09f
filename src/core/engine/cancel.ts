// Cancellation and time limits for runs. Long loops call `throwIfCancelled()` between steps.
// The time limit is a no-progress watchdog, not a limit on the run's length: the host extends the
// deadline at each progress event (events.ts isProgress), so a long run that keeps reporting goes on
// and an endless loop, which reports nothing, stops one limit after its last progress.

export class CancelledError extends Error {
  constructor(message = 'The run was cancelled.') {
    super(message);
    this.name = 'CancelledError';
  }
}

export class TimeLimitError extends Error {
  constructor(readonly limitMs: number) {
    super(noProgressMessage(limitMs));
    this.name = 'TimeLimitError';
  }
}

/** The time-limit error's text, also used by the hosts' backstops. */
export function noProgressMessage(limitMs: number): string {
  return `A step of the run computed for more than ${formatSeconds(limitMs)} without finishing (an infinite loop?).`;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

export interface CancelSignal {
  readonly cancelled: boolean;
  throwIfCancelled(): void;
}

export class CancelSource implements CancelSignal {
  private reason: Error | undefined;
  private until: number;

  /**
   * `clock` is what the limit is measured on: wall time unless given (the child process counts its
   * own CPU time, so a busy machine does not eat a run's budget; tests pass a fake).
   */
  constructor(
    private readonly timeLimitMs = Infinity,
    private readonly clock: () => number = Date.now,
  ) {
    this.until = clock() + timeLimitMs;
  }

  /** When the time limit strikes unless the run makes progress first (on this source's clock). */
  get deadline(): number {
    return this.until;
  }

  /** The run made progress: the time limit counts again from now. */
  extend(): void {
    this.until = Math.max(this.until, this.clock() + this.timeLimitMs);
  }

  /** The whole limit again from now (a request resumed after waiting on the judge). */
  restart(): void {
    this.until = this.clock() + this.timeLimitMs;
  }

  /** A deadline kept elsewhere (a cell worker's, set by its pool at each cell); progress extends it as usual. */
  setDeadline(deadline: number): void {
    this.until = deadline;
  }

  get cancelled(): boolean {
    return this.reason !== undefined || this.clock() > this.until;
  }

  cancel(reason: Error = new CancelledError()): void {
    this.reason ??= reason;
  }

  throwIfCancelled(): void {
    if (this.reason) throw this.reason;
    if (this.clock() > this.until) throw new TimeLimitError(this.timeLimitMs);
  }
}

export const neverCancelled: CancelSignal = { cancelled: false, throwIfCancelled() {} };

/** Lets the event loop breathe (messages, cancellation) during long synchronous work. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
