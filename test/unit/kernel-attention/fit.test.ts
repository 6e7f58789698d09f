// Exponent fits, crossovers and the FLOP model on synthetic data with known answers.
import assert from 'node:assert/strict';
import {
  fitExponent,
  fitTime,
  fitUpperHalf,
  measuredCrossover,
  upperHalf,
  type TimedSample,
} from '../../../src/core/problems/kernel-attention/fit';
import { checkAnswers } from '../../../src/core/answers';
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
    // memory over every N with allN; time where it shows (no fixed cost known here: the upper half)
    const allN = fitsOf(points, { allN: true });
    assert.deepEqual(
      [allN.find((f) => f.cost === 'bytes')!.nFrom, allN.find((f) => f.cost === 'bytes')!.nTo],
      [128, 8192],
    );
    assert.deepEqual([allN.find((f) => f.cost === 'ms')!.nFrom, allN.find((f) => f.cost === 'ms')!.nTo], [1024, 8192]);
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
    // the linear form's further sizes (past the softmax form's) count for its time, not its memory:
    // a solution that switches to blocks there changes its memory, not its growth over the sweep
    const further: SweepPoint = { ...points[1]!, N: 32768, ms: 2e-3 * 32768, bytes: 1000 };
    const withFurther = fitsOf([...points, further]).find(
      (f) => f.implementation === 'student' && f.form === 'linear' && f.cost === 'bytes',
    )!;
    close(withFurther.exponent, 1, 1e-9);
    assert.equal(withFurther.nTo, 8192);
    const growth = measuredGrowth(fits, 'student', 16);
    assert.deepEqual(Object.keys(growth).sort(), ['3c-i-memory', '3c-i-time', '3c-ii-memory', '3c-ii-time']);
    assert.equal(growth['3c-ii-time']!.variable, 'N');
    close(growth['3c-ii-time']!.exponent, 1);
    assert.match(growth['3c-i-memory']!.what, /softmax attention \(memory/);
    assert.deepEqual([growth['3c-i-time']!.from, growth['3c-i-time']!.to], [1024, 8192]);
  });

  // --- time: an injected timing source (fixtures of times, no clock) ------------------------------

  const LONG = [128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768];
  /** Three repeats per N: the median `value` and the calls around it (±2 %, a different order each N). */
  const timed = (N: number, t: number, k: number): TimedSample => {
    const runs = [t * 0.98, t, t * 1.02];
    return { N, value: t, runs: k % 2 ? runs.reverse() : runs };
  };
  /** 20 ms of fixed cost per call, then 0.05 ms per row: overhead-bound below N ≈ 1000. */
  const overheadThenLinear = LONG.map((N, k) => timed(N, 20 + 0.05 * N, k));

  it('fitTime: overhead-dominated small N are dropped; the linear part gives slope ≈ 1, with its quality', () => {
    // fitted as it is, the overhead flattens the slope (0.77 over every N)
    assert.ok(fitExponent(overheadThenLinear).exponent < 0.8, String(fitExponent(overheadThenLinear).exponent));
    const fit = fitTime(overheadThenLinear, 20);
    assert.equal(fit.unmeasurable, undefined, fit.unmeasurable);
    close(fit.exponent, 1, 0.02);
    // only the sizes over 4× the fixed cost (80 ms): N ≥ 2048
    assert.deepEqual([fit.nFrom, fit.nTo], [2048, 32768]);
    assert.ok(fit.r2 > 0.999, String(fit.r2));
    assert.ok(fit.spread !== undefined && fit.spread < 0.05, String(fit.spread));
    assert.equal(fit.floorMs, 20);
    // a fixed cost measured during a burst of load (higher than some whole calls) counts as the fastest call
    const burst = fitTime(overheadThenLinear, 500);
    close(burst.floorMs, (20 + 0.05 * 128) * 0.98);
    close(burst.exponent, 1, 0.03);
    // the same series with N² on top of the overhead: slope ≈ 2
    const quadratic = fitTime(
      LONG.map((N, k) => timed(N, 20 + 1e-5 * N * N, k)),
      20,
    );
    close(quadratic.exponent, 2, 0.02);
  });

  it('fitTime: noisy timings, too few sizes above the overhead or a slope ≤ 0 are "not measurable"', () => {
    // a busy machine: medians that follow no power of N
    const busy = [40, 300, 90, 700, 150, 260, 900, 210, 400];
    const noisy = fitTime(
      LONG.map((N, k) => timed(N, busy[k]!, k)),
      5,
    );
    assert.match(noisy.unmeasurable ?? '', /follow no single power of N \(fit R² 0\.\d\d\)/);
    // clean medians (0.1 N), but repeats that disagree: one pass grows like N^0.2, another like N^1.8
    const disagree = fitTime(
      LONG.slice(3).map((N) => {
        const v = 0.1 * N;
        return { N, value: v, runs: [v, v * (N / 1024) ** -0.8, v * (N / 1024) ** 0.8] };
      }),
      1,
    );
    assert.match(disagree.unmeasurable ?? '', /the repeated calls disagree \(their slopes differ by \d\.\d\d\)/);
    // only the two largest sizes rise over 4× the fixed cost
    const short = fitTime(
      [512, 1024, 2048, 4096].map((N, k) => timed(N, 20 + 0.02 * N, k)),
      20,
    );
    assert.match(
      short.unmeasurable ?? '',
      /only N = 4096 took more than 4× the fixed cost of a call \(20 ms\): the time is mostly overhead/,
    );
    // the quick sweep's old negative slopes: faster at larger N
    const falling = fitTime(
      [1024, 2048, 4096, 8192].map((N, k) => timed(N, 400 / Math.sqrt(N) + 50, k)),
      1,
    );
    assert.match(falling.unmeasurable ?? '', /the time does not grow with N/);
  });

  it('a time fit that measures nothing reaches the 3c answers as "not measurable here", never a slope or a failure', () => {
    const point = (N: number, ms: number, runs: number[]): SweepPoint => ({
      implementation: 'student',
      form: 'linear',
      N,
      D: 16,
      M: 16,
      ms,
      bytes: 4 * 153 * N,
      runs,
      floorMs: 2,
    });
    const falling = [
      point(1024, 60, [60, 61, 58]),
      point(2048, 40, [41, 40, 39]),
      point(4096, 35, [36, 35, 34]),
      point(8192, 30, [30, 31, 29]),
    ];
    const fits = fitsOf(falling);
    const time = fits.find((f) => f.cost === 'ms')!;
    assert.ok(time.exponent < 0, String(time.exponent));
    assert.match(time.unmeasurable ?? '', /does not grow with N/);
    const measured = measuredGrowth(fits, 'student', 16);
    const text = ['## 3c-ii-time', '', 'Answer: O(N D^2 M)', ''].join('\n');
    const [finding] = checkAnswers({ file: 'answers.md', text }, ['3c-ii-time'], { measured });
    assert.ok(finding!.ok, finding!.message);
    assert.match(finding!.message, /The growth of your linear attention \(time, D = 16\) is not measurable here: /);
    assert.doesNotMatch(finding!.message, /-\d|N\^|Far from|wrong|✗/);
    // and a clean linear series is quoted with its fit's quality
    const clean = LONG.map((N, k) => {
      const { value, runs } = timed(N, 2 + 0.01 * N, k);
      return point(N, value, [...runs!]);
    });
    const [ok] = checkAnswers({ file: 'answers.md', text }, ['3c-ii-time'], {
      measured: measuredGrowth(fitsOf(clean), 'student', 16),
    });
    assert.match(ok!.message, /measured N\^(0\.9[89]|1\.0[01]) between N = 1024 and 32768 \(fit R² 1\.00\)\.$/);
  });
});
