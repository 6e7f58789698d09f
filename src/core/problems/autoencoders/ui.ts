// Problem 4 in the editor. Its panel follows a run as it streams (one `ae-cell` per finished grid
// cell, then the whole `autoencoders` run), shows the sweep's progress from the start, and can stop
// the run. Its state is a pure function of what arrived: the last whole run (`final`), the cells of
// the run in progress or cut short, and whether a run is going on; a webview that reloads mid-run
// picks up where it was. Its runs also put numbers at the TODO markers: the last validation loss at
// the loss TODO (and the last denoising / masked cell's at those TODOs) and the last probe accuracy
// at the probe's. Its IDX folder setting names a path.
import type { MarkerNote, MarkerNoteCollector, PanelUi, ProblemUi } from '../../problemUi';
import type { RunPanelSnapshot, ToWebview } from '../../protocol';
import type { AeCellArtifact, AeCellResult, AeDataset, AutoencodersArtifact } from './artifact';
import { MARKERS } from './meta';
import { isArtifactKind } from '../../engine/events';

export interface AeState {
  final?: AutoencodersArtifact;
  cells: AeCellArtifact[];
  running: boolean;
}

export const AE_EMPTY: AeState = { cells: [], running: false };

/** A run starts: its cells replace the previous run's; the last whole run stays (the panel overlays it). */
export function aeRunStarted(state: AeState): AeState {
  return { ...(state.final ? { final: state.final } : {}), cells: [], running: true };
}

export function aeCellArrived(state: AeState, cell: AeCellArtifact): AeState {
  return { ...state, cells: [...state.cells, cell] };
}

/** The whole run has every cell: the streamed ones are dropped. */
export function aeFinalArrived(state: AeState, run: AutoencodersArtifact): AeState {
  return { final: run, cells: [], running: state.running };
}

/** The run ended; a cancelled or failed run's cells stay until the next run. */
export function aeRunEnded(state: AeState): AeState {
  return { ...state, running: false };
}

/** The `init` snapshot: the last whole run, then the cells of the run in progress (or cut short), and whether one runs. */
export function aeSnapshot(state: AeState): RunPanelSnapshot {
  return { artifacts: [...(state.final ? [state.final] : []), ...state.cells], running: state.running };
}

export function aeArtifactMessage(artifact: AeCellArtifact | AutoencodersArtifact): ToWebview {
  return { type: 'artifact', artifact };
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

export function autoencoderNotes(): MarkerNoteCollector {
  /** Finished cells, in the order they arrived (the final artifact's order when there is one). */
  let cells: AeCellResult[] = [];
  let finalSeen = false;
  return {
    observe(event) {
      if (event.type !== 'artifact') return;
      const a = event.artifact;
      if (isArtifactKind<AeCellArtifact>(a, 'ae-cell')) {
        if (!finalSeen) cells.push(a.cell);
      }
      // The final artifact has every cell; cells it lacks were never finished.
      else if (isArtifactKind<AutoencodersArtifact>(a, 'autoencoders') && a.cells.length > 0) {
        const streamed = cells;
        cells = [...a.cells].sort((x, y) => order(streamed, x) - order(streamed, y));
        finalSeen = true;
      }
    },
    notes() {
      const last = cells[cells.length - 1];
      if (!last) return [];
      const lastOf = (variant: string): AeCellResult | undefined =>
        [...cells].reverse().find((c) => c.variant === variant);
      const out: MarkerNote[] = [];
      const loss = (marker: string, cell: AeCellResult, what: string): void => {
        out.push({
          marker,
          text: `${what} ${formatLoss(cell.finalValLoss)} (${cellLabel(cell)})`,
          detail: `${what} after epoch ${cell.valLoss.length} of the last ${cell.variant} cell to finish: ${cell.finalValLoss} (${cellLabel(cell)}, seed ${cell.seed})`,
        });
      };
      out.push({
        marker: MARKERS.forward,
        text: `${cells.length} cell${cells.length === 1 ? '' : 's'} trained`,
        detail: `${cells.length} grid cell${cells.length === 1 ? '' : 's'} trained through your forward pass.`,
      });
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
  return streamed.findIndex(
    (c) =>
      c.dataset === cell.dataset &&
      c.activation === cell.activation &&
      c.variant === cell.variant &&
      c.k === cell.k &&
      c.repeat === cell.repeat,
  );
}

const panel: PanelUi<AeState> = {
  viewType: 'hw6.autoencoders',
  title: 'Autoencoders',
  bundle: 'autoencoders',
  saveTitles: { 'text/csv': 'Export the grid as CSV' },
  empty: AE_EMPTY,
  snapshot: aeSnapshot,
  artifacts: {
    // A panel the student closed mid-run stays closed (the snapshot keeps the cells).
    'ae-cell': {
      fold: (state, cell: AeCellArtifact) => ({ state: aeCellArrived(state, cell), message: aeArtifactMessage(cell) }),
    },
    autoencoders: {
      fold: (state, run: AutoencodersArtifact) => ({
        state: aeFinalArrived(state, run),
        message: aeArtifactMessage(run),
        reveal: true,
      }),
    },
  },
  // The grid takes a while: the panel shows the sweep's progress (and Cancel) from the start (the
  // panel host opens it and posts the run's status).
  runStarted: (state) => ({ state: aeRunStarted(state) }),
  runEnded: (state) => ({ state: aeRunEnded(state) }),
  cancellable: true,
  openCommand: 'hw6.openAutoencoders',
};

export const autoencodersUi: ProblemUi = {
  problemId: 'autoencoders',
  panel,
  artifactSummaries: {
    'ae-cell': ({ cell: c, index, total }: AeCellArtifact) =>
      `grid cell ${index + 1}/${total}: ${cellLabel(c)}: val loss ${formatLoss(c.finalValLoss)}, probe ${formatAccuracy(c.probeAccuracy)} (${(c.ms / 1000).toFixed(1)} s)`,
  },
  markerNotes: autoencoderNotes,
  pathSettings: ['idxDir'],
  longRuns: true,
};
