// Row-major float64 matrices: the check inputs and the expected outputs as the Q3 checks read them.

export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** The quadratic kernel with its constant term, (qᵀk + 1)², or without, (qᵀk)². */
export type KernelVariant = 'inhomogeneous' | 'homogeneous';

export const matrix = (rows: number, cols: number, data: ArrayLike<number>): Matrix => ({
  rows,
  cols,
  data: Float64Array.from(data),
});
