// Times beam decoding with a real recurrent decoder: a GRU (random seeded weights) whose step
// function feeds the reference beam search. tfjs dispatch costs ~10–20 µs per op, so the decoder
// scores all hypotheses of a step in one batched GRU step: the input half of the gates is
// precomputed for every token, the bias adds are fused into the two matmuls (recurrent, output), the
// gates are computed in a plain loop, and each hypothesis' hidden state is cached in plain arrays
// keyed by its prefix. Per time step: ~13 tfjs kernels and two small readbacks.
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../engine/rng';
import { runBeamSearch, type BatchedStepFn } from './reference';

export interface BeamBenchOptions {
  k: number;
  T: number;
  vocabSize: number;
  embed?: number;
  hidden?: number;
  /** Timed decodes (after one untimed warm-up); the median is reported. */
  repeats?: number;
  seed?: number;
}

export async function timeBeamDecoding(opts: BeamBenchOptions): Promise<{ msPerSentence: number }> {
  const { k, T, vocabSize, embed = 32, hidden = 64, repeats = 5, seed = 0 } = opts;
  const weights = createGruWeights(vocabSize, embed, hidden, seed);
  try {
    const decodeOnce = (): void => {
      runBeamSearch(gruStep(weights), k, T, { recordTrace: false });
    };
    decodeOnce(); // warm-up: kernel set-up and first-call costs
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const started = tf.util.now();
      decodeOnce();
      times.push(tf.util.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 0)); // let the host breathe between repeats
    }
    times.sort((a, b) => a - b);
    return { msPerSentence: times[Math.floor(times.length / 2)]! };
  } finally {
    disposeGruWeights(weights);
  }
}

export interface GruWeights {
  vocabSize: number;
  embed: number;
  hidden: number;
  /** [V + 1, E]: row V embeds the begin-of-sequence token. */
  embedding: tf.Tensor2D;
  /** Input and recurrent weights for the [reset | update | new] gates: [E, 3H], [H, 3H]. */
  wInput: tf.Tensor2D;
  bInput: tf.Tensor1D;
  /** embedding·wInput + bInput, the input half of the gates for every token: [V + 1, 3H], row-major. */
  inputGates: Float32Array;
  wHidden: tf.Tensor2D;
  bHidden: tf.Tensor1D;
  /** Output projection [H, V]. */
  wOut: tf.Tensor2D;
  bOut: tf.Tensor1D;
}

export function createGruWeights(vocabSize: number, embed: number, hidden: number, seed: number): GruWeights {
  const rng = createRng(seed);
  const normal = (shape: [number, number], std: number): tf.Tensor2D =>
    tf.tensor2d(
      Float32Array.from({ length: shape[0] * shape[1] }, () => std * rng.normal()),
      shape,
    );
  const small = (n: number): tf.Tensor1D => tf.tensor1d(Float32Array.from({ length: n }, () => 0.1 * rng.normal()));
  const embedding = normal([vocabSize + 1, embed], 1);
  const wInput = normal([embed, 3 * hidden], 1 / Math.sqrt(embed));
  const bInput = small(3 * hidden);
  return {
    vocabSize,
    embed,
    hidden,
    embedding,
    wInput,
    bInput,
    inputGates: readAndDispose(tf.tidy(() => tf.fused.matMul({ a: embedding, b: wInput, bias: bInput }))),
    wHidden: normal([hidden, 3 * hidden], 1 / Math.sqrt(hidden)),
    bHidden: small(3 * hidden),
    wOut: normal([hidden, vocabSize], 1 / Math.sqrt(hidden)),
    bOut: small(vocabSize),
  };
}

export function disposeGruWeights(w: GruWeights): void {
  tf.dispose([w.embedding, w.wInput, w.bInput, w.wHidden, w.bHidden, w.wOut, w.bOut]);
}

/**
 * The decoder's step function for one decode: h(prefix) = GRU(h(parent), embed(last token)), with
 * h(parent of the empty prefix) = 0 and the begin-of-sequence token as its input.
 */
export function gruStep(w: GruWeights): BatchedStepFn {
  const H = w.hidden;
  const V = w.vocabSize;
  const inputGates = w.inputGates;
  const initial = new Float32Array(H); // the state before the begin-of-sequence token
  const states = new Map<string, Float32Array>(); // h(prefix), keyed by the prefix
  const key = (p: readonly number[]): string => p.join(',');

  const batch = (prefixes: readonly (readonly number[])[]): Float32Array[] => {
    const n = prefixes.length;
    const hPrev = new Float32Array(n * H);
    const inputs = new Int32Array(n);
    prefixes.forEach((prefix, i) => {
      const parent = prefix.slice(0, -1);
      let h = prefix.length === 0 ? initial : states.get(key(parent));
      if (!h) {
        batch([parent]); // a prefix whose parent was never scored (not in a beam search): compute it
        h = states.get(key(parent))!;
      }
      hPrev.set(h, i * H);
      inputs[i] = prefix.length === 0 ? V : prefix[prefix.length - 1]!;
    });
    // The two matmuls run in tfjs; the gates are 3·n·H element-wise operations, cheaper in a plain
    // loop than the dozen tfjs ops (~10–20 µs each) they would take.
    const hiddenGates = readAndDispose(
      tf.tidy(() => tf.fused.matMul({ a: tf.tensor2d(hPrev, [n, H]), b: w.wHidden, bias: w.bHidden })),
    );
    const hNew = new Float32Array(n * H);
    for (let i = 0; i < n; i++) {
      const gi = inputs[i]! * 3 * H;
      const gh = i * 3 * H;
      for (let j = 0; j < H; j++) {
        const r = sigmoid(inputGates[gi + j]! + hiddenGates[gh + j]!);
        const z = sigmoid(inputGates[gi + H + j]! + hiddenGates[gh + H + j]!);
        const candidate = Math.tanh(inputGates[gi + 2 * H + j]! + r * hiddenGates[gh + 2 * H + j]!);
        hNew[i * H + j] = candidate + z * (hPrev[i * H + j]! - candidate); // (1 − z)·candidate + z·h
      }
    }
    const logProbs = readAndDispose(
      tf.tidy(() => tf.logSoftmax(tf.fused.matMul({ a: tf.tensor2d(hNew, [n, H]), b: w.wOut, bias: w.bOut }))),
    );
    return prefixes.map((prefix, i) => {
      states.set(key(prefix), hNew.subarray(i * H, (i + 1) * H));
      return logProbs.subarray(i * V, (i + 1) * V);
    });
  };

  return Object.assign((prefix: readonly number[]) => batch([prefix])[0]!, { batch });
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Reads a tensor made in tidy, then frees it (tidy must not return the TypedArray itself). */
function readAndDispose(t: tf.Tensor): Float32Array {
  const data = t.dataSync() as Float32Array;
  t.dispose();
  return data;
}
