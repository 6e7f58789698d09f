// The inputs of problem 2's value checks, drawn from a seeded Rng (float32 values): shared by the
// checks and by the staff-side recorder of their expectations (expected.staff.ts).
import { float32Normals, type Rng } from '../../engine/rng';
import { drawNormals } from '../../engine/wire';

/** Row-wise dot products: Q, K of shape [n, d]. */
export interface DotCase {
  n: number;
  d: number;
  q: Float32Array;
  k: Float32Array;
}

/** One query q ([d]) against n keys K ([n, d]). */
export interface AttentionInput {
  n: number;
  d: number;
  q: Float32Array;
  k: Float32Array;
}

export const DOT_SHAPES = [
  { n: 7, d: 5 },
  { n: 16, d: 64 },
  { n: 1, d: 1 },
  { n: 3, d: 512 },
] as const;

export const ATTENTION_SHAPES = [
  { n: 5, d: 3 },
  { n: 64, d: 4 },
  { n: 64, d: 64 },
  { n: 64, d: 512 },
] as const;

export const drawDotCases = (rng: Rng): DotCase[] =>
  DOT_SHAPES.map(({ n, d }) => ({ n, d, q: float32Normals(n * d, 0.3, rng), k: float32Normals(n * d, -0.2, rng) }));

export const drawAttentionInputs = (shapes: readonly { n: number; d: number }[], rng: Rng): AttentionInput[] =>
  shapes.map(({ n, d }) => ({ n, d, q: float32Normals(d, 0, rng), k: float32Normals(n * d, 0, rng) }));

/** The dimension and sample sizes of the variance check (the homework's d = 64 example). */
export const VARIANCE_CHECK = { d: 64, samples: 20_000, keys: 64, trials: 200 };
/** Numbers per input tensor of the sampled dot products at most (one call per chunk, one round trip). */
const CHUNK_ENTRIES = 1 << 20;
/**
 * The sampled dot products start with a probe call of this many rows, alone: a dotProducts that
 * returns the wrong shape (all pairs Q Kᵀ, say) fails there instead of allocating rows² numbers.
 */
const PROBE_ROWS = 16;

/**
 * The variance check's `samples` rows of q, k ~ N(0, I) in R^d: a probe of PROBE_ROWS rows drawn
 * here, then chunks of at most CHUNK_ENTRIES numbers per tensor that the child draws from their
 * seeds (wireNormals) and the judge with drawNormals.
 */
export interface VarianceSamples {
  d: number;
  probe: { rows: number; q: Float32Array; k: Float32Array };
  chunks: { rows: number; seeds: [number, number] }[];
}

export function drawVarianceSamples(d: number, samples: number, rng: Rng): VarianceSamples {
  const perChunk = (CHUNK_ENTRIES / d) | 0;
  const chunk = perChunk < 1 ? 1 : perChunk > samples ? samples : perChunk;
  const rows = PROBE_ROWS < samples ? PROBE_ROWS : samples;
  const probe = { rows, q: float32Normals(rows * d, 0, rng), k: float32Normals(rows * d, 0, rng) };
  const chunks: VarianceSamples['chunks'] = [];
  for (let start = rows; start < samples; start += chunk) {
    chunks.push({
      rows: chunk < samples - start ? chunk : samples - start,
      seeds: [rng.int(2 ** 32), rng.int(2 ** 32)],
    });
  }
  return { d, probe, chunks };
}

/** Q and K of each call of the variance check, in order: the probe, then every chunk. */
export const varianceInputs = ({ d, probe, chunks }: VarianceSamples): { q: Float32Array; k: Float32Array }[] => [
  { q: probe.q, k: probe.k },
  ...chunks.map(({ rows, seeds: [a, b] }) => ({ q: drawNormals(a, rows * d), k: drawNormals(b, rows * d) })),
];
