import assert from 'node:assert/strict';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { createHash } from 'node:crypto';
import { createRng } from '../../../src/core/engine/rng';
import {
  randomOrthogonal,
  syntheticDataset,
  syntheticEigenvalues,
  syntheticPcaResidual,
  syntheticSplits,
  type SyntheticSet,
} from '../../../src/core/data/synthetic';

const D = 100;
const H = 20;

function sha(x: ArrayBufferView): string {
  return createHash('sha256')
    .update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength))
    .digest('hex');
}

/** (1/n) XᵀX in float64 (the data has mean zero by construction, so no centring). */
function secondMoment(set: SyntheticSet): Matrix {
  const { x, n, d } = set;
  const c = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) row[j] = x[r * d + j];
    for (let i = 0; i < d; i++) {
      const xi = row[i];
      for (let j = i; j < d; j++) c[i * d + j] += xi * row[j];
    }
  }
  const m = new Matrix(d, d);
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++) {
      m.set(i, j, c[i * d + j] / n);
      m.set(j, i, c[i * d + j] / n);
    }
  return m;
}

describe('synthetic dataset (Q4)', () => {
  let set: SyntheticSet;
  let eig: number[];
  before(function () {
    this.timeout(30_000);
    set = syntheticDataset(7);
    eig = new EigenvalueDecomposition(secondMoment(set), { assumeSymmetric: true }).realEigenvalues.sort(
      (a, b) => b - a,
    );
  });

  it('has the homework’s shape: 20 000 × 100, labels in {0, 1}, a 100 × 100 rotation', () => {
    assert.equal(set.n, 20_000);
    assert.equal(set.d, D);
    assert.equal(set.x.length, 20_000 * D);
    assert.equal(set.y.length, 20_000);
    assert.equal(set.rotation.length, D * D);
    assert.ok(set.y.every((v) => v === 0 || v === 1));
  });

  it('rotates by an orthogonal U: ‖UᵀU − I‖ < 1e-10', () => {
    const u = set.rotation;
    let worst = 0;
    for (let i = 0; i < D; i++)
      for (let j = 0; j < D; j++) {
        let s = 0;
        for (let r = 0; r < D; r++) s += u[r * D + i] * u[r * D + j];
        worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
      }
    assert.ok(worst < 1e-10, `max |UᵀU − I| = ${worst}`);
    // A rotation that mixes coordinates, not a permutation or the identity.
    const big = Array.from(u).filter((v) => Math.abs(v) > 0.5).length;
    assert.ok(big < 10, `${big} entries of U above 0.5`);
  });

  it('takes U as the Q of the seeded Gaussian with R’s diagonal positive (unique given the seed)', () => {
    // Gram–Schmidt on the same Gaussian draws gives that Q directly.
    const d = 30;
    const g = Array.from({ length: d }, () => new Float64Array(d));
    const rng = createRng(11);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) g[i][j] = rng.normal();
    const q: Float64Array[] = [];
    for (let j = 0; j < d; j++) {
      const v = Float64Array.from(g, (row) => row[j]);
      for (const prev of q) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += prev[i] * v[i];
        for (let i = 0; i < d; i++) v[i] -= dot * prev[i];
      }
      const norm = Math.hypot(...v);
      q.push(v.map((x) => x / norm));
    }
    const u = randomOrthogonal(d, createRng(11));
    let worst = 0;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) worst = Math.max(worst, Math.abs(u[i * d + j] - q[j][i]));
    assert.ok(worst < 1e-9, `max |U − Q_GramSchmidt| = ${worst}`);
  });

  it('is seeded: the same seed gives the same bytes, another seed other data and another U', () => {
    const small = { n: 500 };
    const a = syntheticDataset(3, small),
      b = syntheticDataset(3, small),
      c = syntheticDataset(4, small);
    assert.equal(sha(a.x), sha(b.x));
    assert.equal(sha(a.y), sha(b.y));
    assert.equal(sha(a.rotation), sha(b.rotation));
    assert.notEqual(sha(a.x), sha(c.x));
    assert.notEqual(sha(a.rotation), sha(c.rotation));
    assert.notEqual(sha(a.y), sha(c.y), 'the samples (not only U) depend on the seed');
  });

  it('has covariance eigenvalues ≈ 10 (top 20) and ≈ 1 (the other 80), within sampling error', () => {
    // n = 20 000: the top block spreads by about ±10·2·√(20/n) ≈ ±0.6; the rest lies in the
    // Marchenko–Pastur range (1 ± √(80/n))² ≈ [0.87, 1.13].
    const pop = syntheticEigenvalues();
    for (let i = 0; i < H; i++) assert.ok(Math.abs(eig[i] - 10) < 1, `λ${i + 1} = ${eig[i]}`);
    for (let i = H; i < D; i++) assert.ok(Math.abs(eig[i] - 1) < 0.2, `λ${i + 1} = ${eig[i]}`);
    const meanTop = eig.slice(0, H).reduce((s, v) => s + v, 0) / H;
    const meanRest = eig.slice(H).reduce((s, v) => s + v, 0) / (D - H);
    assert.ok(Math.abs(meanTop - 10) < 0.25, `mean of the top 20: ${meanTop}`);
    assert.ok(Math.abs(meanRest - 1) < 0.03, `mean of the other 80: ${meanRest}`);
    assert.deepEqual(pop.slice(0, H), new Array(H).fill(10));
    assert.deepEqual(pop.slice(H), new Array(D - H).fill(1));
  });

  it('has the exact PCA residual in closed form: 280 − 10k (k ≤ 20), 100 − k (20 ≤ k ≤ 100), 0 beyond', () => {
    assert.equal(syntheticPcaResidual(0), 280);
    assert.equal(syntheticPcaResidual(5), 230);
    assert.equal(syntheticPcaResidual(10), 180);
    assert.equal(syntheticPcaResidual(20), 80);
    assert.equal(syntheticPcaResidual(50), 50);
    assert.equal(syntheticPcaResidual(100), 0);
    assert.equal(syntheticPcaResidual(101), 0);
    assert.equal(syntheticPcaResidual(150), 0);
    assert.equal(syntheticPcaResidual(1000), 0);
    const pop = syntheticEigenvalues();
    for (let k = 0; k <= D; k++)
      assert.equal(
        syntheticPcaResidual(k),
        pop.slice(k).reduce((s, v) => s + v, 0),
        `k = ${k}`,
      );
  });

  it('has a sample PCA residual within a few % of the exact one', () => {
    // Up to k = 20 the residual holds the whole noise bulk, whose sum is accurate (< 3 %); beyond it
    // the residual is the bulk's lower half, which Marchenko–Pastur spreading biases low (~4 % at k = 50).
    for (const [k, tol] of [
      [0, 0.03],
      [5, 0.03],
      [10, 0.03],
      [20, 0.03],
      [50, 0.08],
    ]) {
      const sample = eig.slice(k).reduce((s, v) => s + v, 0);
      const exact = syntheticPcaResidual(k);
      assert.ok(Math.abs(sample - exact) / exact < tol, `k = ${k}: sample ${sample.toFixed(2)}, exact ${exact}`);
    }
  });

  it('labels y = [Σ_{i<20} x_i > 0] of the unrotated x, about balanced', () => {
    const { x, y, rotation: u } = set;
    let ones = 0,
      agreeUnrotated = 0,
      agreeObserved = 0;
    for (let r = 0; r < set.n; r++) {
      // unrotated z = x Uᵀ; the label's sum over its first 20 coordinates
      let sz = 0,
        sx = 0;
      for (let i = 0; i < H; i++) {
        let zi = 0;
        for (let j = 0; j < D; j++) zi += x[r * D + j] * u[i * D + j];
        sz += zi;
        sx += x[r * D + i];
      }
      ones += y[r];
      if ((sz > 0 ? 1 : 0) === y[r]) agreeUnrotated++;
      if ((sx > 0 ? 1 : 0) === y[r]) agreeObserved++;
    }
    assert.ok(Math.abs(ones / set.n - 0.5) < 0.02, `fraction of ones ${ones / set.n}`);
    assert.equal(agreeUnrotated, set.n, 'labels must be the sign of the unrotated informative sum');
    assert.ok(
      agreeObserved / set.n < 0.9,
      `labels agree with the observed first 20 features in ${agreeObserved} rows: not rotated?`,
    );
  });

  it('splits contiguously 14 000 / 4 000 / 2 000 as views of the same data', () => {
    const { train, val, test } = syntheticSplits(set);
    assert.deepEqual([train.n, val.n, test.n], [14_000, 4_000, 2_000]);
    assert.equal(train.x.length, 14_000 * D);
    assert.equal(val.x[0], set.x[14_000 * D]);
    assert.equal(test.x[0], set.x[18_000 * D]);
    assert.equal(test.y[1999], set.y[19_999]);
    assert.equal(val.x.buffer, set.x.buffer);
  });
});
