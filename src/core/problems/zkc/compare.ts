// Plain comparisons of number arrays, shared by the judge's checks and the lab's tests: no tfjs.

/** ‖a − b‖ / (‖a‖ + ‖b‖), 0 when both are 0. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i]! - b[i]!) ** 2;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  const denominator = Math.sqrt(na) + Math.sqrt(nb);
  return denominator === 0 ? 0 : Math.sqrt(diff) / denominator;
}

/** Largest |a − b|; a NaN difference counts as the largest (the first one is reported). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): { value: number; index: number } {
  let value = 0,
    index = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (Number.isNaN(d)) return { value: d, index: i };
    if (d > value) [value, index] = [d, i];
  }
  return { value, index };
}
