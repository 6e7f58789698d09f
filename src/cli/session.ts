// Runs a list of problems one after another through a Runner and keeps what each run produced:
// the outcome (done or error), findings, artifacts and timings, for the summary, --json and --report.
import type { Artifact, Finding, RunEvent } from '../core/engine/events';
import type { Problem, ProblemConfig } from '../core/problem';
import type { AnswersInput } from '../core/answers/types';
import type { Runner, RunHandle, RunRequest } from '../runner/runner';

export interface Job {
  problem: Problem;
  solution: RunRequest['solution'];
  config: Partial<ProblemConfig>;
  checksOnly?: boolean;
  timeLimitMs?: number;
  /** The workspace's answers.md, for problems that judge answers. */
  answers?: AnswersInput;
}

export interface JobResult {
  job: Job;
  ok: boolean;
  findings: Finding[];
  artifacts: Artifact[];
  logs: Extract<RunEvent, { type: 'log' }>[];
  done?: Extract<RunEvent, { type: 'done' }>;
  error?: Extract<RunEvent, { type: 'error' }>;
  /** Wall-clock time seen by the host, worker start-up included. */
  wallMs: number;
}

export interface SessionHooks {
  /** Every event as it arrives, with the job it belongs to. */
  onEvent?(job: Job, event: RunEvent): void;
}

/** Runs the jobs in order; `cancelAll()` stops the current run and skips the rest. */
export class Session {
  private current: RunHandle | undefined;
  private stopped = false;

  constructor(private readonly runner: Runner) {}

  async run(jobs: readonly Job[], hooks: SessionHooks = {}): Promise<JobResult[]> {
    const results: JobResult[] = [];
    for (const job of jobs) {
      if (this.stopped) break;
      results.push(await this.runOne(job, hooks));
    }
    return results;
  }

  cancelAll(): void {
    this.stopped = true;
    this.current?.cancel();
  }

  private async runOne(job: Job, hooks: SessionHooks): Promise<JobResult> {
    const started = Date.now();
    const result: JobResult = { job, ok: false, findings: [], artifacts: [], logs: [], wallMs: 0 };
    this.current = this.runner.start({
      problemId: job.problem.id,
      config: job.config,
      solution: job.solution,
      checksOnly: job.checksOnly,
      timeLimitMs: job.timeLimitMs,
      ...(job.answers ? { answers: job.answers } : {}),
    });
    for await (const event of this.current.events) {
      hooks.onEvent?.(job, event);
      if (event.type === 'finding') result.findings.push(event.finding);
      else if (event.type === 'artifact') result.artifacts.push(event.artifact);
      else if (event.type === 'log') result.logs.push(event);
      else if (event.type === 'done') result.done = event;
      else if (event.type === 'error') result.error = event;
    }
    this.current = undefined;
    result.ok = result.done?.ok ?? false;
    result.wallMs = Date.now() - started;
    return result;
  }
}
