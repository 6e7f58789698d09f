// What the grid's results become: the run's record, the artifacts' cells and the CLI's metrics (grid,
// pcaAngles, pcaResidual). Pure functions of the cells and PCA rows; the checks the judge makes of
// them are in runChecks.ts.
import type { AeCellResult, AeDataset, PcaRow } from './artifact';
import type { Activation, Variant } from './solution';

/**
 * What runCell returns: the cell's result and, in the staff build, the lab's own count of the probe
 * accuracies (labCount.ts; absent in the student build, where q4.probe-count does not run).
 */
export interface AeCellOutcome extends AeCellResult {
  lab?: { probeAccuracy: number; fewLabelAccuracy?: number };
}

/** What the run hands the judge (RunOutput.record): every cell's outcome in grid order (without its digits), and the PCA rows. */
export interface AeRecord {
  cells: AeCellOutcome[];
  pca: PcaRow[];
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
  return cells.filter(
    (c) => c.dataset === dataset && c.activation === 'linear' && c.variant === 'vanilla' && c.k === k,
  );
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
    pcaAngles: pca.map((r) => ({
      dataset: r.dataset,
      k: r.k,
      meanDeg: round(r.meanDeg, 3),
      maxDeg: round(r.maxDeg, 3),
    })),
    pcaResidual: pca.map((r) => ({
      dataset: r.dataset,
      k: r.k,
      pcaResidual: round(r.pcaResidual),
      aeLoss: round(r.aeLoss),
      ...(r.exactResidual !== undefined ? { exactResidual: r.exactResidual } : {}),
      pcaProbeAccuracy: round(r.pcaProbeAccuracy),
      ...(r.pcaProbeConverged !== undefined ? { pcaProbeConverged: round(r.pcaProbeConverged) } : {}),
    })),
  };
}
