// Problem 4's training harness: minibatch Adam on the student's forward and loss. The lab owns the
// parameters, the optimiser and the loop; the student's functions run inside the gradient tape.
// Corruption (addNoise / maskInputs) touches the training input only; the target is the clean x,
// and evaluation (validation, evalLoss, encode) never corrupts. Fast paths: batches gathered from
// the Float32Array (no slicing of a big tensor), the epoch's loss summed on the device and read
// once per epoch together with the validation loss, the fused Adam of adam.ts.
import * as tf from '@tensorflow/tfjs-core';
import { neverCancelled, type CancelSignal } from '../../engine/cancel';
import { FusedAdam } from './adam';
import { batchRanges, batchSeed, epochPermutation, gatherBatch } from './batches';
import type { AutoencoderParams, AutoencoderSolution, Variant } from './solution';

export interface AutoencoderData {
  /** Training rows, n × dim, row-major. */
  train: Float32Array;
  /** Validation rows (may be empty). */
  val: Float32Array;
  dim: number;
}

export interface EpochReport {
  /** 1-based. */
  epoch: number;
  /** Mean per-sample training loss over the epoch's batches (corrupted inputs, as trained). */
  trainLoss: number;
  /** Mean per-sample loss on the clean validation set (NaN when there is none). */
  valLoss: number;
}

export interface TrainOptions {
  variant: Variant;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  signal?: CancelSignal;
  /** Denoising: std of the Gaussian noise (0.5). */
  noiseStd?: number;
  /** Masked: probability of zeroing an entry (0.25). */
  maskProb?: number;
  onEpoch?(e: EpochReport): void | Promise<void>;
  /** Asked after each epoch's onEpoch: true stops training there (epochs is then the most it trains). */
  stopAfter?(e: EpochReport): boolean;
  /** 'fused' (default): adam.ts; 'tfjs': tf.train.adam (for comparisons). */
  optimizer?: 'fused' | 'tfjs';
  /** Validation/evaluation batch size (default 1000). */
  evalBatchSize?: number;
}

export interface TrainResult {
  trainLoss: number[];
  valLoss: number[];
}

type TrainableParams = AutoencoderParams & { variables: tf.Variable[] };

/** Wall time between yields to the event loop (cancel messages, progress), in ms. */
const YIELD_EVERY_MS = 200;
const DEFAULT_EVAL_BATCH = 1000;

function rowsOf(x: Float32Array, dim: number, what: string): number {
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`dim must be a positive integer (got ${dim}).`);
  if (x.length % dim !== 0) throw new Error(`${what} has ${x.length} values, not a multiple of dim ${dim}.`);
  return x.length / dim;
}

/** The corrupted training input for one batch (a new tensor), or undefined for vanilla. */
function corrupt(
  solution: AutoencoderSolution,
  variant: Variant,
  x: tf.Tensor2D,
  seed: number,
  opts: TrainOptions,
): tf.Tensor2D | undefined {
  if (variant === 'denoising') return solution.addNoise(x, opts.noiseStd ?? 0.5, seed);
  if (variant === 'masked') return solution.maskInputs(x, opts.maskProb ?? 0.25, seed);
  return undefined;
}

/**
 * Trains params in place for opts.epochs epochs (a seeded shuffle each epoch) and returns the
 * per-epoch mean training and validation losses.
 */
export async function trainAutoencoder(
  solution: AutoencoderSolution,
  params: TrainableParams,
  data: AutoencoderData,
  opts: TrainOptions,
): Promise<TrainResult> {
  const { dim } = data;
  const n = rowsOf(data.train, dim, 'The training set');
  if (n === 0) throw new Error('The training set is empty.');
  rowsOf(data.val, dim, 'The validation set');
  const signal = opts.signal ?? neverCancelled;
  const variables = params.variables;
  const fused = opts.optimizer !== 'tfjs' ? new FusedAdam(variables, { learningRate: opts.learningRate }) : undefined;
  const stock = fused ? undefined : tf.train.adam(opts.learningRate);
  const ranges = batchRanges(n, opts.batchSize);
  const result: TrainResult = { trainLoss: [], valLoss: [] };
  let lastYield = Date.now();
  try {
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      signal.throwIfCancelled();
      const order = epochPermutation(n, opts.seed, epoch);
      let lossSum: tf.Scalar = tf.keep(tf.scalar(0));
      try {
        for (let b = 0; b < ranges.length; b++) {
          signal.throwIfCancelled();
          if (Date.now() - lastYield > YIELD_EVERY_MS) {
            await new Promise<void>((resolve) => setTimeout(resolve, 0));
            lastYield = Date.now();
            signal.throwIfCancelled();
          }
          const [start, end] = ranges[b];
          const x = gatherBatch(data.train, dim, order, start, end);
          const input = corrupt(solution, opts.variant, x, batchSeed(opts.seed, epoch, b), opts);
          try {
            const { value, grads } = tf.variableGrads(() => {
              const { reconstruction } = solution.forward(params, input ?? x);
              return solution.reconstructionLoss(x, reconstruction);
            }, variables);
            if (fused) fused.applyGradients(variables.map((v) => grads[v.name]));
            else stock!.applyGradients(variables.map((v) => ({ name: v.name, tensor: grads[v.name] })));
            const next = tf.tidy(() => tf.add(lossSum, tf.mul(value, end - start)) as tf.Scalar);
            tf.dispose([value, lossSum, ...Object.values(grads)]);
            lossSum = tf.keep(next);
          } finally {
            tf.dispose(input ? [x, input] : [x]);
          }
        }
        const valSum = sumLoss(solution, params, data.val, dim, opts.evalBatchSize ?? DEFAULT_EVAL_BATCH);
        const both = tf.tidy(() => tf.stack([lossSum, valSum]));
        valSum.dispose();
        const [trainSum, valTotal] = await both.data();
        both.dispose();
        const nVal = data.val.length / dim;
        const report = { epoch: epoch + 1, trainLoss: trainSum / n, valLoss: nVal > 0 ? valTotal / nVal : NaN };
        result.trainLoss.push(report.trainLoss);
        result.valLoss.push(report.valLoss);
        await opts.onEpoch?.(report);
        lastYield = Date.now();
        if (opts.stopAfter?.(report)) break;
      } finally {
        lossSum.dispose();
      }
    }
  } finally {
    fused?.dispose();
    stock?.dispose();
  }
  return result;
}

/** Σ over rows of the per-sample loss on clean input, on the device (a scalar tensor). */
function sumLoss(
  solution: AutoencoderSolution,
  params: AutoencoderParams,
  x: Float32Array,
  dim: number,
  batchSize: number,
): tf.Scalar {
  const n = rowsOf(x, dim, 'The evaluation set');
  let sum: tf.Scalar = tf.scalar(0);
  for (const [start, end] of batchRanges(n, batchSize)) {
    const batch = gatherBatch(x, dim, null, start, end);
    const next = tf.tidy(
      () =>
        tf.add(
          sum,
          tf.mul(solution.reconstructionLoss(batch, solution.forward(params, batch).reconstruction), end - start),
        ) as tf.Scalar,
    );
    tf.dispose([batch, sum]);
    sum = next;
  }
  return sum;
}

/** Mean per-sample loss on clean input (NaN for an empty set); one readback. */
export function evalLoss(
  solution: AutoencoderSolution,
  params: AutoencoderParams,
  x: Float32Array,
  dim: number,
  batchSize = DEFAULT_EVAL_BATCH,
): number {
  const n = rowsOf(x, dim, 'The evaluation set');
  if (n === 0) return NaN;
  const sum = sumLoss(solution, params, x, dim, batchSize);
  const total = sum.dataSync()[0];
  sum.dispose();
  return total / n;
}

/** The bottleneck codes of x (clean input), n × k row-major, computed in batches. */
export function encode(
  solution: AutoencoderSolution,
  params: AutoencoderParams,
  x: Float32Array,
  dim: number,
  batchSize = DEFAULT_EVAL_BATCH,
): Float32Array {
  const n = rowsOf(x, dim, 'The input');
  let codes: Float32Array | undefined;
  let k = 0;
  for (const [start, end] of batchRanges(n, batchSize)) {
    const batch = gatherBatch(x, dim, null, start, end);
    const code = tf.tidy(() => solution.forward(params, batch).code);
    batch.dispose();
    k = code.shape[1];
    codes ??= new Float32Array(n * k);
    // One read per evaluation batch (a copy on wasm/CPU); codes of a whole 60k set at k = 1000 would not fit the heap twice.
    codes.set(code.dataSync(), start * k);
    code.dispose();
  }
  return codes ?? new Float32Array(0);
}
