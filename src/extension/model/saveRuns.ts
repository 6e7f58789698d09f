// Run on save, its timing: a save of a file schedules a run of it once the file has been quiet for
// the debounce delay (a burst of saves is one run), and a new save cancels a run still going for the
// same file, so a result is never of a text the student has already replaced. Pure: the clock is an
// injected scheduler, the run an injected function.

export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A run that started: it can be cancelled, and it settles when it ends. */
export interface StartedSaveRun {
  cancel(): void;
  done: PromiseLike<unknown>;
}

export class SaveRuns<T> {
  private readonly waiting = new Map<string, { handle: unknown; what: T }>();
  private readonly running = new Map<string, StartedSaveRun>();

  constructor(
    private readonly delayMs: () => number,
    private readonly scheduler: Scheduler,
    /** Starts the run of `what` (undefined: nothing to run after all). */
    private readonly start: (what: T) => StartedSaveRun | undefined,
  ) {}

  /** `key` (a file) was saved: cancel its running run, (re)schedule `what` after the delay. */
  saved(key: string, what: T): void {
    this.cancel(key);
    const handle = this.scheduler.setTimeout(() => this.fire(key), this.delayMs());
    this.waiting.set(key, { handle, what });
  }

  /** Cancels `key`'s waiting and running runs; returns whether there was one. */
  cancel(key: string): boolean {
    const waiting = this.waiting.get(key);
    if (waiting) this.scheduler.clearTimeout(waiting.handle);
    this.waiting.delete(key);
    const running = this.running.get(key);
    this.running.delete(key);
    running?.cancel();
    return waiting !== undefined || running !== undefined;
  }

  /** Whether a run of `key` is waiting or going. */
  pending(key: string): boolean {
    return this.waiting.has(key) || this.running.has(key);
  }

  private fire(key: string): void {
    const waiting = this.waiting.get(key);
    if (!waiting) return;
    this.waiting.delete(key);
    const run = this.start(waiting.what);
    if (!run) return;
    this.running.set(key, run);
    const settle = (): void => {
      if (this.running.get(key) === run) this.running.delete(key);
    };
    run.done.then(settle, settle);
  }

  dispose(): void {
    for (const key of [...this.waiting.keys(), ...this.running.keys()]) this.cancel(key);
  }
}
