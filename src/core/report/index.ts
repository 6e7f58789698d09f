// The submission report, DOM-free and VS Code-free: the CLI (`run --report`) and the extension
// (Export Submission Report) hand it their runs, answers.md and Q6's measured work; it returns
// report.html (self-contained), report.md and report.json. Heavy (the figures' renderers, the
// answers checker): the extension loads it only when a report is exported (dist/report.js).
import { buildReport } from './build';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { reportJson } from './json';
import type { ReportInput } from './types';

export type {
  Block,
  MeasuredWork,
  ReportAnswer,
  ReportDocument,
  ReportHours,
  ReportInput,
  ReportMeta,
  ReportRun,
  ReportSection,
  AnswerState,
} from './types';
export { buildReport } from './build';
export { renderHtml } from './html';
export { renderMarkdown } from './markdown';
export { reportJson, problemResultJson, type ProblemResultJson } from './json';
export { flatten, metricTables } from './blocks';
export { hoursWritten, HOURS_QUESTION } from './hours';

export interface ReportFiles {
  'report.html': string;
  'report.md': string;
  'report.json': string;
}

/** The three files of a report, by name. */
export function renderReport(input: ReportInput): ReportFiles {
  const doc = buildReport(input);
  return {
    'report.html': renderHtml(doc),
    'report.md': renderMarkdown(doc),
    'report.json': JSON.stringify(reportJson(input, doc.answers), null, 2) + '\n',
  };
}
