// Problem 2: why attention scales qᵀk by √d. The student writes the row-wise dot products and the
// scaled softmax. This is the judge's half: the config, the schema of what the child emits, and the
// checks, which call both functions in the child on inputs drawn here and compare what comes back
// with float64 ground truth, and judge the answers 2a–2c in answers.md by Monte Carlo. The
// experiment (moments of qᵀk and qᵀk/√d over d, softmax saturation) is the child's: child.ts.
import type { Problem } from '../../problem';
import type { AnswersInput } from '../../answers/types';
import { parseAnswers } from '../../answers';
import type { ScalingAnswer } from './artifact';
import { checkScaling } from './checks';
import { defaultConfig, type ScalingConfig } from './config';
import { ANSWER_IDS, scalingInfo } from './meta';
import { scalingArtifactSchema } from './schemas';

export type { ScalingConfig } from './config';

export const scalingProblem: Problem<ScalingConfig> = {
  // the panel shows the student's 2a–2c beside the run; only the judge reads answers.md, and only
  // the judge says whether the answers are revealed (the child's answersRevealed is overwritten)
  withJudgeData: (artifact, answers, { revealAnswers }) =>
    artifact.kind === 'attention-scaling'
      ? { ...artifact, answers: scalingArtifactAnswers(answers), answersRevealed: revealAnswers }
      : artifact,
  ...scalingInfo,
  defaultConfig,
  artifactSchemas: { 'attention-scaling': scalingArtifactSchema },
  checks: (ctx) => checkScaling(ctx),
};

/**
 * The student's 2a–2c as written in answers.md (the first of duplicated headings), for the
 * 'attention-scaling' artifact's `answers`: the child never sees answers.md, so the host that has
 * it fills them in before the panel (which evaluates them live) gets the artifact.
 */
export function scalingArtifactAnswers(answers: AnswersInput | undefined): ScalingAnswer[] {
  if (!answers) return [];
  const doc = parseAnswers(answers);
  return ANSWER_IDS.flatMap((id) => {
    const answer = doc.byId.get(id)?.[0];
    return answer ? [{ id, text: answer.text, line: answer.line }] : [];
  });
}
