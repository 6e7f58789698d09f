import assert from 'node:assert/strict';
import { createRng } from '../../../src/core/engine/rng';
import {
  float64Layers,
  gcnBackward,
  gradientCheck,
  initGcnParams,
  networkCost,
  networkGradients,
  paramArrays,
  softmaxBackward,
  softmaxForward,
  type GcnLayers,
  type MaskMode,
} from '../../../src/core/problems/zkc/float64Gcn';
import { matrix } from '../../../src/core/problems/zkc/matrix';
import { zkcData } from '../../../src/core/problems/zkc/dataset';

const lambda = 2.5e-2;
const maskModes: MaskMode[] = ['all-nodes', 'train-only'];

/** Gradient-check errors of `layers` on the weighted karate graph, X = I, seeded init. */
function checkErrors(
  maskMode: MaskMode,
  layers: GcnLayers = float64Layers,
  seed = 100,
  weighted = true,
): Record<string, number> {
  const data = zkcData({ weighted, maskMode });
  const params = initGcnParams(createRng(seed));
  const { grads } = networkGradients(params, data, lambda, layers);
  return gradientCheck(paramArrays(params), () => networkCost(params, data, lambda), { ...grads });
}

describe('gradientCheck (central differences)', () => {
  const theta = Float64Array.from([0.3, -1.2, 2]);
  const cost = (): number => theta.reduce((s, x) => s + x ** 3, 0);

  it('accepts the exact gradient of Σθ³ (3θ²) at ~1e-9 and leaves θ unchanged', () => {
    const errors = gradientCheck({ theta }, cost, { theta: theta.map((x) => 3 * x * x) });
    assert.ok(errors.theta < 1e-8, `${errors.theta}`);
    assert.deepEqual([...theta], [0.3, -1.2, 2]);
  });

  it('rejects a wrong one (2θ²) with an error near 1/5', () => {
    const errors = gradientCheck({ theta }, cost, { theta: theta.map((x) => 2 * x * x) });
    assert.ok(Math.abs(errors.theta - 0.2) < 1e-6, `${errors.theta}`);
  });
});

describe('float64 GCN network', () => {
  it('outputs probabilities, and with W3 = 0, b = 0 costs exactly ln 2 + λ/(2N)(‖W1‖² + ‖W2‖²)', () => {
    for (const maskMode of maskModes) {
      const data = zkcData({ weighted: true, maskMode });
      const params = initGcnParams(createRng(5));
      const p = networkGradients(params, data, lambda).forward.p;
      for (let i = 0; i < p.rows; i++) assert.ok(Math.abs(p.data[2 * i] + p.data[2 * i + 1] - 1) < 1e-15);
      params.w3.data.fill(0);
      const n = maskMode === 'all-nodes' ? 34 : 24;
      const squares = [...params.w1.data, ...params.w2.data].reduce((s, x) => s + x * x, 0);
      const expected = Math.log(2) + (lambda / (2 * n)) * squares;
      assert.ok(Math.abs(networkCost(params, data, lambda) - expected) < 1e-14, maskMode);
    }
  });

  it('draws weights uniform(−a, a), a = √(5/(in+out)), reproducibly from the seed', () => {
    const params = initGcnParams(createRng(100));
    const again = initGcnParams(createRng(100));
    assert.deepEqual(params, again);
    assert.notDeepEqual(params, initGcnParams(createRng(101)));
    for (const [w, a] of [
      [params.w1, Math.sqrt(5 / 50)],
      [params.w2, Math.sqrt(5 / 18)],
      [params.w3, Math.sqrt(5 / 4)],
    ] as const) {
      assert.ok(w.data.every((x) => Math.abs(x) < a));
    }
    // 544 draws of W1 fill (−a, a): extremes near ±a, mean near 0.
    const a1 = Math.sqrt(5 / 50);
    assert.ok(Math.min(...params.w1.data) < -0.95 * a1 && Math.max(...params.w1.data) > 0.95 * a1);
    assert.ok(Math.abs(params.w1.data.reduce((s, x) => s + x, 0) / 544) < 0.05 * a1);
    assert.deepEqual(
      [params.w1.rows, params.w1.cols, params.w2.rows, params.w2.cols, params.w3.rows, params.w3.cols],
      [16, 34, 2, 16, 2, 2],
    );
  });

  for (const maskMode of maskModes) {
    it(`passes the gradient check below 1e-7 (mask ${maskMode}), weighted and binary, several seeds`, () => {
      for (const weighted of [true, false]) {
        for (const seed of [100, 1, 2]) {
          const errors = checkErrors(maskMode, float64Layers, seed, weighted);
          for (const [name, error] of Object.entries(errors)) {
            assert.ok(error < 1e-7, `${maskMode} weighted=${weighted} seed ${seed}: ${name} error ${error}`);
          }
        }
      }
    });
  }

  it('fails it by orders of magnitude with a GCN backward that forgets (1 − H²)', () => {
    const noTanhDerivative: GcnLayers = {
      ...float64Layers,
      gcnBackward: (aHat, forward, w, g, n, l) =>
        gcnBackward(aHat, { ...forward, h: matrix(forward.h.rows, forward.h.cols) }, w, g, n, l),
    };
    for (const maskMode of maskModes) {
      const errors = checkErrors(maskMode, noTanhDerivative);
      assert.ok(errors.w1 > 1e-3 && errors.w2 > 1e-3, `${maskMode}: ${JSON.stringify(errors)}`);
      assert.ok(errors.w3 < 1e-7 && errors.b3 < 1e-7, 'the output layer is still right');
    }
  });

  it('fails it with an output layer that forgets the 1/N, and only in that layer', () => {
    const noMean: GcnLayers = {
      ...float64Layers,
      softmaxBackward: (p, y, mask, h, w, _n, l) => softmaxBackward(p, y, mask, h, w, 1, l),
    };
    for (const maskMode of maskModes) {
      const errors = checkErrors(maskMode, noMean);
      // dW and db are N times too large: error (N − 1)/(N + 1) ≈ 0.9; what it passes down has no 1/N.
      assert.ok(errors.w3 > 0.9 && errors.b3 > 0.9, `${maskMode}: ${JSON.stringify(errors)}`);
      assert.ok(errors.w1 < 1e-7 && errors.w2 < 1e-7, `${maskMode}: ${JSON.stringify(errors)}`);
    }
  });

  it('fails it in train-only mode when the output layer ignores the mask', () => {
    const noMask: GcnLayers = {
      ...float64Layers,
      softmaxBackward: (p, y, mask, h, w, n, l) =>
        softmaxBackward(
          p,
          y,
          mask.map(() => 1),
          h,
          w,
          n,
          l,
        ),
    };
    const errors = checkErrors('train-only', noMask);
    for (const [name, error] of Object.entries(errors)) assert.ok(error > 1e-3, `${name} error ${error}`);
  });

  it('softmax is stable for large logits', () => {
    const p = softmaxForward(
      matrix(1, 2, Float64Array.from([1000, -1000])),
      matrix(2, 2, Float64Array.from([1, 0, 0, 1])),
      new Float64Array(2),
    );
    assert.deepEqual([...p.data], [1, 0]);
  });
});
