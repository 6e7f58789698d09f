// q3.linear-memory: eq. 5 must not build the N × N matrix. Its peak tensor memory (tf.profile's
// peakBytes in the child: a byte count, the same on every machine, unlike a time) is measured at a
// few N and its growth fitted here: a form that materialises φ(Q)φ(K)ᵀ grows like N², a linear one
// like N (plus terms constant in N). Judged with or without a run, in a fraction of a second.
import { z } from 'zod';
import type { Finding } from '../../engine/events';
import { ChannelError } from '../../engine/judge';
import { describeSchemaError } from '../../engine/childProtocol';
import type { ChildCalls } from '../../problem';
import { LINEAR_MEMORY_TASK, type LinearMemoryInput } from './artifact';
import { guarded, finding } from '../findings';
import { MARKERS } from './meta';
import { fitExponent } from './fit';
import { formatBytes } from './sweep';

/** The sizes measured: N doubling at D = M = 8, where an N × N matrix outweighs φ (45 features) from N = 512 on (4096² float32 is 64 MB). */
export const LINEAR_MEMORY_SIZES = { Ns: [512, 1024, 2048, 4096], D: 8 };
/** Slope of log(peak bytes) against log N above which eq. 5 is not linear in N (N² gives ~2). */
export const LINEAR_MEMORY_MAX_SLOPE = 1.5;

const pointsSchema = z
  .object({
    points: z
      .array(z.object({ N: z.number().int().min(1), bytes: z.number().min(0) }))
      .min(2)
      .max(64),
  })
  .strict();

/** The slope of log(bytes) against log(N), least squares (the sweep's fit); a count of 0 counts as 1 byte. */
export function logLogSlope(points: ReadonlyArray<{ N: number; bytes: number }>): number {
  return fitExponent(points.map((p) => ({ N: p.N, value: Math.max(p.bytes, 1) }))).exponent;
}

export async function checkLinearMemory(child: ChildCalls): Promise<Finding> {
  const id = 'q3.linear-memory',
    m = MARKERS.linear;
  const input: LinearMemoryInput = { Ns: LINEAR_MEMORY_SIZES.Ns, D: LINEAR_MEMORY_SIZES.D };
  return guarded(id, m, async () => {
    // the student's code failing here (a throw, a wrong shape) is guarded's finding, at the marker
    const raw = await child.task(LINEAR_MEMORY_TASK, input);
    const parsed = pointsSchema.safeParse(raw);
    if (!parsed.success) throw new ChannelError(`the memory of eq. 5: ${describeSchemaError(parsed.error)}`);
    const points = parsed.data.points;
    if (points.length !== input.Ns.length || points.some((p, i) => p.N !== input.Ns[i]))
      throw new ChannelError('the memory of eq. 5: not the sizes asked for');
    const slope = logLogSlope(points);
    const [first, last] = [points[0]!, points[points.length - 1]!];
    const span = `${formatBytes(first.bytes)} at N = ${first.N} → ${formatBytes(last.bytes)} at N = ${last.N} (D = M = ${input.D})`;
    if (!(slope <= LINEAR_MEMORY_MAX_SLOPE)) {
      return finding(
        id,
        m,
        false,
        `The peak tensor memory of your kernelAttentionLinear grows like N^${slope.toFixed(2)}: ${span}. Eq. 5 must not build an N × N matrix: its memory may grow only linearly in N.`,
        `memory ∝ N^${slope.toFixed(1)} ✗`,
      );
    }
    return finding(
      id,
      m,
      true,
      `The peak tensor memory of your kernelAttentionLinear grows like N^${slope.toFixed(2)}: ${span}.`,
      `memory ∝ N^${slope.toFixed(1)} ✓`,
    );
  });
}
