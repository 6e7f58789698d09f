// Q3 — Kernelized linear attention
//
// Notation (HOMEWORK Q3): N sequence length, D query/key size, M value size. Every function takes
// and returns float32 2-D tensors: Q and K are [N, D] (row i is q_i, row j is k_j), V is [N, M];
// attention returns V' as [N, M].
//
// Eq. (3), attention with a similarity function sim(q, k) ≥ 0:
//     V'_i = Σ_j sim(Q_i, K_j) V_j  /  Σ_j sim(Q_i, K_j)
// Softmax attention is eq. (3) with sim(q, k) = exp(qᵀk / √D).
//
// The quadratic kernel sim(q, k) = (qᵀk + 1)² equals φ(q)ᵀφ(k) for a feature map φ: R^D → R^F.
// With x̃ = [1; x], φ(x) = vec(x̃ x̃ᵀ) has F = (D+1)² entries; keeping each pair i ≤ j of x̃'s entries
// once, with a factor √2 on the cross terms (i < j), gives the same products with
// F = (D+1)(D+2)/2. Then eq. (3) can be computed in its linear form, eq. (5):
//     V'_i = φ(Q_i)ᵀ Σ_j φ(K_j) V_jᵀ  /  φ(Q_i)ᵀ Σ_j φ(K_j)
// where the two sums over the keys are computed once ([F, M] and [F]) and shared by every query.
//
// Click "▶ Run" above a TODO line: the lab checks eq. (3) against eq. (5) with your φ, then times
// both attention forms for N = 128 … 8192 at D = 16 and 64 and plots time and peak memory with
// fitted slopes (and your answers to 3c are held against the slopes your code measured). Failed
// checks appear as problems at the TODO lines. Mind the memory: at N = 8192 one [N, N] float32
// matrix is 256 MB, and φ as an [N, D+1, D+1] outer product at D = 64 is 138 MB.
import * as tf from "@tensorflow/tfjs";

/** softmax(Q Kᵀ / √D) V: [N, M]. */
export function softmaxAttention(Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D {
  // TODO(hw6:q3.softmax-attention) scores Q Kᵀ / √D, a softmax over the keys (each row), times V
  throw new Error("TODO: implement softmaxAttention");
}

/** The kernel for every query-key pair: sim[i, j] = (Q_iᵀ K_j + 1)², a [N_q, N_k] matrix. */
export function quadraticKernel(Q: tf.Tensor2D, K: tf.Tensor2D): tf.Tensor2D {
  // TODO(hw6:q3.quadratic-kernel) (Q Kᵀ + 1)², element-wise square
  throw new Error("TODO: implement quadraticKernel");
}

/** φ of every row of X [N, D]: [N, F], such that featureMap(Q) featureMap(K)ᵀ = quadraticKernel(Q, K). */
export function featureMap(X: tf.Tensor2D): tf.Tensor2D {
  // TODO(hw6:q3.feature-map) φ(x) from x̃ = [1; x]: all products x̃_i x̃_j, F = (D+1)², or the compact F = (D+1)(D+2)/2 with √2 on i < j
  throw new Error("TODO: implement featureMap");
}

/** Eq. (3) with sim = quadraticKernel: builds the [N, N] similarity matrix. */
export function kernelAttentionQuadratic(Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D {
  // TODO(hw6:q3.kernel-attention-quadratic) eq. (3): (sim V) divided row by row by the row sums of sim
  throw new Error("TODO: implement kernelAttentionQuadratic");
}

/** Eq. (5) with φ = featureMap: never builds an [N, N] matrix. */
export function kernelAttentionLinear(Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D {
  // TODO(hw6:q3.kernel-attention-linear) eq. (5): Σ_j φ(K_j) V_jᵀ and Σ_j φ(K_j) once, then for every query φ(Q_i)ᵀ(…) / φ(Q_i)ᵀ(…)
  throw new Error("TODO: implement kernelAttentionLinear");
}
