// The judge's schemas for what problem 3's child sends: the run's record, the growth task's result
// and the kernel-attention artifact. Every size is a positive integer, every time and byte count a
// finite number ≥ 0, every list capped. The artifact arrives as measurements
// (KernelAttentionMeasuredArtifact) and leaves as the KernelAttentionArtifact the panel and the report
// draw: its tolerance, its verdict and φ's accepted sizes are set here, on the judge's side.
import { z } from 'zod';
import type { KernelAttentionArtifact } from './artifact';
import { acceptedFeatureSizes, RELATIVE_TOLERANCE } from './checks';

const MAX_POINTS = 10_000;
const size = z
  .number()
  .int()
  .min(1)
  .max(1 << 24);
const nonNegative = z.number().min(0); // zod's numbers are finite
const implementation = z.enum(['student', 'reference']);
const form = z.enum(['softmax', 'linear']);

const sweepPoint = z.object({
  implementation,
  form,
  N: size,
  D: size,
  M: size,
  ms: nonNegative,
  bytes: nonNegative,
  runs: z.array(nonNegative).max(64).optional(),
  floorMs: nonNegative.optional(),
});

export const recordSchema = z.object({ implementation, sweep: z.array(sweepPoint).max(MAX_POINTS) });

export const growthSchema = z.object({ points: z.array(sweepPoint).max(MAX_POINTS) });

const measuredArtifact = z.object({
  kind: z.literal('kernel-attention'),
  title: z.string().max(1000),
  equivalence: z.object({
    N: size,
    D: size,
    M: size,
    maxAbsDiff: nonNegative.nullable(),
    scale: nonNegative.nullable(),
  }),
  featureSize: z.object({
    D: size,
    actual: z
      .number()
      .int()
      .min(0)
      .max(1 << 24),
  }),
  sweep: z.array(sweepPoint).max(MAX_POINTS),
  fits: z
    .array(
      z.object({
        implementation,
        form,
        D: size,
        cost: z.enum(['ms', 'bytes']),
        exponent: z.number(),
        nFrom: size,
        nTo: size,
        r2: z.number().optional(),
        floorMs: nonNegative.optional(),
        spread: nonNegative.optional(),
        unmeasurable: z.string().max(1000).optional(),
      }),
    )
    .max(MAX_POINTS),
  crossovers: z
    .array(z.object({ implementation, D: size, measuredN: size.nullable(), flopModelN: nonNegative }))
    .max(1000),
  flopModel: z
    .array(z.object({ N: size, D: size, M: size, softmax: nonNegative, linear: nonNegative }))
    .max(MAX_POINTS),
});

/**
 * The accepted sizes of φ beside the student's: those of the homework's kernel (qᵀk + 1)², or of the
 * homogeneous (qᵀk)² when φ has one of its sizes (the checks accept that kernel too).
 */
function acceptedBeside(D: number, actual: number): number[] {
  const homogeneous = acceptedFeatureSizes(D, 'homogeneous');
  const inhomogeneous = acceptedFeatureSizes(D, 'inhomogeneous');
  return homogeneous.includes(actual) && !inhomogeneous.includes(actual) ? homogeneous : inhomogeneous;
}

export const kernelAttentionArtifactSchema = measuredArtifact.transform((a): KernelAttentionArtifact => {
  const { maxAbsDiff, scale, N, D, M } = a.equivalence;
  const measured = maxAbsDiff !== null && scale !== null;
  return {
    ...a,
    equivalence: {
      N,
      D,
      M,
      maxAbsDiff: maxAbsDiff ?? Number.NaN,
      tolerance: scale === null ? 0 : RELATIVE_TOLERANCE * scale,
      ok: measured && maxAbsDiff / Math.max(scale, 1e-30) <= RELATIVE_TOLERANCE,
    },
    featureSize: { ...a.featureSize, accepted: acceptedBeside(a.featureSize.D, a.featureSize.actual) },
  };
});
