// Numbers a run measured, shown at the TODO markers beside the checks' results: problem 4's
// autoencoders put the last validation loss at the loss TODO (and the last denoising / masked
// cell's at those TODOs) and the last probe accuracy at the probe's. Collected from the run's
// events as they stream (the grid's `ae-cell` artifacts, then the final `autoencoders` one).
// Pure, and imports only types, so the extension host never loads an engine to compute them.
import type { RunEvent } from '../../core/engine/events';
import type { AeCellResult, AeDataset } from '../../core/problems/autoencoders/artifact';
import { MARKERS } from '../../core/problems/autoencoders/meta';

/** A measured value at a marker: a short after-text and the full sentence for the hover. */
export interface MarkerNote {
  marker: string;
  /** Short, e.g. `val loss 23.4 (MNIST ReLU masked k=10)`. */
  text: string;
  /** One line for the hover, nothing abbreviated. */
  detail: string;
}

/** Collects a run's marker notes from its events. */
export interface MarkerNoteCollector {
  observe(event: RunEvent): void;
  notes(): MarkerNote[];
}

const NONE: MarkerNoteCollector = { observe: () => undefined, notes: () => [] };

/** The collector for a problem's run (problems without notes get one that collects nothing). */
export function markerNotesFor(problemId: string): MarkerNoteCollector {
  return problemId === 'autoencoders' ? autoencoderNotes() : NONE;
}

const DATASETS: Record<AeDataset, string> = { synthetic: 'synthetic', mnist: 'MNIST', idx: 'IDX' };

/** `MNIST ReLU masked k=10` (and `#2` for a repeat after the first). */
export function cellLabel(cell: Pick<AeCellResult, 'dataset' | 'activation' | 'variant' | 'k' | 'repeat'>): string {
  const activation = cell.activation === 'relu' ? 'ReLU' : cell.activation;
  return `${DATASETS[cell.dataset] ?? cell.dataset} ${activation} ${cell.variant} k=${cell.k}${cell.repeat > 0 ? ` #${cell.repeat + 1}` : ''}`;
}

/** A loss with 3 significant digits (no exponent for ordinary sizes). */
export function formatLoss(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}

export function formatAccuracy(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)} %` : String(value);
}

function autoencoderNotes(): MarkerNoteCollector {
  /** Finished cells, in the order they arrived (the final artifact's order when there is one). */
  let cells: AeCellResult[] = [];
  let finalSeen = false;
  return {
    observe(event) {
      if (event.type !== 'artifact') return;
      const a = event.artifact;
      if (a.kind === 'ae-cell' && !finalSeen) cells.push(a.cell);
      // The final artifact has every cell; cells it lacks were never finished.
      else if (a.kind === 'autoencoders' && a.cells.length > 0) {
        const streamed = cells;
        cells = [...a.cells].sort((x, y) => order(streamed, x) - order(streamed, y));
        finalSeen = true;
      }
    },
    notes() {
      const last = cells[cells.length - 1];
      if (!last) return [];
      const lastOf = (variant: string): AeCellResult | undefined => [...cells].reverse().find((c) => c.variant === variant);
      const out: MarkerNote[] = [];
      const loss = (marker: string, cell: AeCellResult, what: string): void => {
        out.push({
          marker,
          text: `${what} ${formatLoss(cell.finalValLoss)} (${cellLabel(cell)})`,
          detail: `${what} after epoch ${cell.valLoss.length} of the last ${cell.variant} cell to finish: ${cell.finalValLoss} (${cellLabel(cell)}, seed ${cell.seed})`,
        });
      };
      out.push({ marker: MARKERS.forward, text: `${cells.length} cell${cells.length === 1 ? '' : 's'} trained`, detail: `${cells.length} grid cell${cells.length === 1 ? '' : 's'} trained through your forward pass.` });
      loss(MARKERS.loss, last, 'val loss');
      const denoising = lastOf('denoising');
      if (denoising) loss(MARKERS.denoise, denoising, 'val loss');
      const masked = lastOf('masked');
      if (masked) loss(MARKERS.mask, masked, 'val loss');
      out.push({
        marker: MARKERS.probe,
        text: `probe ${formatAccuracy(last.probeAccuracy)} (${cellLabel(last)})`,
        detail: `Linear-probe accuracy on the test split of the last cell to finish: ${last.probeAccuracy}${last.fewLabelAccuracy !== undefined ? `; few-label protocol ${last.fewLabelAccuracy}` : ''} (${cellLabel(last)}, seed ${last.seed})`,
      });
      return out;
    },
  };
}

/** Where a cell arrived in the stream (cells never streamed go first, in their own order: when they finished is unknown). */
function order(streamed: readonly AeCellResult[], cell: AeCellResult): number {
  return streamed.findIndex((c) => c.dataset === cell.dataset && c.activation === cell.activation && c.variant === cell.variant && c.k === cell.k && c.repeat === cell.repeat);
}
