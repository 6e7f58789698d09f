// Q1 step 7: full-batch gradient descent of the float64 network on the karate club, recording
// per epoch the train loss, test loss, test accuracy and every node's 2-D embedding (typed arrays:
// 20 000 epochs are 20 000 rows, not 20 000 objects). Early stopping on the test loss.
import { createRng } from '../../engine/rng';
import { zkcData, type ZkcData } from './dataset';
import {
  accuracy,
  float64Layers,
  initGcnParams,
  meanCrossEntropy,
  networkGradients,
  paramArrays,
  zkcSizes,
  type GcnLayers,
  type GcnParams,
} from './float64Gcn';
import { zkcTrainDefaults, type ZkcTrainConfig } from './config';

// the settings live in config.ts, which the judge reads without this trainer
export { zkcTrainDefaults, type ZkcTrainConfig } from './config';

export interface ZkcHistory {
  /** Epochs recorded; every array below holds exactly this many rows. */
  epochs: number;
  /** Mean CE over the training nodes, before that epoch's update. */
  trainLoss: Float64Array;
  /** Mean CE over the test nodes. */
  testLoss: Float64Array;
  testAccuracy: Float64Array;
  /** epochs × nodes × 2: the second GCN layer's output, row (epoch·nodes + node)·2. */
  embeddings: Float32Array;
  nodeCount: number;
}

export type StopReason = 'early-stopping' | 'max-epochs';

/** Runs epochs one at a time so a caller can interleave them with yields, progress and cancellation. */
export class ZkcTrainer {
  readonly data: ZkcData;
  readonly params: GcnParams;
  private readonly config: ZkcTrainConfig;
  private readonly layers: GcnLayers;
  private readonly trainLoss: Float64Array;
  private readonly testLoss: Float64Array;
  private readonly testAccuracy: Float64Array;
  private readonly embeddings: Float32Array;
  private epochsDone = 0;
  private bestTestLoss = Infinity;
  private sinceBest = 0;
  private stop: StopReason | undefined;

  constructor(config: ZkcTrainConfig = zkcTrainDefaults, layers: GcnLayers = float64Layers) {
    if (!(Number.isInteger(config.maxEpochs) && config.maxEpochs >= 1))
      throw new Error(`maxEpochs must be a positive integer, got ${config.maxEpochs}`);
    this.config = config;
    this.layers = layers;
    this.data = zkcData(config);
    this.params = initGcnParams(createRng(config.seed));
    const { maxEpochs } = config;
    this.trainLoss = new Float64Array(maxEpochs);
    this.testLoss = new Float64Array(maxEpochs);
    this.testAccuracy = new Float64Array(maxEpochs);
    this.embeddings = new Float32Array(maxEpochs * this.data.labels.length * zkcSizes.embedding);
  }

  get epoch(): number {
    return this.epochsDone;
  }

  /** Why training ended, once it has. */
  get stopReason(): StopReason | undefined {
    return this.stop;
  }

  /** One epoch: forward, record, backward, update. Returns false (doing nothing) once training has ended. */
  step(): boolean {
    if (this.stop) return false;
    const { data, params, config } = this;
    const { forward, grads } = networkGradients(params, data, config.lambda, this.layers);
    const e = this.epochsDone;
    this.trainLoss[e] = meanCrossEntropy(forward.p, data.y, data.trainNodes);
    this.testLoss[e] = meanCrossEntropy(forward.p, data.y, data.testNodes);
    this.testAccuracy[e] = accuracy(forward.p, data.y, data.testNodes);
    this.embeddings.set(forward.l2.h.data, e * forward.l2.h.data.length);
    const arrays = paramArrays(params);
    for (const name of ['w1', 'w2', 'w3', 'b3'] as const) {
      const theta = arrays[name],
        g = grads[name];
      for (let i = 0; i < theta.length; i++) theta[i] -= config.learningRate * g[i];
    }
    this.epochsDone = e + 1;
    if (this.testLoss[e] < this.bestTestLoss) {
      this.bestTestLoss = this.testLoss[e];
      this.sinceBest = 0;
    } else if (++this.sinceBest > config.patience) {
      this.stop = 'early-stopping';
    }
    if (!this.stop && this.epochsDone >= config.maxEpochs) this.stop = 'max-epochs';
    return true;
  }

  /** Up to `count` more epochs; returns how many ran. */
  run(count: number): number {
    let ran = 0;
    while (ran < count && this.step()) ran++;
    return ran;
  }

  /** Views of the recorded rows (no copy). */
  history(): ZkcHistory {
    const e = this.epochsDone;
    const nodeCount = this.data.labels.length;
    return {
      epochs: e,
      trainLoss: this.trainLoss.subarray(0, e),
      testLoss: this.testLoss.subarray(0, e),
      testAccuracy: this.testAccuracy.subarray(0, e),
      embeddings: this.embeddings.subarray(0, e * nodeCount * zkcSizes.embedding),
      nodeCount,
    };
  }
}

/** Trains to the end (early stopping or maxEpochs). */
export function trainZkc(config: ZkcTrainConfig = zkcTrainDefaults): {
  history: ZkcHistory;
  params: GcnParams;
  stopReason: StopReason;
} {
  const trainer = new ZkcTrainer(config);
  while (trainer.step());
  return { history: trainer.history(), params: trainer.params, stopReason: trainer.stopReason! };
}
