// Problem 3's config, read by both halves: the judge chooses it, the child runs the sweep it describes.
import type { ProblemConfig } from '../../problem';
import type { Implementation } from './artifact';

export interface KernelAttentionConfig extends ProblemConfig {
  /** Sequence lengths of the sweep. */
  Ns: number[];
  /** Query/key sizes of the sweep (M = D). */
  Ds: number[];
  /** Timed calls per point (after one warm-up call, which is the one whose memory is profiled). */
  repeats: number;
  /** A series stops growing N once one call took longer than this (keeps a slow solution within the time limit). */
  maxCallMs: number;
  /**
   * The linear form is cheap: its series goes on doubling N past the largest of Ns up to this N, so
   * that its time rises well above the fixed cost of a call and its growth shows (sweep.ts).
   */
  linearMaxN: number;
  /**
   * Sweep the reference beside a student's implementation. The child sweeps only the module it
   * loaded (it never holds the reference): the judge asks the lab's reference, in a child of its own
   * (JudgeContext.reference, where the host has one), for the same sweep after the run (index.ts,
   * referenceBeside); never in checks-only runs.
   */
  compareReference: boolean;
  /** Timed calls per point of that reference sweep (fewer: it only sets the student's beside the lab's). */
  referenceRepeats: number;
  /**
   * How the run labels the module it sweeps: 'student' unless the host runs the lab's reference
   * bundle (the child cannot tell the two apart).
   */
  implementation?: Implementation;
  /** Checks without a run: the short sweep of the student's forms that measures their growth in N. */
  growthNs: number[];
  growthD: number;
  /** linearMaxN of that short sweep. */
  growthLinearMaxN: number;
}

const doubling = (from: number, to: number): number[] => {
  const out: number[] = [];
  for (let n = from; n <= to; n *= 2) out.push(n);
  return out;
};

export function defaultConfig(quick: boolean): KernelAttentionConfig {
  return {
    seed: 3,
    quick,
    Ns: doubling(128, quick ? 2048 : 8192),
    Ds: [16, 64],
    repeats: quick ? 2 : 3,
    maxCallMs: 5_000,
    linearMaxN: quick ? 8192 : 32768,
    compareReference: true,
    referenceRepeats: 1,
    growthNs: [512, 1024, 2048, 4096],
    growthD: 16,
    growthLinearMaxN: 16384,
  };
}

export function validated(config: KernelAttentionConfig): KernelAttentionConfig {
  const fail = (what: string, value: unknown): never => {
    throw new RangeError(`kernel-attention config: ${what} (got ${JSON.stringify(value)}).`);
  };
  const sizes = (name: string, v: unknown, min: number): void => {
    if (!Array.isArray(v) || v.length === 0 || v.some((n) => !Number.isInteger(n) || n < min))
      fail(`${name} must be a non-empty list of integers ≥ ${min}`, v);
  };
  sizes('Ns', config.Ns, 2);
  sizes('Ds', config.Ds, 1);
  sizes('growthNs', config.growthNs, 2);
  if (new Set(config.Ns).size < 2) fail('Ns needs two different sizes to fit a slope', config.Ns);
  if (!Number.isInteger(config.growthD) || config.growthD < 1)
    fail('growthD must be a positive integer', config.growthD);
  if (!Number.isInteger(config.repeats) || config.repeats < 1)
    fail('repeats must be a positive integer', config.repeats);
  if (!Number.isInteger(config.referenceRepeats) || config.referenceRepeats < 1)
    fail('referenceRepeats must be a positive integer', config.referenceRepeats);
  if (!(config.maxCallMs > 0)) fail('maxCallMs must be positive', config.maxCallMs);
  for (const key of ['linearMaxN', 'growthLinearMaxN'] as const)
    if (!Number.isInteger(config[key]) || config[key] < 0) fail(`${key} must be an integer ≥ 0`, config[key]);
  if (
    config.implementation !== undefined &&
    config.implementation !== 'student' &&
    config.implementation !== 'reference'
  )
    fail("implementation must be 'student' or 'reference'", config.implementation);
  return config;
}
