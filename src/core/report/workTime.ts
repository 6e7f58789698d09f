// Q6's measurement: active time with the homework workspace open, and the runs made. A pure model
// with an injected clock; the extension feeds it window focus, editor activity and runs, and
// persists `state` after each periodic tick, so a crash loses at most one tick.
import type { MeasuredWork } from './types';

export interface WorkTimeOptions {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Focused but without activity for this long counts as away (default 10 min). */
  idleMs?: number;
  /** The most one step between two observations may add (default 2 min): a suspended machine or a stalled timer adds no more. */
  maxStepMs?: number;
}

export const WORK_TIME_DEFAULTS = { idleMs: 10 * 60_000, maxStepMs: 2 * 60_000 };

export class WorkTimeTracker {
  private readonly work: MeasuredWork;
  private readonly idleMs: number;
  private readonly maxStepMs: number;
  private focused = false;
  private lastActivity: number | undefined;
  private lastSeen: number | undefined;

  constructor(
    saved: unknown,
    private readonly options: WorkTimeOptions,
  ) {
    this.work = parseWork(saved) ?? { activeMs: 0, runs: {}, checks: {}, sinceMs: options.now() };
    this.idleMs = options.idleMs ?? WORK_TIME_DEFAULTS.idleMs;
    this.maxStepMs = options.maxStepMs ?? WORK_TIME_DEFAULTS.maxStepMs;
  }

  /** The window with the workspace gained or lost focus. Gaining it counts as activity. */
  setFocused(focused: boolean): void {
    this.accrue();
    this.focused = focused;
    if (focused) this.lastActivity = this.options.now();
  }

  /** The student did something (typed, moved the cursor, ran a problem). */
  activity(): void {
    this.accrue();
    this.lastActivity = this.options.now();
  }

  /** Called periodically: adds the time since the last observation; persist `state` afterwards. */
  tick(): void {
    this.accrue();
  }

  recordRun(problemId: string, checksOnly: boolean): void {
    const counts = checksOnly ? this.work.checks : this.work.runs;
    counts[problemId] = (counts[problemId] ?? 0) + 1;
    this.activity();
  }

  /** A copy of the measurement so far (what is persisted and reported). */
  get state(): MeasuredWork {
    return {
      activeMs: this.work.activeMs,
      runs: { ...this.work.runs },
      checks: { ...this.work.checks },
      ...(this.work.sinceMs !== undefined ? { sinceMs: this.work.sinceMs } : {}),
    };
  }

  private accrue(): void {
    const now = this.options.now();
    if (this.focused && this.lastSeen !== undefined && this.lastActivity !== undefined) {
      // Active from the last observation until now, or until the student went idle.
      const end = Math.min(now, this.lastActivity + this.idleMs);
      if (end > this.lastSeen) this.work.activeMs += Math.min(end - this.lastSeen, this.maxStepMs);
    }
    this.lastSeen = now;
  }
}

/** A persisted measurement, if `value` is one (anything else starts afresh). */
export function parseWork(value: unknown): MeasuredWork | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Partial<MeasuredWork>;
  const counts = (c: unknown): Record<string, number> | undefined =>
    c !== null &&
    typeof c === 'object' &&
    Object.values(c).every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)
      ? { ...(c as Record<string, number>) }
      : undefined;
  const runs = counts(v.runs);
  const checks = counts(v.checks);
  if (typeof v.activeMs !== 'number' || !Number.isFinite(v.activeMs) || v.activeMs < 0 || !runs || !checks)
    return undefined;
  return { activeMs: v.activeMs, runs, checks, ...(typeof v.sinceMs === 'number' ? { sinceMs: v.sinceMs } : {}) };
}
