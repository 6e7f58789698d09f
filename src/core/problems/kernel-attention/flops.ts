// The FLOP model the measured crossover is set beside. Counts multiply-adds as 2 FLOPs and every
// element-wise operation as 1; with F the feature size of φ (the compact (D+1)(D+2)/2 of the
// reference, or the student's).
//   softmax: QKᵀ 2N²D, max/subtract/exp/row sum 4N², (weights)V 2N²M, scale ND and divide NM;
//   linear:  φ(Q), φ(K) 2NF each (two products per entry), S = φ(K)ᵀV 2NFM, z = Σφ(K_j) NF,
//            φ(Q)S 2NFM, φ(Q)z 2NF, divide NM.
// The linear form wins once N(2D + 2M + 4) ≥ 4FM + 7F (the ND and NM terms cancel or are dropped);
// for D = M = 64 that is N ≈ 2170 with the compact φ and ≈ 4270 with the (D+1)² one (the homework:
// "N ≳ D²").

export function softmaxFlops(N: number, D: number, M: number): number {
  return 2 * N * N * D + 4 * N * N + 2 * N * N * M + N * D + N * M;
}

export function linearFlops(N: number, D: number, M: number, F: number): number {
  return 4 * N * F + 2 * N * F * M + N * F + 2 * N * F * M + 2 * N * F + N * M;
}

/** The smallest integer N at which the linear form needs no more FLOPs than softmax attention. */
export function flopCrossoverN(D: number, M: number, F: number): number {
  // softmax − linear = N·[N(2D + 2M + 4) + D − 4FM − 7F]: positive from the root on.
  return Math.max(1, Math.ceil((4 * F * M + 7 * F - D) / (2 * D + 2 * M + 4)));
}

/** The compact feature size of φ for inputs of size D: (D+1)(D+2)/2 (the reference's; the model's fallback). */
export function compactFeatureSize(D: number): number {
  return ((D + 1) * (D + 2)) / 2;
}
