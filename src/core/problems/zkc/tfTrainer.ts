// Q1 training with a solution's tfjs code: the lab drives the epochs (the student's trainStep does
// one), so it can record every epoch, stop early and stream progress. The loop is dispatch-bound
// (34 × 34 tensors, ~50 tfjs ops an epoch at several µs each), so the lab adds no ops of its own:
// each epoch's probabilities and embedding (68 floats each) are read back synchronously, which on
// the child's CPU backends (wasm, cpu) is a copy, and the losses and accuracy are summed here in
// float64. Progress and cancellation still go by chunks of epochs.
import * as tf from '@tensorflow/tfjs-core';
import type { ZkcData, ZkcParams } from './helpers';
import { ShapeError } from '../../problem';
import { createRng } from '../../engine/rng';
import { yieldToEventLoop, type CancelSignal } from '../../engine/cancel';
import { karateClub } from './karate';
import { adjacencyMatrix } from '../../graph/graph';
import { zkcTargets } from './dataset';
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
  const reference = zkcTargets(config);
  const nodes = reference.labels.length;
  const embedSize = nodes * zkcSizes.embedding;
  const { maxEpochs } = config;
  const trainLoss = new Float64Array(maxEpochs);
  const testLoss = new Float64Array(maxEpochs);
  const testAccuracy = new Float64Array(maxEpochs);
  const embeddings = new Float32Array(maxEpochs * embedSize);
  const predictions: number[] = Array.from({ length: nodes }, () => 0);

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
  const [trainCount, testCount] = [reference.trainNodes.length, reference.testNodes.length];
  const isTrain = Uint8Array.from({ length: nodes }, (_, i) => (reference.trainNodes.includes(i) ? 1 : 0));
  const isTest = Uint8Array.from({ length: nodes }, (_, i) => (reference.testNodes.includes(i) ? 1 : 0));
  const { labels } = reference;
  const owned: tf.Tensor[] = [graph.aTilde, graph.aHat, graph.x, y, mask];
  let params: ZkcParams = paramTensors(initGcnParams(createRng(config.seed)));
  const classes = zkcSizes.classes;

  /** Records epoch `e` from its probabilities (nodes × classes, row-major) and embedding. */
  const record = (e: number, probs: Float32Array, embedding: Float32Array): void => {
    let trainCe = 0,
      testCe = 0,
      right = 0;
    for (let i = 0; i < nodes; i++) {
      // the one-hot target picks −log p of the node's class; argmax keeps the first of equal maxima
      const row = i * classes;
      let predicted = 0;
      for (let c = 1; c < classes; c++) if (probs[row + c]! > probs[row + predicted]!) predicted = c;
      const ce = -Math.log(probs[row + labels[i]!]!);
      if (isTrain[i]) trainCe += ce;
      if (isTest[i]) {
        testCe += ce;
        if (predicted === labels[i]) right++;
      }
      predictions[i] = predicted;
    }
    [trainLoss[e], testLoss[e], testAccuracy[e]] = [trainCe / trainCount, testCe / testCount, right / testCount];
    embeddings.set(embedding, e * embedSize);
  };

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
    while (!stopReason) {
      hooks.signal.throwIfCancelled();
      const chunkEnd = Math.min(epochs + EPOCH_CHUNK, maxEpochs);
      while (!stopReason && epochs < chunkEnd) {
        const next = tidyStudent(MARKERS.train, 'trainStep(params, data, learningRate)', () =>
          solution.trainStep(params, data, config.learningRate),
        );
        const { newParams, probs, embedding } = readStep(next, params);
        const e = epochs++;
        record(e, probs.dataSync() as Float32Array, embedding.dataSync() as Float32Array);
        const keepAlive = new Set<tf.Tensor>([...NAMES.map((k) => newParams[k]), ...owned]);
        tf.dispose([...NAMES.map((k) => params[k]), probs, embedding].filter((t) => !keepAlive.has(t)));
        params = newParams;
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
    tf.dispose([...owned, ...NAMES.map((k) => params[k])]);
  }
  return { ...history(), stopReason, predictions: predictions.slice() };
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
