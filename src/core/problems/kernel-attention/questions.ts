// Problem 3's questions in answers.md: what each asks, how its answer is checked, the form a
// diagnostic asks for, the reference. No runtime imports: the editor loads it through the catalog.
import type { Question, QuestionVariable } from '../../answers/questions';

const N_D_M: readonly QuestionVariable[] = [
  { name: 'N', aliases: ['n'] },
  { name: 'D', aliases: ['d'] },
  { name: 'M', aliases: ['m'] },
];
const Q_K: readonly QuestionVariable[] = [
  { name: 'q', aliases: ['x'], range: [-1.5, 1.5], vectorLength: 3 },
  { name: 'k', aliases: ['y'], range: [-1.5, 1.5], vectorLength: 3 },
];
const BIG_O_FORM =
  'a big-O class in N, D and M, e.g. `O(N D^2 + M)` (^, ** and superscripts work; constants and lower-order terms are ignored)';

export const answerQuestions: readonly Question[] = [
  {
    id: '3a',
    problem: 'kernel-attention',
    kind: 'free-text',
    prompt: 'What condition must sim(q, k) satisfy for eq. (3) to stay well defined?',
    expectedForm: 'a sentence or two',
    reference: 'The denominator must not vanish: sim(q, k) ≥ 0 everywhere with some term > 0 (a non-negative kernel).',
  },
  {
    id: '3b-i',
    problem: 'kernel-attention',
    kind: 'kernel',
    prompt: 'Write the quadratic kernel sim(q, k).',
    expectedForm: 'an expression in the vectors q and k, e.g. `exp(qᵀk)` (qᵀk, q^T k, q·k and dot(q, k) all work)',
    reference: 'sim(q, k) = (qᵀk + 1)² (the homogeneous (qᵀk)² is accepted too).',
    variables: Q_K,
    accepted: ['(dot(q, k) + 1)^2', 'dot(q, k)^2'],
    quantity: 'the quadratic kernel',
  },
  {
    id: '3b-ii',
    problem: 'kernel-attention',
    kind: 'dimension',
    prompt: 'What is the dimension of its feature map φ(x) for x ∈ R^D?',
    expectedForm: 'a formula in D, e.g. `2*D + 1`',
    reference:
      '(D+1)² for φ(x) = vec(x̃x̃ᵀ), x̃ = [1; x]; (D+1)(D+2)/2 in the compact form (D² and D(D+1)/2 for the homogeneous kernel).',
    variables: [{ name: 'D', aliases: ['d'], range: [2, 300], integer: true }],
    accepted: ['(D+1)^2', '(D+1)*(D+2)/2', 'D^2', 'D*(D+1)/2'],
    quantity: 'the size of φ(x)',
  },
  {
    id: '3b-iii',
    problem: 'kernel-attention',
    kind: 'free-text',
    prompt: 'Rewrite eq. (3) with φ in the linear form (eq. 5).',
    expectedForm: 'the rewritten equation (it is checked through your q3.kernel-attention-linear code)',
    reference: "V'_i = φ(Q_i)ᵀ Σ_j φ(K_j)V_jᵀ / φ(Q_i)ᵀ Σ_j φ(K_j).",
  },
  {
    id: '3c-i-time',
    problem: 'kernel-attention',
    kind: 'complexity',
    prompt: 'Time complexity of softmax attention (N keys and queries, size D, values of size M).',
    expectedForm: BIG_O_FORM,
    reference: 'O(N² max(D, M)) ≡ O(N²(D + M))',
    variables: N_D_M,
    accepted: ['N^2*max(D, M)'],
    quantity: 'the time of softmax attention',
  },
  {
    id: '3c-i-memory',
    problem: 'kernel-attention',
    kind: 'complexity',
    prompt: 'Memory complexity of softmax attention.',
    expectedForm: BIG_O_FORM,
    reference: 'O(N² + N(D + M))',
    variables: N_D_M,
    accepted: ['N^2 + N*(D + M)'],
    quantity: 'the memory of softmax attention',
  },
  {
    id: '3c-ii-time',
    problem: 'kernel-attention',
    kind: 'complexity',
    prompt: 'Time complexity of the linearized quadratic-kernel attention (eq. 5).',
    expectedForm: BIG_O_FORM,
    reference: 'O(N D² M)',
    variables: N_D_M,
    accepted: ['N*D^2*M'],
    quantity: 'the time of linear (kernel) attention',
  },
  {
    id: '3c-ii-memory',
    problem: 'kernel-attention',
    kind: 'complexity',
    prompt: 'Memory complexity of the linearized quadratic-kernel attention.',
    expectedForm: BIG_O_FORM,
    reference: 'O(N D² + D² M + N M)',
    variables: N_D_M,
    accepted: ['N*D^2 + D^2*M + N*M'],
    quantity: 'the memory of linear (kernel) attention',
  },
];
