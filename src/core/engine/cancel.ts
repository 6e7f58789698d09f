// Cancellation and time limits for runs. Long loops call `throwIfCancelled()` between steps.

export class CancelledError extends Error {
  constructor(message = 'The run was cancelled.') {
    super(message);
    this.name = 'CancelledError';
  }
}

export class TimeLimitError extends Error {
  constructor(readonly limitMs: number) {
    super(`The run did not finish within its time limit of ${Math.round(limitMs / 1000)} s (an infinite loop?).`);
    this.name = 'TimeLimitError';
  }
}

export interface CancelSignal {
  readonly cancelled: boolean;
  throwIfCancelled(): void;
}

export class CancelSource implements CancelSignal {
  private reason: Error | undefined;
  private readonly deadline: number;

  constructor(private readonly timeLimitMs = Infinity) {
    this.deadline = Date.now() + timeLimitMs;
  }

  get cancelled(): boolean {
    return this.reason !== undefined || Date.now() > this.deadline;
  }

  cancel(reason: Error = new CancelledError()): void {
    this.reason ??= reason;
  }

  throwIfCancelled(): void {
    if (this.reason) throw this.reason;
    if (Date.now() > this.deadline) throw new TimeLimitError(this.timeLimitMs);
  }
}

export const neverCancelled: CancelSignal = { cancelled: false, throwIfCancelled() {} };

/** Lets the event loop breathe (messages, cancellation) during long synchronous work. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
