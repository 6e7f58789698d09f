// What the Autoencoders panel remembers (vscode.setState) and how runs move through it, without the
// DOM: the live sweep (streamed `ae-cell` artifacts with their arrival times), the finished run
// (`autoencoders`), and the run before it, kept for the overlay. A new run's first cell (or a new
// final) moves the finished run to `previous`.
import type { AeCellArtifact, AeCellResult, AutoencodersArtifact } from '../../src/core/problems/autoencoders/artifact';
import type { RunPanelSnapshot, RunState } from '../../src/core/protocol';
import {
  isAeCellArtifact,
  isAeCellResult,
  isAutoencodersArtifact,
} from '../../src/core/problems/autoencoders/artifactValidate';
import {
  AE_ACTIVATIONS,
  AE_DATASETS,
  AE_VARIANTS,
  viewOfCells,
  type AeArrival,
  type AeSelection,
  type AeView,
} from '../../src/core/problems/autoencoders/figures/aeData';

export const SORT_KEYS = [
  'dataset',
  'activation',
  'variant',
  'k',
  'repeats',
  'loss',
  'probe',
  'fewLabel',
  'angle',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** running → (cancelling →) cancelled | error | done; `done` once the final artifact (or the extension) says so. */
export type LiveStatus = 'running' | 'cancelling' | 'cancelled' | 'error' | 'done';

export interface LiveRun {
  status: LiveStatus;
  /** When the extension said the run started (absent when the panel only saw cells). */
  startedAt?: number;
  arrivals: AeArrival[];
  /** The cells so far (emptied once the final artifact, which holds them all, arrives). */
  cells: AeCellResult[];
  message?: string;
}

export interface AePanelState {
  live?: LiveRun;
  run?: AutoencodersArtifact;
  previous?: AutoencodersArtifact;
  /** Draw the previous run over this one. */
  overlay: boolean;
  selection: AeSelection;
  digits: { rowsBy: 'variant' | 'k'; k?: number };
  sort: { key: SortKey; descending: boolean };
}

export function initialState(): AePanelState {
  return {
    overlay: true,
    selection: { dataset: 'synthetic', activation: 'linear', variant: 'vanilla' },
    digits: { rowsBy: 'variant' },
    sort: { key: 'k', descending: false },
  };
}

const LIVE_STATUSES: readonly LiveStatus[] = ['running', 'cancelling', 'cancelled', 'error', 'done'];

function restoreLive(v: unknown): LiveRun | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const l = v as Partial<LiveRun>;
  if (!LIVE_STATUSES.includes(l.status as LiveStatus) || !Array.isArray(l.arrivals) || !Array.isArray(l.cells))
    return undefined;
  const arrivals = l.arrivals.filter(
    (a) =>
      typeof a === 'object' &&
      a !== null &&
      [a.index, a.total, a.at, a.ms].every((x) => typeof x === 'number' && Number.isFinite(x)),
  );
  return {
    status: l.status as LiveStatus,
    ...(typeof l.startedAt === 'number' && Number.isFinite(l.startedAt) ? { startedAt: l.startedAt } : {}),
    arrivals,
    cells: l.cells.filter(isAeCellResult),
    ...(typeof l.message === 'string' ? { message: l.message } : {}),
  };
}

/** A stored state read back safely: anything malformed falls back to the defaults. */
export function restoreState(stored: Partial<AePanelState> | undefined): AePanelState {
  const base = initialState();
  if (!stored) return base;
  const sel = (stored.selection ?? {}) as Partial<AeSelection>;
  const sort = stored.sort as { key?: unknown; descending?: unknown } | undefined;
  const digits = stored.digits as { rowsBy?: unknown; k?: unknown } | undefined;
  return {
    live: restoreLive(stored.live),
    run: isAutoencodersArtifact(stored.run) ? stored.run : undefined,
    previous: isAutoencodersArtifact(stored.previous) ? stored.previous : undefined,
    overlay: stored.overlay !== false,
    selection: {
      dataset: AE_DATASETS.includes(sel.dataset!) ? sel.dataset! : base.selection.dataset,
      activation: AE_ACTIVATIONS.includes(sel.activation!) ? sel.activation! : base.selection.activation,
      variant: AE_VARIANTS.includes(sel.variant!) ? sel.variant! : base.selection.variant,
    },
    digits: {
      rowsBy: digits?.rowsBy === 'k' ? 'k' : 'variant',
      ...(typeof digits?.k === 'number' ? { k: digits.k } : {}),
    },
    sort: SORT_KEYS.includes(sort?.key as SortKey)
      ? { key: sort!.key as SortKey, descending: sort!.descending === true }
      : base.sort,
  };
}

/** Identifies a final run cheaply (a reloaded panel gets it again from the extension). */
export function runKey(run: AutoencodersArtifact): string {
  return [
    run.title,
    run.wallMs,
    run.cells.length,
    run.cells[0]?.finalValLoss,
    run.cells.at(-1)?.finalValLoss,
    run.cells.at(-1)?.seed,
  ].join('|');
}

export const sameCell = (a: AeCellResult, b: AeCellResult): boolean =>
  a.seed === b.seed &&
  a.finalValLoss === b.finalValLoss &&
  a.k === b.k &&
  a.variant === b.variant &&
  a.activation === b.activation &&
  a.dataset === b.dataset &&
  a.repeat === b.repeat;

/** The finished run becomes the previous one (when a new run shows its first result); the overlay needs no digits. */
function shiftRun(s: AePanelState): AePanelState {
  if (!s.run) return s;
  const cells = s.run.cells.map((c) => {
    if (!c.digits) return c;
    const rest = { ...c };
    delete rest.digits;
    return rest;
  });
  return { ...s, previous: { ...s.run, cells }, run: undefined };
}

/** The extension's run status for problem 4. */
export function onRunStatus(s: AePanelState, status: RunState, now: number, message?: string): AePanelState {
  if (status === 'running') {
    if (s.live && s.live.status === 'running' && s.live.arrivals.length === 0)
      return { ...s, live: { ...s.live, startedAt: now } };
    return { ...s, live: { status: 'running', startedAt: now, arrivals: [], cells: [] } };
  }
  if (!s.live)
    return status === 'done' ? s : { ...s, live: { status, arrivals: [], cells: [], ...(message ? { message } : {}) } };
  if (s.live.status === 'done') return s;
  return { ...s, live: { ...s.live, status, ...(message ? { message } : {}) } };
}

/** A streamed cell: appended to the live run, or the start of a new one (an index already seen, another grid size, a closed run). */
export function onCell(s: AePanelState, a: AeCellArtifact, now: number): AePanelState {
  const live = s.live;
  if (live && live.cells.some((c, i) => live.arrivals[i]?.index === a.index && sameCell(c, a.cell))) return s;
  const arrival: AeArrival = {
    index: a.index,
    total: a.total,
    at: now,
    ms: typeof a.cell.ms === 'number' ? a.cell.ms : 0,
  };
  const open = live && live.status !== 'done' && live.arrivals.every((x) => x.total === a.total && x.index !== a.index);
  if (open) {
    const next = live.arrivals.length === 0 ? shiftRun(s) : s;
    return { ...next, live: { ...live, arrivals: [...live.arrivals, arrival], cells: [...live.cells, a.cell] } };
  }
  return { ...shiftRun(s), live: { status: 'running', arrivals: [arrival], cells: [a.cell] } };
}

/** The run's final artifact: the finished run (the one before becomes `previous` unless the live cells already moved it). */
export function onFinal(s: AePanelState, run: AutoencodersArtifact): AePanelState {
  const key = runKey(run);
  if ((s.run && runKey(s.run) === key) || (s.previous && runKey(s.previous) === key)) return s;
  const next = shiftRun(s);
  return { ...next, run, live: s.live ? { ...s.live, status: 'done', cells: [] } : undefined };
}

/**
 * The extension's init snapshot: its last final run (`autoencoders`), then the cells (`ae-cell`) of the
 * current (or last unfinished) run. Cells the final already holds are not a new run; cells seen for
 * the first time of a run that is no longer running (and has no final) mean it stopped.
 */
export function onSnapshot(
  s: AePanelState,
  snapshot: Pick<RunPanelSnapshot, 'artifacts' | 'running' | 'status'>,
  now: number,
): AePanelState {
  let next = s;
  const final = snapshot.artifacts.find(isAutoencodersArtifact);
  if (final) next = onFinal(next, final);
  const cells = snapshot.artifacts
    .filter(isAeCellArtifact)
    .filter((c) => !(final && !snapshot.running && final.cells.some((f) => sameCell(f, c.cell))));
  const known = next.live?.arrivals.length ?? 0;
  if (snapshot.running && !isActive(next.live)) next = onRunStatus(next, 'running', now);
  for (const c of cells) next = onCell(next, c, now);
  if (!snapshot.running && next.live && isActive(next.live) && next.live.arrivals.length > known)
    next = onRunStatus(next, 'cancelled', now, 'the run stopped before it finished');
  // A run that failed or was cancelled while the panel was closed or loading (even before its first
  // cell): the panel says so instead of its empty state.
  const ended = snapshot.status;
  if (!snapshot.running && ended && (ended.state === 'error' || ended.state === 'cancelled') && !isActive(next.live)) {
    if (next.live?.status !== ended.state) next = onRunStatus(next, ended.state, now, ended.message);
  }
  return next;
}

export function onCancelRequested(s: AePanelState): AePanelState {
  return s.live && s.live.status === 'running' ? { ...s, live: { ...s.live, status: 'cancelling' } } : s;
}

export const isActive = (live: LiveRun | undefined): boolean =>
  live !== undefined && (live.status === 'running' || live.status === 'cancelling');

/** What the panel draws: the live cells while a run streams, else the finished run. */
export function currentView(s: AePanelState): AeView | undefined {
  if (s.live && s.live.cells.length > 0 && !(s.run && s.live.status === 'done')) return viewOfCells(s.live.cells);
  return s.run;
}
