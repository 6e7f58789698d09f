// The catalog of answers.md questions: what each id asks, how its answer is checked, what FORM of
// answer the diagnostics ask for, and the reference (shown only with hw6.revealAnswers).
// Cheap on purpose (no mathjs, no Markdown parser, no imports): the extension host imports it.
// Adding a question is one entry here; a kind judged against data of the problem (Q5's tree) gets
// that data from the problem's checks (AnswerCheckOptions).

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
  | 'dimension'
  /** A set of token sequences: what a beam keeps at step `beamStep` of the problem's search tree. */
  | 'sequences'
  /** Yes or no (judged against the fact `fact` of the problem's search tree), then a reason graded by hand. */
  | 'yes-no';

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
  /**
   * The problem id whose runs check this answer, e.g. `kernel-attention`; none for the homework
   * process (Q6), which no run judges.
   */
  problem?: string;
  kind: QuestionKind;
  /** The question, as the template's comment asks it. */
  prompt: string;
  /** What an answer should look like, without giving it away (shown in diagnostics). */
  expectedForm: string;
  /** The answer, shown only with hw6.revealAnswers (for sequences and yes/no: read off the problem's tree instead). */
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
  /** `sequences`: the step t (1-based) whose kept hypotheses the answer lists. */
  beamStep?: number;
  /** `yes-no`: which fact of the search tree the answer states (see SearchTruth.facts). */
  fact?: SearchFact;
  /** A pointer a wrong answer's message adds (where to look, never the answer). */
  hint?: string;
}

/** Facts about a search tree that yes/no questions ask. */
export type SearchFact = 'beam-finds-best';

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
const T_K_M: readonly QuestionVariable[] = [
  { name: 'T', aliases: ['t'] },
  { name: 'k', aliases: ['K'] },
  { name: 'M', aliases: ['m', 'V'] },
];
const SEQUENCES_FORM =
  'the sequences, one per line or separated by commas or semicolons, their words joined by spaces or arrows, e.g. `network → network → network, neural network neural` (a score after a sequence, such as (−1.5), is optional and checked too)';
const BIG_O_FORM = 'a big-O class in N, D and M, e.g. `O(N D^2 + M)` (^, ** and superscripts work; constants and lower-order terms are ignored)';

export const QUESTIONS: readonly Question[] = [
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
    reference: 'The plots colour nodes by club, but the network is trained on the modularity classes, which disagree with the club at nodes 8 and 9.',
  },
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
  {
    id: '4b-i',
    problem: 'autoencoders',
    kind: 'free-text',
    prompt: 'The linear autoencoder x̂ = W₂W₁x minimises Σ‖x − W₂W₁x‖² over the data X. Derive its first-order conditions (the gradients with respect to W₁ and W₂ set to zero).',
    expectedForm: 'the derivation',
    reference: 'W₂ᵀ(I − W₂W₁)XXᵀ = 0 and (I − W₂W₁)XXᵀW₁ᵀ = 0.',
  },
  {
    id: '4b-ii',
    problem: 'autoencoders',
    kind: 'free-text',
    prompt: 'Show that the top-k principal directions of X satisfy these conditions, and give the loss there.',
    expectedForm: 'the derivation',
    reference: 'W₁ = U_kᵀ, W₂ = U_k satisfy both; the loss is Σ_{i>k} σ_i².',
  },
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
    prompt: 'Time complexity of beam search with beam width k, vocabulary size M and T steps (one model step per hypothesis, producing M log-probabilities).',
    expectedForm: 'a big-O class in T and k, as the homework asks (M held fixed), or in T, k and M, e.g. `O(T^2 k + M)` (^, ** and superscripts work; constants and lower-order terms are ignored)',
    reference: 'O(T k (M + k log k)) ≡ O(T k M + T k² log k)',
    variables: T_K_M,
    // The main form keeps the top k of each hypothesis' M candidates and merges k·k of them; a heap
    // over all k·M candidates, a full sort of them and linear-time selection are accepted as well.
    // The homework asks "in terms of T and k": with M fixed, its Algorithm 1 is O(T k² log k) (sorting
    // the k² candidates) or O(T k²) (selecting from them).
    accepted: ['T*k*(M + k*log(k))', 'T*k*M*log(k)', 'T*k*M*log(k*M)', 'T*k*M', 'T*k^2*log(k)', 'T*k^2'],
    quantity: 'the time of beam search',
  },
  {
    id: '6a',
    kind: 'free-text',
    prompt: 'Which sources did you use (books, papers, websites, tools)?',
    expectedForm: 'a list, or "none"',
    reference: 'Graded by hand.',
  },
  {
    id: '6b',
    kind: 'free-text',
    prompt: 'Whom did you collaborate with?',
    expectedForm: 'names, or "nobody"',
    reference: 'Graded by hand.',
  },
  {
    id: '6c',
    kind: 'free-text',
    prompt: 'How many hours did you spend on this homework?',
    expectedForm: 'a number of hours',
    reference: 'Graded by hand.',
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
