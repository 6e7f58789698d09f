// What the grid's results become: the CLI's metrics (grid, pcaAngles, pcaResidual) and the checks
// made on a run (the linear autoencoder against PCA). Pure functions of the cells and PCA rows.
import type { Finding } from '../../engine/events';
import type { AeCellResult, AeDataset, PcaRow } from './artifact';
import { datasetLabel } from './grid';
import { MARKERS } from './meta';
import type { Activation, Variant } from './solution';

/** What runCell returns: the cell's result and the lab's own count of the probe accuracies. */
export interface AeCellOutcome extends AeCellResult {
  lab: { probeAccuracy: number; fewLabelAccuracy?: number };
}

/** The artifact's cell: the outcome without the lab's bookkeeping. */
export function cellResult(outcome: AeCellOutcome): AeCellResult {
  const { lab: _lab, ...cell } = outcome;
  return cell;
}

export interface GridRow {
  dataset: AeDataset;
  activation: Activation;
  variant: Variant;
  k: number;
  repeats: number;
  /** Means over the repeats. */
  finalValLoss: number;
  probeAccuracy: number;
  fewLabelAccuracy?: number;
}

const mean = (values: number[]): number => values.reduce((s, v) => s + v, 0) / values.length;
const round = (x: number, digits = 4): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** One row per (dataset, activation, variant, k), means over the repeats, in the grid's order. */
export function gridRows(cells: readonly AeCellResult[]): GridRow[] {
  const groups = new Map<string, AeCellResult[]>();
  for (const c of cells) {
    const key = `${c.dataset}|${c.activation}|${c.variant}|${c.k}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()].map((group) => {
    const { dataset, activation, variant, k } = group[0]!;
    const few = group.map((c) => c.fewLabelAccuracy).filter((v): v is number => v !== undefined);
    return {
      dataset,
      activation,
      variant,
      k,
      repeats: group.length,
      finalValLoss: round(mean(group.map((c) => c.finalValLoss))),
      probeAccuracy: round(mean(group.map((c) => c.probeAccuracy))),
      ...(few.length > 0 ? { fewLabelAccuracy: round(mean(few)) } : {}),
    };
  });
}

/** The linear vanilla cells of a dataset at k (one per repeat): what PCA is compared with. */
export function linearVanilla(cells: readonly AeCellResult[], dataset: AeDataset, k: number): AeCellResult[] {
  return cells.filter((c) => c.dataset === dataset && c.activation === 'linear' && c.variant === 'vanilla' && c.k === k);
}

/** Mean over the repeats of each repeat's mean and max angle (0 where there are none: k ≥ the input size). */
export function angleSummary(cells: readonly AeCellResult[]): { meanDeg: number; maxDeg: number } {
  const withAngles = cells.filter((c) => c.anglesDeg && c.anglesDeg.length > 0);
  if (withAngles.length === 0) return { meanDeg: 0, maxDeg: 0 };
  return {
    meanDeg: mean(withAngles.map((c) => mean(c.anglesDeg!))),
    maxDeg: mean(withAngles.map((c) => Math.max(...c.anglesDeg!))),
  };
}

export function metricsOf(cells: readonly AeCellResult[], pca: readonly PcaRow[]): Record<string, unknown> {
  return {
    grid: gridRows(cells).map((r) => ({
      dataset: r.dataset,
      activation: r.activation,
      variant: r.variant,
      k: r.k,
      finalValLoss: r.finalValLoss,
      probeAccuracy: r.probeAccuracy,
      ...(r.fewLabelAccuracy !== undefined ? { fewLabelAccuracy: r.fewLabelAccuracy } : {}),
    })),
    pcaAngles: pca.map((r) => ({ dataset: r.dataset, k: r.k, meanDeg: round(r.meanDeg, 3), maxDeg: round(r.maxDeg, 3) })),
    pcaResidual: pca.map((r) => ({
      dataset: r.dataset,
      k: r.k,
      pcaResidual: round(r.pcaResidual),
      aeLoss: round(r.aeLoss),
      ...(r.exactResidual !== undefined ? { exactResidual: r.exactResidual } : {}),
      pcaProbeAccuracy: round(r.pcaProbeAccuracy),
    })),
  };
}

/** Synthetic data: a mean angle above this at the smallest k is a warning (measured: < 1° with the reference). */
export const SUBSPACE_MAX_MEAN_DEG = 10;
/** Synthetic data: the linear AE's validation loss over PCA's residual at the smallest k must lie in this range. */
export const RESIDUAL_RATIO_RANGE: [number, number] = [0.8, 1.15];

const fmt = (x: number, digits = 3): string => String(Number(x.toPrecision(digits)));

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
    const losses = own.map((r) => `k=${r.k}: ${fmt(r.aeLoss, 4)} vs ${fmt(r.pcaResidual, 4)}${r.exactResidual !== undefined ? ` (exact ${fmt(r.exactResidual, 4)})` : ''}`).join('; ');
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
