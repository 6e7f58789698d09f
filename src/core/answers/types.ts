// The contract of the answers.md checker (src/core/answers): what problems hand it and what it
// returns. Pure data; the checker itself (mathjs, the Markdown parser) is loaded only where checks
// run (worker, webview runner, CLI), never on the extension host's activation path.
import type { SearchFact } from './questions';

/** answers.md as a run receives it: its workspace-relative file name and its current text. */
export interface AnswersInput {
  /** Base name or workspace-relative path, e.g. `answers.md`. */
  file: string;
  text: string;
}

/** One question's answer in answers.md. Lines are 1-based. */
export interface Answer {
  /** The question id of its heading, e.g. `3c-i-time`. */
  id: string;
  /** The heading's line. */
  headingLine: number;
  /** The line a diagnostic about this answer goes to: the `Answer:` line, else the heading. */
  line: number;
  /** The answer text (after `Answer:`, or the section's prose), trimmed; '' when not answered. */
  text: string;
}

/** A value measured on the student's own implementation, held against a complexity claim. */
export interface MeasuredGrowth {
  /** The variable the exponent is about, e.g. `N`. */
  variable: string;
  /** Fitted slope of log(cost) against log(variable). */
  exponent: number;
  /** The range of the variable the fit used. */
  from: number;
  to: number;
  /** What was measured, for the message: e.g. `your linear attention (time)`. */
  what: string;
  /** The fit's R² in log–log, when known: below MEASURABLE_R2 the sizes show no single power of N. */
  r2?: number;
  /** Set by the problem when its timings show no growth at all, with why (then `exponent` is no measurement). */
  unmeasurable?: string;
}

/**
 * Ground truth for answers about a beam search on a tree of log-probabilities (Q5's Figure 2),
 * computed by the problem that owns the tree: the checker knows the questions, not the tree.
 */
export interface SearchTruth {
  /** Token names: token id i is vocab[i]. */
  vocab: readonly string[];
  /** Beam width and length the questions are about. */
  k: number;
  T: number;
  /** The hypotheses the beam keeps after each step: kept[t − 1] for t = 1..T, token ids. */
  kept: readonly (readonly (readonly number[])[])[];
  /** The cumulative log-probability of a sequence (token ids): for the scores a student writes. */
  score(tokens: readonly number[]): number;
  /** The facts yes/no questions ask (Question.fact). */
  facts: Record<SearchFact, boolean>;
}
