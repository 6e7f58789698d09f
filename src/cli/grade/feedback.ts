// The per-student feedback page: the submission report of src/core/report (the same document the
// CLI's --report and the extension export), with a grade section first and the points beside each
// check and each answer. Messages are the findings' own (the hint ladder's first rung), never an
// expected value unless the rubric reveals.
import {
  buildReport,
  renderHtml,
  type Block,
  type ReportDocument,
  type ReportInput,
  type ReportRun,
} from '../../core/report';
import type { ProblemInfo, ProblemConfig } from '../../core/problem';
import { ANSWERS_FILE } from '../../core/answers/document';
import type { SubmissionGrade } from './score';

export interface FeedbackInput {
  grade: SubmissionGrade;
  runs: readonly ReportRun[];
  answers?: { file: string; text: string };
  notRun: readonly { problem: ProblemInfo; reason: string }[];
  config: Partial<ProblemConfig>;
  generatedAt: Date;
}

export function feedbackHtml(input: FeedbackInput): string {
  const report: ReportInput = {
    runs: input.runs,
    meta: {
      solution: `submission ${input.grade.name}`,
      config: input.config,
      generatedAt: input.generatedAt,
      producer: 'hw6-lab grade',
    },
    answers: input.answers ?? { file: ANSWERS_FILE, text: '' },
    ...(input.notRun.length ? { notRun: input.notRun } : {}),
  };
  return renderHtml(withPoints(buildReport(report), input.grade));
}

/** The report with the grade: its headline, a grade section first, points beside checks and answers. */
export function withPoints(doc: ReportDocument, grade: SubmissionGrade): ReportDocument {
  const pts = (score: number, max: number): string => `[${score} / ${max} pts]`;
  const checkPoints = new Map<string, string>();
  const answerPoints = new Map<string, string>();
  for (const g of grade.items)
    (g.item.kind === 'check' ? checkPoints : answerPoints).set(g.item.id, pts(g.score, g.item.points));
  const mark = (blocks: readonly Block[]): Block[] =>
    blocks.map((b) => {
      if (b.kind === 'checks')
        return {
          ...b,
          items: b.items.map((i) =>
            i.id && checkPoints.has(i.id) ? { ...i, text: `${checkPoints.get(i.id)} ${i.text}` } : i,
          ),
        };
      if (b.kind === 'fold') return { ...b, blocks: mark(b.blocks) };
      return b;
    });
  const markAnswer = <A extends { id: string; message: string }>(a: A): A =>
    answerPoints.has(a.id) ? { ...a, message: `${answerPoints.get(a.id)} ${a.message}` } : a;

  const gradeSection = {
    id: 'grade',
    title: `Grade: ${grade.score} of ${grade.maxScore} points`,
    questions: [],
    status: { ok: grade.score === grade.maxScore, label: `${grade.score} / ${grade.maxScore}` },
    blocks: [
      {
        kind: 'table' as const,
        columns: ['item', 'points', 'status'],
        rows: grade.items.map((g) => [g.item.name, `${g.score} / ${g.item.points}`, g.notRun ? 'not run' : g.status]),
      },
      ...grade.items
        .filter((g) => g.notRun)
        .map((g) => ({
          kind: 'error' as const,
          title: `${g.item.id}: not run`,
          message: g.output.replace(/^Not run: /, ''),
        })),
    ],
    answers: [],
  };
  return {
    ...doc,
    title: `HW6 Lab feedback: ${grade.name}`,
    headline: { text: `${grade.score} of ${grade.maxScore} points`, ok: grade.score === grade.maxScore },
    ...(doc.answers ? { answers: doc.answers.map(markAnswer) } : {}),
    sections: [
      gradeSection,
      ...doc.sections.map((s) => ({ ...s, blocks: mark(s.blocks), answers: s.answers.map(markAnswer) })),
    ],
  };
}
