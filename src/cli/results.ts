// The --json results file: one entry per problem with its metrics and every check's outcome.
import type { ErrorReason, SourceLocation } from '../core/engine/events';
import type { JobResult } from './session';

export interface ProblemResultJson {
  id: string;
  title: string;
  ok: boolean;
  metrics: Record<string, unknown>;
  checks: { id: string; ok: boolean; message: string }[];
  backend?: string;
  durationMs: number;
  /** Present when the run could not finish. */
  error?: { reason: ErrorReason; message: string; location?: SourceLocation; marker?: string };
}

export interface ResultsJson {
  problems: ProblemResultJson[];
}

export function resultsJson(results: readonly JobResult[]): ResultsJson {
  return {
    problems: results.map((r) => ({
      id: r.job.problem.id,
      title: r.job.problem.title,
      ok: r.ok,
      metrics: r.done?.metrics ?? {},
      checks: r.findings.map((f) => ({ id: f.checkId, ok: f.ok, message: f.message })),
      ...(r.done ? { backend: r.done.backend } : {}),
      durationMs: r.done?.durationMs ?? r.wallMs,
      ...(r.error
        ? { error: { reason: r.error.reason, message: r.error.message, ...(r.error.location ? { location: r.error.location } : {}), ...(r.error.marker ? { marker: r.error.marker } : {}) } }
        : {}),
    })),
  };
}
