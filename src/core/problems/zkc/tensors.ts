// The child's side of Q1's tensors: moving the ground-truth inputs (Â, X, the seeded weights) into
// tfjs. Validating what the student's functions return is studentTensors.ts's job, re-exported here.
import * as tf from '@tensorflow/tfjs-core';
import type { ZkcParams } from './helpers';
import type { GcnParams } from './float64Gcn';
import type { Matrix } from './matrix';

export { maxAbsDiff, relativeError } from './compare';
export { tensorProblem, expectTensor, field, describeValue, scoped, tidyStudent } from '../../studentTensors';

export const tensorOf = (m: Matrix): tf.Tensor2D => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]);

export function paramTensors(params: GcnParams): ZkcParams {
  return {
    w1: tensorOf(params.w1),
    w2: tensorOf(params.w2),
    w3: tensorOf(params.w3),
    b3: tf.tensor1d(Float32Array.from(params.b3)),
  };
}
