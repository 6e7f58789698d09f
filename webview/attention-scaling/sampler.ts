// The live lab's Monte Carlo: q, k ~ N(μ, σ²I) in R^d, `samples` pairs, qᵀk per pair — with tfjs on
// its CPU backend (plain JavaScript: no wasm files to serve, nothing the panel's CSP forbids; a few
// million normals take well under a second). Seeded, so the same sliders draw the same histogram.
import { restoreWebAssembly } from './noWasmProbe';
import * as tf from '@tensorflow/tfjs';
import type { LiveParams } from './state';

restoreWebAssembly();

let ready: Promise<void> | undefined;

function cpuBackend(): Promise<void> {
  ready ??= (async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  })();
  return ready;
}

/** qᵀk for each of `samples` independent pairs (float32 as tfjs computes it, read back as numbers). */
export async function sampleDots(p: LiveParams, seed = 1): Promise<Float32Array> {
  await cpuBackend();
  const dots = tf.tidy(() => {
    const q = tf.randomNormal([p.samples, p.d], p.mu, p.sigma, 'float32', seed);
    const k = tf.randomNormal([p.samples, p.d], p.mu, p.sigma, 'float32', seed + 7919);
    return tf.sum(tf.mul(q, k), 1);
  });
  try {
    return (await dots.data()) as Float32Array;
  } finally {
    dots.dispose();
  }
}

export const liveBackend = (): string => tf.getBackend() ?? 'none';
export const liveTensorCount = (): number => tf.memory().numTensors;
