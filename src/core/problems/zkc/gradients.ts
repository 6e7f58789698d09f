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
import { matrix } from './matrix';

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

/** The second GCN layer's backward at the seeded parameters, with the network's real upstream gradient. */
export function compareGcnBackward(solution: ZkcSolution, seed: number): LayerComparison {
  const { data, params, truth } = comparisonSetup(seed);
  const nodes = data.labels.length;
  const { l1, l2 } = truth.forward;
  // The upstream gradient of layer 2 is what the softmax layer passes down.
  const p = truth.forward.p.data;
  const upstream = new Float64Array(nodes * 2);
  const w3 = params.w3.data;
  for (let i = 0; i < nodes; i++) {
    const dL = [p[2 * i]! - data.y.data[2 * i]!, p[2 * i + 1]! - data.y.data[2 * i + 1]!];
    for (let j = 0; j < 2; j++) upstream[2 * i + j] = dL[0]! * w3[j]! + dL[1]! * w3[2 + j]!;
  }
  const expected = gcnBackward(data.aHat, l2, params.w2, matrix(nodes, 2, upstream), nodes, LAMBDA);
  const m = MARKERS.gcnBackward;
  const what = 'gcnBackward(aHat, hIn, h, w, g, n, lambda)';
  const measured = scoped(() => {
    const aHat = tensorOf(data.aHat), hIn = tensorOf(l1.h), w = tensorOf(params.w2);
    const g = tf.tensor2d(Float32Array.from(upstream), [nodes, 2]);
    const h = callStudent(MARKERS.gcnForward, () => solution.gcnForward(aHat, hIn, w));
    expectTensor(h, [nodes, 2], 'gcnForward(aHat, hIn, w)', MARKERS.gcnForward);
    const out = callStudent(m, () => solution.gcnBackward(aHat, hIn, tensorOf(l2.h), w, g, nodes, LAMBDA));
    const dW = valuesOf(expectTensor(field(out, 'dW', what, m), [2, 16], `${what}.dW`, m));
    const gIn = valuesOf(expectTensor(field(out, 'gIn', what, m), [nodes, 16], `${what}.gIn`, m));
    // Autodiff of f(W, H_in) = Σ g ⊙ gcnForward(Â, H_in, W) + λ/2 ‖W‖²: ∂f/∂W = N·dW, ∂f/∂H_in = gIn.
    const f = (wv: tf.Tensor, hv: tf.Tensor): tf.Scalar =>
      tf.add(tf.sum(tf.mul(g, solution.gcnForward(aHat, hv as tf.Tensor2D, wv as tf.Tensor2D))), tf.mul(LAMBDA / 2, tf.sum(tf.square(wv)))) as tf.Scalar;
    const [gw, gh] = callStudent(MARKERS.gcnForward, () => tf.grads(f)([w, hIn]));
    return { dW, gIn, autoDW: valuesOf(tf.div(gw!, nodes)), autoGIn: valuesOf(gh!) };
  });
  return {
    dWvsFloat64: relativeError(measured.dW, expected.dW.data),
    gInVsFloat64: relativeError(measured.gIn, expected.gIn.data),
    dWvsAutodiff: relativeError(measured.dW, measured.autoDW),
    gInVsAutodiff: relativeError(measured.gIn, measured.autoGIn),
  };
}
