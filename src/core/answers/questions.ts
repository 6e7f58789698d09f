// The catalog of answers.md questions: what each id asks, how its answer is checked, what FORM of
// answer the diagnostics ask for, and the reference (shown only with hw6.revealAnswers).
// Cheap on purpose (no mathjs, no Markdown parser): the extension host imports it. Adding a
// question (issue 6: problems 1, 4, 5, 6) is one entry here plus, for a checked kind, its
// reference data.

/** How an answer is judged. */
export type QuestionKind =
  /** A closed-form expression in scalar variables, evaluated at random points (and against Monte Carlo). */
  | 'formula'
  /** A big-O class in N, D, M, compared as a set of maximal monomials. */
  | 'complexity'
  /** Prose, graded by hand: never wrong, only reported when empty. */
  | 'free-text'
  /** A kernel sim(q, k) over vectors, evaluated at random q, k. */
  | 'kernel'
  /** A size as a formula in D, evaluated at random integers D. */
  | 'dimension';

/** A variable an answer may use, with the spellings students write for it. */
export interface QuestionVariable {
  /** The canonical name the checker evaluates with, e.g. `mu`. */
  name: string;
  /** Other spellings accepted (Unicode, other case), e.g. `μ`. */
  aliases?: readonly string[];
  /** Sampling range for random evaluation points: [low, high], integer when `integer`. */
  range?: readonly [number, number];
  integer?: boolean;
  /** Fixed value for this question (e.g. μ = 0 for 2b): points never vary it. */
  fixed?: number;
  /** Vector of this length (kernel questions): sampled componentwise from `range`. */
  vectorLength?: number;
  /**
   * A scalar that an answer written in vector notation (μᵀμ, ‖μ‖², dot(μ, μ)) means as the constant
   * vector (μ, …, μ) whose length is this variable's value (2a's mean vector in R^d).
   */
  vectorOfLength?: string;
}

export interface Question {
  id: string;
  /** The problem id whose runs check this answer, e.g. `kernel-attention`. */
  problem: string;
  kind: QuestionKind;
  /** The question, as the template's comment asks it. */
  prompt: string;
  /** What an answer should look like, without giving it away (shown in diagnostics). */
  expectedForm: string;
  /** The answer, shown only with hw6.revealAnswers. */
  reference: string;
  /** Variables the answer may use (formula, kernel, dimension, complexity). */
  variables?: readonly QuestionVariable[];
  /**
   * Accepted closed forms (formula, kernel, dimension) or big-O classes (complexity), in the
   * checker's syntax (mathjs expressions; `dot(q, k)` for vectors). The first is the main one.
   */
  accepted?: readonly string[];
  /** What the answer is about, for messages: `E[qᵀk]`, `the time of softmax attention`. */
  quantity?: string;
}

const D_MU_SIGMA: readonly QuestionVariable[] = [
  { name: 'd', range: [1, 512], integer: true },
  { name: 'mu', aliases: ['μ'], range: [-2, 2], vectorOfLength: 'd' },
  { name: 'sigma', aliases: ['σ'], range: [0.25, 3] },
];
const AT_STANDARD_NORMAL: readonly QuestionVariable[] = [
  { name: 'd', range: [1, 512], integer: true },
  { name: 'mu', aliases: ['μ'], fixed: 0 },
  { name: 'sigma', aliases: ['σ'], fixed: 1 },
];
const N_D_M: readonly QuestionVariable[] = [
  { name: 'N', aliases: ['n'] },
  { name: 'D', aliases: ['d'] },
  { name: 'M', aliases: ['m'] },
];
const Q_K: readonly QuestionVariable[] = [
  { name: 'q', aliases: ['x'], range: [-1.5, 1.5], vectorLength: 3 },
  { name: 'k', aliases: ['y'], range: [-1.5, 1.5], vectorLength: 3 },
];
const BIG_O_FORM = 'a big-O class in N, D and M, e.g. `O(N D^2 + M)` (^, ** and superscripts work; constants and lower-order terms are ignored)';

export const QUESTIONS: readonly Question[] = [
  {
    id: '2a',
    problem: 'attention-scaling',
    kind: 'formula',
    prompt: 'q, k ∈ R^d independent, every component with mean μ and variance σ². What is E[qᵀk]?',
    expectedForm: 'a formula in d, μ (mu) and σ (sigma), e.g. `d*sigma + mu^2` or `d·σ + μ²`',
    reference: 'E[qᵀk] = d·μ² (‖μ‖² for a vector mean); it does not depend on σ.',
    variables: D_MU_SIGMA,
    accepted: ['d*mu^2'],
    quantity: 'E[qᵀk]',
  },
  {
    id: '2b',
    problem: 'attention-scaling',
    kind: 'formula',
    prompt: 'With μ = 0 and σ = 1, what is Var(qᵀk)?',
    expectedForm: 'a formula in d (the general form in d, μ, σ is fine too; it is evaluated at μ = 0, σ = 1), e.g. `2*d + 1`',
    reference: 'Var(qᵀk) = d (in general d(σ⁴ + 2μ²σ²)).',
    variables: AT_STANDARD_NORMAL,
    accepted: ['d'],
    quantity: 'Var(qᵀk)',
  },
  {
    id: '2c',
    problem: 'attention-scaling',
    kind: 'formula',
    prompt: 'By which s should qᵀk be divided so that qᵀk/s has mean 0 and variance 1 (μ = 0, σ = 1)?',
    expectedForm: 'a formula in d, e.g. `d/2` or `√(d+1)`',
    reference: 's = √d.',
    variables: AT_STANDARD_NORMAL,
    accepted: ['sqrt(d)'],
    quantity: 'the s that gives qᵀk/s variance 1',
  },
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
    reference: '(D+1)² for φ(x) = vec(x̃x̃ᵀ), x̃ = [1; x]; (D+1)(D+2)/2 in the compact form (D² and D(D+1)/2 for the homogeneous kernel).',
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

const BY_ID = new Map(QUESTIONS.map((q) => [q.id, q]));

export function questionById(id: string): Question | undefined {
  return BY_ID.get(id);
}

/** The ids a problem's runs check, in catalog order. */
export function questionIds(problem: string): string[] {
  return QUESTIONS.filter((q) => q.problem === problem).map((q) => q.id);
}
