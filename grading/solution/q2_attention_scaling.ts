// Q2 — Why scale by √d
//
// Attention compares a query q with keys k through the score qᵀk. Take q, k ∈ R^d independent, every
// component drawn from N(μ, σ²). Questions 2a–2c ask for E[qᵀk], Var(qᵀk) and the scale s that makes
// qᵀk/s have mean 0 and variance 1: derive them yourself, then watch the lab measure them. Without a
// scale, the scores of n keys spread more and more as d grows, and the softmax over them saturates:
// the panel plots the largest attention weight and the softmax's gradient norm against d, with and
// without your scaling.
//
// You write the two functions below with tfjs (float32 tensors). Write your answers to 2a–2c as
// formulas in answers.md (see README.md): the lab checks them against Monte Carlo.
//
// Click "▶ Run" above a TODO line: the Scaling panel samples qᵀk with your dotProducts for d = 1 …
// 512 (histograms, empirical mean and variance beside the closed forms and your answers) and plots
// the softmax saturation of your scaledAttention against the unscaled softmax(Kq). "✓ Check" compares
// both functions with float64 ground truth; failed checks appear as problems at their TODO.
import * as tf from "@tensorflow/tfjs";

/** The score of every pair of rows: for Q, K of shape [n, d], entry i is qᵢᵀkᵢ = Σⱼ Q[i][j]·K[i][j] (shape [n]). */
export function dotProducts(Q: tf.Tensor2D, K: tf.Tensor2D): tf.Tensor1D {
  // TODO(hw6:q2.dot-products) return the row-wise dot products of Q and K
  return tf.sum(tf.mul(Q, K), 1);
}

/** Attention weights of one query q (shape [d]) over the n keys of K (shape [n, d]): softmax(K q / √d), shape [n]. */
export function scaledAttention(q: tf.Tensor1D, K: tf.Tensor2D): tf.Tensor1D {
  // TODO(hw6:q2.scaled-softmax) return softmax of the scores Kq divided by √d
  const d = q.shape[0];
  const scores: tf.Tensor1D = tf.sum(tf.mul(K, q), 1);
  const scaled: tf.Tensor1D = tf.div(scores, Math.sqrt(d));
  return tf.softmax(scaled);
}
