// The gradient comparisons of Q1. The student's layers are float32 (tfjs), so their gradients are
// compared with the float64 ground truth (float64Gcn.ts) at a float32-calibrated tolerance: a correct
// backward agrees to ~1e-6, a missing (1 − H²) or 1/N is off by 1e-3 … 1 (test/unit/zkc/checks.test.ts
// proves a wrong backward fails). Beside it, the float64 central-difference check of the ground truth
// itself, which passes the homework's 1e-7.
import * as tf from '@tensorflow/tfjs';
import type { ZkcData } from '../../helpers';
import { callStudent } from '../../problem';
import { createRng } from '../../engine/rng';
import { zkcData } from './dataset';
import { gcnBackward, gradientCheck, initGcnParams, networkCost, networkGradients, paramArrays, type GcnGradients } from './float64Gcn';
import { MARKERS } from './meta';
import type { ZkcSolution } from './solution';
import { expectTensor, field, paramTensors, relativeError, scoped, tensorOf, valuesOf } from './tensors';
import type { ZkcGradCheckRow } from './artifact';
import { matMul, matrix, type Matrix } from './matrix';

/** Float32 gradients agree with float64 to ~1e-6; wrong formulas are off by ≥ 1e-3. */
export const FLOAT32_TOLERANCE = 1e-4;
/** The homework's float64 central-difference threshold. */
export const FLOAT64_TOLERANCE = 1e-7;
export const LAMBDA = 2.5e-2;
export const PARAMETERS = ['w1', 'w2', 'w3', 'b3'] as const;
export type ParameterName = (typeof PARAMETERS)[number];

export interface NetworkComparison {
  /** The solution's networkPass gradients vs the float64 backward, per parameter. */
  vsFloat64: Record<ParameterName, number>;
  /** The float64 backward vs float64 central differences (ε = 1e-4), per parameter. */
  centralDifferences: Record<ParameterName, number>;
  /** Largest |P − P₆₄| and |embedding − embedding₆₄|. */
  probsError: number;
  embeddingError: number;
}

/** The float64 data and seeded parameters every Q1 comparison uses (mask: all nodes). */
export function comparisonSetup(seed: number) {
  const data = zkcData({ weighted: true, maskMode: 'all-nodes' });
  const params = initGcnParams(createRng(seed));
  return { data, params, truth: networkGradients(params, data, LAMBDA) };
}

/** The float64 ground truth's own central-difference check. */
export function groundTruthGradCheck(seed: number): Record<ParameterName, number> {
  const { data, params, truth } = comparisonSetup(seed);
  return gradientCheck(paramArrays(params), () => networkCost(params, data, LAMBDA), paramArrays64(truth.grads)) as Record<ParameterName, number>;
}

const paramArrays64 = (g: GcnGradients): Record<string, Float64Array> => ({ w1: g.w1, w2: g.w2, w3: g.w3, b3: g.b3 });

/** Runs the solution's networkPass at the seeded parameters (float64 Â, X, Y) and compares it with the ground truth. */
export function compareNetwork(solution: ZkcSolution, seed: number): NetworkComparison {
  const { data, params, truth } = comparisonSetup(seed);
  const nodes = data.labels.length;
  const measured = scoped(() => {
    const tfData: ZkcData = { aHat: tensorOf(data.aHat), x: tensorOf(data.x), y: tensorOf(data.y), mask: tf.tensor1d(Float32Array.from(data.mask)), n: nodes, lambda: LAMBDA };
    const tfParams = paramTensors(params);
    const what = 'networkPass(params, data)';
    const m = MARKERS.network;
    const pass = callStudent(m, () => solution.networkPass(tfParams, tfData));
    const grads = field(pass, 'grads', what, m);
    return {
      probs: valuesOf(expectTensor(field(pass, 'probs', what, m), [nodes, 2], `${what}.probs`, m)),
      embedding: valuesOf(expectTensor(field(pass, 'embedding', what, m), [nodes, 2], `${what}.embedding`, m)),
      grads: Object.fromEntries(
        PARAMETERS.map((k) => [k, valuesOf(expectTensor(field(grads, k, `${what}.grads`, m), tfParams[k].shape, `${what}.grads.${k}`, m))]),
      ) as Record<ParameterName, Float64Array>,
    };
  });
  const maxDiff = (a: Float64Array, b: Float64Array): number => a.reduce((mx, x, i) => Math.max(mx, Math.abs(x - b[i]!)), 0);
  return {
    vsFloat64: Object.fromEntries(PARAMETERS.map((k) => [k, relativeError(measured.grads[k], truth.grads[k])])) as Record<ParameterName, number>,
    centralDifferences: groundTruthGradCheck(seed),
    probsError: maxDiff(measured.probs, truth.forward.p.data),
    embeddingError: maxDiff(measured.embedding, truth.forward.l2.h.data),
  };
}

export function gradCheckRows(c: NetworkComparison): ZkcGradCheckRow[] {
  return [
    ...PARAMETERS.map((k) => ({ parameter: `${k}: your backward vs float64 (float32)`, relativeError: c.vsFloat64[k], tolerance: FLOAT32_TOLERANCE, ok: c.vsFloat64[k] < FLOAT32_TOLERANCE })),
    ...PARAMETERS.map((k) => ({ parameter: `${k}: float64 central differences`, relativeError: c.centralDifferences[k], tolerance: FLOAT64_TOLERANCE, ok: c.centralDifferences[k] < FLOAT64_TOLERANCE })),
  ];
}

export interface LayerComparison {
  /** Student's dW and gIn vs float64 gcnBackward. */
  dWvsFloat64: number;
  gInVsFloat64: number;
  /** Student's dW and gIn vs tf.grad of the student's own gcnForward. */
  dWvsAutodiff: number;
  gInVsAutodiff: number;
}

/**
 * Both GCN layers' backward at the seeded parameters, each with its real upstream gradient (what the
 * layer above passes down in the float64 network); the larger error of the two layers is reported.
 */
export function compareGcnBackward(solution: ZkcSolution, seed: number): LayerComparison {
  const { data, params, truth } = comparisonSetup(seed);
  const nodes = data.labels.length;
  const { l1, l2, p } = truth.forward;
  // Layer 2's upstream is what the softmax layer passes down, (P − Y)·W3 (all nodes in the mask).
  const dL = matrix(nodes, 2, p.data.map((x, k) => x - data.y.data[k]!));
  const upstream2 = matMul(dL, params.w3);
  const expected2 = gcnBackward(data.aHat, l2, params.w2, upstream2, nodes, LAMBDA);
  const expected1 = gcnBackward(data.aHat, l1, params.w1, expected2.gIn, nodes, LAMBDA);
  const layers = [
    { hIn: data.x, forward: l1, w: params.w1, g: expected2.gIn, expected: expected1 },
    { hIn: l1.h, forward: l2, w: params.w2, g: upstream2, expected: expected2 },
  ];
  const worst: LayerComparison = { dWvsFloat64: 0, gInVsFloat64: 0, dWvsAutodiff: 0, gInVsAutodiff: 0 };
  for (const layer of layers) {
    const c = compareLayer(solution, data.aHat, layer.hIn, layer.forward.h, layer.w, layer.g, nodes);
    const e = layer.expected;
    const errors: LayerComparison = {
      dWvsFloat64: relativeError(c.dW, e.dW.data),
      gInVsFloat64: relativeError(c.gIn, e.gIn.data),
      dWvsAutodiff: relativeError(c.dW, c.autoDW),
      gInVsAutodiff: relativeError(c.gIn, c.autoGIn),
    };
    for (const k of Object.keys(worst) as (keyof LayerComparison)[]) worst[k] = Math.max(worst[k], errors[k]); // NaN propagates: it fails
  }
  return worst;
}

function compareLayer(solution: ZkcSolution, aHat64: Matrix, hIn64: Matrix, h64: Matrix, w64: Matrix, g64: Matrix, nodes: number) {
  const m = MARKERS.gcnBackward;
  const what = 'gcnBackward(aHat, hIn, h, w, g, n, lambda)';
  return scoped(() => {
    const aHat = tensorOf(aHat64), hIn = tensorOf(hIn64), w = tensorOf(w64), g = tensorOf(g64);
    const out = callStudent(m, () => solution.gcnBackward(aHat, hIn, tensorOf(h64), w, g, nodes, LAMBDA));
    const dW = valuesOf(expectTensor(field(out, 'dW', what, m), [w64.rows, w64.cols], `${what}.dW`, m));
    const gIn = valuesOf(expectTensor(field(out, 'gIn', what, m), [nodes, w64.cols], `${what}.gIn`, m));
    // Autodiff of f(W, H_in) = Σ g ⊙ gcnForward(Â, H_in, W) + λ/2 ‖W‖²: ∂f/∂W = N·dW, ∂f/∂H_in = gIn.
    const f = (wv: tf.Tensor, hv: tf.Tensor): tf.Scalar => {
      const h = callStudent(MARKERS.gcnForward, () => solution.gcnForward(aHat, hv as tf.Tensor2D, wv as tf.Tensor2D));
      expectTensor(h, [nodes, w64.rows], 'gcnForward(aHat, hIn, w)', MARKERS.gcnForward);
      return tf.add(tf.sum(tf.mul(g, h)), tf.mul(LAMBDA / 2, tf.sum(tf.square(wv))));
    };
    const [gw, gh] = tf.grads(f)([w, hIn]);
    return { dW, gIn, autoDW: valuesOf(tf.div(gw!, nodes)), autoGIn: valuesOf(gh!) };
  });
}
