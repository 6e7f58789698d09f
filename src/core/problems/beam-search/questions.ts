// Problem 5's questions in answers.md: what each asks, how its answer is checked, the form a
// diagnostic asks for, the reference. No runtime imports: the editor loads it through the catalog.
import type { Question, QuestionVariable } from '../../answers/questions';

const T_K_M: readonly QuestionVariable[] = [
  { name: 'T', aliases: ['t'] },
  { name: 'k', aliases: ['K'] },
  { name: 'M', aliases: ['m', 'V'] },
];
const SEQUENCES_FORM =
  'the sequences, one per line or separated by commas or semicolons, their words joined by spaces or arrows, e.g. `network → network → network, neural network neural` (a score after a sequence, such as (−1.5), is optional and checked too)';

export const answerQuestions: readonly Question[] = [
  {
    id: '5a',
    problem: 'beam-search',
    kind: 'sequences',
    prompt: 'On the Figure 2 tree with beam width k = 2: which hypotheses are on the beam after t = 1?',
    expectedForm: SEQUENCES_FORM,
    reference: 'Read off the Figure 2 tree.',
    beamStep: 1,
    quantity: 'the beam after t = 1',
  },
  {
    id: '5b',
    problem: 'beam-search',
    kind: 'sequences',
    prompt: 'Which hypotheses are on the beam after t = 2?',
    expectedForm: SEQUENCES_FORM,
    reference: 'Read off the Figure 2 tree.',
    beamStep: 2,
    quantity: 'the beam after t = 2',
  },
  {
    id: '5c',
    problem: 'beam-search',
    kind: 'sequences',
    prompt: 'Which hypotheses are on the beam after t = 3 (the best of them is what beam search returns)?',
    expectedForm: SEQUENCES_FORM,
    reference: 'Read off the Figure 2 tree.',
    beamStep: 3,
    quantity: 'the beam after t = 3',
  },
  {
    id: '5d',
    problem: 'beam-search',
    kind: 'yes-no',
    prompt: 'Does beam search with k = 2 return the most likely sequence of length 3 on the Figure 2 tree? Why?',
    expectedForm: '`yes` or `no` first, then the reason (graded by hand)',
    reference: 'Read off the Figure 2 tree.',
    fact: 'beam-finds-best',
    quantity: 'whether the beam returns the most likely sequence',
    hint: 'compare the sequence the beam returns with the best of all M^T sequences (exhaustive search; the beam tree panel overlays it)',
  },
  {
    id: '5e',
    problem: 'beam-search',
    kind: 'complexity',
    prompt:
      'Time complexity of beam search with beam width k, vocabulary size M and T steps (one model step per hypothesis, producing M log-probabilities).',
    expectedForm:
      'a big-O class in T and k, as the homework asks (M held fixed), or in T, k and M, e.g. `O(T^2 k + M)` (^, ** and superscripts work; constants and lower-order terms are ignored)',
    reference: 'O(T k (M + k log k)) ≡ O(T k M + T k² log k)',
    variables: T_K_M,
    // The main form keeps the top k of each hypothesis' M candidates and merges k·k of them; a heap
    // over all k·M candidates, a full sort of them and linear-time selection are accepted as well.
    // The homework asks "in terms of T and k": with M fixed, its Algorithm 1 is O(T k² log k) (sorting
    // the k² candidates) or O(T k²) (selecting from them).
    accepted: ['T*k*(M + k*log(k))', 'T*k*M*log(k)', 'T*k*M*log(k*M)', 'T*k*M', 'T*k^2*log(k)', 'T*k^2'],
    quantity: 'the time of beam search',
  },
];
