// Q4 bugs only the hidden checks (grading runs) see, and a correct forward written differently.
import * as tf from '@tensorflow/tfjs';
import * as referenceModule from '../../../src/core/problems/autoencoders/reference';
import type {
  AutoencoderParams,
  AutoencoderSolution,
  DenseLayer,
} from '../../../src/core/problems/autoencoders/solution';

const dense = (x: tf.Tensor2D, l: DenseLayer): tf.Tensor2D => tf.add(tf.matMul(x, l.w), l.b);

/** Each stack's layers, params.activation after those `between(i, n)` says. */
const forwardWith = (between: (i: number, n: number) => boolean) => (params: AutoencoderParams, x: tf.Tensor2D) =>
  tf.tidy(() => {
    const stack = (h: tf.Tensor2D, layers: DenseLayer[]): tf.Tensor2D =>
      layers.reduce((acc, l, i) => {
        const y = dense(acc, l);
        return params.activation === 'relu' && between(i, layers.length) ? tf.relu(y) : y;
      }, h);
    const code = stack(x, params.encoder);
    return { code, reconstruction: stack(code, params.decoder) };
  });

/** q4.hidden-deeper-forward: ReLU only after each stack's first layer (right for stacks of at most two). */
export const reluAfterFirstOnly: AutoencoderSolution = { ...referenceModule, forward: forwardWith((i) => i === 0) };

/** A correct forward written differently: one loop over both stacks, the bias added by broadcasting. */
export const writtenDifferently: AutoencoderSolution = {
  ...referenceModule,
  forward: (params, x) =>
    tf.tidy(() => {
      const layers = [...params.encoder, ...params.decoder];
      let h = x;
      let code = x;
      layers.forEach((l, i) => {
        h = tf.matMul(h, l.w).add(l.b.reshape([1, -1]));
        const lastOfStack = i === params.encoder.length - 1 || i === layers.length - 1;
        if (params.activation === 'relu' && !lastOfStack) h = tf.relu(h);
        if (i === params.encoder.length - 1) code = h;
      });
      return { code, reconstruction: h };
    }),
};
