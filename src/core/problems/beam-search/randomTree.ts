// Seeded random log-probability trees for the checks. Each prefix's distribution is derived from a
// hash of (seed, prefix) alone, so every caller sees the same tree whatever order it asks in.
import { logSoftmax, type StepFn } from './stepFn';
import { createRng } from '../../engine/rng';

export interface RandomTreeSpec {
  seed: number;
  /** Vocabulary size. */
  M: number;
  /** Spread of the logits: larger makes the distributions peakier. */
  scale?: number;
  /** Integer logits (rounded): siblings often tie, so a beam's k-th place is often shared. */
  ties?: boolean;
}

export function randomTreeStep({ seed, M, scale = 1.5, ties = false }: RandomTreeSpec): StepFn {
  return (prefix) => {
    let h = Math.imul(seed ^ 0x3c6ef372, 0x9e3779b1) >>> 0;
    for (const token of prefix) h = Math.imul(h ^ (token + 0x7f4a7c15), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ prefix.length ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    const rng = createRng(h);
    return logSoftmax(Array.from({ length: M }, () => (ties ? Math.round : Number)(scale * rng.normal())));
  };
}
