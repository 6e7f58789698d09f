// Q1 training with a solution's tfjs code: the lab drives the epochs (the student's trainStep does
// one), so it can record every epoch, stop early and stream progress. Per-epoch values stay on the
// backend as one small row tensor per epoch and are read back once per chunk of epochs, so the run
// never waits on a readback per epoch.
import * as tf from '@tensorflow/tfjs-core';
import type { ZkcData, ZkcParams } from './helpers';
import { ShapeError } from '../../problem';
import { createRng } from '../../engine/rng';
import { yieldToEventLoop, type CancelSignal } from '../../engine/cancel';
import { karateClub } from './karate';
import { adjacencyMatrix } from '../../graph/graph';
import { zkcData } from './dataset';
import { initGcnParams, zkcSizes } from './float64Gcn';
import { MARKERS } from './meta';
import type { ZkcSolution } from './solution';
import { expectTensor, field, paramTensors, tensorOf, tidyStudent } from './tensors';
import type { StopReason, ZkcHistory, ZkcTrainConfig } from './train';

/** Epochs computed between two readbacks (and two cancellation checks). */
export const EPOCH_CHUNK = 100;

export interface TfTrainResult extends ZkcHistory {
  stopReason: StopReason;
  /** Predicted class per node at the last recorded epoch. */
  predictions: number[];
}

export interface TfTrainHooks {
  signal: CancelSignal;
  /** After every chunk, with the epochs recorded so far (views; valid until the next chunk). */
  onChunk?(history: ZkcHistory): void | Promise<void>;
}

const NAMES = ['w1', 'w2', 'w3', 'b3'] as const;

/** Builds Â and X with the solution's own functions, checking every shape on the way. */
export function solutionGraph(
  solution: ZkcSolution,
  weighted: boolean,
): { aTilde: tf.Tensor2D; aHat: tf.Tensor2D; x: tf.Tensor2D } {
  const n = karateClub.nodeCount;
  const a = tf.tensor2d(Float32Array.from(adjacencyMatrix(karateClub, { weighted })), [n, n]);
  const made: tf.Tensor[] = [];
  try {
    const aTilde = <tf.Tensor2D>keep(
      tidyStudent(MARKERS.selfLoops, 'addSelfLoops(A)', () => solution.addSelfLoops(a)),
      [n, n],
      'addSelfLoops(A)',
      MARKERS.selfLoops,
    );
    made.push(aTilde);
    const aHat = keep(
      tidyStudent(MARKERS.normalize, 'normalizeAdjacency(Ã)', () => solution.normalizeAdjacency(aTilde)),
      [n, n],
      'normalizeAdjacency(Ã)',
      MARKERS.normalize,
    );
    made.push(aHat);
    const x = keep(
      tidyStudent(MARKERS.features, `nodeFeatures(${n})`, () => solution.nodeFeatures(n)),
      [n, zkcSizes.input],
      `nodeFeatures(${n})`,
      MARKERS.features,
    );
    return { aTilde, aHat: aHat as tf.Tensor2D, x: x as tf.Tensor2D };
  } catch (err) {
    tf.dispose(made.filter((t) => t !== a));
    throw err;
  } finally {
    // A student function may return its input unchanged: keep that tensor alive.
    if (!made.includes(a)) a.dispose();
  }

  function keep(value: unknown, shape: number[], what: string, marker: string): tf.Tensor {
    return expectTensor(value, shape, what, marker);
  }
}

/** Trains with `solution.trainStep` until early stopping or `maxEpochs`. */
export async function trainWithSolution(
  solution: ZkcSolution,
  config: ZkcTrainConfig,
  hooks: TfTrainHooks,
): Promise<TfTrainResult> {
  const reference = zkcData(config);
  const nodes = reference.labels.length;
  const embedSize = nodes * zkcSizes.embedding;
  const rowSize = 3 + embedSize + nodes;
  const { maxEpochs } = config;
  const trainLoss = new Float64Array(maxEpochs);
  const testLoss = new Float64Array(maxEpochs);
  const testAccuracy = new Float64Array(maxEpochs);
  const embeddings = new Float32Array(maxEpochs * embedSize);
  let predictions: number[] = [];

  const graph = solutionGraph(solution, config.weighted);
  const y = tensorOf(reference.y);
  const mask = tf.tensor1d(Float32Array.from(reference.mask));
  const data: ZkcData = {
    aHat: graph.aHat,
    x: graph.x,
    y,
    mask,
    n: reference.mask.reduce((s, m) => s + m, 0),
    lambda: config.lambda,
  };
  const indicator = (list: readonly number[]): tf.Tensor1D =>
    tf.tensor1d(Float32Array.from({ length: nodes }, (_, i) => (list.includes(i) ? 1 : 0)));
  const [trainCount, testCount] = [reference.trainNodes.length, reference.testNodes.length];
  const trainWeights = indicator(reference.trainNodes);
  const testWeights = indicator(reference.testNodes);
  const labels = tf.tensor1d(Int32Array.from(reference.labels), 'int32');
  const owned: tf.Tensor[] = [graph.aTilde, graph.aHat, graph.x, y, mask, trainWeights, testWeights, labels];
  let params: ZkcParams = paramTensors(initGcnParams(createRng(config.seed)));
  const pending: tf.Tensor[] = [];

  // [Σ train CE, Σ test CE, test nodes right, embedding (nodes × 2), predicted class per node]
  const epochRow = (probs: tf.Tensor2D, embedding: tf.Tensor2D): tf.Tensor1D =>
    tf.tidy(() => {
      const ce = tf.neg(tf.sum(tf.mul(y, tf.log(probs)), 1));
      const predicted = tf.argMax(probs, 1);
      const correct = tf.cast(tf.equal(predicted, labels), 'float32');
      return tf.concat([
        tf.stack([
          tf.sum(tf.mul(ce, trainWeights)),
          tf.sum(tf.mul(ce, testWeights)),
          tf.sum(tf.mul(correct, testWeights)),
        ]),
        tf.reshape(embedding, [embedSize]),
        tf.cast(predicted, 'float32'),
      ]) as tf.Tensor1D;
    });

  let epochs = 0,
    bestTestLoss = Infinity,
    sinceBest = 0;
  let stopReason: StopReason | undefined;
  const history = (): ZkcHistory => ({
    epochs,
    trainLoss: trainLoss.subarray(0, epochs),
    testLoss: testLoss.subarray(0, epochs),
    testAccuracy: testAccuracy.subarray(0, epochs),
    embeddings: embeddings.subarray(0, epochs * embedSize),
    nodeCount: nodes,
  });

  try {
    let computed = 0;
    while (!stopReason) {
      hooks.signal.throwIfCancelled();
      const chunk = Math.min(EPOCH_CHUNK, maxEpochs - computed);
      for (let i = 0; i < chunk; i++) {
        const next = tidyStudent(MARKERS.train, 'trainStep(params, data, learningRate)', () =>
          solution.trainStep(params, data, config.learningRate),
        );
        const { newParams, probs, embedding } = readStep(next, params);
        pending.push(epochRow(probs, embedding));
        const keepAlive = new Set<tf.Tensor>([...NAMES.map((k) => newParams[k]), ...owned]);
        tf.dispose([...NAMES.map((k) => params[k]), probs, embedding].filter((t) => !keepAlive.has(t)));
        params = newParams;
        computed++;
      }
      const block = tf.stack(pending);
      tf.dispose(pending.splice(0));
      const values = await block.data();
      block.dispose();
      for (let r = 0; r < chunk && !stopReason; r++) {
        const row = values.subarray(r * rowSize, (r + 1) * rowSize);
        const e = epochs++;
        [trainLoss[e], testLoss[e], testAccuracy[e]] = [row[0]! / trainCount, row[1]! / testCount, row[2]! / testCount];
        embeddings.set(row.subarray(3, 3 + embedSize), e * embedSize);
        predictions = Array.from(row.subarray(3 + embedSize), Math.round);
        if (testLoss[e]! < bestTestLoss) {
          bestTestLoss = testLoss[e]!;
          sinceBest = 0;
        } else if (++sinceBest > config.patience) {
          stopReason = 'early-stopping';
        }
        if (!stopReason && epochs >= maxEpochs) stopReason = 'max-epochs';
      }
      await hooks.onChunk?.(history());
      await yieldToEventLoop();
    }
  } finally {
    tf.dispose([...pending, ...owned, ...NAMES.map((k) => params[k])]);
  }
  return { ...history(), stopReason, predictions };
}

/** Validates what trainStep returned (plain property reads: cheap enough for every epoch). */
function readStep(
  value: unknown,
  old: ZkcParams,
): { newParams: ZkcParams; probs: tf.Tensor2D; embedding: tf.Tensor2D } {
  const what = 'trainStep(params, data, learningRate)';
  const m = MARKERS.train;
  try {
    const newParams = field(value, 'params', what, m);
    const params = Object.fromEntries(
      NAMES.map((k) => [
        k,
        expectTensor(field(newParams, k, `${what}.params`, m), old[k].shape, `${what}.params.${k}`, m),
      ]),
    ) as ZkcParams;
    const nodes = karateClub.nodeCount;
    const probs = expectTensor(
      field(value, 'probs', what, m),
      [nodes, zkcSizes.classes],
      `${what}.probs`,
      m,
    ) as tf.Tensor2D;
    const embedding = expectTensor(
      field(value, 'embedding', what, m),
      [nodes, zkcSizes.embedding],
      `${what}.embedding`,
      m,
    ) as tf.Tensor2D;
    return { newParams: params, probs, embedding };
  } catch (err) {
    if (err instanceof ShapeError) tf.dispose(value as tf.TensorContainer);
    throw err;
  }
}
