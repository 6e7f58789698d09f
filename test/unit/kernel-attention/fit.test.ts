// Exponent fits, crossovers and the FLOP model on synthetic data with known answers.
import assert from 'node:assert/strict';
import {
  fitExponent,
  fitUpperHalf,
  measuredCrossover,
  upperHalf,
} from '../../../src/core/problems/kernel-attention/fit';
import { flopCrossoverN, linearFlops, softmaxFlops } from '../../../src/core/problems/kernel-attention/flops';
import { crossoversOf, fitsOf, flopModelOf, measuredGrowth } from '../../../src/core/problems/kernel-attention/growth';
import type { SweepPoint } from '../../../src/core/problems/kernel-attention/artifact';

const Ns = [128, 256, 512, 1024, 2048, 4096, 8192];
const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) < eps, `${a} vs ${b}`);

describe('Q3 fits and FLOP model', () => {
  it('fitExponent recovers exact power laws', () => {
    close(fitExponent(Ns.map((N) => ({ N, value: 3e-6 * N ** 2 }))).exponent, 2);
    close(fitExponent(Ns.map((N) => ({ N, value: 7 * N }))).exponent, 1);
    close(fitExponent(Ns.map((N) => ({ N, value: 5 }))).exponent, 0);
    const two = fitExponent([
      { N: 100, value: 1 },
      { N: 400, value: 16 },
    ]);
    close(two.exponent, 2, 1e-12);
    assert.deepEqual([two.nFrom, two.nTo], [100, 400]);
  });

  it('fitExponent refuses fewer than two usable sizes', () => {
    assert.throws(() => fitExponent([{ N: 1, value: 1 }]), RangeError);
    assert.throws(
      () =>
        fitExponent([
          { N: 8, value: 1 },
          { N: 8, value: 2 },
        ]),
      RangeError,
    );
    assert.throws(
      () =>
        fitExponent([
          { N: 8, value: 0 },
          { N: 16, value: Number.NaN },
        ]),
      RangeError,
    );
  });

  it('the upper half ignores the overhead-dominated small N', () => {
    assert.deepEqual(upperHalf(Ns), [1024, 2048, 4096, 8192]);
    assert.deepEqual(upperHalf([128, 256, 512, 1024, 2048]), [512, 1024, 2048]);
    assert.deepEqual(upperHalf([4, 8]), [4, 8]);
    // a constant overhead plus N²: the full range fits well below 2 (1.72), the upper half close to 2 (1.98)
    const samples = Ns.map((N) => ({ N, value: 50_000 + N * N }));
    const upper = fitUpperHalf(samples);
    assert.ok(fitExponent(samples).exponent < upper.exponent - 0.2);
    assert.ok(upper.exponent > 1.9 && upper.exponent < 2, String(upper.exponent));
    assert.deepEqual([upper.nFrom, upper.nTo], [1024, 8192]);
  });

  it('measuredCrossover: the smallest N from which linear is faster and stays faster', () => {
    const softmax = Ns.map((N) => ({ N, value: N * N }));
    assert.equal(
      measuredCrossover(
        softmax,
        Ns.map((N) => ({ N, value: 1000 * N })),
      ),
      1024,
    );
    // faster at 256, slower again at 512: the crossover is where it wins for good
    const noisy = Ns.map((N) => ({ N, value: N === 256 ? 1 : N === 512 ? 1e9 : 600 * N }));
    assert.equal(measuredCrossover(softmax, noisy), 1024);
    assert.equal(
      measuredCrossover(
        softmax,
        Ns.map((N) => ({ N, value: 1e12 })),
      ),
      null,
    );
    assert.equal(
      measuredCrossover(
        softmax,
        Ns.map(() => ({ N: 1, value: 0 })),
      ),
      null,
    );
  });

  it('counts FLOPs: softmax 2N²(D + M) + 4N² + N(D + M), linear 4NFM + 7NF + NM', () => {
    assert.equal(softmaxFlops(1024, 64, 64), 2 * 1024 ** 2 * 128 + 4 * 1024 ** 2 + 1024 * 128);
    assert.equal(linearFlops(1024, 64, 64, 2145), 4 * 1024 * 2145 * 64 + 7 * 1024 * 2145 + 1024 * 64);
    // the homework: the linear form wins once N ≳ D² (≈ 4096 at D = 64 with the (D+1)² φ); ≈ 2k with the compact φ
    assert.equal(flopCrossoverN(64, 64, 2145), 2170);
    assert.equal(flopCrossoverN(64, 64, 65 * 65), 4274);
    assert.equal(flopCrossoverN(16, 16, 153), 160);
    for (const [D, F] of [
      [16, 153],
      [64, 2145],
      [64, 4225],
    ] as const) {
      const n = flopCrossoverN(D, D, F);
      assert.ok(softmaxFlops(n, D, D) >= linearFlops(n, D, D, F));
      assert.ok(softmaxFlops(n - 1, D, D) < linearFlops(n - 1, D, D, F));
    }
  });

  it('fits, crossovers, FLOP model and measured growth from sweep points', () => {
    const points: SweepPoint[] = [];
    for (const implementation of ['student', 'reference'] as const) {
      for (const N of Ns) {
        points.push({ implementation, form: 'softmax', N, D: 16, M: 16, ms: 1e-6 * N * N, bytes: 12 * N * N });
        // equal times at N = 2000: linear is faster from 2048 on
        points.push({ implementation, form: 'linear', N, D: 16, M: 16, ms: 2e-3 * N, bytes: 4 * 153 * N });
      }
    }
    const fits = fitsOf(points);
    assert.equal(fits.length, 8);
    for (const f of fits) {
      close(f.exponent, f.form === 'softmax' ? 2 : 1, 1e-9);
      assert.deepEqual([f.nFrom, f.nTo], [1024, 8192]);
    }
    assert.deepEqual(fitsOf(points, { allN: true }).map((f) => [f.nFrom, f.nTo])[0], [128, 8192]);
    const crossovers = crossoversOf(points, (impl) => (impl === 'reference' ? 153 : 289));
    assert.deepEqual(crossovers, [
      { implementation: 'student', D: 16, measuredN: 2048, flopModelN: flopCrossoverN(16, 16, 289) },
      { implementation: 'reference', D: 16, measuredN: 2048, flopModelN: 160 },
    ]);
    const model = flopModelOf(points, () => 153);
    assert.equal(model.length, Ns.length);
    assert.deepEqual(model[0], {
      N: 128,
      D: 16,
      M: 16,
      softmax: softmaxFlops(128, 16, 16),
      linear: linearFlops(128, 16, 16, 153),
    });
    const growth = measuredGrowth(fits, 'student', 16);
    assert.deepEqual(Object.keys(growth).sort(), ['3c-i-memory', '3c-i-time', '3c-ii-memory', '3c-ii-time']);
    assert.equal(growth['3c-ii-time']!.variable, 'N');
    close(growth['3c-ii-time']!.exponent, 1);
    assert.match(growth['3c-i-memory']!.what, /softmax attention \(memory/);
    assert.deepEqual([growth['3c-i-time']!.from, growth['3c-i-time']!.to], [1024, 8192]);
  });
});
