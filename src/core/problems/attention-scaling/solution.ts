// The child's side (child.ts, the experiment): the shape of a Q2 solution (the student's
// q2_attention_scaling.ts or reference.ts), read from a module's exports, and the experiment's calls
// into it: each call runs in a tidy (the student's intermediates are freed) and comes back as a tensor
// of the expected shape or as a ShapeError naming the marker. The checks (the judge's) call the
// student's functions through ctx.child instead and read what comes back in wireValues.ts.
import * as tf from '@tensorflow/tfjs-core';
import { callStudent, requireFunction, ShapeError } from '../../problem';
import { MARKERS, scalingInfo } from './meta';

export interface ScalingSolution {
  /** Row-wise qᵀk of Q, K ∈ R^{n×d}: a [n] tensor. */
  dotProducts(Q: tf.Tensor2D, K: tf.Tensor2D): tf.Tensor1D;
  /** softmax(K q / √d) for q ∈ R^d, K ∈ R^{n×d}: a [n] tensor of attention weights. */
  scaledAttention(q: tf.Tensor1D, K: tf.Tensor2D): tf.Tensor1D;
}

export function scalingSolutionFrom(exports: Record<string, unknown>): ScalingSolution {
  const file = scalingInfo.studentFile;
  return {
    dotProducts: requireFunction(exports, 'dotProducts', file, MARKERS.dotProducts),
    scaledAttention: requireFunction(exports, 'scaledAttention', file, MARKERS.scaledSoftmax),
  };
}

/** Calls `fn` (student code) in a tidy and returns its result as a [n] float tensor the caller owns. */
function callVector(marker: string, name: string, n: number, fn: () => unknown): tf.Tensor1D {
  const value = callStudent(marker, () => tf.tidy(() => fn() as tf.Tensor));
  if (!(value instanceof tf.Tensor)) {
    throw new ShapeError(`${name} must return a tfjs tensor of shape [${n}] (it returned ${describe(value)}).`, marker);
  }
  if (value.shape.length !== 1 || value.shape[0] !== n) {
    const shape = `[${value.shape.join(', ')}]`;
    value.dispose();
    throw new ShapeError(
      `${name} must return a tensor of shape [${n}] (one value per ${name === 'dotProducts' ? 'row' : 'key'}); it returned shape ${shape}.`,
      marker,
    );
  }
  return value as tf.Tensor1D;
}

const describe = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object that is not a tensor'
        : typeof value;

/** The student's dotProducts(Q, K), checked to be a [n] tensor. */
export function studentDotProducts(solution: ScalingSolution, Q: tf.Tensor2D, K: tf.Tensor2D): tf.Tensor1D {
  return callVector(MARKERS.dotProducts, 'dotProducts', Q.shape[0], () => solution.dotProducts(Q, K));
}

/** The student's scaledAttention(q, K), checked to be a [n] tensor. */
export function studentAttention(solution: ScalingSolution, q: tf.Tensor1D, K: tf.Tensor2D): tf.Tensor1D {
  return callVector(MARKERS.scaledSoftmax, 'scaledAttention', K.shape[0], () => solution.scaledAttention(q, K));
}
