// Judges a training of the solution (its data: record.ts) against the float64 trainer (train.ts) run
// for the same epochs from the same seeded parameters: float32 and float64 gradient descent follow
// the same curve closely at first, so a wrong update shows up as a drift early on. Judge-side only.
import type { ZkcTrainingHistory } from './record';
import { ZkcTrainer, type StopReason, type ZkcTrainConfig } from './train';
import type { MaskMode } from './float64Gcn';

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

/** `history` must have been validated (one train loss per epoch, epochs ≥ 1) and trained with `config`. */
export function summarizeTraining(history: ZkcTrainingHistory, config: ZkcTrainConfig): TrainingSummary {
  const last = history.epochs - 1;
  const truth = new ZkcTrainer({ ...config, maxEpochs: history.epochs, patience: Infinity });
  truth.run(history.epochs);
  const expected = truth.history();
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
    expectedTestAccuracy: expected.testAccuracy[last]!,
    comparedEpochs: compared,
    curveTolerance: CURVE_TOLERANCE,
    curveError,
    curveErrorEpoch: worst + 1,
    trainLossAtWorst: history.trainLoss[worst]!,
    expectedAtWorst: expected.trainLoss[worst]!,
  };
}
