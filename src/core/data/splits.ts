// Seeded random splits: the embedded MNIST is stored grouped by class, so train/validation/test must
// be drawn from one seeded permutation (8 000 / 2 000 for the 10k digits) to be both fair and
// reproducible.
import type { Rng } from '../engine/rng';

/**
 * A seeded permutation of 0..n−1 cut into consecutive parts of the given sizes (each part is a new
 * Int32Array of indices). The sizes may sum to less than n (the rest is left out), never more.
 */
export function shuffledSplit(n: number, sizes: number[], rng: Rng): Int32Array[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`shuffledSplit: n must be a non-negative integer, got ${n}`);
  const total = sizes.reduce((s, k) => s + k, 0);
  if (sizes.some((k) => !Number.isInteger(k) || k < 0))
    throw new RangeError(`shuffledSplit: sizes must be non-negative integers, got [${sizes.join(', ')}]`);
  if (total > n)
    throw new RangeError(`shuffledSplit: sizes [${sizes.join(', ')}] sum to ${total}, more than the ${n} items`);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  // Fisher–Yates, from the end.
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const parts: Int32Array[] = [];
  let at = 0;
  for (const k of sizes) {
    parts.push(perm.slice(at, at + k));
    at += k;
  }
  return parts;
}
