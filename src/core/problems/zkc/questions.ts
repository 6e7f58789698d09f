// Problem 1's questions in answers.md: what each asks, how its answer is checked, the form a
// diagnostic asks for, the reference. No runtime imports: the editor loads it through the catalog.
import type { Question } from '../../answers/questions';

export const answerQuestions: readonly Question[] = [
  {
    id: '1-learned',
    problem: 'zkc',
    kind: 'free-text',
    prompt: 'What have you learned from training a GCN on the karate club?',
    expectedForm: 'a paragraph',
    reference: 'Graded by hand.',
  },
  {
    id: '1-plots',
    problem: 'zkc',
    kind: 'free-text',
    prompt: 'Why can the plots show nodes that look misclassified although the accuracy is 100 %?',
    expectedForm: 'a few sentences',
    reference:
      'The plots colour nodes by club, but the network is trained on the modularity classes, which disagree with the club at nodes 8 and 9.',
  },
];
