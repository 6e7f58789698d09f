// The provided pieces of Q1 (tfjs): the softmax output layer, the gradient-descent step and a
// numeric gradient check, so a student writes only the GCN parts. Same formulas as the float64
// ground truth (problems/zkc/float64Gcn.ts), in float32 tensors.
// Object types are `type` aliases, not interfaces, so that they are tfjs TensorContainers (tf.tidy).
import * as tf from '@tensorflow/tfjs-core';

/** The network's parameters: GCN 34→16 (w1), GCN 16→2 (w2), softmax 2→2 (w3, b3). W is out × in. */
export type ZkcParams = {
  w1: tf.Tensor2D;
  w2: tf.Tensor2D;
  w3: tf.Tensor2D;
  b3: tf.Tensor1D;
};

/** Gradients of the cost, one per parameter, shaped like it. */
export type ZkcGradients = ZkcParams;

/** What the network trains on. `n` is the number of nodes that feed the cost (Σ mask). */
export interface ZkcData {
  /** Â, nodes × nodes. */
  aHat: tf.Tensor2D;
  /** Node features, nodes × features. */
  x: tf.Tensor2D;
  /** One-hot targets, nodes × classes. */
  y: tf.Tensor2D;
  /** 1 for the nodes that feed the cost and the gradient, else 0. */
  mask: tf.Tensor1D;
  n: number;
  /** Weight decay λ. */
  lambda: number;
}

/** What a layer's backward returns: its weight gradient and the gradient it passes down. */
export type LayerGradients = {
  dW: tf.Tensor2D;
  gIn: tf.Tensor2D;
};

export type SoftmaxGradients = LayerGradients & {
  db: tf.Tensor1D;
};

/** Softmax output layer, W ∈ R^{out×in}, bias b: P = softmax(W Hᵀ + b)ᵀ, one row per node. */
export function softmaxForward(h: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => tf.softmax(tf.add(tf.matMul(h, w, false, true), b)) as tf.Tensor2D);
}

/** dL = (P − Y) ⊙ mask; passes down dL·W; dW = dLᵀH/N + λW/N; db = Σ dL/N (no decay on b). */
export function softmaxBackward(
  p: tf.Tensor2D,
  y: tf.Tensor2D,
  mask: tf.Tensor1D,
  h: tf.Tensor2D,
  w: tf.Tensor2D,
  n: number,
  lambda: number,
): SoftmaxGradients {
  return tf.tidy(() => {
    const dL = tf.mul(tf.sub(p, y), tf.expandDims(mask, 1)) as tf.Tensor2D;
    return {
      dW: tf.add(tf.div(tf.matMul(dL, h, true, false), n), tf.mul(w, lambda / n)) as tf.Tensor2D,
      db: tf.div(tf.sum(dL, 0), n) as tf.Tensor1D,
      gIn: tf.matMul<tf.Tensor2D>(dL, w),
    };
  });
}

/** One step of gradient descent: θ − lr·∂J/∂θ for every parameter (new tensors; the old ones are kept). */
export function gradientDescent(params: ZkcParams, grads: ZkcGradients, learningRate: number): ZkcParams {
  return tf.tidy(
    (): ZkcParams => ({
      w1: tf.sub(params.w1, tf.mul(grads.w1, learningRate)),
      w2: tf.sub(params.w2, tf.mul(grads.w2, learningRate)),
      w3: tf.sub(params.w3, tf.mul(grads.w3, learningRate)),
      b3: tf.sub(params.b3, tf.mul(grads.b3, learningRate)),
    }),
  );
}

/**
 * Central differences on every entry of every parameter: ĝ = (J(θ+ε) − J(θ−ε)) / 2ε, and per
 * parameter the relative error ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖). `cost` runs in float32 (tfjs), so expect
 * errors up to ~1e-3 for a correct gradient with the default ε, and 1e-1 or more for a wrong one.
 * (The lab's own check runs in float64 and passes below 1e-7.)
 */
export function numericGradientCheck(
  cost: (params: ZkcParams) => tf.Scalar,
  params: ZkcParams,
  grads: ZkcGradients,
  eps = 1e-2,
): Record<keyof ZkcParams, number> {
  const names = ['w1', 'w2', 'w3', 'b3'] as const;
  const values = Object.fromEntries(names.map((name) => [name, params[name].dataSync().slice()])) as Record<
    keyof ZkcParams,
    Float32Array
  >;
  const costAt = (): number =>
    tf.tidy(() => {
      const shifted = {
        w1: tf.tensor2d(values.w1, params.w1.shape),
        w2: tf.tensor2d(values.w2, params.w2.shape),
        w3: tf.tensor2d(values.w3, params.w3.shape),
        b3: tf.tensor1d(values.b3),
      };
      return cost(shifted).dataSync()[0]!;
    });
  const errors = {} as Record<keyof ZkcParams, number>;
  for (const name of names) {
    const theta = values[name];
    const g = grads[name].dataSync();
    let diff = 0,
      normG = 0,
      normNumeric = 0;
    for (let i = 0; i < theta.length; i++) {
      const saved = theta[i]!;
      theta[i] = saved + eps;
      const plus = costAt();
      theta[i] = saved - eps;
      const minus = costAt();
      theta[i] = saved;
      const numeric = (plus - minus) / (2 * eps);
      diff += (g[i]! - numeric) ** 2;
      normG += g[i]! ** 2;
      normNumeric += numeric ** 2;
    }
    const denominator = Math.sqrt(normG) + Math.sqrt(normNumeric);
    errors[name] = denominator === 0 ? 0 : Math.sqrt(diff) / denominator;
  }
  return errors;
}

/** What the student's network pass returns: the 2-D embedding (second GCN layer), P and the gradients. */
export type NetworkPass = {
  embedding: tf.Tensor2D;
  probs: tf.Tensor2D;
  grads: ZkcGradients;
};

/** What one training epoch returns: the updated parameters, and the epoch's embedding and P (before the update). */
export type TrainStepResult = {
  params: ZkcParams;
  embedding: tf.Tensor2D;
  probs: tf.Tensor2D;
};
