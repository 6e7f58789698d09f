// The converged probe: L-BFGS against closed forms, the probe's objective against finite
// differences, and convergence as a gradient check that anyone can repeat.
import assert from 'node:assert/strict';
import { minimizeLbfgs } from '../../../src/core/problems/autoencoders/lbfgs';
import {
  CONVERGED_PROBE_L2,
  convergedProbe,
  probeObjective,
} from '../../../src/core/problems/autoencoders/convergedProbe';
import { probeLogits, trainProbe, type Features } from '../../../src/core/problems/autoencoders/probe';
import { countAccuracy } from '../../../src/core/problems/autoencoders/labCount.staff';
import { createRng } from '../../../src/core/engine/rng';

/** Three Gaussian blobs in 4-D, overlapping a little, n rows. */
function blobs(n: number, seed: number): Features {
  const rng = createRng(seed);
  const dim = 4;
  const x = new Float32Array(n * dim);
  const labels = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const c = r % 3;
    labels[r] = c;
    for (let i = 0; i < dim; i++) {
      const u = Math.max(1e-12, rng.next()),
        v = rng.next();
      x[r * dim + i] = (i === c ? 1.5 : 0) + Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
  }
  return { x, labels, n, dim };
}

describe('Q4 converged probe (L-BFGS)', () => {
  it('L-BFGS finds the minimiser of a quadratic: the solution of A x = b', () => {
    // f = ½ xᵀAx − bᵀx with A = [[4, 1, 0], [1, 3, 1], [0, 1, 2]]; solved by hand: x = A⁻¹b
    const A = [
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 2],
    ];
    const b = [1, 2, 3];
    const result = minimizeLbfgs(
      (x, g) => {
        let f = 0;
        for (let i = 0; i < 3; i++) {
          let ax = 0;
          for (let j = 0; j < 3; j++) ax += A[i]![j]! * x[j]!;
          g[i] = ax - b[i]!;
          f += 0.5 * x[i]! * ax - b[i]! * x[i]!;
        }
        return f;
      },
      new Float64Array(3),
      { gradTol: 1e-10 },
    );
    const exact = solve3(A, b);
    assert.ok(result.converged);
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(result.x[i]! - exact[i]!) < 1e-8, `${result.x[i]} vs ${exact[i]}`);
  });

  it("L-BFGS reaches Rosenbrock's minimum (1, 1) from (−1.2, 1)", () => {
    const result = minimizeLbfgs(
      (x, g) => {
        const [a, b] = [x[0]!, x[1]!];
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      { gradTol: 1e-8, maxIterations: 500 },
    );
    assert.ok(result.converged, `max |∇| ${result.gradMax} after ${result.iterations} iterations`);
    assert.ok(Math.abs(result.x[0]! - 1) < 1e-6 && Math.abs(result.x[1]! - 1) < 1e-6, `${result.x}`);
  });

  it("the probe's objective and its gradient agree with central finite differences", () => {
    const data = blobs(60, 3);
    const f = probeObjective(data, 3, 0.01);
    const rng = createRng(5);
    const theta = Float64Array.from({ length: data.dim * 3 + 3 }, () => rng.next() - 0.5);
    const grad = new Float64Array(theta.length),
      scratch = new Float64Array(theta.length);
    f(theta, grad);
    const h = 1e-6;
    for (let j = 0; j < theta.length; j++) {
      const plus = Float64Array.from(theta),
        minus = Float64Array.from(theta);
      plus[j] += h;
      minus[j] -= h;
      const fd = (f(plus, scratch) - f(minus, scratch)) / (2 * h);
      assert.ok(Math.abs(fd - grad[j]!) < 1e-7, `∂f/∂θ${j}: ${grad[j]} vs finite differences ${fd}`);
    }
  });

  it('converged means a vanishing gradient, and it fits the training rows at least as well as the fixed-epoch protocol', () => {
    const data = blobs(300, 11);
    const probe = convergedProbe(data, 3);
    assert.ok(probe.converged, `${probe.iterations} iterations`);
    const theta = Float64Array.from([...probe.w, ...probe.b]);
    const grad = new Float64Array(theta.length);
    const f = probeObjective(data, 3, CONVERGED_PROBE_L2);
    const loss = f(theta, grad);
    assert.ok(Math.max(...grad.map(Math.abs)) <= 1e-6);
    // the converged probe minimises this very objective: 5 epochs of the protocol's Adam cannot beat it
    const adam = trainProbe(data, { classes: 3, epochs: 5, batchSize: 50, learningRate: 1e-3, seed: 1 });
    const adamLoss = f(Float64Array.from([...adam.w, ...adam.b]), grad);
    assert.ok(loss < adamLoss, `converged ${loss} vs 5 Adam epochs ${adamLoss}`);
    const acc = countAccuracy(probeLogits(probe, data), data.labels, 3);
    assert.ok(acc > 0.7, `training accuracy ${acc}`);
  });
});

/** The solution of a 3 × 3 system by Cramer's rule (independent of the minimiser). */
function solve3(A: number[][], b: number[]): number[] {
  const det = (m: number[][]): number =>
    m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) -
    m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) +
    m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
  const d = det(A);
  return [0, 1, 2].map((col) => det(A.map((row, i) => row.map((v, j) => (j === col ? b[i]! : v)))) / d);
}
