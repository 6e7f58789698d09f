import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  installTransposedMatMulFix,
  productPlan,
  uninstallTransposedMatMulFix,
} from '../../../src/core/tfjsWasm/matmulFix';
import { withStock as withStockKernel } from '../support/kernelPatch';
import { useTfBackend } from '../support/tf';

// The wasm backend is process-wide and initBackend may already have installed the fix, so each
// comparison switches the kernels explicitly and puts the previous state back afterwards.
const PATCH = { install: installTransposedMatMulFix, uninstall: uninstallTransposedMatMulFix };
const withStock = <T>(f: () => T): T => withStockKernel(PATCH, f);

function withFix<T>(f: () => T): T {
  const installed = installTransposedMatMulFix();
  try {
    return f();
  } finally {
    if (installed) uninstallTransposedMatMulFix();
  }
}

/** Runs f, reads its tensor(s) and frees them (tidy would walk the arrays element by element). */
function read(f: () => tf.Tensor | tf.Tensor[]): Float32Array[] {
  const out = tf.tidy(f);
  const tensors = Array.isArray(out) ? out : [out];
  const values = tensors.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(tensors);
  return values;
}

function assertSameBits(actual: Float32Array[], expected: Float32Array[], what: string): void {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((values, i) => {
    const bytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    assert.ok(bytes(values).equals(bytes(expected[i])), `${what}: output ${i} is not bit-identical`);
  });
}

const U = 2 ** -24; // float32 unit roundoff

/**
 * Each result may be off from the exact sum by about k·u·Σ|a||b| (standard dot-product bound);
 * two roundings of the same product can differ by twice that, never by more.
 */
function assertWithinRounding(
  fixed: Float32Array,
  stock: Float32Array,
  magnitudes: Float32Array,
  k: number,
  what: string,
): void {
  for (let i = 0; i < fixed.length; i++) {
    const bound = 2 * k * U * magnitudes[i];
    assert.ok(
      Math.abs(fixed[i] - stock[i]) <= bound,
      `${what}: element ${i} differs by ${Math.abs(fixed[i] - stock[i])} > ${bound}`,
    );
  }
}

interface Case {
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

/** Random shapes: rank 2 and batch-1 rank 3, square and rectangular, every flag combination. */
function randomCases(rng: () => number, maxShared: number, count: number): Case[] {
  const dim = (max: number) => 1 + Math.floor(rng() * max);
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const [m, k, n] = i % 4 === 0 ? Array(3).fill(dim(40)) : [dim(70), dim(maxShared), dim(70)];
    const transposeA = i % 3 !== 1;
    const transposeB = i % 3 !== 0;
    const batch = i % 2 === 0 ? [] : [1];
    cases.push({
      a: [...batch, ...(transposeA ? [k, m] : [m, k])],
      b: [...batch, ...(transposeB ? [n, k] : [k, n])],
      transposeA,
      transposeB,
    });
  }
  return cases;
}

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The operand the kernel should see: t with its last two dims swapped when the flag is set. */
function explicit(t: tf.Tensor, transposed: boolean): tf.Tensor {
  if (!transposed) return t;
  const perm = t.shape.map((_, i) => i);
  perm.push(...perm.splice(-2).reverse());
  return tf.transpose(t, perm);
}

const describeCase = (c: Case) => `a[${c.a}]${c.transposeA ? 'ᵀ' : ''} · b[${c.b}]${c.transposeB ? 'ᵀ' : ''}`;

describe('transposed matmul fix for tfjs-wasm', function () {
  this.timeout(60_000);
  const rng = mulberry32(20261126);
  let seed = 1;
  const random = (shape: number[]) => tf.randomUniform(shape, -1, 1, 'float32', seed++);

  before(async () => {
    await useTfBackend();
    assert.equal(tf.getBackend(), 'wasm');
  });

  it('is installed by initBackend on wasm', () => {
    const removed = uninstallTransposedMatMulFix();
    if (removed) installTransposedMatMulFix();
    assert.equal(removed, true);
  });

  it('installs once, uninstalls once, and keeps the stock kernel set-up', () => {
    withStock(() => {
      const names = ['BatchMatMul', '_FusedMatMul'];
      const stock = names.map((name) => tf.getKernel(name, 'wasm'));
      assert.equal(installTransposedMatMulFix(), true);
      assert.equal(installTransposedMatMulFix(), false);
      names.forEach((name, i) => {
        const fixed = tf.getKernel(name, 'wasm');
        assert.notEqual(fixed?.kernelFunc, stock[i]?.kernelFunc, name);
        assert.equal(fixed?.setupFunc, stock[i]?.setupFunc, name);
      });
      assert.equal(uninstallTransposedMatMulFix(), true);
      assert.equal(uninstallTransposedMatMulFix(), false);
      names.forEach((name, i) => assert.equal(tf.getKernel(name, 'wasm')?.kernelFunc, stock[i]?.kernelFunc, name));
    });
  });

  it('is bit-identical to the stock kernel on explicitly transposed operands', () => {
    for (const c of [...randomCases(rng, 40, 12), ...randomCases(rng, 300, 12)]) {
      const [a, b] = [random(c.a), random(c.b)];
      const fixed = withFix(() => read(() => tf.matMul(a, b, c.transposeA, c.transposeB)));
      const stock = withStock(() => read(() => tf.matMul(explicit(a, c.transposeA), explicit(b, c.transposeB))));
      assertSameBits(fixed, stock, describeCase(c));
      tf.dispose([a, b]);
    }
  });

  it('computes op(A)·op(B) as (op(B)ᵀ·op(A)ᵀ)ᵀ when that copies less, bit-identical to the stock kernel on explicit operands', () => {
    // A dense layer's input gradient dy·Wᵀ (784 × 1000 weights, batch 128) and other lopsided shapes.
    const cases: Case[] = [
      { a: [128, 784], b: [1000, 784], transposeA: false, transposeB: true },
      { a: [128, 1000], b: [1000, 1000], transposeA: false, transposeB: true },
      { a: [1, 16, 300], b: [1, 500, 300], transposeA: false, transposeB: true },
      { a: [300, 500], b: [300, 16], transposeA: true, transposeB: false },
      { a: [300, 400], b: [20, 300], transposeA: true, transposeB: true },
      // A forward pass x·W on weights the optimiser just replaced: packing W would cost more.
      { a: [128, 784], b: [784, 1000], transposeA: false, transposeB: false },
      { a: [1, 64, 300], b: [1, 300, 500], transposeA: false, transposeB: false },
    ];
    for (const c of cases) {
      const [a, b] = [random(c.a), random(c.b)];
      const fixed = withFix(() => read(() => tf.matMul(a, b, c.transposeA, c.transposeB)));
      const stock = withStock(() => read(() => tf.matMul(explicit(a, c.transposeA), explicit(b, c.transposeB))));
      assertSameBits(fixed, stock, describeCase(c));
      tf.dispose([a, b]);
    }
  });

  it('plans the swap by the floats copied and packed, and keeps a right operand XNNPACK has packed', () => {
    const operand = (shape: number[], transposed = false, packed = false) => ({ shape, transposed, packed });
    // x·W, W new: transposing W, packing the batch-sized xᵀ and transposing back beats packing W…
    assert.equal(productPlan(operand([128, 784]), operand([784, 1000])), 'swapped');
    // …not once W is packed (evaluation batches after the first), nor for a batch as large as W.
    assert.equal(productPlan(operand([128, 784]), operand([784, 1000], false, true)), 'direct');
    assert.equal(productPlan(operand([1000, 784]), operand([784, 1000])), 'direct');
    // Backward products of a dense layer: dy·Wᵀ swaps, xᵀ·dy stays direct (its product is W-sized).
    assert.equal(productPlan(operand([128, 784]), operand([1000, 784], true)), 'swapped');
    assert.equal(productPlan(operand([128, 1000], true), operand([128, 784])), 'direct');
    // A small right operand is cheaper to pack than anything the swap would copy.
    assert.equal(productPlan(operand([128, 1000]), operand([1000, 10])), 'direct');
  });

  it('packs a right operand once: a reused weight matrix takes the direct, cached path bit for bit', () => {
    const [x, w] = [random([128, 784]), random([784, 1000])];
    const first = withFix(() => read(() => tf.matMul(x, w)));
    const again = withFix(() => read(() => tf.matMul(x, w)));
    const stock = withStock(() => read(() => tf.matMul(x, w)));
    assertSameBits(first, stock, 'first product (swapped)');
    assertSameBits(again, stock, 'second product (direct)');
    tf.dispose([x, w]);
  });

  it('is bit-identical to the stock transposed path while the shared dim fits one 48-wide block', () => {
    // Stock sums k in blocks of 48, XNNPACK in one run: the same additions when k ≤ 49.
    for (const c of randomCases(rng, 49, 16)) {
      const [a, b] = [random(c.a), random(c.b)];
      const run = () => read(() => tf.matMul(a, b, c.transposeA, c.transposeB));
      assertSameBits(withFix(run), withStock(run), describeCase(c));
      tf.dispose([a, b]);
    }
  });

  it('differs from the stock transposed path only by float rounding for longer shared dims', () => {
    for (const c of randomCases(rng, 800, 8)) {
      const [a, b] = [random(c.a), random(c.b)];
      const k = c.transposeA ? c.a[c.a.length - 2] : c.a[c.a.length - 1];
      const run = () => read(() => tf.matMul(a, b, c.transposeA, c.transposeB));
      const [magnitudes] = read(() => tf.matMul(tf.abs(a), tf.abs(b), c.transposeA, c.transposeB));
      assertWithinRounding(withFix(run)[0], withStock(run)[0], magnitudes, k, describeCase(c));
      tf.dispose([a, b]);
    }
  });

  it('leaves batched products (batch > 1) to the stock kernel, bit for bit', () => {
    for (const [transposeA, transposeB] of [
      [true, false],
      [false, true],
      [true, true],
    ]) {
      const a = random(transposeA ? [3, 90, 20] : [3, 20, 90]);
      const b = random(transposeB ? [3, 30, 90] : [3, 90, 30]);
      const run = () => read(() => tf.matMul(a, b, transposeA, transposeB));
      assertSameBits(withFix(run), withStock(run), `batched tA=${transposeA} tB=${transposeB}`);
      tf.dispose([a, b]);
    }
  });

  it('fused matMul with bias and relu equals the stock fused kernel on transposed operands', () => {
    for (const [transposeA, transposeB] of [
      [true, false],
      [false, true],
      [true, true],
    ]) {
      const [m, k, n] = [37, 200, 53];
      const a = random(transposeA ? [k, m] : [m, k]);
      const b = random(transposeB ? [n, k] : [k, n]);
      const bias = random([n]);
      const fixed = withFix(() =>
        read(() => tf.fused.matMul({ a, b, transposeA, transposeB, bias, activation: 'relu' })),
      );
      const stock = withStock(() =>
        read(() =>
          tf.fused.matMul({ a: explicit(a, transposeA), b: explicit(b, transposeB), bias, activation: 'relu' }),
        ),
      );
      assertSameBits(fixed, stock, `fused tA=${transposeA} tB=${transposeB}`);
      // And it means relu(a·b + bias): the unfused ops agree up to rounding.
      const [unfused] = read(() => tf.relu(tf.add(tf.matMul(a, b, transposeA, transposeB), bias)));
      const [magnitudes] = read(() => tf.add(tf.matMul(tf.abs(a), tf.abs(b), transposeA, transposeB), tf.abs(bias)));
      assertWithinRounding(fixed[0], unfused, magnitudes, k + 1, `fused tA=${transposeA} tB=${transposeB} vs unfused`);
      tf.dispose([a, b, bias]);
    }
  });

  it('keeps gradients through matMul identical', () => {
    // Shared dims of the forward and both backward products stay ≤ 48, where stock is exact too.
    for (const [transposeA, transposeB] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ]) {
      const [m, k, n] = [31, 44, 23];
      const a = random(transposeA ? [k, m] : [m, k]);
      const b = random(transposeB ? [n, k] : [k, n]);
      const weights = random([m, n]);
      const grads = () =>
        read(() =>
          tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y, transposeA, transposeB), weights)))([
            a,
            b,
          ]),
        );
      const fixed = withFix(grads);
      assert.deepEqual(
        fixed.map((g) => g.length),
        [a.size, b.size],
      );
      assertSameBits(fixed, withStock(grads), `grads tA=${transposeA} tB=${transposeB}`);
      tf.dispose([a, b, weights]);
    }
  });

  it('leaks no tensors, bytes or wasm buffers over repeated calls', () => {
    withFix(() => {
      const a = random([1, 120, 70]);
      const b = random([1, 120, 90]);
      const bias = random([90]);
      const step = () =>
        tf.tidy(() => {
          tf.matMul(a, b, true, false);
          tf.matMul(b, a, true, false);
          tf.matMul(a, a, false, true);
          tf.matMul(a, b.reshape([90, 120]), true, true);
          tf.fused.matMul({ a, b, transposeA: true, bias, activation: 'relu' });
          tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x, y, true, false)))([a, b]);
        });
      step();
      const before = { ...tf.memory(), backendBuffers: tf.backend().numDataIds() };
      for (let i = 0; i < 25; i++) step();
      assert.equal(tf.memory().numTensors, before.numTensors);
      assert.equal(tf.memory().numBytes, before.numBytes);
      // The transposed copies never become tensors: only the backend's own count sees them leak.
      assert.equal(tf.backend().numDataIds(), before.backendBuffers);
      tf.dispose([a, b, bias]);
    });
  });

  it('trains a dense network to the same losses with and without the fix', async () => {
    const train = async (batch: number, optimizer: () => tf.Optimizer): Promise<number[]> => {
      const x = random([batch, 96]);
      const y = random([batch, 32]);
      const model = tf.sequential({
        layers: [
          tf.layers.dense({
            units: 80,
            inputShape: [96],
            activation: 'relu',
            kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
          }),
          tf.layers.dense({ units: 32, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
        ],
      });
      model.compile({ optimizer: optimizer(), loss: 'meanSquaredError' });
      const losses: number[] = [];
      for (let step = 0; step < 5; step++) losses.push((await model.trainOnBatch(x, y)) as number);
      model.optimizer.dispose();
      model.dispose();
      tf.dispose([x, y]);
      return losses;
    };
    const compare = async (batch: number, optimizer: () => tf.Optimizer) => {
      const seedBefore = seed;
      const removed = uninstallTransposedMatMulFix();
      const stock = await train(batch, optimizer).finally(() => removed && installTransposedMatMulFix());
      seed = seedBefore; // the same data for both runs
      const installed = installTransposedMatMulFix();
      const fixed = await train(batch, optimizer).finally(() => installed && uninstallTransposedMatMulFix());
      assert.ok(stock[4] < stock[0], 'training lowers the loss');
      return { stock: Float32Array.from(stock), fixed: Float32Array.from(fixed) };
    };
    for (const [name, optimizer] of [
      ['adam', () => tf.train.adam(0.01)],
      ['sgd', () => tf.train.sgd(0.1)],
    ] as const) {
      // Batch 40: every backward product sums ≤ 48 terms, where both paths add in the same order.
      const small = await compare(40, optimizer);
      assertSameBits([small.fixed], [small.stock], `${name} batch 40 losses ${small.fixed} vs ${small.stock}`);
      // Batch 100: the weight gradients sum 100 terms, in 48-blocks (stock) or one run (fixed);
      // the losses then agree to float rounding only.
      const large = await compare(100, optimizer);
      large.fixed.forEach((loss, i) =>
        assert.ok(
          Math.abs(loss - large.stock[i]) <= 1e-5 * large.stock[i],
          `${name} batch 100 step ${i}: ${loss} vs ${large.stock[i]}`,
        ),
      );
    }
  });
});
