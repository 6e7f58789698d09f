// The arithmetic problem 2's verdicts are computed with, fixed when the lab's code loads. In the
// product the judge runs in another process than the student's code; but wherever the two share a
// thread (the unit tests' in-thread link), a student's `Math.abs = () => 0` must not reach a verdict
// either. So abs and max are plain arithmetic, and the functions that cannot be are taken from Math
// before any student code runs.
const { sqrt, log, exp } = Math;
export { sqrt, log, exp };

/** |x|, NaN for NaN. */
export const abs = (x: number): number => (x < 0 ? -x : x);

/** The larger of a and b, NaN when either is NaN (like Math.max of two). */
export const max2 = (a: number, b: number): number => (a !== a || b !== b ? NaN : a > b ? a : b);
