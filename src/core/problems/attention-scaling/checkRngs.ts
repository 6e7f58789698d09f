// The Rngs problem 2's checks draw from, forked from the run's seed: the checks (checks.ts) and the
// staff-side recorder (expected.staff.ts) draw the same inputs from them.
import { createRng, type Rng } from '../../engine/rng';

export interface CheckRngs {
  dots: Rng;
  attention: Rng;
  variance: Rng;
  answers: Rng;
  monteCarlo: Rng;
}

export function checkRngs(seed: number): CheckRngs {
  const rng = createRng(seed).fork(2);
  return {
    dots: rng.fork(1),
    attention: rng.fork(2),
    variance: rng.fork(3),
    answers: rng.fork(4),
    monteCarlo: rng.fork(5),
  };
}
