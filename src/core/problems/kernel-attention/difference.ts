// How far one result is from another: what the judge's checks compare with float64 and what the
// child's run reports as the distance between the student's eq. 3 and eq. 5 (a measurement, no verdict).

export interface Difference {
  /** Largest |got − want|. */
  maxAbsDiff: number;
  /** maxAbsDiff relative to the largest |want|. */
  relative: number;
  index: number;
}

export function difference(got: ArrayLike<number>, want: ArrayLike<number>): Difference {
  let maxAbsDiff = 0,
    index = 0,
    scale = 0;
  for (let i = 0; i < want.length; i++) {
    scale = Math.max(scale, Math.abs(want[i]!));
    const d = Math.abs(got[i]! - want[i]!);
    if (!(d <= maxAbsDiff)) [maxAbsDiff, index] = [d, i]; // NaN counts as the largest difference
  }
  return { maxAbsDiff, relative: maxAbsDiff / Math.max(scale, 1e-30), index };
}

/** The largest |x|; NaN when an entry is NaN. */
export function largestMagnitude(values: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < values.length; i++) scale = Math.max(scale, Math.abs(values[i]!));
  return scale;
}
