// The --json results file: one entry per problem with its metrics and every check's outcome.
import { problemResultJson, type ProblemResultJson } from '../core/report';
import type { JobResult } from './session';

export type { ProblemResultJson } from '../core/report';

export interface ResultsJson {
  problems: ProblemResultJson[];
}

export function resultsJson(results: readonly JobResult[]): ResultsJson {
  return {
    problems: results.map((r) =>
      problemResultJson({
        problem: r.job.problem,
        ok: r.ok,
        findings: r.findings,
        artifacts: r.artifacts,
        logs: r.logs,
        wallMs: r.wallMs,
        ...(r.done ? { done: r.done } : {}),
        ...(r.error ? { error: r.error } : {}),
      }),
    ),
  };
}
