// The reference solution of q4_autoencoders.ts, written as a student's file would be (tfjs only; the
// types are the ones "hw6-lab" exports: test/unit/autoencoders/template.test.ts type-checks it in a
// fresh workspace with './solution' read as "hw6-lab").
import * as tf from '@tensorflow/tfjs';
import type { AutoencoderOutput, AutoencoderParams, DenseLayer } from './solution';

export function decoderWidths(inputDim: number, encoderWidths: number[]): number[] {
  // encoder in → h₁ → … → h_{L−1} → k; decoder k → h_{L−1} → … → h₁ → in
  return [...encoderWidths.slice(0, -1).reverse(), inputDim];
}

function dense(x: tf.Tensor2D, layer: DenseLayer): tf.Tensor2D {
  return tf.add(tf.matMul(x, layer.w), layer.b);
}

/** Dense layers in order, the activation between them and none after the last. */
function stack(x: tf.Tensor2D, layers: DenseLayer[], activation: AutoencoderParams['activation']): tf.Tensor2D {
  let h = x;
  layers.forEach((layer, i) => {
    h = dense(h, layer);
    if (i < layers.length - 1 && activation === 'relu') h = tf.relu(h);
  });
  return h;
}

export function forward(params: AutoencoderParams, x: tf.Tensor2D): AutoencoderOutput {
  return tf.tidy(() => {
    const code = stack(x, params.encoder, params.activation);
    const reconstruction = stack(code, params.decoder, params.activation);
    return { code, reconstruction };
  });
}

export function reconstructionLoss(x: tf.Tensor2D, reconstruction: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.sum(tf.square(tf.sub(x, reconstruction)), 1)));
}

export function addNoise(x: tf.Tensor2D, std: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => tf.add(x, tf.randomNormal(x.shape, 0, std, 'float32', seed)));
}

export function maskInputs(x: tf.Tensor2D, p: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const keep = tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seed), p), 'float32');
    return tf.mul(x, keep);
  });
}

export function probeAccuracy(logits: tf.Tensor2D, labels: Int32Array): number {
  const predicted = tf.tidy(() => tf.argMax(logits, 1));
  const values = predicted.dataSync();
  predicted.dispose();
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (values[i] === labels[i]) correct++;
  return labels.length === 0 ? 0 : correct / labels.length;
}
