// Problem 5's settings, shared by the judge (index.ts) and the child (child.ts): the defaults, and
// the bounds that keep what the run draws small enough to send to and draw in the panel.
import type { ProblemConfig } from '../../problem';
import type { CharModelConfig } from './charModel';

export interface BeamSearchConfig extends ProblemConfig {
  /** Beam width and length for the Figure 2 demo (T is at most the tree's depth, 3). */
  k: number;
  T: number;
  charModel: CharModelConfig;
}

/** Bounds that keep the character model's trace small enough to send to and draw in the panel. */
export const MAX_CHAR_K = 32;
export const MAX_CHAR_T = 100;
/** The prompt is quoted in the run's titles (the panel asks for at most 80 characters). */
export const MAX_PROMPT_LENGTH = 500;

export function defaultConfig(quick: boolean): BeamSearchConfig {
  return {
    seed: 0,
    quick,
    k: 2,
    T: 3,
    charModel: {
      k: 4,
      T: quick ? 16 : 32,
      prompt: 'alice was ',
      epochs: quick ? 6 : 15,
      context: 8,
      embed: 16,
      hidden: 128,
      batchSize: 128,
      learningRate: 0.01,
    },
  };
}
