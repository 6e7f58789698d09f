import assert from 'node:assert/strict';
import { karateClub } from '../../../src/core/problems/zkc/karate';
import { addSelfLoops, gcnAdjacency, normalizeSymmetric } from '../../../src/core/problems/zkc/adjacency';

const close = (actual: number, expected: number, tol = 1e-12): void =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} ≠ ${expected}`);

/** Largest eigenvalue of a symmetric matrix by power iteration on M + I (shift: makes it dominant). */
function largestEigenvalue(m: Float64Array, n: number): number {
  let v = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 7) % 5));
  let lambda = 0;
  for (let iter = 0; iter < 2000; iter++) {
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = v[i];
      for (let j = 0; j < n; j++) s += m[i * n + j] * v[j];
      w[i] = s;
    }
    const norm = Math.hypot(...w);
    lambda = w.reduce((s, x, i) => s + x * v[i], 0) / v.reduce((s, x) => s + x * x, 0) - 1;
    v = w.map((x) => x / norm);
  }
  return lambda;
}

describe('GCN adjacency Â = D̃^{-1/2} (A + I) D̃^{-1/2}', () => {
  it('adds self-loops: Ã = A + I', () => {
    const { n, a, aTilde } = gcnAdjacency(karateClub, { weighted: true });
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) assert.equal(aTilde[i * n + j], a[i * n + j] + (i === j ? 1 : 0));
  });

  it('weighted: Â[0,0] = 1/43, Â[0,1] = 4/√(43·30) ≈ 0.11137', () => {
    const { n, aHat } = gcnAdjacency(karateClub, { weighted: true });
    close(aHat[0], 1 / 43);
    close(aHat[1], 4 / Math.sqrt(43 * 30));
    close(aHat[1], 0.11137, 1e-5);
    close(aHat[1 * n + 0], aHat[1]);
  });

  it('binary: Â[0,0] = 1/17, Â[0,1] = 1/√(17·10)', () => {
    const { aHat } = gcnAdjacency(karateClub, { weighted: false });
    close(aHat[0], 1 / 17);
    close(aHat[1], 1 / Math.sqrt(17 * 10));
  });

  for (const weighted of [true, false]) {
    it(`${weighted ? 'weighted' : 'binary'}: is symmetric, with largest eigenvalue 1 (power iteration)`, () => {
      const { n, aHat } = gcnAdjacency(karateClub, { weighted });
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) assert.equal(aHat[i * n + j], aHat[j * n + i]);
      close(largestEigenvalue(aHat, n), 1, 1e-9);
    });
  }

  it('rejects a node without degree and a matrix of the wrong size', () => {
    assert.throws(() => normalizeSymmetric(new Float64Array(4), 2), /node 0 has degree 0/);
    assert.throws(() => addSelfLoops(new Float64Array(5), 2), /2×2/);
  });
});
