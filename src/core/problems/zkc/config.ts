// Q1's run configuration, read by both halves: the child trains with it, the judge builds the same
// training configuration to replay it in float64 (index.ts makes the run's defaults from these).
import type { ProblemConfig } from '../../problem';
import type { MaskMode } from './artifact';
import type { ZkcDataOptions } from './dataset';

/** One training: the data (Â weighted or not, the mask) and gradient descent's settings. */
export interface ZkcTrainConfig extends ZkcDataOptions {
  seed: number;
  learningRate: number;
  /** Weight decay λ. */
  lambda: number;
  maxEpochs: number;
  /** Stop once the test loss has not improved for more than this many epochs. */
  patience: number;
}

/** The homework's training: what the run defaults to and what the student build's recording replays. */
export const zkcTrainDefaults: ZkcTrainConfig = {
  weighted: true,
  maskMode: 'all-nodes',
  seed: 100,
  learningRate: 2e-2,
  lambda: 2.5e-2,
  maxEpochs: 20_000,
  patience: 50,
};

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

export const MASK_MODES: readonly MaskMode[] = ['all-nodes', 'train-only'];

/** The config, or a RangeError naming the first setting out of range. */
export function validated(config: ZkcConfig): ZkcConfig {
  const fail = (what: string, value: unknown): never => {
    throw new RangeError(`ZKC config: ${what} (got ${JSON.stringify(value)}).`);
  };
  if (!Number.isInteger(config.maxEpochs) || config.maxEpochs < 1)
    fail('maxEpochs must be a positive integer', config.maxEpochs);
  if (!(Number.isInteger(config.patience) && config.patience >= 0))
    fail('patience must be a non-negative integer', config.patience);
  if (!(config.learningRate > 0 && Number.isFinite(config.learningRate)))
    fail('learningRate must be a positive number', config.learningRate);
  if (!(config.lambda >= 0 && Number.isFinite(config.lambda)))
    fail('lambda must be a non-negative number', config.lambda);
  if (typeof config.weighted !== 'boolean') fail('weighted must be true or false', config.weighted);
  const modes = Array.isArray(config.maskModes) ? config.maskModes : fail('maskModes must be a list', config.maskModes);
  if (modes.length === 0 || modes.some((m) => !MASK_MODES.includes(m)))
    fail(`maskModes must list ${MASK_MODES.map((m) => `"${m}"`).join(' and/or ')}`, modes);
  return config;
}

/** The training configuration of one mask mode. */
export function trainConfig(config: ZkcConfig, maskMode: MaskMode): ZkcTrainConfig {
  const { seed, weighted, learningRate, lambda, maxEpochs, patience } = validated(config);
  return { seed, weighted, learningRate, lambda, maxEpochs, patience, maskMode };
}
