// What the beam panel remembers across reloads (vscode.setState), and how it is read back safely:
// a stored state from an older version must never break the panel.
import { traceKey, type BeamTrace } from '../../src/core/problems/beam-search/trace';

export interface RunSettings {
  k: number;
  T: number;
  prompt: string;
}

export interface BeamPanelState {
  /** Traces from the extension (its snapshot's and `item` messages' items), in arrival order. */
  hostTraces: BeamTrace[];
  /** Per host trace, the run that made it (null: a reference trace, or not known). */
  hostRuns: (number | null)[];
  /** Traces from this panel's own "Run here" runs. */
  localTraces: BeamTrace[];
  /** Index into [...hostTraces, ...localTraces]. */
  selected: number;
  /** The step shown, per trace key (see traceKey). */
  steps: Record<string, number>;
  focusedId?: string;
  showGreedy: boolean;
  showExhaustive: boolean;
  /** Scale the tree down to the view's width (true) or draw it at its own size, scrolling. */
  fit: boolean;
  /** Pruned children drawn per parent before the rest fold into "+n pruned"; undefined = by vocabulary size. */
  prunedPerParent?: number;
  run: RunSettings;
}

export const PRUNED_PER_PARENT_CHOICES = [0, 1, 2, 3, 5, 10] as const;

/** Small vocabularies show every pruned child; large ones only the best, so the tree stays readable. */
export function prunedPerParentFor(state: Pick<BeamPanelState, 'prunedPerParent'>, vocabSize: number): number {
  return state.prunedPerParent ?? (vocabSize <= 4 ? 3 : 1);
}

export const DEFAULT_RUN: RunSettings = { k: 3, T: 12, prompt: 'alice was ' };

export function initialState(): BeamPanelState {
  return {
    hostTraces: [],
    hostRuns: [],
    localTraces: [],
    selected: 0,
    steps: {},
    showGreedy: true,
    showExhaustive: true,
    fit: true,
    run: { ...DEFAULT_RUN },
  };
}

/** Adds or replaces `trace` in `list`; returns the new list and the trace's index in it. */
export function upsertTrace(list: readonly BeamTrace[], trace: BeamTrace): { list: BeamTrace[]; index: number } {
  const key = traceKey(trace);
  const i = list.findIndex((t) => traceKey(t) === key);
  if (i >= 0) {
    const next = list.slice();
    next[i] = trace;
    return { list: next, index: i };
  }
  return { list: [...list, trace], index: list.length };
}

/** A trace is drawable when its steps and candidates have the shapes the renderer reads. */
export function isDrawableTrace(v: unknown): v is BeamTrace {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Partial<BeamTrace>;
  const isTokens = (x: unknown) => Array.isArray(x) && x.every((n) => Number.isInteger(n) && n >= 0);
  const isHyp = (h: unknown) =>
    typeof h === 'object' &&
    h !== null &&
    isTokens((h as { tokens?: unknown }).tokens) &&
    typeof (h as { score?: unknown }).score === 'number';
  return (
    typeof t.title === 'string' &&
    typeof t.source === 'string' &&
    Array.isArray(t.vocab) &&
    t.vocab.every((w) => typeof w === 'string') &&
    Number.isFinite(t.k) &&
    Number.isFinite(t.T) &&
    Array.isArray(t.steps) &&
    t.steps.every(
      (s) =>
        typeof s === 'object' &&
        s !== null &&
        Number.isFinite(s.t) &&
        Array.isArray(s.candidates) &&
        s.candidates.every((c) => isHyp(c) && typeof c.kept === 'boolean'),
    ) &&
    Array.isArray(t.final) &&
    t.final.every(isHyp) &&
    (t.greedy === undefined || isHyp(t.greedy)) &&
    (t.exhaustive === undefined || isHyp(t.exhaustive))
  );
}

/** Reads a stored state, keeping only what is still valid. */
export function restoreState(stored: Partial<BeamPanelState> | undefined): BeamPanelState {
  const base = initialState();
  if (!stored) return base;
  const traces = (v: unknown) => (Array.isArray(v) ? v.filter(isDrawableTrace) : []);
  const host = pairRuns(stored.hostTraces, stored.hostRuns);
  const run = stored.run;
  return {
    hostTraces: host.traces,
    hostRuns: host.runs,
    localTraces: traces(stored.localTraces),
    selected: Number.isInteger(stored.selected) && stored.selected! >= 0 ? stored.selected! : 0,
    steps: typeof stored.steps === 'object' && stored.steps !== null ? { ...stored.steps } : {},
    focusedId: typeof stored.focusedId === 'string' ? stored.focusedId : undefined,
    showGreedy: typeof stored.showGreedy === 'boolean' ? stored.showGreedy : true,
    showExhaustive: typeof stored.showExhaustive === 'boolean' ? stored.showExhaustive : true,
    fit: typeof stored.fit === 'boolean' ? stored.fit : true,
    prunedPerParent: (PRUNED_PER_PARENT_CHOICES as readonly unknown[]).includes(stored.prunedPerParent)
      ? stored.prunedPerParent
      : undefined,
    run: {
      k: Number.isInteger(run?.k) ? run!.k : base.run.k,
      T: Number.isInteger(run?.T) ? run!.T : base.run.T,
      prompt: typeof run?.prompt === 'string' ? run.prompt : base.run.prompt,
    },
  };
}

/** The drawable traces of a list with the run of each (a run number, or null when not known). */
export function pairRuns(traces: unknown, runs: unknown): { traces: BeamTrace[]; runs: (number | null)[] } {
  const out: { traces: BeamTrace[]; runs: (number | null)[] } = { traces: [], runs: [] };
  if (!Array.isArray(traces)) return out;
  traces.forEach((t, i) => {
    if (!isDrawableTrace(t)) return;
    const run: unknown = Array.isArray(runs) ? runs[i] : undefined;
    out.traces.push(t);
    out.runs.push(typeof run === 'number' && Number.isInteger(run) ? run : null);
  });
  return out;
}
