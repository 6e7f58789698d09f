// Deliberately wrong Q3 solutions, each the reference with one mistake the checks must catch.
import * as tf from '@tensorflow/tfjs';
import * as reference from '../../../src/core/problems/kernel-attention/reference';
import type { KernelAttentionSolution } from '../../../src/core/problems/kernel-attention/solution';

const base: KernelAttentionSolution = { ...reference };

/** Quadratic form with an explicit kernel (the student's eq. 3 written the obvious way). */
const eq3With =
  (kernel: (Q: tf.Tensor2D, K: tf.Tensor2D) => tf.Tensor2D) =>
  (Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => {
      const sim = kernel(Q, K);
      return tf.div(tf.matMul(sim, V), tf.sum(sim, 1, true));
    });

/** Linear form with an explicit φ. */
const eq5With =
  (phi: (X: tf.Tensor2D) => tf.Tensor2D) =>
  (Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => {
      const phiQ = phi(Q),
        phiK = phi(K);
      return tf.div(
        tf.matMul(phiQ, tf.matMul(phiK, V, true, false)),
        tf.matMul(phiQ, tf.sum(phiK, 0, true), false, true),
      );
    });

/** φ(x) = x ⊗ x (F = D²): the homogeneous kernel's full feature map. */
const homogeneousPhi = (X: tf.Tensor2D): tf.Tensor2D =>
  tf.tidy(() => {
    const [n, d] = X.shape;
    return tf.reshape(tf.mul(tf.expandDims(X, 2), tf.expandDims(X, 1)), [n, d * d]) as tf.Tensor2D;
  });
const homogeneousKernel = (Q: tf.Tensor2D, K: tf.Tensor2D): tf.Tensor2D =>
  tf.tidy(() => tf.square(tf.matMul<tf.Tensor2D>(Q, K, false, true)));

export const wrongSolutions: Record<string, { solution: KernelAttentionSolution; fails: string[] }> = {
  'softmax without 1/√D': {
    solution: {
      ...base,
      softmaxAttention: (Q, K, V) => tf.tidy(() => tf.matMul(tf.softmax(tf.matMul(Q, K, false, true)), V)),
    },
    fails: ['q3.softmax-attention'],
  },
  'softmax weights not normalised (exp only)': {
    solution: {
      ...base,
      softmaxAttention: (Q, K, V) =>
        tf.tidy(() => tf.matMul(tf.exp(tf.div(tf.matMul(Q, K, false, true), Math.sqrt(Q.shape[1]))), V)),
    },
    fails: ['q3.softmax-attention'],
  },
  'kernel without the + 1 but φ of the inhomogeneous kernel': {
    solution: { ...base, quadraticKernel: homogeneousKernel },
    fails: ['q3.feature-map'],
  },
  'kernel qᵀk + 1, not squared': {
    solution: { ...base, quadraticKernel: (Q, K) => tf.tidy(() => tf.add(tf.matMul(Q, K, false, true), 1)) },
    fails: ['q3.quadratic-kernel'],
  },
  'homogeneous kernel (qᵀk)² throughout': {
    solution: {
      ...base,
      quadraticKernel: homogeneousKernel,
      featureMap: homogeneousPhi,
      kernelAttentionQuadratic: eq3With(homogeneousKernel),
      kernelAttentionLinear: eq5With(homogeneousPhi),
    },
    fails: ['q3.denominator'],
  },
  'φ with a zero column too many': {
    solution: {
      ...base,
      featureMap: (X) => tf.tidy(() => tf.concat([reference.featureMap(X), tf.zeros([X.shape[0], 1])], 1)),
    },
    fails: ['q3.feature-map'],
  },
  'eq. 3 without the normalisation': {
    solution: {
      ...base,
      kernelAttentionQuadratic: (Q, K, V) => tf.tidy(() => tf.matMul<tf.Tensor2D>(reference.quadraticKernel(Q, K), V)),
    },
    fails: ['q3.kernel-attention-quadratic', 'q3.equivalence'],
  },
  'eq. 5 without the denominator': {
    solution: {
      ...base,
      kernelAttentionLinear: (Q, K, V) =>
        tf.tidy(() => {
          const phiQ = reference.featureMap(Q),
            phiK = reference.featureMap(K);
          return tf.matMul(phiQ, tf.matMul(phiK, V, true, false));
        }),
    },
    fails: ['q3.equivalence', 'q3.denominator'],
  },
  'eq. 5 returning [M, N]': {
    solution: {
      ...base,
      kernelAttentionLinear: (Q, K, V) => tf.tidy(() => tf.transpose(reference.kernelAttentionLinear(Q, K, V))),
    },
    fails: ['q3.equivalence', 'q3.denominator'],
  },
};

/** Correct eq. 5 and its N×N imposter, for q3.linear-memory (values equal, memory not). */
export const wrongSolutionsHelpers = {
  /** φ(Q)(φ(K)ᵀV) / φ(Q)(φ(K)ᵀ1) with the reference's φ, unblocked: linear in N. */
  eq5Plain: eq5With(reference.featureMap),
  /** (φ(Q)φ(K)ᵀ)V / (φ(Q)φ(K)ᵀ)1: the same numbers through an N × N matrix. */
  eq5ViaNxN: (Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => {
      const sim = tf.matMul(reference.featureMap(Q), reference.featureMap(K), false, true);
      return tf.div(tf.matMul(sim, V), tf.sum(sim, 1, true));
    }),
};

/**
 * Bugs only the hidden checks (grading runs) see: the visible checks have as many queries as keys
 * and N(0, 1) entries, so scores stay small.
 */
export const hiddenOnlyBugs: Record<string, { solution: KernelAttentionSolution; fails: string }> = {
  'softmax as exp / sum without subtracting the row maximum': {
    solution: {
      ...base,
      softmaxAttention: (Q, K, V) =>
        tf.tidy(() => {
          const e = tf.exp(tf.div(tf.matMul(Q, K, false, true), Math.sqrt(Q.shape[1])));
          return tf.matMul(tf.div(e, tf.sum(e, 1, true)), V);
        }),
    },
    fails: 'q3.hidden-large-scores',
  },
  "eq. 5's sum over the keys through a column of ones as long as Q": {
    solution: {
      ...base,
      kernelAttentionLinear: (Q, K, V) =>
        tf.tidy(() => {
          const phiQ = reference.featureMap(Q),
            phiK = reference.featureMap(K);
          const z = tf.matMul(phiK, tf.ones([Q.shape[0], 1]), true, false); // should be K.shape[0]
          return tf.div(tf.matMul(phiQ, tf.matMul(phiK, V, true, false)), tf.matMul(phiQ, z));
        }),
    },
    fails: 'q3.hidden-shapes',
  },
};

/** A correct Q3 written differently from the reference: explicit kernels, the full φ = vec(x̃x̃ᵀ). */
const fullPhi = (X: tf.Tensor2D): tf.Tensor2D =>
  tf.tidy(() => {
    const [n, d] = X.shape;
    const x = tf.concat([tf.ones([n, 1]), X], 1);
    return tf.reshape(tf.mul(tf.expandDims(x, 2), tf.expandDims(x, 1)), [n, (d + 1) * (d + 1)]) as tf.Tensor2D;
  });
const fullKernel = (Q: tf.Tensor2D, K: tf.Tensor2D): tf.Tensor2D =>
  tf.tidy(() => tf.square(tf.add(tf.matMul<tf.Tensor2D>(Q, K, false, true), 1)) as tf.Tensor2D);
export const writtenDifferently: KernelAttentionSolution = {
  ...base,
  softmaxAttention: (Q, K, V) =>
    tf.tidy(() =>
      tf.matMul(tf.softmax(tf.mul(tf.matMul(Q, K, false, true), 1 / Math.sqrt(K.shape[1])) as tf.Tensor2D), V),
    ),
  quadraticKernel: fullKernel,
  featureMap: fullPhi,
  kernelAttentionQuadratic: eq3With(fullKernel),
  kernelAttentionLinear: eq5With(fullPhi),
};
