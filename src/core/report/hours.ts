// Q6's hours: the student's own figure from 6c when it holds a number, else the lab's measurement.
import type { MeasuredWork, ReportAnswer, ReportHours } from './types';

/** The question whose answer is the hours spent. */
export const HOURS_QUESTION = '6c';

/** The first number in an answer ("about 12.5 hours", "12,5 h", "~ 9"), or undefined. */
export function hoursWritten(text: string): number | undefined {
  const m = /(\d+(?:[.,]\d+)?)/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]!.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

export function measuredHours(measured: MeasuredWork): number {
  return Math.round((measured.activeMs / 3_600_000) * 10) / 10;
}

export function reportHours(answers: readonly ReportAnswer[], measured: MeasuredWork | undefined): ReportHours {
  const written = hoursWritten(answers.find((a) => a.id === HOURS_QUESTION)?.text ?? '');
  const fromLab = measured ? measuredHours(measured) : undefined;
  if (written !== undefined)
    return { written, ...(fromLab !== undefined ? { measured: fromLab } : {}), stated: written, source: 'student' };
  if (fromLab !== undefined) return { measured: fromLab, stated: fromLab, source: 'measured' };
  return { source: 'none' };
}

/** "3 runs and 5 checks" of one problem, or of all. */
export function totalRuns(measured: MeasuredWork): { runs: number; checks: number } {
  const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);
  return { runs: sum(measured.runs), checks: sum(measured.checks) };
}
