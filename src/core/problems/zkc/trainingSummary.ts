// Judges a training of the solution (its data: record.ts) against the float64 gradient descent of
// the same settings for the same epochs from the same seeded parameters (expected.ts replay: live on
// the staff side, recorded in the student build): float32 and float64 gradient descent follow the
// same curve closely at first, so a wrong update shows up as a drift early on. Judge-side only.
import type { ZkcTrainingHistory } from './record';
import type { StopReason } from './train';
import type { ZkcTrainConfig } from './config';
import type { TrainingReplay } from './expected';
import type { MaskMode } from './artifact';

/** Epochs over which the loss curve is compared with the float64 one. */
export const COMPARED_EPOCHS = 500;
/** Largest train-loss difference allowed there (float32 vs float64 stays below ~1e-5). */
export const CURVE_TOLERANCE = 1e-3;

export interface TrainingSummary {
  maskMode: MaskMode;
  learningRate: number;
  epochs: number;
  stopReason: StopReason;
  finalTrainLoss: number;
  finalTestLoss: number;
  finalTestAccuracy: number;
  /** The float64 trainer's test accuracy after the same number of epochs. */
  expectedTestAccuracy: number;
  comparedEpochs: number;
  curveTolerance: number;
  curveError: number;
  /** 1-based epoch of the largest difference, and both losses there. */
  curveErrorEpoch: number;
  trainLossAtWorst: number;
  expectedAtWorst: number;
}

/**
 * `history` must have been validated (one train loss per epoch, epochs ≥ 1) and trained with
 * `config`; `expected` is the float64 replay of its epochs.
 */
export function summarizeTraining(
  history: ZkcTrainingHistory,
  config: ZkcTrainConfig,
  expected: TrainingReplay,
): TrainingSummary {
  const last = history.epochs - 1;
  const compared = Math.min(COMPARED_EPOCHS, history.epochs);
  let curveError = 0,
    worst = 0;
  for (let e = 0; e < compared; e++) {
    const d = Math.abs(history.trainLoss[e]! - expected.trainLoss[e]!);
    if (Number.isNaN(d)) {
      // a NaN loss is the largest difference there is: the first one is reported
      [curveError, worst] = [d, e];
      break;
    }
    if (d > curveError) [curveError, worst] = [d, e];
  }
  return {
    maskMode: history.maskMode,
    learningRate: config.learningRate,
    epochs: history.epochs,
    stopReason: history.stopReason,
    finalTrainLoss: history.trainLoss[last]!,
    finalTestLoss: history.finalTestLoss,
    finalTestAccuracy: history.finalTestAccuracy,
    expectedTestAccuracy: expected.testAccuracy,
    comparedEpochs: compared,
    curveTolerance: CURVE_TOLERANCE,
    curveError,
    curveErrorEpoch: worst + 1,
    trainLossAtWorst: history.trainLoss[worst]!,
    expectedAtWorst: expected.trainLoss[worst]!,
  };
}
