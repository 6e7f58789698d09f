// Wrong students for the Q4 checks: the reference with one typical mistake each.
import * as tf from '@tensorflow/tfjs';
import * as referenceModule from '../../../src/core/problems/autoencoders/reference';
import type {
  AutoencoderOutput,
  AutoencoderParams,
  AutoencoderSolution,
  DenseLayer,
} from '../../../src/core/problems/autoencoders/solution';

export const reference: AutoencoderSolution = referenceModule;

const dense = (x: tf.Tensor2D, l: DenseLayer): tf.Tensor2D => tf.add(tf.matMul(x, l.w), l.b);

/** forward with the activation after the bottleneck and/or after the last layer too. */
function forwardWith(options: { bottleneck?: boolean; output?: boolean }) {
  return (params: AutoencoderParams, x: tf.Tensor2D): AutoencoderOutput =>
    tf.tidy(() => {
      const act = (h: tf.Tensor2D): tf.Tensor2D => (params.activation === 'relu' ? tf.relu(h) : h);
      let h = x;
      params.encoder.forEach((l, i) => {
        h = dense(h, l);
        if (i < params.encoder.length - 1 || options.bottleneck) h = act(h);
      });
      const code = h;
      params.decoder.forEach((l, i) => {
        h = dense(h, l);
        if (i < params.decoder.length - 1 || options.output) h = act(h);
      });
      return { code, reconstruction: h };
    });
}

let calls = 0;

export const WRONG: Record<string, { solution: AutoencoderSolution; checkId: string; message: RegExp }> = {
  'decoder not mirrored': {
    solution: { ...reference, decoderWidths: (inputDim, enc) => [...enc.slice(0, -1), inputDim] },
    checkId: 'q4.decoder',
    message:
      /decoderWidths\(784, \[256, 5\]\) returned \[256, 784\]|decoderWidths\(7, \[6, 4, 3\]\) returned \[6, 4, 7\]/,
  },
  'loss: mean over everything': {
    solution: { ...reference, reconstructionLoss: (x, r) => tf.tidy(() => tf.mean(tf.square(tf.sub(x, r)))) },
    checkId: 'q4.loss',
    message: /is 2\.83333; .* 8\.5 .*the mean over every entry/,
  },
  'loss: no mean over the batch': {
    solution: { ...reference, reconstructionLoss: (x, r) => tf.tidy(() => tf.sum(tf.square(tf.sub(x, r)))) },
    checkId: 'q4.loss',
    message: /is 17; .*divide by the batch size/,
  },
  'loss: square root': {
    solution: {
      ...reference,
      reconstructionLoss: (x, r) => tf.tidy(() => tf.sqrt(reference.reconstructionLoss(x, r))),
    },
    checkId: 'q4.loss',
    message: /the square root of the loss/,
  },
  'activation after the bottleneck': {
    solution: { ...reference, forward: forwardWith({ bottleneck: true }) },
    checkId: 'q4.forward',
    message: /ReLU after the bottleneck/,
  },
  'activation after the last layer': {
    solution: { ...reference, forward: forwardWith({ output: true }) },
    checkId: 'q4.forward',
    message: /ReLU after the last layer/,
  },
  'noise leaking into forward': {
    solution: {
      ...reference,
      forward: (params, x) => {
        const noisy = reference.addNoise(x, 0.5, calls++);
        const out = reference.forward(params, noisy);
        noisy.dispose();
        return out;
      },
    },
    checkId: 'q4.forward',
    message: /noise or masking leaks into evaluation/,
  },
  'masking leaking into the loss': {
    solution: {
      ...reference,
      reconstructionLoss: (x, r) =>
        tf.tidy(() => reference.reconstructionLoss(reference.maskInputs(x, 0.25, calls++), r)),
    },
    checkId: 'q4.loss',
    message: /Noise or masking leaks into evaluation/,
  },
  'noise: variance for std': {
    solution: { ...reference, addNoise: (x, std, seed) => reference.addNoise(x, std * std, seed) },
    checkId: 'q4.denoising',
    message: /standard deviation 0\.2\d+ .*must be 0\.5 \(0\.25 is std²/,
  },
  'noise: unseeded': {
    solution: { ...reference, addNoise: (x, std) => reference.addNoise(x, std, calls++) },
    checkId: 'q4.denoising',
    message: /different noise twice with the same seed/,
  },
  'mask: rescaled like dropout': {
    solution: {
      ...reference,
      maskInputs: (x, p, seed) => tf.tidy(() => tf.div(reference.maskInputs(x, p, seed), 1 - p)),
    },
    checkId: 'q4.masking',
    message: /1\/\(1 − p\), as dropout does/,
  },
  'mask: p is the keep probability': {
    solution: { ...reference, maskInputs: (x, p, seed) => reference.maskInputs(x, 1 - p, seed) },
    checkId: 'q4.masking',
    message: /zeroed 7\d\.\d % .*that is 1 − p/,
  },
  'accuracy: a percentage': {
    solution: { ...reference, probeAccuracy: (l, y) => 100 * reference.probeAccuracy(l, y) },
    checkId: 'q4.probe-accuracy',
    message: /That is a percentage/,
  },
  'accuracy: the last largest logit on a tie': {
    solution: {
      ...reference,
      probeAccuracy: (logits, labels) => {
        const v = logits.arraySync() as number[][];
        let correct = 0;
        v.forEach((row, i) => {
          let best = 0;
          row.forEach((z, c) => {
            if (z >= row[best]!) best = c;
          });
          if (best === labels[i]) correct++;
        });
        return correct / labels.length;
      },
    },
    checkId: 'q4.probe-accuracy',
    message: /on ties .*is 0\.25; .* is 0\.75/,
  },
};
