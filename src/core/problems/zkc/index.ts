// Problem 1: a GCN on Zachary's karate club. The student writes the GCN pieces in tfjs; the run
// trains the network with them in both mask modes (streaming losses, accuracy and embeddings), and
// the checks compare every piece with the float64 ground truth.
import { ShapeError, type Problem, type ProblemConfig, type RunContext } from '../../problem';
import type { Finding } from '../../engine/events';
import type { MaskMode, ZkcRunArtifact, ZkcSeries } from './artifact';
import { seriesFromHistory, zkcGraphData } from './artifactData';
import { checkZkc } from './checks';
import { checkAnswers } from '../../answers';
import { compareNetwork, gradCheckRows, PARAMETERS, type NetworkComparison } from './gradients';
import { zkcCommunities } from './labels';
import { zkcInfo } from './meta';
import * as reference from './reference';
import { zkcSolutionFrom, type ZkcSolution } from './solution';
import { trainWithSolution } from './tfTrainer';
import { COMPARED_EPOCHS, summarizeTraining, type TrainingSummary } from './trainingSummary';
import { zkcTrainDefaults, type ZkcTrainConfig } from './train';

export type { ZkcSolution } from './solution';

export interface ZkcConfig extends ProblemConfig {
  /** Â from the interaction counts (true) or from the 0/1 matrix. */
  weighted: boolean;
  learningRate: number;
  /** Weight decay λ. */
  lambda: number;
  maxEpochs: number;
  /** Early stopping: stop once the test loss has not improved for more than this many epochs. */
  patience: number;
  maskModes: MaskMode[];
}

/** Quick runs (CI, the panel's first look) train this many epochs at most. */
const QUICK_EPOCHS = 2_000;
/** Metric events per mask mode, at most (the artifact carries every epoch). */
const METRIC_POINTS = 500;
const MASK_MODES: readonly MaskMode[] = ['all-nodes', 'train-only'];

function defaultConfig(quick: boolean): ZkcConfig {
  return {
    seed: zkcTrainDefaults.seed,
    quick,
    weighted: zkcTrainDefaults.weighted,
    learningRate: zkcTrainDefaults.learningRate,
    lambda: zkcTrainDefaults.lambda,
    maxEpochs: quick ? QUICK_EPOCHS : zkcTrainDefaults.maxEpochs,
    patience: zkcTrainDefaults.patience,
    maskModes: [...MASK_MODES],
  };
}

interface RunRecord {
  training: TrainingSummary;
  network: NetworkComparison;
}

/** What run() measured, for the checks of the same run (runProblem passes them the same context). */
const runRecords = new WeakMap<object, RunRecord>();

export const zkcProblem: Problem<ZkcSolution, ZkcConfig> = {
  ...zkcInfo,
  defaultConfig,
  reference,
  solutionFrom: zkcSolutionFrom,
  run: runZkc,
  async checks(ctx, solution): Promise<Finding[]> {
    const record = runRecords.get(ctx);
    const training = record?.training ?? (await shortTraining(ctx, solution));
    return [
      ...checkZkc({ solution, seed: ctx.config.seed, training, network: record?.network }),
      ...checkAnswers(ctx.answers, zkcInfo.answerIds!, { revealAnswers: ctx.config.revealAnswers }),
    ];
  },
};

function trainConfig(config: ZkcConfig, maskMode: MaskMode): ZkcTrainConfig {
  const { seed, weighted, learningRate, lambda, maxEpochs, patience } = validated(config);
  return { seed, weighted, learningRate, lambda, maxEpochs, patience, maskMode };
}

/**
 * Checks without a run: a short all-nodes training judged against the float64 curve. A malformed
 * return value is the q1.train finding's business (or that of the TODO it came from), not an abort.
 */
async function shortTraining(ctx: RunContext<ZkcConfig>, solution: ZkcSolution): Promise<TrainingSummary | ShapeError> {
  const config = { ...trainConfig(ctx.config, 'all-nodes'), maxEpochs: Math.min(COMPARED_EPOCHS, validated(ctx.config).maxEpochs) };
  try {
    return summarizeTraining(await trainWithSolution(solution, config, { signal: ctx.signal }), config);
  } catch (err) {
    if (err instanceof ShapeError) return err;
    throw err;
  }
}

async function runZkc(ctx: RunContext<ZkcConfig>, solution: ZkcSolution): Promise<Record<string, unknown>> {
  const config = validated(ctx.config);
  const modes = config.maskModes;
  const series: ZkcSeries[] = [];
  const training: Record<string, unknown> = {};
  let allNodes: TrainingSummary | undefined;
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
    const summary = summarizeTraining(result, cfg);
    if (maskMode === 'all-nodes' || !allNodes) allNodes = summary;
    series.push(seriesFromHistory(maskMode, result, result.stopReason, result.predictions));
    training[maskMode] = {
      epochs: result.epochs,
      stopReason: result.stopReason,
      finalTrainLoss: round(summary.finalTrainLoss),
      finalTestLoss: round(summary.finalTestLoss),
      finalTestAccuracy: round(summary.finalTestAccuracy),
    };
    ctx.emit({ type: 'log', level: 'info', message: `${maskMode}: ${result.epochs} epochs (${result.stopReason}), train loss ${summary.finalTrainLoss.toFixed(4)}, test loss ${summary.finalTestLoss.toFixed(4)}, test accuracy ${Math.round(100 * summary.finalTestAccuracy)} %.` });
  }
  ctx.signal.throwIfCancelled();
  ctx.emit({ type: 'progress', fraction: 0.87, message: 'Gradient check' });
  const network = compareNetwork(solution, config.seed);
  if (allNodes) runRecords.set(ctx, { training: allNodes, network });

  const artifact: ZkcRunArtifact = {
    kind: 'zkc-run',
    title: `Zachary's karate club: GCN 34→16→2, softmax 2→2 (seed ${config.seed}, lr ${config.learningRate}, λ ${config.lambda})`,
    graph: zkcGraphData(),
    series,
    gradCheck: gradCheckRows(network),
  };
  ctx.emit({ type: 'artifact', artifact });
  const communities = zkcCommunities();
  const [A, B, C] = communities.communities;
  return {
    communities: { A, B, C },
    modularity: round(communities.modularity),
    gradCheck: Object.fromEntries(PARAMETERS.map((k) => [k, network.vsFloat64[k]])),
    gradCheckFloat64: Object.fromEntries(PARAMETERS.map((k) => [k, network.centralDifferences[k]])),
    training,
  };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

function validated(config: ZkcConfig): ZkcConfig {
  const fail = (what: string, value: unknown): never => {
    throw new RangeError(`ZKC config: ${what} (got ${JSON.stringify(value)}).`);
  };
  if (!Number.isInteger(config.maxEpochs) || config.maxEpochs < 1) fail('maxEpochs must be a positive integer', config.maxEpochs);
  if (!(Number.isInteger(config.patience) && config.patience >= 0)) fail('patience must be a non-negative integer', config.patience);
  if (!(config.learningRate > 0 && Number.isFinite(config.learningRate))) fail('learningRate must be a positive number', config.learningRate);
  if (!(config.lambda >= 0 && Number.isFinite(config.lambda))) fail('lambda must be a non-negative number', config.lambda);
  if (typeof config.weighted !== 'boolean') fail('weighted must be true or false', config.weighted);
  const modes = Array.isArray(config.maskModes) ? config.maskModes : fail('maskModes must be a list', config.maskModes);
  if (modes.length === 0 || modes.some((m) => !MASK_MODES.includes(m))) fail(`maskModes must list ${MASK_MODES.map((m) => `"${m}"`).join(' and/or ')}`, modes);
  return config;
}
