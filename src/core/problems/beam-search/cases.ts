// The random trees problem 5's visible checks decode on, drawn from one seed: shared by the checks
// and by the staff-side recorder of their expectations (expected.staff.ts).
import { createRng } from '../../engine/rng';
import type { TreeCase } from './expected';

/** The (M, T) of the k = M^T cases. */
const EXHAUSTIVE_SHAPES: readonly [number, number][] = [
  [2, 3],
  [3, 2],
  [2, 4],
  [3, 3],
];

/** The cases of the visible checks, in the order each check looks at them. */
export function casesOf(seed: number): { random: TreeCase[]; topk: TreeCase[]; exhaustive: TreeCase[] } {
  const rng = createRng(seed).fork(5);
  const random = Array.from({ length: 60 }, (_, i) => randomCase(rng.next, 1000 * seed + i));
  const exhaustive = EXHAUSTIVE_SHAPES.map(([M, T], i): TreeCase => ({ seed: 7000 + 100 * seed + i, M, T, k: M ** T }));
  return { random, topk: random.slice(0, 20), exhaustive };
}

function randomCase(next: () => number, seed: number): TreeCase {
  const M = 2 + Math.floor(next() * 4);
  let T = 1 + Math.floor(next() * 5);
  while (M ** T > 3000) T--;
  const k = 1 + Math.floor(next() * Math.min(6, M ** T));
  return { seed, M, T, k };
}

/** A case's key in the student build's recording (expected.student.ts). */
export const caseKey = (c: TreeCase): string => `${c.seed}/${c.M}/${c.T}/${c.k}`;
