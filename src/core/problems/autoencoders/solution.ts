// Problem 4's student API: the functions q4_autoencoders.ts exports (the reference has the same
// shape). The lab's harness (train.ts) owns the parameters, the optimiser and the loop, and calls
// these inside its gradient tape: training applies `addNoise`/`maskInputs` to the input only,
// evaluation never calls them.
import type * as tf from '@tensorflow/tfjs-core';

export type Activation = 'linear' | 'relu';
export type Variant = 'vanilla' | 'denoising' | 'masked';

/** One dense layer, y = x·w + b (x is batch × in, w is in × out). */
export interface DenseLayer {
  w: tf.Tensor2D;
  b: tf.Tensor1D;
}

/** Encoder layers in → h₁ → … → k, then decoder layers k → … → in (the lab builds both). */
export interface AutoencoderParams {
  encoder: DenseLayer[];
  decoder: DenseLayer[];
  activation: Activation;
}

export interface AutoencoderOutput {
  /** The bottleneck code, batch × k (no activation after the bottleneck). */
  code: tf.Tensor2D;
  /** The reconstruction, batch × in (no activation after the last layer). */
  reconstruction: tf.Tensor2D;
}

export interface AutoencoderSolution {
  /** q4.decoder: the decoder's output widths, e.g. (784, [256, 5]) → [256, 784]. */
  decoderWidths(inputDim: number, encoderWidths: number[]): number[];
  /** q4.forward: the activation between layers, none after the bottleneck or the last layer. */
  forward(params: AutoencoderParams, x: tf.Tensor2D): AutoencoderOutput;
  /** q4.loss: (1/B) Σ_i ‖x_i − x̂_i‖². */
  reconstructionLoss(x: tf.Tensor2D, reconstruction: tf.Tensor2D): tf.Scalar;
  /** q4.denoising: x + N(0, std²) noise, seeded. */
  addNoise(x: tf.Tensor2D, std: number, seed: number): tf.Tensor2D;
  /** q4.masking: each entry zeroed with probability p, the rest unchanged, seeded. */
  maskInputs(x: tf.Tensor2D, p: number, seed: number): tf.Tensor2D;
  /** q4.probe-accuracy: the fraction of rows whose largest logit is the label. */
  probeAccuracy(logits: tf.Tensor2D, labels: Int32Array): number;
}
