// The --report folder: report.html (one self-contained page), report.md and report.json, rendered
// by src/core/report from the session's results and, for a workspace run, its answers.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildReport,
  renderHtml,
  renderReport,
  reportJson as coreReportJson,
  type ReportInput,
  type ReportMeta,
  type ReportRun,
} from '../core/report';
import { ANSWERS_FILE } from '../core/answers/document';
import type { ProblemInfo } from '../core/problem';
import { problems } from '../core/problems';
import type { WorkspaceFiles } from './jobs';
import type { Job, JobResult } from './session';

export { flatten, metricTables } from '../core/report';

export interface CliReportMeta extends ReportMeta {
  /** The workspace's answers.md (absent for --reference: no answers are shown). */
  answers?: { file: string; text: string };
  /** The workspace's problems that did not run, with why. */
  notRun?: { problem: ProblemInfo; reason: string }[];
}

/** What a workspace run adds to its report: answers.md (empty when absent: every question shows), the problems left out. */
export function workspaceReportParts(
  ws: WorkspaceFiles,
  jobs: readonly Job[],
): Pick<CliReportMeta, 'answers' | 'notRun'> {
  const notRun = problems
    .filter((p) => !jobs.some((j) => j.problem.id === p.id))
    .map((p) => ({
      problem: p,
      reason: ws.students.has(p.id) ? 'Not selected for this run.' : `${p.studentFile} is not in the workspace.`,
    }));
  return { answers: ws.answers ?? { file: ANSWERS_FILE, text: '' }, notRun };
}

export interface ReportFiles {
  html: string;
  md: string;
  json: string;
}

export function writeReport(dir: string, results: readonly JobResult[], meta: CliReportMeta): ReportFiles {
  mkdirSync(dir, { recursive: true });
  const rendered = renderReport(reportInput(results, meta));
  const files = { html: join(dir, 'report.html'), md: join(dir, 'report.md'), json: join(dir, 'report.json') };
  writeFileSync(files.html, rendered['report.html']);
  writeFileSync(files.md, rendered['report.md']);
  writeFileSync(files.json, rendered['report.json']);
  return files;
}

export function reportHtml(results: readonly JobResult[], meta: CliReportMeta): string {
  return renderHtml(buildReport(reportInput(results, meta)));
}

export function reportJson(results: readonly JobResult[], meta: CliReportMeta): ReturnType<typeof coreReportJson> {
  return coreReportJson(reportInput(results, meta));
}

/** A session's results as the report's runs: every job of a workspace run read the same answers.md. */
export function reportInput(results: readonly JobResult[], meta: CliReportMeta): ReportInput {
  const { answers, notRun, ...rest } = meta;
  const runs: ReportRun[] = results.map((r) => ({
    problem: r.job.problem,
    ok: r.ok,
    findings: r.findings,
    artifacts: r.artifacts,
    logs: r.logs,
    ...(r.done ? { done: r.done } : {}),
    ...(r.error ? { error: r.error } : {}),
    wallMs: r.wallMs,
    ...(r.job.answers ? { answersText: r.job.answers.text } : {}),
  }));
  return {
    runs,
    meta: { producer: 'the hw6-lab CLI', ...rest },
    ...(answers ? { answers } : {}),
    ...(notRun?.length ? { notRun } : {}),
  };
}
