// Reuse of graded runs within one `hw6-lab grade` batch. A checks-only run's result is a function of
// what the runner is given — the problem, its configuration, the student's file (its name and text)
// or the reference, answers.md's text — and of the lab build and the rubric's limits, both fixed for
// the batch. Submissions share many files (untouched starter files, the same copied solution), so
// each distinct run happens once and its result is reused. A run that ended early (crash, time or
// memory limit, cancelled) is never reused: running it again may succeed.
import { createHash } from 'node:crypto';
import { basename, dirname } from 'node:path';
import type { Job, JobResult } from '../session';

/** The content key of a run: everything the runner is given that can change its result. */
export function runKey(job: Job): string {
  const solution =
    job.solution.kind === 'student'
      ? { kind: 'student', name: basename(job.solution.file), source: job.solution.source }
      : { kind: 'reference' };
  const key = JSON.stringify({
    problem: job.problem.id,
    config: job.config,
    checksOnly: job.checksOnly ?? false,
    timeLimitMs: job.timeLimitMs ?? null,
    solution,
    answers: job.answers ?? null,
  });
  return createHash('sha256').update(key).digest('hex');
}

/** What the kept results may take, as JSON text (a checks-only run's is 2–5 kB): a batch must not grow without bound. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

export class RunCache {
  /** A run's result once it is known to be reusable; undefined while it runs or when it was not. */
  private readonly entries = new Map<string, Promise<JobResult | undefined>>();
  /** The size of each kept result; past the budget the oldest are dropped (they run again if asked). */
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  /** Runs answered from the cache, and runs that really ran. */
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes = DEFAULT_CACHE_BYTES) {}

  /** `job`'s result: a finished identical run's (a copy), the one in flight's, or `run(job)`'s. */
  async run(job: Job, run: (job: Job) => Promise<JobResult>): Promise<JobResult> {
    const key = runKey(job);
    let pending = this.entries.get(key);
    while (pending) {
      const known = await pending;
      if (known) {
        this.hits++;
        return reused(known, job);
      }
      // the run waited for was not reusable (its entry is gone): run it here, or wait for whoever does
      pending = this.entries.get(key);
    }
    this.misses++;
    const result = run(job);
    const stored = result.then(
      (r) => {
        const size = reusableSize(r);
        if (size !== undefined) {
          this.keep(key, size);
          return reused(r, r.job);
        }
        this.entries.delete(key);
        return undefined;
      },
      () => {
        this.entries.delete(key);
        return undefined;
      },
    );
    this.entries.set(key, stored);
    return result;
  }

  /** Counts a kept result, dropping the oldest kept ones past the budget. */
  private keep(key: string, size: number): void {
    this.sizes.set(key, size);
    this.bytes += size;
    for (const [old, oldSize] of this.sizes) {
      if (this.bytes <= this.maxBytes) break;
      this.sizes.delete(old);
      this.entries.delete(old);
      this.bytes -= oldSize;
    }
  }
}

/**
 * The size (JSON text) of a run that finished, passing or failing its checks, and whose output does
 * not name its submission's folder; undefined for any other run, which is not reused.
 */
function reusableSize(r: JobResult): number | undefined {
  if (!r.done || r.error) return undefined;
  const text = JSON.stringify([r.findings, r.artifacts, r.logs, r.done]);
  if (r.job.solution.kind === 'student' && text.includes(dirname(r.job.solution.file))) return undefined;
  return text.length;
}

/** A copy of `r` as `job`'s result (the findings are extended in place by the grader's retries). */
function reused(r: JobResult, job: Job): JobResult {
  const { job: _ran, ...rest } = r;
  return { ...structuredClone(rest), job };
}
