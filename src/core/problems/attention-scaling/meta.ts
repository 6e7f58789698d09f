// What the editor needs to know about problem 2 without loading its engine (tfjs, the experiment).
import type { ProblemInfo } from '../../problem';
import { answerQuestions } from './questions';
import { isScalingRunArtifact } from './artifactValidate';

export const MARKERS = {
  dotProducts: 'q2.dot-products',
  scaledSoftmax: 'q2.scaled-softmax',
} as const;

export const ANSWER_IDS = ['2a', '2b', '2c'] as const;

export const scalingInfo: ProblemInfo = {
  id: 'attention-scaling',
  title: 'Why scale by √d',
  questions: ['2a', '2b', '2c'],
  studentFile: 'q2_attention_scaling.ts',
  markers: [
    {
      id: MARKERS.dotProducts,
      title: 'Dot products qᵀk, row by row',
      exports: ['dotProducts'],
      checks: [MARKERS.dotProducts],
    },
    {
      id: MARKERS.scaledSoftmax,
      title: 'Scaled attention weights softmax(Kq/√d)',
      exports: ['scaledAttention'],
      checks: [MARKERS.scaledSoftmax, 'q2.scaled-variance'],
      hiddenChecks: ['q2.hidden-more-d', 'q2.hidden-large-scores'],
    },
  ],
  answerIds: [...ANSWER_IDS],
  artifactValidators: { 'attention-scaling': isScalingRunArtifact },
  answerQuestions,
};
