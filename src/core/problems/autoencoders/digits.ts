// Digit strips for the panel: a few test images, the same images corrupted as the variant's training
// saw them (the student's addNoise or maskInputs; the originals for vanilla), and their
// reconstructions (the student's forward on the clean images). Pixels clipped to [0, 1] and stored
// as base64 of uint8 (0–255), row-major.
import * as tf from '@tensorflow/tfjs-core';
import { callStudent } from '../../problem';
import type { DigitStrip } from './artifact';
import { MARKERS } from './meta';
import type { AutoencoderParams, AutoencoderSolution, Variant } from './solution';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with padding), without Node's Buffer or the DOM's btoa. */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!,
      b = bytes[i + 1],
      c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out +=
      ALPHABET[(n >> 18) & 63]! +
      ALPHABET[(n >> 12) & 63]! +
      (b === undefined ? '=' : ALPHABET[(n >> 6) & 63]!) +
      (c === undefined ? '=' : ALPHABET[n & 63]!);
  }
  return out;
}

/** Pixels in [0, 1] (clipped) as uint8 base64 images of `dim` pixels each. */
export function pixelsToBase64(values: ArrayLike<number>, count: number, dim: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const bytes = new Uint8Array(dim);
    for (let j = 0; j < dim; j++) {
      const v = values[i * dim + j]!;
      bytes[j] = Number.isFinite(v) ? Math.round(Math.min(1, Math.max(0, v)) * 255) : 0;
    }
    return base64(bytes);
  });
}

export interface StripInput {
  /** The test images (n × width·height) and labels; the first `count` are shown. */
  x: Float32Array;
  labels: ArrayLike<number>;
  width: number;
  height: number;
  count: number;
  variant: Variant;
  noiseStd: number;
  maskProb: number;
  seed: number;
}

export function digitStrip(solution: AutoencoderSolution, params: AutoencoderParams, input: StripInput): DigitStrip {
  const dim = input.width * input.height;
  const count = Math.min(input.count, Math.floor(input.x.length / dim));
  const originals = input.x.subarray(0, count * dim);
  const [corrupted, reconstructed] = tf.tidy(() => {
    const x = tf.tensor2d(originals, [count, dim]);
    const c =
      input.variant === 'denoising'
        ? callStudent(MARKERS.denoise, () => solution.addNoise(x, input.noiseStd, input.seed))
        : input.variant === 'masked'
          ? callStudent(MARKERS.mask, () => solution.maskInputs(x, input.maskProb, input.seed))
          : x;
    const r = callStudent(MARKERS.forward, () => solution.forward(params, x)).reconstruction;
    return [c, r];
  });
  const corruptedValues = corrupted.dataSync();
  const reconstructedValues = reconstructed.dataSync();
  tf.dispose([corrupted, reconstructed]);
  return {
    width: input.width,
    height: input.height,
    original: pixelsToBase64(originals, count, dim),
    corrupted: pixelsToBase64(corruptedValues, count, dim),
    reconstructed: pixelsToBase64(reconstructedValues, count, dim),
    labels: Array.from({ length: count }, (_, i) => Number(input.labels[i])),
  };
}
