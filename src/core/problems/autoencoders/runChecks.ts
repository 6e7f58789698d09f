// The judge's checks of a run's record (what the child measured): every loss finite, the student's
// probe accuracies against the lab's count, the linear autoencoder against PCA, and the run's notes
// on the code checks' markers. Pure functions of the validated record; never in the child.
import type { Finding } from '../../engine/events';
import type { PcaRow } from './artifact';
import { cellLabel, datasetLabel } from './labels';
import { MARKERS } from './meta';
import type { AeCellOutcome, AeRecord } from './results';

/** Synthetic data: a mean angle above this at the smallest k is a warning (measured: < 1° with the reference). */
export const SUBSPACE_MAX_MEAN_DEG = 10;
/** Synthetic data: the linear AE's validation loss over PCA's residual at the smallest k must lie in this range. */
export const RESIDUAL_RATIO_RANGE: [number, number] = [0.8, 1.15];

const fmt = (x: number, digits = 3): string => String(Number(x.toPrecision(digits)));

/** The inline notes of a run: the last cell's validation loss at the loss and forward TODOs, its probe accuracy at the probe's. */
export function withRunNotes(findings: Finding[], record: AeRecord): Finding[] {
  const last = record.cells[record.cells.length - 1];
  if (!last) return findings;
  const where = `k=${last.k}, ${datasetLabel(last.dataset)}`;
  const notes: Record<string, string> = {
    [MARKERS.loss]: `val loss ${last.finalValLoss.toPrecision(3)} (${where})`,
    [MARKERS.forward]: `val loss ${last.finalValLoss.toPrecision(3)} (${where})`,
    [MARKERS.probe]: `probe ${(100 * last.probeAccuracy).toFixed(1)} % (${where})`,
  };
  return findings.map((f) => (f.ok && f.marker && notes[f.marker] ? { ...f, short: notes[f.marker] } : f));
}

/** The first loss of a cell that is not a finite number, in words ("the training loss of epoch 2 is NaN"). */
function firstNonFinite(cell: AeCellOutcome): { where: string; value: number } | undefined {
  for (let e = 0; e < Math.max(cell.trainLoss.length, cell.valLoss.length); e++) {
    const train = cell.trainLoss[e],
      val = cell.valLoss[e];
    if (train !== undefined && !Number.isFinite(train))
      return { where: `the training loss of epoch ${e + 1} is ${train}`, value: train };
    if (val !== undefined && !Number.isFinite(val))
      return { where: `the validation loss of epoch ${e + 1} is ${val}`, value: val };
  }
  if (!Number.isFinite(cell.finalValLoss))
    return { where: `the final validation loss is ${cell.finalValLoss}`, value: cell.finalValLoss };
  return undefined;
}

/**
 * q4.finite-loss: every training and validation loss of every cell is a finite number. A NaN or an
 * infinite loss stops learning (Adam's steps become NaN) and would make every comparison with PCA
 * meaningless. Appears only when a loss is not finite.
 */
export function finiteLossFindings(cells: readonly AeCellOutcome[]): Finding[] {
  const bad = cells.flatMap((c) => {
    const first = firstNonFinite(c);
    return first ? [{ cell: c, ...first }] : [];
  });
  if (bad.length === 0) return [];
  const { cell, where, value } = bad[0]!;
  return [
    {
      checkId: 'q4.finite-loss',
      ok: false,
      severity: 'error',
      marker: MARKERS.loss,
      message: `In ${bad.length} of ${cells.length} cells a training or validation loss is not a finite number, e.g. ${cellLabel(cell)}: ${where}. A NaN or infinite loss gives NaN gradients and training learns nothing: reconstructionLoss (and forward) must give a finite value for every batch (see q4.loss).`,
      short: `loss ✗ ${value} in ${bad.length}/${cells.length} cells`,
    },
  ];
}

/**
 * The run's probe accuracies, each from the student's probeAccuracy, against the lab's own count: the
 * cells that carry one (the staff build's and grading's; the student build counts nothing itself).
 */
export function probeCountFindings(cells: readonly AeCellOutcome[]): Finding[] {
  const counted = cells.filter((c): c is AeCellOutcome & Required<Pick<AeCellOutcome, 'lab'>> => c.lab !== undefined);
  const off = counted.filter(
    (c) =>
      Math.abs(c.probeAccuracy - c.lab.probeAccuracy) > 1e-9 ||
      (c.fewLabelAccuracy !== undefined && Math.abs(c.fewLabelAccuracy - c.lab.fewLabelAccuracy!) > 1e-9),
  );
  if (off.length === 0) return [];
  const c = off[0]!;
  return [
    {
      checkId: 'q4.probe-count',
      ok: false,
      severity: 'error',
      marker: MARKERS.probe,
      message: `In ${off.length} of ${counted.length} cells your probeAccuracy disagrees with the lab's count on the test logits, e.g. ${cellLabel(c)}: ${c.probeAccuracy} vs ${c.lab.probeAccuracy}.`,
      short: `accuracy ✗ ${c.probeAccuracy}`,
    },
  ];
}

/**
 * The run's PCA findings: per dataset, the linear vanilla autoencoder's subspace (principal angles to
 * PCA's) and its loss beside PCA's residual, judged on the synthetic data at the smallest k, where
 * the homework expects both to match; shown for the image data.
 */
export function pcaFindings(rows: readonly PcaRow[]): Finding[] {
  const findings: Finding[] = [];
  const datasets = [...new Set(rows.map((r) => r.dataset))];
  for (const dataset of datasets) {
    const own = rows.filter((r) => r.dataset === dataset).sort((a, b) => a.k - b.k);
    const first = own[0]!;
    const label = datasetLabel(dataset);
    const judged = dataset === 'synthetic';
    const angles = own.map((r) => `k=${r.k}: mean ${fmt(r.meanDeg)}°, max ${fmt(r.maxDeg)}°`).join('; ');
    const anglesOk = !judged || first.meanDeg <= SUBSPACE_MAX_MEAN_DEG;
    findings.push({
      checkId: 'q4.pca-subspace',
      ok: anglesOk,
      marker: MARKERS.forward,
      ...(anglesOk ? {} : { severity: 'warning' as const }),
      message: anglesOk
        ? `${label}: principal angles between the linear vanilla autoencoder's decoder subspace and PCA's (${angles}).`
        : `${label}: after training, the linear vanilla autoencoder's decoder subspace is ${fmt(first.meanDeg)}° (mean principal angle) from PCA's at k=${first.k}, more than ${SUBSPACE_MAX_MEAN_DEG}° (with the lab's reference it is within a few degrees; ${angles}). Check forward and reconstructionLoss.`,
      short: `∠PCA ${fmt(first.meanDeg, 2)}° (k=${first.k}, ${label})`,
    });
    const ratio = first.aeLoss / first.pcaResidual;
    const [low, high] = RESIDUAL_RATIO_RANGE;
    const residualOk = !judged || (ratio >= low && ratio <= high);
    const losses = own
      .map(
        (r) =>
          `k=${r.k}: ${fmt(r.aeLoss, 4)} vs ${fmt(r.pcaResidual, 4)}${r.exactResidual !== undefined ? ` (exact ${fmt(r.exactResidual, 4)})` : ''}`,
      )
      .join('; ');
    findings.push({
      checkId: 'q4.pca-residual',
      ok: residualOk,
      marker: MARKERS.loss,
      ...(residualOk ? {} : { severity: 'warning' as const }),
      message: residualOk
        ? `${label}: the linear vanilla autoencoder's validation loss beside PCA's residual, the sum of the covariance's eigenvalues after the k-th (${losses}).`
        : ratio < low
          ? `${label}: the linear vanilla autoencoder's validation loss ${fmt(first.aeLoss, 4)} at k=${first.k} is far below PCA's residual ${fmt(first.pcaResidual, 4)} (ratio ${fmt(ratio)}; with the lab's reference it is within ${low}–${high}): check that the loss is (1/B) Σ_i ‖x_i − x̂_i‖² (see q4.loss).`
          : `${label}: the linear vanilla autoencoder's validation loss ${fmt(first.aeLoss, 4)} at k=${first.k} stays above PCA's residual ${fmt(first.pcaResidual, 4)} (ratio ${fmt(ratio)}; with the lab's reference it is within ${low}–${high}): training did not converge. Check forward and reconstructionLoss.`,
      short: `loss ${fmt(first.aeLoss, 4)} vs PCA ${fmt(first.pcaResidual, 4)}`,
    });
  }
  return findings;
}
