// The linear probe: a fresh dense layer (features → classes) on frozen features, trained with Adam
// and cross-entropy on the probe split (the homework: the validation split), judged on the test
// split. Small layers (features × classes < TF_PROBE_SIZE) train in plain float64 loops, where
// tfjs's per-op overhead would cost more than the arithmetic; larger ones (k = 100, 1000 on images)
// in tfjs (~10× faster there: 784 × 10 for 2 000 steps takes ~18 s in loops).
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../../engine/rng';

export interface Features {
  /** n × dim, row-major. */
  x: Float32Array;
  labels: ArrayLike<number>;
  n: number;
  dim: number;
}

export interface ProbeOptions {
  classes: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Where to train: by default loops below TF_PROBE_SIZE weights, tfjs from there (tests force either). */
  engine?: 'loops' | 'tfjs';
  /** Start from this probe's weights (same dim and classes) instead of a fresh initialisation; Adam's moments start at 0. */
  init?: Pick<LinearProbe, 'dim' | 'classes' | 'w' | 'b'>;
}

export interface LinearProbe {
  dim: number;
  classes: number;
  /** dim × classes, row-major. */
  w: Float64Array;
  b: Float64Array;
}

const BETA1 = 0.9,
  BETA2 = 0.999,
  EPSILON = 1e-8;
/** Probes with at least this many weights (features × classes) train in tfjs. */
export const TF_PROBE_SIZE = 2048;

/**
 * Trains a probe (init uniform ±1/√dim, like a framework's dense layer, or options.init's weights;
 * batches reshuffled every epoch).
 */
export function trainProbe(data: Features, options: ProbeOptions): LinearProbe {
  const { classes: C, epochs, batchSize, learningRate: lr, init } = options;
  const { dim: D, n, x } = data;
  const labels = Int32Array.from(data.labels); // one element type in the hot loop
  const rng = createRng(options.seed);
  const bound = 1 / Math.sqrt(Math.max(1, D));
  if (init && (init.dim !== D || init.classes !== C))
    throw new RangeError(`trainProbe: the initial probe is ${init.dim} × ${init.classes}, the data ${D} × ${C}.`);
  const w = init ? Float64Array.from(init.w) : Float64Array.from({ length: D * C }, () => (2 * rng.next() - 1) * bound);
  const b = init ? Float64Array.from(init.b) : Float64Array.from({ length: C }, () => (2 * rng.next() - 1) * bound);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (options.engine === 'tfjs' || (options.engine !== 'loops' && D * C >= TF_PROBE_SIZE))
    return trainProbeTf(data, labels, options, w, b, order, rng);
  const mw = new Float64Array(D * C),
    vw = new Float64Array(D * C),
    mb = new Float64Array(C),
    vb = new Float64Array(C);
  const gw = new Float64Array(D * C),
    gb = new Float64Array(C);
  const z = new Float64Array(C);
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, rng);
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize),
        B = end - start;
      gw.fill(0);
      gb.fill(0);
      for (let s = start; s < end; s++) {
        const r = order[s]!,
          o = r * D;
        // logits, softmax, (p − onehot)/B
        for (let c = 0; c < C; c++) z[c] = b[c]!;
        for (let i = 0; i < D; i++) {
          const xi = x[o + i]!;
          if (xi === 0) continue;
          const wo = i * C;
          for (let c = 0; c < C; c++) z[c] += xi * w[wo + c]!;
        }
        let max = -Infinity;
        for (let c = 0; c < C; c++) max = Math.max(max, z[c]!);
        let sum = 0;
        for (let c = 0; c < C; c++) sum += z[c] = Math.exp(z[c]! - max);
        const y = labels[r]!;
        for (let c = 0; c < C; c++) z[c] = (z[c]! / sum - (c === y ? 1 : 0)) / B;
        for (let c = 0; c < C; c++) gb[c] += z[c]!;
        for (let i = 0; i < D; i++) {
          const xi = x[o + i]!;
          if (xi === 0) continue;
          const wo = i * C;
          for (let c = 0; c < C; c++) gw[wo + c] += xi * z[c]!;
        }
      }
      step++;
      const c1 = 1 - BETA1 ** step,
        c2 = 1 - BETA2 ** step;
      adam(w, gw, mw, vw, lr, c1, c2);
      adam(b, gb, mb, vb, lr, c1, c2);
    }
  }
  return { dim: D, classes: C, w, b };
}

/** The same training in tfjs (float32, tf.train.adam with the same constants, batches copied from the arrays). */
function trainProbeTf(
  data: Features,
  labels: Int32Array,
  options: ProbeOptions,
  w0: Float64Array,
  b0: Float64Array,
  order: Int32Array,
  rng: Rng,
): LinearProbe {
  const { classes: C, epochs, batchSize } = options;
  const { dim: D, n, x } = data;
  // tidy frees the initial tensors (a variable made from a tensor keeps its own reference to the data)
  const w = tf.tidy(() => tf.variable(tf.tensor2d(Float32Array.from(w0), [D, C]), true));
  const b = tf.tidy(() => tf.variable(tf.tensor1d(Float32Array.from(b0)), true));
  const optimizer = tf.train.adam(options.learningRate, BETA1, BETA2, EPSILON);
  const xb = new Float32Array(batchSize * D),
    yb = new Int32Array(batchSize);
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, rng);
      for (let start = 0; start < n; start += batchSize) {
        const B = Math.min(n, start + batchSize) - start;
        for (let j = 0; j < B; j++) {
          const r = order[start + j]!;
          xb.set(x.subarray(r * D, (r + 1) * D), j * D);
          yb[j] = labels[r]!;
        }
        tf.tidy(() => {
          const xt = tf.tensor2d(xb.subarray(0, B * D), [B, D]);
          const yt = tf.oneHot(tf.tensor1d(yb.subarray(0, B), 'int32'), C);
          optimizer.minimize(() => tf.losses.softmaxCrossEntropy(yt, tf.add(tf.matMul(xt, w), b)) as tf.Scalar, false, [
            w,
            b,
          ]);
        });
      }
    }
    return { dim: D, classes: C, w: Float64Array.from(w.dataSync()), b: Float64Array.from(b.dataSync()) };
  } finally {
    optimizer.dispose();
    tf.dispose([w, b]);
  }
}

function adam(
  p: Float64Array,
  g: Float64Array,
  m: Float64Array,
  v: Float64Array,
  lr: number,
  c1: number,
  c2: number,
): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    m[i] = BETA1 * m[i]! + (1 - BETA1) * gi;
    v[i] = BETA2 * v[i]! + (1 - BETA2) * gi * gi;
    p[i] -= (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + EPSILON);
  }
}

function shuffle(order: Int32Array, rng: Rng): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

/** The probe's logits for n rows: n × classes (float32, what the student's probeAccuracy receives). */
export function probeLogits(probe: LinearProbe, data: Pick<Features, 'x' | 'n' | 'dim'>): Float32Array {
  const { dim: D, classes: C, w, b } = probe;
  const out = new Float32Array(data.n * C);
  const z = new Float64Array(C);
  for (let r = 0; r < data.n; r++) {
    for (let c = 0; c < C; c++) z[c] = b[c]!;
    const o = r * D;
    for (let i = 0; i < D; i++) {
      const xi = data.x[o + i]!;
      if (xi === 0) continue;
      for (let c = 0; c < C; c++) z[c] += xi * w[i * C + c]!;
    }
    out.set(z, r * C);
  }
  return out;
}

/** `count` rows of `data` drawn without replacement (seeded): the few-label protocol's labels. */
export function fewLabels(data: Features, count: number, seed: number): Features {
  const rng = createRng(seed);
  const order = Int32Array.from({ length: data.n }, (_, i) => i);
  shuffle(order, rng);
  const n = Math.min(count, data.n);
  const x = new Float32Array(n * data.dim);
  const labels = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const r = order[j]!;
    x.set(data.x.subarray(r * data.dim, (r + 1) * data.dim), j * data.dim);
    labels[j] = data.labels[r]!;
  }
  return { x, labels, n, dim: data.dim };
}
