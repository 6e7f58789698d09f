// What every Q1 comparison is made at, in both builds: the weighted karate graph with every node in
// the cost, λ = 2.5e-2 and the weights seeded as the training seeds them. None of this is a TODO's
// answer: Â arrives from the expectations (expected.ts), the rest is the data and the initialisation.
import { createRng } from '../../engine/rng';
import { karateClub } from './karate';
import { zkcTargets, type ZkcData } from './dataset';
import { initGcnParams, type GcnParams } from './float64Gcn';
import { identity, matrix, type Matrix } from './matrix';

export const LAMBDA = 2.5e-2;
export const PARAMETERS = ['w1', 'w2', 'w3', 'b3'] as const;
export type ParameterName = (typeof PARAMETERS)[number];

/** The data of the comparisons (Â given: the weighted graph's) and the weights seeded with `seed`. */
export function checkInputs(aHat: Float64Array, seed: number): { data: ZkcData; params: GcnParams } {
  const n = karateClub.nodeCount;
  const data: ZkcData = {
    aHat: matrix(n, n, Float64Array.from(aHat)),
    x: identity(n),
    ...zkcTargets({ weighted: true, maskMode: 'all-nodes' }),
  };
  return { data, params: initGcnParams(createRng(seed)) };
}

/** W divided by `rms` (the backward check's amplified weights: gradients.ts amplifiedParams). */
export function scaledBy(w: Matrix, rms: number): Matrix {
  return matrix(
    w.rows,
    w.cols,
    w.data.map((x) => x / rms),
  );
}
