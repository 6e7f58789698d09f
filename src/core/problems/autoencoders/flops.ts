// Floating-point work of training a dense autoencoder, for the benchmark's GFLOP/s and its fraction
// of the machine's peak. Counts the matrix products only (2 flops per multiply–add): per sample and
// dense layer in × out, the forward product, the weight gradient, and the input gradient for every
// layer but the first (nothing needs the gradient of the data). Biases, activations, the loss and
// Adam add O(params + widths) per step, under 1 % here, and are left out.

/** Widths of the whole network, input to output, e.g. [784, 1000, k, 1000, 784]. */
export function trainingFlopsPerSample(widths: number[]): number {
  let flops = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    const product = 2 * widths[l] * widths[l + 1];
    flops += product * (l === 0 ? 2 : 3);
  }
  return flops;
}

/** One epoch over n samples. */
export function epochFlops(widths: number[], n: number): number {
  return trainingFlopsPerSample(widths) * n;
}

/**
 * fp32 peak of one core from its clock and vector width: MHz × flops per cycle, with two FMA
 * pipes of 16 (AVX-512), 8 (AVX2/FMA) or 4 (SSE, no FMA: one mul + one add) lanes.
 */
export function corePeakGflops(
  mhz: number,
  flags: readonly string[],
): { gflops: number; flopsPerCycle: number; isa: string } {
  const has = (f: string) => flags.includes(f);
  const [isa, flopsPerCycle] = has('avx512f')
    ? ['avx512f', 64]
    : has('fma') && has('avx2')
      ? ['avx2+fma', 32]
      : ['sse', 8];
  return { gflops: (mhz * flopsPerCycle) / 1000, flopsPerCycle, isa };
}
