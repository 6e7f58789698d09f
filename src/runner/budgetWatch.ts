// The judge's limits on one child process, as pure logic over samples it is given (the CPU time and
// resident set of the process, and the judge's own clock), so tests drive it with a fake clock.
// Nothing the child says moves a limit: budgets start and stop only with the judge's own requests.

export interface UsageSample {
  /** CPU time the process has used so far (all its threads), ms. */
  cpuMs: number;
  /** Its resident set, bytes (typed arrays, wasm memory and tensors included). */
  rssBytes: number;
}

export interface Limits {
  /** hw6.memoryLimitMB. */
  memoryMb: number;
  /** Past its budget a request gets this much more CPU time to report its own, located, time-limit error. */
  graceMs: number;
  /**
   * A request that waits without computing (a promise that never settles) ends after this many
   * times its budget in the judge's wall time, plus the grace.
   */
  wallFactor: number;
}

export type Verdict =
  | { kind: 'ok' }
  | { kind: 'time-limit'; budgetMs: number; waited: boolean }
  | { kind: 'memory'; rssMb: number };

interface Budget {
  budgetMs: number;
  cpuStart: number | undefined;
  wallStart: number;
}

export class BudgetWatch {
  private readonly budgets = new Map<number, Budget>();

  constructor(private readonly limits: Limits) {}

  /** A request started: it may use `budgetMs` of CPU from the next sample on. */
  start(id: number, budgetMs: number, now: number): void {
    // counted from the next sample: what ran before it (at most one poll's worth) is never charged
    this.budgets.set(id, { budgetMs, cpuStart: undefined, wallStart: now });
  }

  stop(id: number): void {
    this.budgets.delete(id);
  }

  get watching(): number {
    return this.budgets.size;
  }

  /** Judges one sample taken at `now` (the judge's clock). */
  check(sample: UsageSample, now: number): Verdict {
    const rssMb = sample.rssBytes / (1024 * 1024);
    if (rssMb > this.limits.memoryMb) return { kind: 'memory', rssMb };
    for (const budget of this.budgets.values()) {
      budget.cpuStart ??= sample.cpuMs;
      if (!Number.isFinite(budget.budgetMs)) continue;
      if (sample.cpuMs - budget.cpuStart > budget.budgetMs + this.limits.graceMs)
        return { kind: 'time-limit', budgetMs: budget.budgetMs, waited: false };
      if (now - budget.wallStart > budget.budgetMs * this.limits.wallFactor + this.limits.graceMs) {
        return { kind: 'time-limit', budgetMs: budget.budgetMs, waited: true };
      }
    }
    return { kind: 'ok' };
  }
}
