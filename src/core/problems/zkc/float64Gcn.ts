// Q1's network in plain float64 math: the ground truth that the student's layers, the gradient
// check and the tfjs cross-check are measured against (the homework, Q1, steps 4–6).
//
// The cost, and how the mask and N enter. With a 0/1 mask over the nodes that feed the gradient
// and N = Σ mask (the number of such nodes):
//   J = (1/N) Σ_{i: mask_i = 1} CE_i + λ/(2N) Σ_W ‖W‖²      (weights only; no decay on b)
// i.e. "mean CE over the nodes" of the mask, plus the decay divided by the same N. This is the
// cost whose exact gradient the homework's backward formulas are: dL = (P − Y) ⊙ mask,
// dW = dLᵀH/N + λW/N, db = Σ dL/N, and dW = δᵀ(Â H_in)/N + λW/N in the GCN layers. In mask mode
// "all-nodes" (the original's behaviour) the mask is every node and N = 34; in "train-only" it is
// the 24 training nodes and N = 24.
import type { Rng } from '../../engine/rng';
import { matMul, matMulTransA, matMulTransB, matrix, type Matrix } from './matrix';

// ---- layers -------------------------------------------------------------------------------------

export interface GcnForward {
  /** Â H_in, kept for the backward pass. */
  aH: Matrix;
  /** H = tanh(Â H_in Wᵀ). */
  h: Matrix;
}

/** GCN layer, W ∈ R^{out×in}, no bias: H = tanh(Â H_in Wᵀ). */
export function gcnForward(aHat: Matrix, hIn: Matrix, w: Matrix): GcnForward {
  const aH = matMul(aHat, hIn);
  const h = matMulTransB(aH, w);
  for (let i = 0; i < h.data.length; i++) h.data[i] = Math.tanh(h.data[i]);
  return { aH, h };
}

export interface LayerGradients {
  dW: Matrix;
  /** What the layer passes down: the upstream gradient for its input (before the 1/N). */
  gIn: Matrix;
}

/** δ = g ⊙ (1 − H²); passes down Â(δW); dW = δᵀ(Â H_in)/N + λW/N. */
export function gcnBackward(
  aHat: Matrix,
  forward: GcnForward,
  w: Matrix,
  g: Matrix,
  n: number,
  lambda: number,
): LayerGradients {
  const { h, aH } = forward;
  const delta = matrix(g.rows, g.cols);
  for (let i = 0; i < delta.data.length; i++) delta.data[i] = g.data[i] * (1 - h.data[i] * h.data[i]);
  const dW = matMulTransA(delta, aH);
  for (let i = 0; i < dW.data.length; i++) dW.data[i] = dW.data[i] / n + (lambda * w.data[i]) / n;
  return { dW, gIn: matMul(aHat, matMul(delta, w)) };
}

/** Softmax output layer, W ∈ R^{out×in}, bias b: P = softmax(W Hᵀ + b)ᵀ, one row per node. */
export function softmaxForward(h: Matrix, w: Matrix, b: Float64Array): Matrix {
  const p = matMulTransB(h, w);
  const k = p.cols;
  for (let i = 0; i < p.rows; i++) {
    const row = p.data.subarray(i * k, (i + 1) * k);
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, (row[c] += b[c]));
    let sum = 0;
    for (let c = 0; c < k; c++) sum += row[c] = Math.exp(row[c] - max);
    for (let c = 0; c < k; c++) row[c] /= sum;
  }
  return p;
}

export interface SoftmaxGradients extends LayerGradients {
  db: Float64Array;
}

/** dL = (P − Y) ⊙ mask; passes down dL·W; dW = dLᵀH/N + λW/N; db = Σ dL/N. */
export function softmaxBackward(
  p: Matrix,
  y: Matrix,
  mask: Float64Array,
  h: Matrix,
  w: Matrix,
  n: number,
  lambda: number,
): SoftmaxGradients {
  const dL = matrix(p.rows, p.cols);
  for (let i = 0; i < p.rows; i++) {
    for (let c = 0; c < p.cols; c++)
      dL.data[i * p.cols + c] = (p.data[i * p.cols + c] - y.data[i * p.cols + c]) * mask[i];
  }
  const dW = matMulTransA(dL, h);
  for (let i = 0; i < dW.data.length; i++) dW.data[i] = dW.data[i] / n + (lambda * w.data[i]) / n;
  const db = new Float64Array(p.cols);
  for (let i = 0; i < p.rows; i++) for (let c = 0; c < p.cols; c++) db[c] += dL.data[i * p.cols + c] / n;
  return { dW, db, gIn: matMul(dL, w) };
}

/** The four layer functions: the network runs any implementation of them (reference or student's). */
export interface GcnLayers {
  gcnForward: typeof gcnForward;
  gcnBackward: typeof gcnBackward;
  softmaxForward: typeof softmaxForward;
  softmaxBackward: typeof softmaxBackward;
}

export const float64Layers: GcnLayers = { gcnForward, gcnBackward, softmaxForward, softmaxBackward };

// ---- the network: GCN in→hidden, GCN hidden→embedding (the plotted 2-D layer), softmax → classes

export interface GcnSizes {
  input: number;
  hidden: number;
  embedding: number;
  classes: number;
}

export const zkcSizes: GcnSizes = { input: 34, hidden: 16, embedding: 2, classes: 2 };

export interface GcnParams {
  /** hidden × input */ w1: Matrix;
  /** embedding × hidden */ w2: Matrix;
  /** classes × embedding */ w3: Matrix;
  /** classes */ b3: Float64Array;
}

export interface GcnGradients {
  w1: Float64Array;
  w2: Float64Array;
  w3: Float64Array;
  b3: Float64Array;
}

/** Weights uniform(−a, a) with a = √(5/(in+out)), drawn w1, w2, w3 in row-major order; b3 = 0. */
export function initGcnParams(rng: Rng, sizes: GcnSizes = zkcSizes): GcnParams {
  const uniform = (out: number, inp: number): Matrix => {
    const a = Math.sqrt(5 / (inp + out));
    return matrix(
      out,
      inp,
      Float64Array.from({ length: out * inp }, () => (2 * rng.next() - 1) * a),
    );
  };
  return {
    w1: uniform(sizes.hidden, sizes.input),
    w2: uniform(sizes.embedding, sizes.hidden),
    w3: uniform(sizes.classes, sizes.embedding),
    b3: new Float64Array(sizes.classes),
  };
}

export type MaskMode = 'all-nodes' | 'train-only';

/** 1 for the nodes that feed the gradient: every node, or every node but the test nodes. */
export function nodeMask(mode: MaskMode, nodeCount: number, testNodes: readonly number[]): Float64Array {
  const mask = new Float64Array(nodeCount).fill(1);
  if (mode === 'train-only') for (const node of testNodes) mask[node] = 0;
  return mask;
}

/** One-hot rows for class labels 0…classes−1. */
export function oneHot(labels: readonly number[], classes: number): Matrix {
  const y = matrix(labels.length, classes);
  labels.forEach((label, i) => (y.data[i * classes + label] = 1));
  return y;
}

export interface GcnData {
  aHat: Matrix;
  /** Node features, one row per node (Q1: the identity). */
  x: Matrix;
  /** One-hot targets. */
  y: Matrix;
  /** 0/1 per node: which nodes feed the cost and the gradient. */
  mask: Float64Array;
}

export interface NetworkForward {
  l1: GcnForward;
  /** l2.h is the 2-D embedding. */
  l2: GcnForward;
  p: Matrix;
}

export function forwardNetwork(params: GcnParams, data: GcnData, layers: GcnLayers = float64Layers): NetworkForward {
  const l1 = layers.gcnForward(data.aHat, data.x, params.w1);
  const l2 = layers.gcnForward(data.aHat, l1.h, params.w2);
  return { l1, l2, p: layers.softmaxForward(l2.h, params.w3, params.b3) };
}

/** Mean cross-entropy −log P[i, y_i] over `nodes`. */
export function meanCrossEntropy(p: Matrix, y: Matrix, nodes: readonly number[]): number {
  let sum = 0;
  for (const i of nodes)
    for (let c = 0; c < p.cols; c++)
      if (y.data[i * p.cols + c] !== 0) sum -= y.data[i * p.cols + c] * Math.log(p.data[i * p.cols + c]);
  return sum / nodes.length;
}

/** Fraction of `nodes` whose most probable class is the target. */
export function accuracy(p: Matrix, y: Matrix, nodes: readonly number[]): number {
  let correct = 0;
  for (const i of nodes) {
    let best = 0;
    for (let c = 1; c < p.cols; c++) if (p.data[i * p.cols + c] > p.data[i * p.cols + best]) best = c;
    if (y.data[i * p.cols + best] === 1) correct++;
  }
  return correct / nodes.length;
}

export function maskedNodes(mask: Float64Array): number[] {
  return Array.from(mask.keys()).filter((i) => mask[i] !== 0);
}

/** J = (1/N) Σ_mask CE + λ/(2N) Σ‖W‖², N = Σ mask (see the top of this file). */
export function networkCost(
  params: GcnParams,
  data: GcnData,
  lambda: number,
  layers: GcnLayers = float64Layers,
): number {
  return costOf(forwardNetwork(params, data, layers).p, params, data, lambda);
}

function costOf(p: Matrix, params: GcnParams, data: GcnData, lambda: number): number {
  const nodes = maskedNodes(data.mask);
  let squares = 0;
  for (const w of [params.w1, params.w2, params.w3]) for (const x of w.data) squares += x * x;
  return meanCrossEntropy(p, data.y, nodes) + (lambda / (2 * nodes.length)) * squares;
}

/** Forward, cost and backward through all three layers. */
export function networkGradients(
  params: GcnParams,
  data: GcnData,
  lambda: number,
  layers: GcnLayers = float64Layers,
): { cost: number; forward: NetworkForward; grads: GcnGradients } {
  const forward = forwardNetwork(params, data, layers);
  const n = maskedNodes(data.mask).length;
  const out = layers.softmaxBackward(forward.p, data.y, data.mask, forward.l2.h, params.w3, n, lambda);
  const g2 = layers.gcnBackward(data.aHat, forward.l2, params.w2, out.gIn, n, lambda);
  const g1 = layers.gcnBackward(data.aHat, forward.l1, params.w1, g2.gIn, n, lambda);
  return {
    cost: costOf(forward.p, params, data, lambda),
    forward,
    grads: { w1: g1.dW.data, w2: g2.dW.data, w3: out.dW.data, b3: out.db },
  };
}

// ---- gradient check -------------------------------------------------------------------------------

/**
 * Central differences: for every entry θ of every named parameter, ĝ = (J(θ+ε) − J(θ−ε)) / 2ε,
 * perturbing `params` in place (and restoring it); `cost` must read them. Returns, per parameter,
 * the relative error ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖) (0 when both are 0).
 */
export function gradientCheck(
  params: Readonly<Record<string, Float64Array>>,
  cost: () => number,
  grads: Readonly<Record<string, Float64Array>>,
  eps = 1e-4,
): Record<string, number> {
  const errors: Record<string, number> = {};
  for (const [name, theta] of Object.entries(params)) {
    const g = grads[name];
    if (!g || g.length !== theta.length)
      throw new Error(`gradient for ${name}: expected ${theta.length} entries, got ${g?.length}`);
    let diff = 0,
      normG = 0,
      normNumeric = 0;
    for (let i = 0; i < theta.length; i++) {
      const saved = theta[i];
      theta[i] = saved + eps;
      const plus = cost();
      theta[i] = saved - eps;
      const minus = cost();
      theta[i] = saved;
      const numeric = (plus - minus) / (2 * eps);
      diff += (g[i] - numeric) ** 2;
      normG += g[i] ** 2;
      normNumeric += numeric ** 2;
    }
    const denominator = Math.sqrt(normG) + Math.sqrt(normNumeric);
    errors[name] = denominator === 0 ? 0 : Math.sqrt(diff) / denominator;
  }
  return errors;
}

/** The parameters' arrays by name, for gradientCheck (they alias `params`). */
export function paramArrays(params: GcnParams): Record<keyof GcnGradients, Float64Array> {
  return { w1: params.w1.data, w2: params.w2.data, w3: params.w3.data, b3: params.b3 };
}
