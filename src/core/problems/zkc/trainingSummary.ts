// Judges a training run of the solution against the float64 trainer (train.ts) run for the same
// epochs from the same seeded parameters: float32 and float64 gradient descent follow the same
// curve closely at first, so a wrong update shows up as a drift early on.
import type { TfTrainResult } from './tfTrainer';
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

export function summarizeTraining(result: TfTrainResult, config: ZkcTrainConfig): TrainingSummary {
  const last = result.epochs - 1;
  const truth = new ZkcTrainer({ ...config, maxEpochs: result.epochs, patience: Infinity });
  truth.run(result.epochs);
  const expected = truth.history();
  const compared = Math.min(COMPARED_EPOCHS, result.epochs);
  let curveError = 0, worst = 0;
  for (let e = 0; e < compared; e++) {
    const d = Math.abs(result.trainLoss[e]! - expected.trainLoss[e]!);
    if (!(d <= curveError)) [curveError, worst] = [d, e];
  }
  return {
    maskMode: config.maskMode,
    learningRate: config.learningRate,
    epochs: result.epochs,
    stopReason: result.stopReason,
    finalTrainLoss: result.trainLoss[last]!,
    finalTestLoss: result.testLoss[last]!,
    finalTestAccuracy: result.testAccuracy[last]!,
    expectedTestAccuracy: expected.testAccuracy[last]!,
    comparedEpochs: compared,
    curveTolerance: CURVE_TOLERANCE,
    curveError,
    curveErrorEpoch: worst + 1,
    trainLossAtWorst: result.trainLoss[worst]!,
    expectedAtWorst: expected.trainLoss[worst]!,
  };
}
