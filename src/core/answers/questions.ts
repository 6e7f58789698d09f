// The catalog of answers.md questions: what each id asks, how its answer is checked, what FORM of
// answer the diagnostics ask for, and the reference (shown only with hw6.revealAnswers).
// Cheap on purpose (no mathjs, no Markdown parser): the extension host imports it. Each problem's
// questions are in its folder (problems/<id>/questions.ts), reached through the catalog; a kind
// judged against data of the problem (a search tree) gets that data from the problem's checks
// (AnswerCheckOptions).
import { problemCatalog } from '../problems/catalog';

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
   * The id of the problem whose runs check this answer; none for the homework
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

/** The homework process (Q6), which no run judges; each problem's questions are in its folder. */
const HOMEWORK_QUESTIONS: readonly Question[] = [
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

/** Every question, in the homework's order: each catalog problem's (problems/<id>/questions.ts), then Q6. */
export const QUESTIONS: readonly Question[] = [
  ...problemCatalog.flatMap((p) => p.answerQuestions ?? []),
  ...HOMEWORK_QUESTIONS,
];

const BY_ID = new Map(QUESTIONS.map((q) => [q.id, q]));

export function questionById(id: string): Question | undefined {
  return BY_ID.get(id);
}

/** The ids a problem's runs check, in catalog order. */
export function questionIds(problem: string): string[] {
  return QUESTIONS.filter((q) => q.problem === problem).map((q) => q.id);
}
