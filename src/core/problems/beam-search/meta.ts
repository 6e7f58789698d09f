// What the editor needs to know about problem 5 without loading its engine (tfjs, the model).
import type { ProblemInfo } from '../../problem';
import { answerQuestions } from './questions';

export const MARKER = 'q5.beam-search';

export const beamSearchInfo: ProblemInfo = {
  id: 'beam-search',
  title: 'Beam search',
  questions: ['5a', '5b', '5c', '5d', '5e'],
  studentFile: 'q5_beam_search.ts',
  markers: [
    {
      id: MARKER,
      title: 'Beam search',
      exports: ['beamSearch'],
      checks: ['q5.shape', 'q5.figure2-steps', 'q5.topk', 'q5.exhaustive', 'q5.random-trees'],
      hiddenChecks: ['q5.hidden-random-trees', 'q5.hidden-ties'],
    },
  ],
  answerIds: ['5a', '5b', '5c', '5d', '5e'],
  answerQuestions,
};
