// When problem 2's closed forms may be shown. They are the answers to 2a–2c evaluated at a point
// (d·μ², d·(σ⁴ + 2μ²σ²), √d), so any display of them states those answers: the panel, the report
// and the run's metrics show them only once the student's own 2a–2c agree with them, or when the
// judge revealed the answers (hw6.revealAnswers, CLI --reveal-answers). One rule for every display.
import type { ScalingAnswer } from './artifact';
import { scalingAnswerVerdicts } from './figures/scalingAnswers';
import { ANSWER_IDS } from './meta';

/** What a display writes where a closed form is held back. */
export const HIDDEN_CLOSED_FORM = 'after 2a–2c';

/** Why the closed forms are missing, for displays that hold them back. */
export const CLOSED_FORMS_NOTE =
  'The closed forms (the answers to 2a–2c at these d, μ, σ) appear once your answers to 2a–2c agree with them.';

export interface ClosedFormsGate {
  /** The student's 2a–2c as the judge read them from answers.md (none for a reference run). */
  answers: readonly ScalingAnswer[];
  /** Set by the judge from revealAnswers (withJudgeData): never the child's say. */
  answersRevealed?: boolean;
}

/** True when the closed forms at `point` may be shown: answers revealed, or every answer to 2a–2c there agrees. */
export function closedFormsShown(gate: ClosedFormsGate, point: { d: number; mu: number; sigma: number }): boolean {
  if (gate.answersRevealed === true) return true;
  const verdicts = scalingAnswerVerdicts(gate.answers, point);
  // all three: 2a alone agreeing would otherwise show the closed forms that answer 2b and 2c
  return ANSWER_IDS.every((id) => verdicts.some((v) => v.id === id)) && verdicts.every((v) => v.ok === true);
}
