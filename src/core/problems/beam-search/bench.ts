// Times beam decoding with a real recurrent decoder: a GRU (random seeded weights) whose step
// function feeds the reference beam search. tfjs dispatch costs ~10–20 µs per op, so the decoder
// scores all hypotheses of a step in one batched GRU step (bias adds fused into the matmuls, gates
// computed together), caches each hypothesis' hidden state in plain arrays keyed by its prefix, and
// reads back log-probabilities and new hidden states together: one readback per time step.
import * as tf from '@tensorflow/tfjs';
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
  /** embedding·wInput + bInput: the input projection of every token, [V + 1, 3H]. */
  inputProjection: tf.Tensor2D;
  wHidden: tf.Tensor2D;
  bHidden: tf.Tensor1D;
  /** Output projection [H, V]. */
  wOut: tf.Tensor2D;
  bOut: tf.Tensor1D;
}

export function createGruWeights(vocabSize: number, embed: number, hidden: number, seed: number): GruWeights {
  const rng = createRng(seed);
  const normal = (shape: [number, number], std: number): tf.Tensor2D =>
    tf.tensor2d(Float32Array.from({ length: shape[0] * shape[1] }, () => std * rng.normal()), shape);
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
    inputProjection: tf.fused.matMul({ a: embedding, b: wInput, bias: bInput }) as tf.Tensor2D,
    wHidden: normal([hidden, 3 * hidden], 1 / Math.sqrt(hidden)),
    bHidden: small(3 * hidden),
    wOut: normal([hidden, vocabSize], 1 / Math.sqrt(hidden)),
    bOut: small(vocabSize),
  };
}

export function disposeGruWeights(w: GruWeights): void {
  tf.dispose([w.embedding, w.wInput, w.bInput, w.inputProjection, w.wHidden, w.bHidden, w.wOut, w.bOut]);
}

/**
 * The decoder's step function for one decode: h(prefix) = GRU(h(parent), embed(last token)), with
 * h(parent of the empty prefix) = 0 and the begin-of-sequence token as its input.
 */
export function gruStep(w: GruWeights): BatchedStepFn {
  const H = w.hidden;
  const V = w.vocabSize;
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
    const out = tf.tidy(() => {
      const gi = tf.gather(w.inputProjection, tf.tensor1d(inputs, 'int32'));
      const h = tf.tensor2d(hPrev, [n, H]);
      const gh = tf.fused.matMul({ a: h, b: w.wHidden, bias: w.bHidden });
      const [iRZ, iN] = tf.split(gi, [2 * H, H], 1) as [tf.Tensor2D, tf.Tensor2D];
      const [hRZ, hN] = tf.split(gh, [2 * H, H], 1) as [tf.Tensor2D, tf.Tensor2D];
      const [r, z] = tf.split(tf.sigmoid(tf.add(iRZ, hRZ)), 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      const candidate = tf.tanh(tf.add(iN, tf.mul(r, hN)));
      const hNew = tf.add(candidate, tf.mul(z, tf.sub(h, candidate))) as tf.Tensor2D; // (1 − z)·n + z·h
      const logProbs = tf.logSoftmax(tf.fused.matMul({ a: hNew, b: w.wOut, bias: w.bOut }));
      return tf.concat([logProbs, hNew], 1);
    });
    // Read outside tidy (tidy would walk a returned TypedArray element by element).
    const data = out.dataSync() as Float32Array;
    out.dispose();
    const width = V + H;
    return prefixes.map((prefix, i) => {
      states.set(key(prefix), data.slice(i * width + V, (i + 1) * width));
      return data.subarray(i * width, i * width + V);
    });
  };

  return Object.assign((prefix: readonly number[]) => batch([prefix])[0]!, { batch });
}
