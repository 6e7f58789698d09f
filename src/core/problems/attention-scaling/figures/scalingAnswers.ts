// The student's answers to 2a–2c, evaluated at the panel's (d, μ, σ) beside the closed forms. The
// answers checker (src/core/answers) owns the verdicts in answers.md; this is the panel's live view of
// the same texts, read by the checker's own reader (answerValue: μ, σ, √d, d·μ², superscripts, **;
// mathjs parse + evaluate, no eval, so it runs under the panel's CSP).
import { answerValue } from '../../../answers';
import type { ScalingAnswer } from '../artifact';
import { closedMean, closedVariance } from '../stats';

export type ScalingAnswerId = ScalingAnswer['id'];

export type FormulaResult = { ok: true; value: number } | { ok: false; reason: string };

/** A formula answer's value at a point; an unreadable one is a reason (the checker's words), never a throw. */
export function evaluateFormula(
  id: ScalingAnswerId,
  text: string,
  point: { d: number; mu: number; sigma: number },
): FormulaResult {
  try {
    const value = answerValue(id, text, point);
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'it is not a finite number here' };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** What each answer is and where it is compared: 2b is asked at μ = 0, σ = 1. */
export const SCALING_QUESTIONS: Record<
  ScalingAnswerId,
  {
    quantity: string;
    at(p: { d: number; mu: number; sigma: number }): { d: number; mu: number; sigma: number };
    expected(p: { d: number; mu: number; sigma: number }): number;
  }
> = {
  '2a': { quantity: 'E[qᵀk]', at: (p) => p, expected: (p) => closedMean(p.d, p.mu) },
  '2b': {
    quantity: 'Var(qᵀk) at μ = 0, σ = 1',
    at: (p) => ({ d: p.d, mu: 0, sigma: 1 }),
    expected: (p) => closedVariance(p.d, p.mu, p.sigma),
  },
  '2c': { quantity: 'the scale s', at: (p) => p, expected: (p) => Math.sqrt(p.d) },
};

export interface AnswerVerdict {
  id: ScalingAnswerId;
  text: string;
  line: number;
  quantity: string;
  point: { d: number; mu: number; sigma: number };
  expected: number;
  /** The student's value, when the formula could be read. */
  value?: number;
  /** undefined: unreadable. */
  ok?: boolean;
  reason?: string;
}

/** Relative agreement: closed forms are exact, so only rounding separates a right formula from them. */
export const ANSWER_TOLERANCE = 1e-6;

/** Points where a formula must also agree (beside the panel's), so one lucky point (μ = 0) cannot pass a wrong formula. */
const PROBES = [
  { d: 37, mu: 0.7, sigma: 1.3 },
  { d: 5, mu: -0.4, sigma: 0.6 },
];

/** Each answer evaluated at the point (2b at μ = 0, σ = 1), against the closed form there and at two probe points. */
export function scalingAnswerVerdicts(
  answers: readonly ScalingAnswer[],
  point: { d: number; mu: number; sigma: number },
): AnswerVerdict[] {
  const agrees = (value: number, expected: number) =>
    Math.abs(value - expected) <= ANSWER_TOLERANCE * Math.max(1, Math.abs(expected));
  return answers.map((a) => {
    const q = SCALING_QUESTIONS[a.id];
    const at = q.at(point);
    const expected = q.expected(at);
    const base = { id: a.id, text: a.text, line: a.line, quantity: q.quantity, point: at, expected };
    const r = evaluateFormula(a.id, a.text, at);
    if (!r.ok) return { ...base, reason: r.reason };
    const probesAgree = PROBES.every((p) => {
      const pt = q.at(p);
      const v = evaluateFormula(a.id, a.text, pt);
      return v.ok && agrees(v.value, q.expected(pt));
    });
    return { ...base, value: r.value, ok: agrees(r.value, expected) && probesAgree };
  });
}
