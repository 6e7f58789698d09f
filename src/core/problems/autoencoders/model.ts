// Problem 4's model: the dense layers of an autoencoder, owned by the lab's harness (the student's
// forward only reads them). Seeded initialisation: He-uniform for a layer followed by ReLU,
// Glorot-uniform otherwise (linear layers, the bottleneck and the output); biases zero.
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../engine/rng';
import type { Activation, AutoencoderParams, DenseLayer } from './solution';

export interface AutoencoderModel extends AutoencoderParams {
  /** Every weight and bias, encoder first, in layer order (w then b). */
  variables: tf.Variable[];
  dispose(): void;
}

/** Layer widths [in, h₁, …] → the (in, out) pairs of its dense layers. */
function layerShapes(inputDim: number, widths: number[]): [number, number][] {
  const dims = [inputDim, ...widths];
  return widths.map((_, i) => [dims[i], dims[i + 1]]);
}

function checkWidths(what: string, widths: number[]): void {
  if (widths.length === 0 || !widths.every((w) => Number.isInteger(w) && w > 0)) {
    throw new Error(`${what} must be a non-empty list of positive integers (got [${widths.join(', ')}]).`);
  }
}

/**
 * Builds encoder inputDim → encoderWidths and decoder k → decoderWidths (the student's
 * decoderWidths(inputDim, encoderWidths), which must end at inputDim).
 */
export function buildAutoencoder(
  inputDim: number,
  encoderWidths: number[],
  activation: Activation,
  decoderWidths: number[],
  seed: number,
): AutoencoderModel {
  checkWidths('The encoder widths', encoderWidths);
  checkWidths('The decoder widths', decoderWidths);
  if (decoderWidths[decoderWidths.length - 1] !== inputDim) {
    throw new Error(
      `The decoder must end at the input dimension ${inputDim} (decoder widths [${decoderWidths.join(', ')}]).`,
    );
  }
  const rng = createRng(seed);
  const variables: tf.Variable[] = [];
  const makeLayers = (fromDim: number, widths: number[]): DenseLayer[] =>
    layerShapes(fromDim, widths).map(([fanIn, fanOut], i) => {
      const relu = activation === 'relu' && i < widths.length - 1;
      const limit = relu ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
      const values = new Float32Array(fanIn * fanOut);
      for (let j = 0; j < values.length; j++) values[j] = (2 * rng.next() - 1) * limit;
      // A variable shares its initial tensor's buffer; tidy frees the initial tensor, not the buffer.
      const w = tf.tidy(() => tf.variable(tf.tensor2d(values, [fanIn, fanOut]), true)) as tf.Variable<tf.Rank.R2>;
      const b = tf.tidy(() => tf.variable(tf.zeros([fanOut]), true)) as tf.Variable<tf.Rank.R1>;
      variables.push(w, b);
      return { w, b };
    });
  const encoder = makeLayers(inputDim, encoderWidths);
  const decoder = makeLayers(encoderWidths[encoderWidths.length - 1], decoderWidths);
  return {
    encoder,
    decoder,
    activation,
    variables,
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}

/** Number of trainable parameters. */
export function parameterCount(params: AutoencoderParams): number {
  return [...params.encoder, ...params.decoder].reduce((n, l) => n + l.w.size + l.b.size, 0);
}
