// Q2 — Why scale by √d
//
// Attention compares a query q with keys k through the score qᵀk. Take q, k ∈ R^d independent, every
// component drawn from N(μ, σ²). Then
//   (a) E[qᵀk] = Σᵢ E[qᵢ] E[kᵢ] = d·μ²            (σ plays no part),
//   (b) Var(qᵀk) = Σᵢ Var(qᵢkᵢ) = d(σ⁴ + 2μ²σ²),  so with μ = 0, σ = 1: Var(qᵀk) = d,
//   (c) dividing by s = √d gives qᵀk/√d mean 0 and variance 1 whatever d is.
// Without the scaling, the scores of n keys spread like √d: at d = 512 the softmax over 64 keys puts
// about 0.93 of its weight on one key and its gradient all but vanishes; with it, the largest weight
// stays about 0.1 for every d.
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
  throw new Error("TODO: implement dotProducts");
}

/** Attention weights of one query q (shape [d]) over the n keys of K (shape [n, d]): softmax(K q / √d), shape [n]. */
export function scaledAttention(q: tf.Tensor1D, K: tf.Tensor2D): tf.Tensor1D {
  // TODO(hw6:q2.scaled-softmax) return softmax of the scores Kq divided by √d
  throw new Error("TODO: implement scaledAttention");
}
