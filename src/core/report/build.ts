// The report as a document: one section per homework problem (its run, or why it did not run, and
// its written answers), then Q6 with the hours; a summary table first. Renderers draw it.
import { problemCatalog } from '../problems/catalog';
import type { ProblemInfo } from '../problem';
import { answersOf, reportAnswers } from './answers';
import { runBlocks } from './blocks';
import { plural } from './format';
import { reportHours } from './hours';
import type { AnswerState, ReportAnswer, ReportDocument, ReportInput, ReportRun, ReportSection } from './types';
import { passedOf } from '../verdict';

export function buildReport(input: ReportInput): ReportDocument {
  const answers = input.answers ? reportAnswers(input.answers, input.runs) : undefined;
  const sections: ReportSection[] = [];
  const used = new Set<string>();
  const anchor = (id: string): string => {
    let a = id;
    for (let i = 2; used.has(a); i++) a = `${id}-${i}`;
    used.add(a);
    return a;
  };
  // A problem's answers go with its first section (a problem may have run twice).
  const answered = new Set<string>();
  const problemAnswers = (problem: ProblemInfo): ReportAnswer[] => {
    if (!answers || answered.has(problem.id)) return [];
    answered.add(problem.id);
    return answersOf(answers, problem.id);
  };

  const catalogIds = new Set(problemCatalog.map((p) => p.id));
  const extra = input.runs.filter((r) => !catalogIds.has(r.problem.id)).map((r) => r.problem);
  const problems = [...problemCatalog, ...extra.filter((p, i) => extra.findIndex((q) => q.id === p.id) === i)];
  for (const p of problems) {
    const runs = input.runs.filter((r) => r.problem.id === p.id);
    for (const run of runs)
      sections.push(runSection(run, anchor(p.id), input.runs.indexOf(run), problemAnswers(run.problem), !!answers));
    if (runs.length > 0) continue;
    const why = input.notRun?.find((n) => n.problem.id === p.id);
    const own = answers ? answersOf(answers, p.id) : [];
    if (!why && own.length === 0) continue;
    sections.push({
      id: anchor(p.id),
      title: p.title,
      questions: p.questions,
      status: { ok: false, label: 'not run' },
      meta: `${p.id} · questions ${p.questions.join(', ')} · ${p.studentFile}`,
      blocks: [{ kind: 'text', text: [why?.reason ?? 'Not run for this report.'], muted: true }],
      answers: problemAnswers(p),
    });
  }
  if (answers || input.measured) {
    const own = answers ? answersOf(answers, undefined) : [];
    sections.push({
      id: anchor('homework-process'),
      title: 'Homework process',
      questions: ['6'],
      blocks: [],
      answers: own,
      hours: reportHours(own, input.measured),
      ...(input.measured ? { measured: input.measured } : {}),
    });
  }

  const passed = input.runs.filter((r) => r.ok).length;
  return {
    title: 'HW6 Lab report',
    meta: input.meta,
    headline: { text: `${passed} of ${plural(input.runs.length, 'problem')} passed`, ok: passed === input.runs.length },
    summary: {
      columns: ['problem', 'status', 'checks', 'time', 'backend'],
      rows: sections.map((s) => {
        const r = s.run;
        if (!r)
          return {
            cells: [s.title, s.status?.label ?? '–', '–', '–', '–'],
            anchor: s.id,
            ...(s.status ? { ok: s.status.ok } : {}),
          };
        return {
          cells: [s.title, s.status!.label, `${r.passed}/${r.total}`, seconds(r.durationMs), r.backend ?? '–'],
          anchor: s.id,
          ok: r.ok,
        };
      }),
    },
    ...(answers ? { answersSummary: { total: answers.length, byState: countStates(answers) }, answers } : {}),
    sections,
  };
}

function runSection(
  run: ReportRun,
  id: string,
  index: number,
  answers: ReportAnswer[],
  answersShown: boolean,
): ReportSection {
  const p = run.problem;
  return {
    id,
    title: p.title,
    questions: p.questions,
    status: run.ok ? { ok: true, label: 'passed' } : { ok: false, label: run.error?.reason ?? 'failed' },
    meta: `${p.id} · questions ${p.questions.join(', ')} · ${p.studentFile} · backend ${run.done?.backend ?? '–'} · run ${seconds(durationOf(run))} (${seconds(run.wallMs)} with worker start-up)`,
    blocks: runBlocks(run, index, { answersShown }),
    answers,
    run: {
      ok: run.ok,
      ...passedOf(run.findings),
      durationMs: durationOf(run),
      ...(run.done ? { backend: run.done.backend } : {}),
    },
  };
}

function countStates(answers: readonly ReportAnswer[]): Record<AnswerState, number> {
  const byState: Record<AnswerState, number> = { correct: 0, answered: 0, wrong: 0, note: 0, empty: 0 };
  for (const a of answers) byState[a.state]++;
  return byState;
}

export function durationOf(run: ReportRun): number {
  return run.done?.durationMs ?? run.wallMs;
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
