// The one adapter between answers.md and the report: every question of the catalog with the
// student's text and how it stands. A run's finding about an answer is used when that run judged
// the same answers.md text (it had the problem's data: measured growth, the search tree); any other
// answer is judged here with the checker alone. New question kinds flow through unchanged: the
// state comes from the finding (ok, severity), never from the kind — except that free text is
// never wrong.
import { checkAnswers, parseAnswers, QUESTIONS, type Question } from '../answers';
import type { Finding } from '../engine/events';
import type { AnswerState, ReportAnswer, ReportRun } from './types';

export interface AnswersText {
  file: string;
  text: string;
}

/** Every catalog question, in catalog order, with its answer and state. */
export function reportAnswers(answers: AnswersText, runs: readonly ReportRun[]): ReportAnswer[] {
  const doc = parseAnswers(answers);
  const fromRuns = new Map<string, Finding[]>();
  for (const run of runs) {
    if (run.answersText !== answers.text) continue;
    for (const f of run.findings) if (f.answerId) fromRuns.set(f.answerId, [...(fromRuns.get(f.answerId) ?? []), f]);
  }
  const unjudged = QUESTIONS.filter((q) => !fromRuns.has(q.id)).map((q) => q.id);
  const judged = new Map<string, Finding[]>();
  for (const f of checkAnswers(answers, unjudged))
    if (f.answerId) judged.set(f.answerId, [...(judged.get(f.answerId) ?? []), f]);
  return QUESTIONS.map((q) => {
    const answer = doc.byId.get(q.id)?.[0];
    const findings = fromRuns.get(q.id) ?? judged.get(q.id) ?? [];
    const main = findings.find((f) => f.checkId !== 'answers.duplicate');
    return {
      id: q.id,
      prompt: q.prompt,
      text: answer?.text ?? '',
      ...(answer ? { line: answer.line } : {}),
      state: main ? stateOf(q, main, answer?.text ?? '') : answer?.text ? 'note' : 'empty',
      message: main?.message ?? '',
      notes: findings.filter((f) => f !== main).map((f) => f.message),
    };
  });
}

function stateOf(q: Question, f: Finding, text: string): AnswerState {
  if (f.ok) return q.kind === 'free-text' ? 'answered' : 'correct';
  if (text.trim() === '') return 'empty';
  if (q.kind === 'free-text' || f.severity === 'info') return 'note';
  return 'wrong';
}

/** The questions a problem (or, with `undefined`, the homework process: Q6) owns, in catalog order. */
export function answersOf(all: readonly ReportAnswer[], problemId: string | undefined): ReportAnswer[] {
  const owned = new Set(QUESTIONS.filter((q) => q.problem === problemId).map((q) => q.id));
  return all.filter((a) => owned.has(a.id));
}

export const ANSWER_STATE_LABELS: Record<AnswerState, string> = {
  correct: 'checked: right',
  answered: 'answered (graded by hand)',
  wrong: 'checked: not right',
  note: 'note',
  empty: 'empty',
};
