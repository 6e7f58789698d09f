// Q4 — Autoencoders, linear probing and PCA
//
// An autoencoder maps an input x (a row of `in` features) through an encoder in → h₁ → … → k to a
// code of size k (the bottleneck), and back through a decoder k → … → h₁ → in to a reconstruction
// x̂. Every layer is dense, y = x·w + b (x is batch × in, w is in × out, b has `out` entries). The
// activation (identity for the linear autoencoder, ReLU for the non-linear one) sits between layers:
// none after the bottleneck and none after the last layer. Inputs are batches: tensors batch × in.
//
// The lab builds the layers, owns the optimiser (Adam) and the training loop, and calls your
// functions: `forward` and `reconstructionLoss` inside its gradient tape; during training only, the
// denoising variant feeds `addNoise(x)` and the masked variant `maskInputs(x)` to the encoder while
// the loss compares the reconstruction with the clean x. Validation losses, probe features and
// everything else the lab evaluates use the clean input.
//
// The run trains the homework's grid: {synthetic, MNIST} × {linear, ReLU} × {vanilla, denoising,
// masked} × k ∈ {5, 10, 100, 1000}, then trains a linear probe (a fresh dense layer on the frozen
// codes) and compares the linear autoencoders with PCA (question 4b). Click "▶ Run" above a TODO
// line: the Autoencoders panel shows the curves, the digits and the whole grid; "✓ Check" runs only
// the checks. Failed checks appear as problems at their TODO lines.
import * as tf from "@tensorflow/tfjs";
import type { AutoencoderParams, AutoencoderOutput, DenseLayer } from "hw6-lab";

function dense(x: tf.Tensor2D, layer: DenseLayer): tf.Tensor2D {
  return tf.add(tf.matMul(x, layer.w), layer.b);
}

/** Dense layers in order, the activation between them and none after the last. */
function stack(x: tf.Tensor2D, layers: DenseLayer[], activation: AutoencoderParams["activation"]): tf.Tensor2D {
  let h = x;
  layers.forEach((layer, i) => {
    h = dense(h, layer);
    if (i < layers.length - 1 && activation === "relu") h = tf.relu(h);
  });
  return h;
}

/** The decoder's output widths, mirroring the encoder: e.g. (784, [256, 5]) → [256, 784]. */
export function decoderWidths(inputDim: number, encoderWidths: number[]): number[] {
  // TODO(hw6:q4.decoder) the encoder's widths before the bottleneck in reverse order, then the input size
  return [...encoderWidths.slice(0, -1).reverse(), inputDim];
}

/** The code (batch × k) and the reconstruction (batch × in) of a batch x (batch × in). */
export function forward(params: AutoencoderParams, x: tf.Tensor2D): AutoencoderOutput {
  // TODO(hw6:q4.forward) params.encoder's layers then params.decoder's, params.activation between layers (none after the bottleneck or the last layer)
  return tf.tidy(() => {
    const code = stack(x, params.encoder, params.activation);
    const reconstruction = stack(code, params.decoder, params.activation);
    return { code, reconstruction };
  });
}

/** (1/B) Σ_i ‖x_i − x̂_i‖² over the B rows of the batch: a scalar tensor. */
export function reconstructionLoss(x: tf.Tensor2D, reconstruction: tf.Tensor2D): tf.Scalar {
  // TODO(hw6:q4.loss) squared errors summed over the features of each row, then the mean over the rows
  return tf.tidy(() => tf.mean(tf.sum(tf.square(tf.sub(x, reconstruction)), 1)));
}

/** Denoising: x plus Gaussian noise of mean 0 and standard deviation `std`, drawn with `seed`. */
export function addNoise(x: tf.Tensor2D, std: number, seed: number): tf.Tensor2D {
  // TODO(hw6:q4.denoising) a new tensor x + noise, the noise from tf.randomNormal with the given seed (do not modify x)
  return tf.tidy(() => tf.add(x, tf.randomNormal(x.shape, 0, std, "float32", seed)));
}

/** Masking: each entry of x set to 0 with probability p (drawn with `seed`), the others unchanged. */
export function maskInputs(x: tf.Tensor2D, p: number, seed: number): tf.Tensor2D {
  // TODO(hw6:q4.masking) a new tensor: a seeded uniform draw per entry (tf.randomUniform) decides which entries become 0; the kept entries keep their value
  return tf.tidy(() => {
    const keep = tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, "float32", seed), p), "float32");
    return tf.mul(x, keep);
  });
}

/** The fraction (0…1) of rows whose largest logit (the first one on a tie) is at the row's label. */
export function probeAccuracy(logits: tf.Tensor2D, labels: Int32Array): number {
  // TODO(hw6:q4.probe-accuracy) the predicted class of each row of logits (batch × classes), compared with labels
  const predicted = tf.tidy(() => tf.argMax(logits, 1));
  const values = predicted.dataSync();
  predicted.dispose();
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (values[i] === labels[i]) correct++;
  return labels.length === 0 ? 0 : correct / labels.length;
}
