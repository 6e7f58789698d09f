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
// Questions 3b-i to 3b-iii ask for the quadratic (degree-2 polynomial) kernel, a feature map φ with
// sim(q, k) = φ(q)ᵀφ(k), and eq. (3) rewritten with φ so that the sums over the keys are computed once
// and shared by every query (eq. 5, the linear form). Your code below is their working version: the
// lab accepts the kernel with or without the constant term, and any φ that reproduces your kernel.
//
// Click "▶ Run" above a TODO line: the lab checks eq. (3) against eq. (5) with your φ, then times
// both attention forms for N = 128 … 8192 at D = 16 and 64 and plots time and peak memory with
// fitted slopes (and your answers to 3c are held against the slopes your code measured). Failed
// checks appear as problems at the TODO lines. Mind the memory: at N = 8192 one [N, N] float32
// matrix is 256 MB: build φ without materialising an outer product x xᵀ for every row when you
// can, and process long sequences in blocks of rows.
import * as tf from "@tensorflow/tfjs";

/** softmax(Q Kᵀ / √D) V: [N, M]. */
export function softmaxAttention(Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D {
  // TODO(hw6:q3.softmax-attention) scores Q Kᵀ / √D, a softmax over the keys (each row), times V
  throw new Error("TODO: implement softmaxAttention");
}

/** The quadratic kernel for every query-key pair: sim[i, j] = sim(Q_i, K_j), a [N_q, N_k] matrix. */
export function quadraticKernel(Q: tf.Tensor2D, K: tf.Tensor2D): tf.Tensor2D {
  // TODO(hw6:q3.quadratic-kernel) your answer to 3b-i, for all pairs at once (from Q Kᵀ)
  throw new Error("TODO: implement quadraticKernel");
}

/** φ of every row of X [N, D]: [N, F], such that featureMap(Q) featureMap(K)ᵀ = quadraticKernel(Q, K). */
export function featureMap(X: tf.Tensor2D): tf.Tensor2D {
  // TODO(hw6:q3.feature-map) your φ of 3b-ii, row by row, as one [N, F] tensor
  throw new Error("TODO: implement featureMap");
}

/** Eq. (3) with sim = quadraticKernel: builds the [N, N] similarity matrix. */
export function kernelAttentionQuadratic(Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D {
  // TODO(hw6:q3.kernel-attention-quadratic) eq. (3): (sim V) divided row by row by the row sums of sim
  throw new Error("TODO: implement kernelAttentionQuadratic");
}

/** Eq. (5) with φ = featureMap: never builds an [N, N] matrix. */
export function kernelAttentionLinear(Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D {
  // TODO(hw6:q3.kernel-attention-linear) eq. (5), your answer to 3b-iii: the sums over the keys once, then every query
  throw new Error("TODO: implement kernelAttentionLinear");
}
