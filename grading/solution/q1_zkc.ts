// Q1 — A graph convolutional network on Zachary's karate club
//
// 34 club members (nodes), 78 friendships weighted by how often the two met (A, 34 × 34). Each node
// is labelled by its modularity community: class 0 = community A, class 1 = B ∪ C. The network:
//   GCN layer 34 → 16, GCN layer 16 → 2 (the 2-D embedding the panel plots), softmax layer 2 → 2.
// A GCN layer with weight W (out × in, no bias) computes H = tanh(Â H_in Wᵀ).
//
// The cost over the N nodes of the mask (every node, or the training nodes only) is
//   J = (1/N) Σ cross-entropy + λ/(2N) Σ ‖W‖²      (no decay on the softmax bias),
// and every backward below returns gradients of J: divide by N and add λW/N where the comments say.
//
// Everything is a tfjs tensor (float32). The softmax layer, the gradient-descent step and a numeric
// gradient check are provided by "hw6-lab"; you write the seven TODOs, in order. The lab calls your
// functions: it builds Â with your first three, checks each layer against a float64 ground truth and
// tfjs autodiff, and trains with your trainStep (lr 2e-2, λ 2.5e-2, up to 20 000 epochs, early
// stopping with patience 50, seed 100) in both mask modes.
//
// Click "▶ Run" above a TODO line: the ZKC panel shows the graph, the loss curves and the embedding
// epoch by epoch. "✓ Check" runs only the checks; failed checks appear as problems at their TODO.
import * as tf from "@tensorflow/tfjs";
import { softmaxForward, softmaxBackward, gradientDescent } from "hw6-lab";
import type { ZkcParams, ZkcData, LayerGradients, NetworkPass, TrainStepResult } from "hw6-lab";

/** Step 1: Ã = A + I (every node keeps its own features). */
export function addSelfLoops(a: tf.Tensor2D): tf.Tensor2D {
  // TODO(hw6:q1.self-loops) return A + I
  return tf.add(a, tf.eye(a.shape[0]));
}

/** Step 2: Â = D̃^{-1/2} Ã D̃^{-1/2}, where D̃ is the diagonal of Ã's row sums. */
export function normalizeAdjacency(aTilde: tf.Tensor2D): tf.Tensor2D {
  // TODO(hw6:q1.normalize) return the symmetrically normalised Â
  const invSqrtDegree = tf.rsqrt(tf.sum(aTilde, 1));
  return tf.mul(tf.mul(aTilde, tf.expandDims(invSqrtDegree, 1)), tf.expandDims(invSqrtDegree, 0));
}

/** Step 3: the node features X: one-hot, one row per node (nodeCount × nodeCount). */
export function nodeFeatures(nodeCount: number): tf.Tensor2D {
  // TODO(hw6:q1.features) return the one-hot features
  return tf.eye(nodeCount);
}

/** Step 4a: a GCN layer's forward pass, H = tanh(Â H_in Wᵀ) with W of shape out × in. */
export function gcnForward(aHat: tf.Tensor2D, hIn: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  // TODO(hw6:q1.gcn-forward) return H
  const z: tf.Tensor2D = tf.matMul(tf.matMul(aHat, hIn), w, false, true);
  return tf.tanh(z);
}

/**
 * Step 4b: a GCN layer's backward pass. `h` is the layer's output, `g` the upstream gradient
 * (nodes × out, before the 1/N). With δ = g ⊙ (1 − H²):
 *   dW = δᵀ (Â H_in) / N + λW / N      (the gradient of J with respect to W)
 *   gIn = Â (δ W)                      (what the layer passes down to the layer below)
 */
export function gcnBackward(
  aHat: tf.Tensor2D,
  hIn: tf.Tensor2D,
  h: tf.Tensor2D,
  w: tf.Tensor2D,
  g: tf.Tensor2D,
  n: number,
  lambda: number,
): LayerGradients {
  // TODO(hw6:q1.gcn-backward) return { dW, gIn }
  const delta = tf.mul(g, tf.sub(1, tf.square(h)));
  const aH = tf.matMul(aHat, hIn);
  return {
    dW: tf.add(tf.div(tf.matMul(delta, aH, true, false), n), tf.mul(w, lambda / n)),
    gIn: tf.matMul(aHat, tf.matMul(delta, w)),
  };
}

/**
 * Step 5: the network, forward and backward: GCN (w1) → GCN (w2) → softmax (w3, b3), then the
 * backward passes in reverse order (softmaxBackward is provided). Return the second GCN layer's
 * output as `embedding`, the softmax output as `probs`, and the four gradients.
 */
export function networkPass(params: ZkcParams, data: ZkcData): NetworkPass {
  // TODO(hw6:q1.network) forward through the three layers, then backward
  const h1 = gcnForward(data.aHat, data.x, params.w1);
  const h2 = gcnForward(data.aHat, h1, params.w2);
  const probs = softmaxForward(h2, params.w3, params.b3);
  const out = softmaxBackward(probs, data.y, data.mask, h2, params.w3, data.n, data.lambda);
  const l2 = gcnBackward(data.aHat, h1, h2, params.w2, out.gIn, data.n, data.lambda);
  const l1 = gcnBackward(data.aHat, data.x, h1, params.w1, l2.gIn, data.n, data.lambda);
  return { embedding: h2, probs, grads: { w1: l1.dW, w2: l2.dW, w3: out.dW, b3: out.db } };
}

/**
 * Step 6: one epoch of full-batch gradient descent (gradientDescent is provided). Return the updated
 * parameters and this epoch's embedding and probs (from before the update). The lab runs the epochs,
 * records the losses and stops early; it also frees the tensors you create here.
 */
export function trainStep(params: ZkcParams, data: ZkcData, learningRate: number): TrainStepResult {
  // TODO(hw6:q1.train) one epoch: networkPass, then a gradient-descent step
  const pass = networkPass(params, data);
  return { params: gradientDescent(params, pass.grads, learningRate), embedding: pass.embedding, probs: pass.probs };
}
