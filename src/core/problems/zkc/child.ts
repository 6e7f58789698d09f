// Problem 1, the child's half: what runs the student's GCN code. The run trains the network with the
// student's functions in both mask modes (streaming losses, accuracy and embeddings to the panel) and
// returns the all-nodes training as data; the tasks are what the judge's checks ask for besides single
// calls (a short training when there was no run, tf.grads of the student's forward). Nothing here
// compares with the float64 ground truth: the judge does (index.ts, checks.ts).
import * as tf from '@tensorflow/tfjs-core';
import type { ProblemChild, RunContext, RunOutput } from '../../problem';
import { callStudent } from '../../problem';
import type { WireTensor } from '../../engine/wire';
import type { MaskMode, ZkcRunArtifact, ZkcSeries } from './artifact';
import { seriesFromHistory, zkcGraphData } from './artifactData';
import { MASK_MODES, trainConfig, validated, type ZkcConfig } from './config';
import { zkcCommunities } from './labels';
import { MARKERS } from './meta';
import {
  TASKS,
  type ForwardVjpInput,
  type ForwardVjpOutput,
  type ShortTrainingInput,
  type ZkcRecord,
  type ZkcTrainingHistory,
} from './record';
import { zkcSolutionFrom, type ZkcSolution } from './solution';
import { expectTensor, scoped } from './tensors';
import { trainWithSolution, type TfTrainResult } from './tfTrainer';

export type { ZkcSolution } from './solution';

/** Metric events per mask mode, at most (the artifact carries every epoch). */
const METRIC_POINTS = 500;

export const zkcChild: ProblemChild<ZkcSolution, ZkcConfig> = {
  id: 'zkc',
  solutionFrom: zkcSolutionFrom,
  run: runZkc,
  tasks: {
    [TASKS.shortTraining]: (ctx, solution, input) => shortTraining(ctx, solution, input),
    [TASKS.forwardVjp]: (_ctx, solution, input) => forwardVjp(solution, input),
  },
};

async function runZkc(ctx: RunContext<ZkcConfig>, solution: ZkcSolution): Promise<RunOutput> {
  const config = validated(ctx.config);
  const modes = config.maskModes;
  const series: ZkcSeries[] = [];
  const training: Record<string, unknown> = {};
  let judged: ZkcTrainingHistory | undefined;
  for (const [m, maskMode] of modes.entries()) {
    const cfg = trainConfig(config, maskMode);
    const stride = Math.max(1, Math.round(cfg.maxEpochs / METRIC_POINTS));
    let emitted = 0;
    const result = await trainWithSolution(solution, cfg, {
      signal: ctx.signal,
      onChunk(h) {
        for (let e = emitted; e < h.epochs; e++) {
          if (e % stride !== 0 && e !== h.epochs - 1) continue;
          ctx.emit({ type: 'metric', name: `zkc.${maskMode}.trainLoss`, step: e + 1, value: h.trainLoss[e]! });
          ctx.emit({ type: 'metric', name: `zkc.${maskMode}.testLoss`, step: e + 1, value: h.testLoss[e]! });
          ctx.emit({ type: 'metric', name: `zkc.${maskMode}.testAccuracy`, step: e + 1, value: h.testAccuracy[e]! });
        }
        emitted = h.epochs;
        const e = h.epochs - 1;
        ctx.emit({
          type: 'progress',
          fraction: 0.05 + (0.8 * (m + h.epochs / cfg.maxEpochs)) / modes.length,
          message: `${maskMode}: epoch ${h.epochs}, train loss ${h.trainLoss[e]!.toFixed(4)}, test accuracy ${Math.round(100 * h.testAccuracy[e]!)} %`,
        });
      },
    });
    const history = historyOf(maskMode, result);
    if (maskMode === 'all-nodes' || !judged) judged = history;
    series.push(seriesFromHistory(maskMode, result, result.stopReason, result.predictions));
    const finalTrainLoss = history.trainLoss[history.epochs - 1]!;
    training[maskMode] = {
      epochs: result.epochs,
      stopReason: result.stopReason,
      finalTrainLoss: round(finalTrainLoss),
      finalTestLoss: round(history.finalTestLoss),
      finalTestAccuracy: round(history.finalTestAccuracy),
    };
    ctx.emit({
      type: 'log',
      level: 'info',
      message: `${maskMode}: ${result.epochs} epochs (${result.stopReason}), train loss ${finalTrainLoss.toFixed(4)}, test loss ${history.finalTestLoss.toFixed(4)}, test accuracy ${Math.round(100 * history.finalTestAccuracy)} %.`,
    });
  }
  ctx.signal.throwIfCancelled();

  const artifact: ZkcRunArtifact = {
    kind: 'zkc-run',
    title: `Zachary's karate club: GCN 34→16→2, softmax 2→2 (seed ${config.seed}, lr ${config.learningRate}, λ ${config.lambda})`,
    graph: zkcGraphData(),
    series,
    // The gradient check compares with the float64 ground truth: the judge's business (its zkc-gradcheck
    // artifact fills these rows in the panel and the report), not the child's.
    gradCheck: [],
  };
  ctx.emit({ type: 'artifact', artifact });
  const communities = zkcCommunities();
  const [A, B, C] = communities.communities;
  const record: ZkcRecord = { training: judged! };
  return {
    metrics: { communities: { A, B, C }, modularity: round(communities.modularity), training },
    record,
  };
}

/** Checks without a run: a short training the judge replays in float64 (it chooses the epochs). */
async function shortTraining(
  ctx: RunContext<ZkcConfig>,
  solution: ZkcSolution,
  input: unknown,
): Promise<ZkcTrainingHistory> {
  const { maskMode, maxEpochs } = (input ?? {}) as Partial<ShortTrainingInput>;
  if (!MASK_MODES.includes(maskMode as MaskMode) || !Number.isInteger(maxEpochs) || maxEpochs! < 1) {
    throw new Error(`${TASKS.shortTraining}: bad input ${JSON.stringify(input)}.`);
  }
  const config = { ...trainConfig(ctx.config, maskMode!), maxEpochs: maxEpochs! };
  return historyOf(maskMode!, await trainWithSolution(solution, config, { signal: ctx.signal }));
}

function historyOf(maskMode: MaskMode, result: TfTrainResult): ZkcTrainingHistory {
  const last = result.epochs - 1;
  return {
    maskMode,
    epochs: result.epochs,
    stopReason: result.stopReason,
    trainLoss: Array.from(result.trainLoss),
    finalTestLoss: result.testLoss[last]!,
    finalTestAccuracy: result.testAccuracy[last]!,
  };
}

/** tf.grads of f(W, H_in) = Σ g ⊙ gcnForward(Â, H_in, W) + λ/2 ‖W‖², with the student's gcnForward. */
function forwardVjp(solution: ZkcSolution, input: unknown): ForwardVjpOutput {
  const { aHat, hIn, w, g, lambda } = input as ForwardVjpInput;
  const m = MARKERS.gcnForward;
  return scoped(() => {
    const [a, h0, w0, g0] = [aHat, hIn, w, g].map(tensorFrom) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const f = (wv: tf.Tensor, hv: tf.Tensor): tf.Scalar => {
      const h = callStudent(m, () => solution.gcnForward(a, hv as tf.Tensor2D, wv as tf.Tensor2D));
      expectTensor(h, [h0.shape[0], w0.shape[0]], 'gcnForward(aHat, hIn, w)', m);
      return tf.add(tf.sum(tf.mul(g0, h)), tf.mul(lambda / 2, tf.sum(tf.square(wv))));
    };
    const [gw, gh] = tf.grads(f)([w0, h0]);
    return { dW: Float32Array.from(gw!.dataSync()), gIn: Float32Array.from(gh!.dataSync()) };
  });
}

const tensorFrom = (t: WireTensor): tf.Tensor => tf.tensor(t.values as Float32Array, t.shape, t.dtype as tf.DataType);

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
