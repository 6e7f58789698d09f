// When a linear cell stops training: past the homework's epochs, once its decoder's mean principal
// angle to PCA has settled, or at the dataset's budget (config.ts, linearMaxEpochs). Settled means
// the angle fell by less than `tolDeg` over the last ANGLE_SETTLE_WINDOW epochs: Adam's minibatch
// noise keeps it wobbling by tenths of a degree, while the approach to PCA's subspace goes on for
// tens of epochs at several tenths an epoch.

/** Epochs over which the fall of the mean angle is measured. */
export const ANGLE_SETTLE_WINDOW = 3;

/** Whether training stops after the epoch the curve ends with (mean angle per epoch, epoch 1 first). */
export function linearCellDone(
  angleCurve: readonly number[],
  budget: { minEpochs: number; maxEpochs: number; tolDeg: number },
): boolean {
  const epochs = angleCurve.length;
  if (epochs >= budget.maxEpochs) return true;
  if (epochs < budget.minEpochs || epochs <= ANGLE_SETTLE_WINDOW) return false;
  return angleCurve[epochs - 1 - ANGLE_SETTLE_WINDOW]! - angleCurve[epochs - 1]! < budget.tolDeg;
}
