// The reference solution of q1_zkc.ts, written exactly as a student's file would be (tfjs and the
// lab's helpers only): test/unit/zkc/template.test.ts type-checks it against the workspace's
// declarations, with './studentHelpers' read as "hw6-lab".
import * as tf from '@tensorflow/tfjs';
import { softmaxForward, softmaxBackward, gradientDescent } from './studentHelpers';
import type { ZkcParams, ZkcData, LayerGradients, NetworkPass, TrainStepResult } from './studentHelpers';

export function addSelfLoops(a: tf.Tensor2D): tf.Tensor2D {
  return tf.add(a, tf.eye(a.shape[0]));
}

export function normalizeAdjacency(aTilde: tf.Tensor2D): tf.Tensor2D {
  const invSqrtDegree = tf.rsqrt(tf.sum(aTilde, 1));
  return tf.mul(tf.mul(aTilde, tf.expandDims(invSqrtDegree, 1)), tf.expandDims(invSqrtDegree, 0));
}

export function nodeFeatures(nodeCount: number): tf.Tensor2D {
  return tf.eye(nodeCount);
}

export function gcnForward(aHat: tf.Tensor2D, hIn: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  const z: tf.Tensor2D = tf.matMul(tf.matMul(aHat, hIn), w, false, true);
  return tf.tanh(z);
}

export function gcnBackward(
  aHat: tf.Tensor2D,
  hIn: tf.Tensor2D,
  h: tf.Tensor2D,
  w: tf.Tensor2D,
  g: tf.Tensor2D,
  n: number,
  lambda: number,
): LayerGradients {
  const delta = tf.mul(g, tf.sub(1, tf.square(h)));
  const aH = tf.matMul(aHat, hIn);
  return {
    dW: tf.add(tf.div(tf.matMul(delta, aH, true, false), n), tf.mul(w, lambda / n)),
    gIn: tf.matMul(aHat, tf.matMul(delta, w)),
  };
}

export function networkPass(params: ZkcParams, data: ZkcData): NetworkPass {
  const h1 = gcnForward(data.aHat, data.x, params.w1);
  const h2 = gcnForward(data.aHat, h1, params.w2);
  const probs = softmaxForward(h2, params.w3, params.b3);
  const out = softmaxBackward(probs, data.y, data.mask, h2, params.w3, data.n, data.lambda);
  const l2 = gcnBackward(data.aHat, h1, h2, params.w2, out.gIn, data.n, data.lambda);
  const l1 = gcnBackward(data.aHat, data.x, h1, params.w1, l2.gIn, data.n, data.lambda);
  return { embedding: h2, probs, grads: { w1: l1.dW, w2: l2.dW, w3: out.dW, b3: out.db } };
}

export function trainStep(params: ZkcParams, data: ZkcData, learningRate: number): TrainStepResult {
  const pass = networkPass(params, data);
  return { params: gradientDescent(params, pass.grads, learningRate), embedding: pass.embedding, probs: pass.probs };
}
