// report.json: everything the report shows, as data.
import type { ErrorReason, SourceLocation } from '../engine/events';
import { reportAnswers } from './answers';
import { reportArtifacts } from './blocks';
import { durationOf } from './build';
import { reportHours } from './hours';
import type { ReportAnswer, ReportInput, ReportRun } from './types';

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

/** A run's summary: the shape of the CLI's --json entries. */
export function problemResultJson(r: ReportRun): ProblemResultJson {
  return {
    id: r.problem.id,
    title: r.problem.title,
    ok: r.ok,
    metrics: r.done?.metrics ?? {},
    checks: r.findings.map((f) => ({ id: f.checkId, ok: f.ok, message: f.message })),
    ...(r.done ? { backend: r.done.backend } : {}),
    durationMs: durationOf(r),
    ...(r.error
      ? {
          error: {
            reason: r.error.reason,
            message: r.error.message,
            ...(r.error.location ? { location: r.error.location } : {}),
            ...(r.error.marker ? { marker: r.error.marker } : {}),
          },
        }
      : {}),
  };
}

/** `answers`: the answers as buildReport judged them (else judged here). */
export function reportJson(
  input: ReportInput,
  answers: ReportAnswer[] | undefined = input.answers ? reportAnswers(input.answers, input.runs) : undefined,
) {
  return {
    generatedAt: input.meta.generatedAt.toISOString(),
    solution: input.meta.solution,
    config: input.meta.config,
    problems: input.runs.map((r) => ({
      ...problemResultJson(r),
      findings: r.findings,
      artifacts: reportArtifacts(r.artifacts),
      logs: r.logs.map((l) => ({ level: l.level, message: l.message })),
    })),
    ...(input.notRun?.length ? { notRun: input.notRun.map((n) => ({ id: n.problem.id, reason: n.reason })) } : {}),
    ...(answers
      ? {
          answers: answers.map(({ id, text, line, state, message, notes }) => ({
            id,
            text,
            ...(line ? { line } : {}),
            state,
            message,
            notes,
          })),
        }
      : {}),
    ...(answers || input.measured ? { hours: reportHours(answers ?? [], input.measured) } : {}),
    ...(input.measured ? { measured: input.measured } : {}),
  };
}
