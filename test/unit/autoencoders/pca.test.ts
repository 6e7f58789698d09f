// PCA and principal angles, against independent ground truth: principal angles of hand-made
// subspaces with known angles; PCA of the synthetic data against its construction (the top-20
// subspace is spanned by the first 20 rows of U; residuals near the closed form) and against an
// independent SVD of the centred data; the comparison dimension of a tied spectrum.
import assert from 'node:assert/strict';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { useTfBackend } from '../support/tf';
import { matrixOf, meanOf, principalAnglesDeg } from '../../../src/core/problems/autoencoders/angles';
import {
  computePca,
  pcaFeatures,
  pcaReferenceDim,
  pcaResidual,
  topComponents,
} from '../../../src/core/problems/autoencoders/pca';
import {
  syntheticDataset,
  syntheticEigenvalues,
  syntheticPcaResidual,
  syntheticSplits,
} from '../../../src/core/data/synthetic';

const deg = (r: number): number => (r * 180) / Math.PI;
const rad = (d: number): number => (d * Math.PI) / 180;

describe('Q4 principal angles', () => {
  it('of hand-made subspaces: a line turned by θ in a plane, a plane sharing one axis, orthogonal and equal spaces', () => {
    // span{e1} vs span{cos θ e1 + sin θ e2} in R³: θ
    for (const theta of [0, 1, 30, 45, 89]) {
      const a = matrixOf([1, 0, 0], 3, 1);
      const b = matrixOf([Math.cos(rad(theta)), Math.sin(rad(theta)), 0], 3, 1);
      assert.ok(Math.abs(principalAnglesDeg(a, b)[0]! - theta) < 1e-6, `θ = ${theta}`);
    }
    // span{e1, e2} vs span{2e1 + e2 (not unit), cos φ e2' + sin φ e3} in R⁴: angles 0 and φ (bases need not be orthonormal)
    const phi = 20;
    const a = matrixOf([1, 0, 0, 1, 0, 0, 0, 0], 4, 2);
    const u = [2, 1, 0, 0];
    const v = [-1 / Math.sqrt(5), 2 / Math.sqrt(5), 0, 0].map((x) => x * Math.cos(rad(phi)));
    v[2] = Math.sin(rad(phi));
    const b = new Matrix([0, 1, 2, 3].map((i) => [u[i]!, v[i]!]));
    const angles = principalAnglesDeg(a, b);
    assert.ok(Math.abs(angles[0]!) < 1e-6 && Math.abs(angles[1]! - phi) < 1e-6, angles.join());
    // orthogonal: 90°; the same space in another basis: 0°; a k-space inside a larger one: k angles of 0°
    assert.ok(Math.abs(principalAnglesDeg(matrixOf([1, 0, 0], 3, 1), matrixOf([0, 0, 1], 3, 1))[0]! - 90) < 1e-6);
    assert.ok(
      principalAnglesDeg(matrixOf([1, 1, 1, -1, 0, 0], 3, 2), matrixOf([2, 0, 0, 2, 0, 0], 3, 2)).every(
        (x) => Math.abs(x) < 1e-6,
      ),
    );
    assert.deepEqual(principalAnglesDeg(matrixOf([1, 0, 0], 3, 1), matrixOf([1, 0, 0, 1, 0, 0], 3, 2)).length, 1);
  });

  it('the comparison dimension extends k to the end of a tied eigenvalue (synthetic: k < 20 → 20)', () => {
    const spectrum = syntheticEigenvalues();
    assert.deepEqual(
      [5, 10, 19, 20, 21, 100, 1000].map((k) => pcaReferenceDim(k, 100, spectrum)),
      [20, 20, 20, 20, 100, 100, 100],
    );
    assert.deepEqual(
      [5, 10, 100, 1000].map((k) => pcaReferenceDim(k, 784)),
      [5, 10, 100, 784],
    );
  });
});

describe('Q4 PCA', function () {
  this.timeout(60_000);
  const set = syntheticDataset(4, { n: 6000 });
  const { train } = syntheticSplits(set);
  let pca: ReturnType<typeof computePca>;
  before(async () => {
    await useTfBackend();
    pca = computePca(train.x, train.n, set.d);
  });

  it('synthetic: eigenvalues largest first; the top-20 subspace is spanned by the first 20 rows of U', () => {
    for (let i = 1; i < set.d; i++) assert.ok(pca.eigenvalues[i - 1]! >= pca.eigenvalues[i]!);
    const d = set.d;
    // rows 0..19 of U (the rotated informative coordinates) as the columns of a d × 20 matrix
    const u20 = new Matrix(d, 20);
    for (let r = 0; r < 20; r++) for (let j = 0; j < d; j++) u20.set(j, r, set.rotation[r * d + j]!);
    const angles = principalAnglesDeg(topComponents(pca, 20), u20);
    assert.ok(meanOf(angles) < 3 && Math.max(...angles) < 6, angles.map((a) => a.toFixed(2)).join(' '));
    // the top 20 eigenvalues near s = 10, the rest near 1
    assert.ok(
      pca.eigenvalues[0]! < 12 &&
        pca.eigenvalues[19]! > 8.5 &&
        pca.eigenvalues[20]! < 1.4 &&
        pca.eigenvalues[99]! > 0.7,
    );
  });

  it('synthetic: residuals Σ_{i>k} λ_i near the closed form', () => {
    // 4 200 rows: the sample spectrum of the unit-variance bulk spreads by ±2√(80/4200) ≈ ±28 %
    // (Marchenko–Pastur), so a residual made of its smallest eigenvalues falls ~10 % short
    for (const [k, tolerance] of [
      [0, 0.03],
      [5, 0.03],
      [10, 0.04],
      [20, 0.05],
      [50, 0.15],
      [100, 0],
    ] as const) {
      const exact = syntheticPcaResidual(k);
      const got = pcaResidual(pca, k);
      assert.ok(Math.abs(got - exact) <= tolerance * exact + 1e-9, `k = ${k}: ${got} vs ${exact}`);
    }
    assert.equal(pcaResidual(pca, 1000), 0);
  });

  it('agrees with an independent SVD of the centred data (eigenvalues σ²/n, same subspaces)', () => {
    const n = 1500,
      d = set.d;
    const x = train.x.subarray(0, n * d);
    const small = computePca(x, n, d);
    const centred = new Matrix(n, d);
    const mean = new Float64Array(d);
    for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += x[r * d + j]! / n;
    for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) centred.set(r, j, x[r * d + j]! - mean[j]!);
    const svd = new SingularValueDecomposition(centred, { computeLeftSingularVectors: false });
    const sigma2 = svd.diagonal.map((s) => (s * s) / n);
    for (let i = 0; i < d; i++)
      assert.ok(
        Math.abs(small.eigenvalues[i]! - sigma2[i]!) < 1e-4 * sigma2[0]!,
        `λ${i}: ${small.eigenvalues[i]} vs ${sigma2[i]}`,
      );
    const v = svd.rightSingularVectors;
    for (const k of [5, 20, 60]) {
      const angles = principalAnglesDeg(topComponents(small, k), v.subMatrix(0, d - 1, 0, k - 1));
      assert.ok(Math.max(...angles) < 0.5, `k = ${k}: ${Math.max(...angles)}°`);
    }
  });

  it('PCA features are the centred rows projected on the top components', () => {
    const { features, dim } = pcaFeatures(pca, train.x, 3, 4);
    assert.equal(dim, 4);
    for (let r = 0; r < 3; r++) {
      for (let j = 0; j < 4; j++) {
        let s = 0;
        for (let i = 0; i < set.d; i++) s += (train.x[r * set.d + i]! - pca.mean[i]!) * pca.components[j * set.d + i]!;
        assert.ok(Math.abs(features[r * 4 + j]! - s) < 1e-4 * (1 + Math.abs(s)));
      }
    }
    void deg;
  });
});
