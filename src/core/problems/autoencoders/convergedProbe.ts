// The linear probe trained to convergence: multinomial logistic regression (softmax, cross-entropy
// averaged over the rows, plus L2 on the weights), full batch, minimised by L-BFGS (lbfgs.ts) until
// the gradient vanishes. It stands beside the homework's protocol (probe.ts: Adam, fixed epochs),
// whose accuracies on PCA features sit several points lower on MNIST because it stops early.
import { minimizeLbfgs } from './lbfgs';
import type { Features, LinearProbe } from './probe';

/** L2 weight on the probe's weights: small (a wide-C sklearn probe); without it, separable features (k = 100 on 2 000 rows) send the weights to infinity. */
export const CONVERGED_PROBE_L2 = 1e-4;

/** Mean cross-entropy + (l2/2)·‖W‖² of the probe packed as [W (dim × classes, row-major), b], and its gradient. */
export function probeObjective(
  data: Features,
  classes: number,
  l2: number,
): (theta: Float64Array, grad: Float64Array) => number {
  const { x, n, dim } = data;
  const labels = Int32Array.from(data.labels);
  const C = classes,
    nw = dim * C;
  const z = new Float64Array(C);
  return (theta, grad) => {
    grad.fill(0);
    let loss = 0;
    for (let r = 0; r < n; r++) {
      const o = r * dim;
      for (let c = 0; c < C; c++) z[c] = theta[nw + c]!;
      for (let i = 0; i < dim; i++) {
        const xi = x[o + i]!;
        if (xi === 0) continue;
        for (let c = 0; c < C; c++) z[c] += xi * theta[i * C + c]!;
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) max = Math.max(max, z[c]!);
      let sum = 0;
      for (let c = 0; c < C; c++) sum += z[c] = Math.exp(z[c]! - max);
      const y = labels[r]!;
      loss += Math.log(sum) - Math.log(z[y]!);
      for (let c = 0; c < C; c++) z[c] = (z[c]! / sum - (c === y ? 1 : 0)) / n;
      for (let c = 0; c < C; c++) grad[nw + c] += z[c]!;
      for (let i = 0; i < dim; i++) {
        const xi = x[o + i]!;
        if (xi === 0) continue;
        for (let c = 0; c < C; c++) grad[i * C + c] += xi * z[c]!;
      }
    }
    let penalty = 0;
    for (let j = 0; j < nw; j++) {
      penalty += theta[j]! * theta[j]!;
      grad[j] += l2 * theta[j]!;
    }
    return loss / n + 0.5 * l2 * penalty;
  };
}

/** The converged probe (from zero weights), and whether L-BFGS reached max |∇| ≤ gradTol within its iterations. */
export function convergedProbe(
  data: Features,
  classes: number,
  options: { l2?: number; gradTol?: number; maxIterations?: number } = {},
): LinearProbe & { converged: boolean; iterations: number } {
  const { dim } = data;
  const result = minimizeLbfgs(
    probeObjective(data, classes, options.l2 ?? CONVERGED_PROBE_L2),
    new Float64Array(dim * classes + classes),
    { gradTol: options.gradTol ?? 1e-6, maxIterations: options.maxIterations ?? 5000 },
  );
  return {
    dim,
    classes,
    w: result.x.slice(0, dim * classes),
    b: result.x.slice(dim * classes),
    converged: result.converged,
    iterations: result.iterations,
  };
}
