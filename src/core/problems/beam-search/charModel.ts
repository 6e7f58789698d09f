// A small real autoregressive model for Q5's second demo: a Bengio-style character MLP
// (fixed context of n characters → shared embeddings → tanh hidden layer → softmax over characters),
// trained with tfjs on a bundled public-domain text. Decoding then runs on plain arrays: one
// hypothesis step is ~20k multiply-adds, far below what a tfjs op costs to dispatch.
import * as tf from '@tensorflow/tfjs-core';
import { logSoftmax, type StepFn } from './stepFn';
import type { Rng } from '../../engine/rng';
import type { CancelSignal } from '../../engine/cancel';

export interface CharModelConfig {
  /** Beam width of the decode drawn in the panel. */
  k: number;
  /** Characters to generate after the prompt. */
  T: number;
  prompt: string;
  epochs: number;
  /** Characters of context the model sees. */
  context: number;
  embed: number;
  hidden: number;
  batchSize: number;
  learningRate: number;
}

/** Lower case, single spaces, and only letters and common punctuation: a vocabulary of ~35. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z .,;:!?'\-\s]/g, '')
    .replace(/\s+/g, ' ');
}

export function buildVocabulary(text: string): string[] {
  return [...new Set(text)].sort();
}

/** Token ids of `text`; characters outside the vocabulary are dropped (and counted). */
export function encode(text: string, vocab: readonly string[]): { tokens: number[]; dropped: number } {
  const index = new Map(vocab.map((c, i) => [c, i]));
  const tokens: number[] = [];
  let dropped = 0;
  for (const ch of text) {
    const id = index.get(ch);
    if (id === undefined) dropped++;
    else tokens.push(id);
  }
  return { tokens, dropped };
}

export interface CharModelWeights {
  /** [M, E] */ embedding: Float32Array;
  /** [n·E, H] */ w1: Float32Array;
  /** [H] */ b1: Float32Array;
  /** [H, M] */ w2: Float32Array;
  /** [M] */ b2: Float32Array;
}

export interface TrainedCharModel {
  vocab: string[];
  context: number;
  embed: number;
  hidden: number;
  /** The token that pads contexts before the start of the text (a space). */
  padToken: number;
  weights: CharModelWeights;
  /** Mean training cross-entropy (nats per character) of each epoch. */
  losses: number[];
}

export interface TrainHooks {
  signal: CancelSignal;
  onEpoch?(epoch: number, loss: number): void | Promise<void>;
}

type Shape = 'embedding' | 'w1' | 'b1' | 'w2' | 'b2';

/** Trains the MLP on `text` (already normalised); every tensor it makes is disposed. */
export async function trainCharModel(
  text: string,
  cfg: CharModelConfig,
  rng: Rng,
  hooks: TrainHooks,
): Promise<TrainedCharModel> {
  const vocab = buildVocabulary(text);
  const M = vocab.length;
  const { context: n, embed: E, hidden: H } = cfg;
  const padToken = vocab.indexOf(' ');
  const tokens = encode(text, vocab).tokens;
  const padded = [...new Array<number>(n).fill(padToken), ...tokens];

  const init = (size: number, std: number): Float32Array =>
    Float32Array.from({ length: size }, () => std * rng.normal());
  const params: Record<Shape, tf.Variable> = {
    embedding: variable(init(M * E, 0.5), [M, E]),
    w1: variable(init(n * E * H, 1 / Math.sqrt(n * E)), [n * E, H]),
    b1: variable(new Float32Array(H), [H]),
    w2: variable(init(H * M, 1 / Math.sqrt(H)), [H, M]),
    b2: variable(new Float32Array(M), [M]),
  };
  const optimizer = tf.train.adam(cfg.learningRate);
  const losses: number[] = [];
  try {
    const order = tokens.map((_, i) => i);
    for (let epoch = 0; epoch < cfg.epochs; epoch++) {
      hooks.signal.throwIfCancelled();
      shuffle(order, rng);
      let total = 0;
      for (let start = 0; start < order.length; start += cfg.batchSize) {
        const batch = order.slice(start, start + cfg.batchSize);
        const contexts = new Int32Array(batch.length * n);
        batch.forEach((i, b) => contexts.set(padded.slice(i, i + n), b * n));
        const targets = Int32Array.from(batch, (i) => tokens[i]!);
        const loss = tf.tidy(() => {
          const x = tf.oneHot(tf.tensor1d(contexts, 'int32'), M);
          const y = tf.oneHot(tf.tensor1d(targets, 'int32'), M);
          // minimize returns the loss; tidy disposes every intermediate and keeps only that scalar
          return optimizer.minimize(
            () => tf.losses.softmaxCrossEntropy(y, forward(params, x, batch.length, n, E)),
            true,
          )!;
        });
        total += loss.dataSync()[0]! * batch.length;
        loss.dispose();
      }
      losses.push(total / order.length);
      await hooks.onEpoch?.(epoch, total / order.length);
    }
    const read = (v: tf.Variable): Float32Array => Float32Array.from(v.dataSync() as Float32Array);
    return {
      vocab,
      context: n,
      embed: E,
      hidden: H,
      padToken,
      weights: {
        embedding: read(params.embedding),
        w1: read(params.w1),
        b1: read(params.b1),
        w2: read(params.w2),
        b2: read(params.b2),
      },
      losses,
    };
  } finally {
    optimizer.dispose();
    for (const v of Object.values(params)) v.dispose();
  }
}

/** A trainable variable holding `values` (tf.variable keeps its own copy: the source is freed). */
function variable(values: Float32Array, shape: number[]): tf.Variable {
  const initial = tf.tensor(values, shape);
  const v = tf.variable(initial);
  initial.dispose();
  return v;
}

/**
 * a·b whose backward pass multiplies by explicit transposes: tfjs-wasm runs matMul with a
 * transposed operand several times slower than the plain case, and autodiff's matMul gradient
 * uses exactly those. Same numbers, about half the training time here.
 */
const matMul = tf.customGrad((...args) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, [sa, sb]: tf.Tensor[]) => [
      tf.matMul(dy as tf.Tensor2D, tf.transpose(sb!)),
      tf.matMul(tf.transpose(sa!), dy as tf.Tensor2D),
    ],
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/** Logits for a batch of one-hot contexts x [B·n, M]: embeddings are shared across positions. */
function forward(p: Record<Shape, tf.Variable>, x: tf.Tensor, B: number, n: number, E: number): tf.Tensor2D {
  const e = tf.reshape(matMul(x as tf.Tensor2D, p.embedding as tf.Tensor2D), [B, n * E]) as tf.Tensor2D;
  const h = tf.tanh(tf.add(matMul(e, p.w1 as tf.Tensor2D), p.b1)) as tf.Tensor2D;
  return tf.add(matMul(h, p.w2 as tf.Tensor2D), p.b2) as tf.Tensor2D;
}

function shuffle(a: number[], rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
}

/** log p(· | context) for a context of exactly `model.context` token ids, on plain arrays. */
export function charLogProbs(model: TrainedCharModel, context: readonly number[]): number[] {
  const { embedding, w1, b1, w2, b2 } = model.weights;
  const { embed: E, hidden: H } = model;
  const M = model.vocab.length;
  const pre = Float64Array.from(b1);
  context.forEach((token, p) => {
    for (let e = 0; e < E; e++) {
      const x = embedding[token * E + e]!;
      const row = (p * E + e) * H;
      for (let j = 0; j < H; j++) pre[j]! += x * w1[row + j]!;
    }
  });
  const logits = Float64Array.from(b2);
  for (let j = 0; j < H; j++) {
    const h = Math.tanh(pre[j]!);
    for (let m = 0; m < M; m++) logits[m]! += h * w2[j * M + m]!;
  }
  return logSoftmax(logits);
}

/** The step function of the model continuing `prompt`: a prefix is the generated tokens so far. */
export function charModelStep(model: TrainedCharModel, promptTokens: readonly number[]): StepFn {
  const cache = new Map<string, number[]>();
  const lead = [...new Array<number>(model.context).fill(model.padToken), ...promptTokens];
  return (prefix) => {
    const context = [...lead, ...Array.from(prefix)].slice(-model.context);
    const key = context.join(',');
    let row = cache.get(key);
    if (!row) cache.set(key, (row = charLogProbs(model, context)));
    return row.slice();
  };
}
