// What crosses from Q1's child to its judge besides the display events: the data of a training
// (the run's record, and the checks' short training when there was no run) and the task names and
// inputs the judge asks for. Raw measurements only: the judge replays them against the float64
// ground truth (trainingSummary.ts, gradients.ts).
import type { WireTensor } from '../../engine/wire';
import type { MaskMode } from './artifact';
import type { StopReason } from './train';

/** A training of the student's trainStep, as data. */
export interface ZkcTrainingHistory {
  maskMode: MaskMode;
  /** Epochs run (≥ 1). */
  epochs: number;
  stopReason: StopReason;
  /** Mean CE over the training nodes before each epoch's update: one value per epoch. */
  trainLoss: number[];
  /** The last epoch's test loss and test accuracy. */
  finalTestLoss: number;
  finalTestAccuracy: number;
}

/** The run's record: the training the checks judge (mask "all-nodes" when the run trained it). */
export interface ZkcRecord {
  training: ZkcTrainingHistory;
}

export const TASKS = {
  /** A short training for checks without a run: ShortTrainingInput → ZkcTrainingHistory. */
  shortTraining: 'shortTraining',
  /** tf.grads of the student's gcnForward: ForwardVjpInput → ForwardVjpOutput. */
  forwardVjp: 'forwardVjp',
} as const;

export interface ShortTrainingInput {
  maskMode: MaskMode;
  maxEpochs: number;
}

/**
 * The gradients of f(W, H_in) = Σ g ⊙ gcnForward(Â, H_in, W) + λ/2 ‖W‖², the student's forward
 * differentiated by tfjs: ∂f/∂W (= N·dW of a right backward) and ∂f/∂H_in (= its gIn).
 */
export interface ForwardVjpInput {
  aHat: WireTensor;
  hIn: WireTensor;
  w: WireTensor;
  g: WireTensor;
  lambda: number;
}

export interface ForwardVjpOutput {
  /** ∂f/∂W, row-major, shaped like W. */
  dW: Float32Array;
  /** ∂f/∂H_in, row-major, shaped like H_in. */
  gIn: Float32Array;
}
