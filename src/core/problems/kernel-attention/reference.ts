// The reference solution of q3_kernel_attention.ts, written as a student's file would be (tfjs
// only, within the workspace's declarations: test/unit/kernel-attention/template.test.ts
// type-checks it). Memory-aware:
// - φ is the compact feature map of size (D+1)(D+2)/2 (one entry per pair i ≤ j of x̃ = [1; x],
//   √2 on the cross terms), built block by block: never the N × (D+1)² outer product;
// - tensors are freed as soon as they are consumed, so softmax attention holds two [N, N] buffers
//   at its peak (scores and weights), not the three of softmax(QKᵀ/√D) in one tidy;
// - beyond the sweep's sizes (N×N scores over 256 MB, N×F features over 128 MB) both forms work in
//   blocks of BLOCK_ROWS rows (query blocks for the quadratic forms; key, then query blocks for the
//   linear form), so long sequences stay bounded. Up to N = 8192 they run unblocked (but for the
//   linear form's query side, which goes in blocks of 4 MB of φ(Q) for speed; φ(K) is whole),
//   which is why the sweep measures the textbook memory growth (N² and N·D²).
import * as tf from '@tensorflow/tfjs';

export const BLOCK_ROWS = 1024;
/** Largest φ(Q)ᵀ block on the linear form's query side (elements: 4 MB; see the linear form). */
const QUERY_FEATURES_LIMIT = 1 << 20;
/** Largest [N_q, N_k] score matrix computed in one piece (elements): 8192 × 8192 floats = 256 MB. */
const SCORES_LIMIT = 8192 * 8192;
/** Largest [N, F] feature matrix computed in one piece (elements): 128 MB. */
const FEATURES_LIMIT = 1 << 25;

/** The compact feature size for inputs of size D: (D+1)(D+2)/2. */
export function compactFeatureSize(D: number): number {
  return ((D + 1) * (D + 2)) / 2;
}

/** Runs `fn` on row blocks [start, start + rows) of N rows and stacks the results (one block: no copy). */
function byRowBlocks(N: number, blockRows: number, fn: (start: number, rows: number) => tf.Tensor2D): tf.Tensor2D {
  if (blockRows >= N) return fn(0, N);
  const parts: tf.Tensor2D[] = [];
  for (let start = 0; start < N; start += blockRows) parts.push(fn(start, Math.min(blockRows, N - start)));
  const out = tf.concat(parts, 0);
  tf.dispose(parts);
  return out;
}

function rowsOf(X: tf.Tensor2D, start: number, rows: number): tf.Tensor2D {
  return rows === X.shape[0] ? X.clone() : tf.slice(X, [start, 0], [rows, X.shape[1]]);
}

const blockRowsFor = (N: number, width: number, limit: number): number => (N * width <= limit ? N : BLOCK_ROWS);

export function softmaxAttention(Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D {
  return softmaxAttentionInBlocks(Q, K, V, blockRowsFor(Q.shape[0], K.shape[0], SCORES_LIMIT));
}

/** softmax(QKᵀ/√D)V, `blockRows` queries at a time. */
export function softmaxAttentionInBlocks(
  Q: tf.Tensor2D,
  K: tf.Tensor2D,
  V: tf.Tensor2D,
  blockRows: number,
): tf.Tensor2D {
  const scaled = tf.mul(Q, 1 / Math.sqrt(Q.shape[1])) as tf.Tensor2D;
  const out = byRowBlocks(Q.shape[0], blockRows, (start, rows) => {
    const q = rowsOf(scaled, start, rows);
    const scores: tf.Tensor2D = tf.matMul(q, K, false, true);
    q.dispose();
    // tf.softmax is one fused kernel (it subtracts the row maximum): ~2.5× faster on wasm than
    // max, subtract, exp, sum and divide as separate passes over [N, N]
    const weights = tf.softmax(scores);
    scores.dispose();
    const out: tf.Tensor2D = tf.matMul(weights, V);
    weights.dispose();
    return out;
  });
  scaled.dispose();
  return out;
}

/** (W V) / rowsum(W), consuming W. */
function normalizedProduct(weights: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D {
  const numerator: tf.Tensor2D = tf.matMul(weights, V);
  const denominator = tf.sum(weights, 1, true);
  weights.dispose();
  const out: tf.Tensor2D = tf.div(numerator, denominator);
  numerator.dispose();
  denominator.dispose();
  return out;
}

export function quadraticKernel(Q: tf.Tensor2D, K: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.square(tf.add<tf.Tensor2D>(tf.matMul(Q, K, false, true), 1)));
}

export function featureMap(X: tf.Tensor2D): tf.Tensor2D {
  const phiT = featureMapTransposed(X);
  const phi = tf.transpose(phiT);
  phiT.dispose();
  return phi;
}

/**
 * φ of every row of X, transposed: [F, N]. Order: the squares x̃_i², then the cross terms
 * √2·x̃_i·x̃_j for i < j, so block i (i < D) of the cross terms is one broadcast product of the
 * row √2·x̃_i with the rows x̃_{i+1..D} below it. On tfjs-wasm, slice copies its whole input
 * before cutting (~1–1.5 ms per slice of a [D+1, 8192] X̃ᵀ) and gather and transpose run at
 * 10–35 ns per element, while concat and products are plain copies: so the rows of X̃ᵀ are taken
 * one at a time (a gather of one row), and the rows below row i are concatenated from them.
 */
export function featureMapTransposed(X: tf.Tensor2D): tf.Tensor2D {
  const [N, D] = X.shape as [number, number];
  return tf.tidy(() => {
    const xT = tf.transpose(X);
    const rows: tf.Tensor2D[] = [tf.ones<tf.Rank.R2>([1, N])]; // rows of X̃ᵀ = [1; Xᵀ], each [1, N]
    for (let i = 0; i < D; i++) rows.push(tf.gather(xT, [i]));
    const blocks: tf.Tensor2D[] = [tf.square(tf.concat(rows, 0))];
    for (let i = 0; i < D; i++) blocks.push(tf.mul(tf.mul(rows[i], Math.SQRT2), tf.concat(rows.slice(i + 1), 0)));
    return tf.concat(blocks, 0);
  });
}

export function kernelAttentionQuadratic(Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D {
  return kernelAttentionQuadraticInBlocks(Q, K, V, blockRowsFor(Q.shape[0], K.shape[0], SCORES_LIMIT));
}

/** eq. 3 with sim = (qᵀk + 1)², `blockRows` queries at a time. */
export function kernelAttentionQuadraticInBlocks(
  Q: tf.Tensor2D,
  K: tf.Tensor2D,
  V: tf.Tensor2D,
  blockRows: number,
): tf.Tensor2D {
  return byRowBlocks(Q.shape[0], blockRows, (start, rows) => {
    const q = rowsOf(Q, start, rows);
    const sim = quadraticKernel(q, K);
    q.dispose();
    return normalizedProduct(sim, V);
  });
}

export function kernelAttentionLinear(Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D {
  const F = compactFeatureSize(Q.shape[1]);
  return kernelAttentionLinearInBlocks(Q, K, V, blockRowsFor(Math.max(Q.shape[0], K.shape[0]), F, FEATURES_LIMIT));
}

/**
 * eq. 5 with φ transposed (φᵀ is [F, N], see featureMapTransposed) and a column of ones appended
 * to V, so that one product gives both sums: [S | z] = Σ_j φ(K_j)[V_jᵀ 1] = φ(K)ᵀ[V | 1]
 * ([F, M+1], accumulated over key blocks); then for query blocks
 * [numerator | denominator]ᵀ = [S | z]ᵀ φ(Q)ᵀ ([M+1, rows]) and V' = numerator / denominator.
 * The query side always goes in blocks of at most QUERY_FEATURES_LIMIT / F queries (488 at
 * D = 64): the wasm matMul of an [M+1, F] by an [F, N] matrix is ~2× slower per FLOP once φ(Q)ᵀ
 * outgrows the cache. This bounds only φ(Q): memory still grows as N·F through φ(K) within the
 * sweep's sizes.
 */
export function kernelAttentionLinearInBlocks(
  Q: tf.Tensor2D,
  K: tf.Tensor2D,
  V: tf.Tensor2D,
  blockRows: number,
): tf.Tensor2D {
  const M = V.shape[1];
  const queryRows = Math.min(blockRows, Math.max(1, Math.floor(QUERY_FEATURES_LIMIT / compactFeatureSize(Q.shape[1]))));
  let Sz: tf.Tensor2D | undefined; // [S | z], [F, M+1]
  for (let start = 0; start < K.shape[0]; start += blockRows) {
    const rows = Math.min(blockRows, K.shape[0] - start);
    const blockSz: tf.Tensor2D = tf.tidy(() => {
      const phiKT = featureMapTransposed(rowsOf(K, start, rows));
      const V1: tf.Tensor2D = tf.concat([rowsOf(V, start, rows), tf.ones<tf.Rank.R2>([rows, 1])], 1);
      return tf.matMul(phiKT, V1) as tf.Tensor2D;
    });
    if (Sz) {
      const next: tf.Tensor2D = tf.add(Sz, blockSz);
      tf.dispose([Sz, blockSz]);
      Sz = next;
    } else {
      Sz = blockSz;
    }
  }
  const out = byRowBlocks(Q.shape[0], queryRows, (start, rows) =>
    tf.tidy(() => {
      const phiQT = featureMapTransposed(rowsOf(Q, start, rows));
      const outT = tf.matMul(Sz!, phiQT, true, false); // [M+1, rows]
      const numerator = tf.slice(outT, [0, 0], [M, rows]);
      const denominator = tf.slice(outT, [M, 0], [1, rows]);
      return tf.transpose(tf.div(numerator, denominator)) as tf.Tensor2D;
    }),
  );
  Sz!.dispose();
  return out;
}
