// The run panels' side of the protocol: the init handshake, incoming artifacts, and the export posts they share.
import { isRunPanelSnapshot } from '../../src/core/protocol';
import type { Artifact } from '../../src/core/engine/events';
import { initSnapshot } from './handshake';
import type { PanelBridge } from './vscodeApi';
import type { RunBanner } from './runBanner';
import { slug } from './figureExport';

/** The judge's addition to the run shown (one artifact kind): checked by the page, then folded into that run. */
export interface Addition<A> {
  isValid(artifact: unknown): artifact is A;
  /** Folds a valid addition into the run shown (nothing when none is), keeping the view. */
  fold(artifact: A): void;
}

export interface RunPanel<R> {
  /** The artifact kind of the runs the panel draws; a run replaces the one shown. */
  kind: string;
  /** Names the panel in the log line for a malformed run ("The kernel attention panel"). */
  name: string;
  /** The panel's own check of a run (the protocol only checks that some problem knows the artifact). */
  isRun(run: unknown): run is R;
  /** Identifies a run cheaply, so a reloaded panel keeps its view state when the extension sends the same run. */
  runKey(run: R): string;
  currentRun(): R | undefined;
  /** Shows a run that passed `isRun` (and persists the panel state). */
  showRun(run: R): void;
  showError(message: string | undefined): void;
  /** By artifact kind, the judge's additions to a run (they arrive after it); other kinds are ignored quietly. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each addition names its own artifact type
  additions?: Record<string, Addition<any>>;
  /** Where the page shows its problem's latest run (progress, failure): fed from the snapshot and `runStatus`. */
  banner?: RunBanner;
}

/** Validates a run before it is shown; a malformed one is logged to the extension and dropped. */
export function acceptRun<R>(bridge: PanelBridge<unknown>, panel: RunPanel<R>, run: unknown): void {
  if (!panel.isRun(run)) {
    bridge.post({ type: 'log', level: 'warn', message: `${panel.name} ignored a malformed run.` });
    return;
  }
  panel.showRun(run);
}

function acceptAddition<R>(bridge: PanelBridge<unknown>, panel: RunPanel<R>, artifact: Artifact): void {
  const kind = artifact.kind;
  const addition = panel.additions?.[kind];
  if (!addition) return;
  if (!addition.isValid(artifact)) {
    bridge.post({ type: 'log', level: 'warn', message: `${panel.name} ignored a malformed ${kind.slice(0, 50)}.` });
    return;
  }
  addition.fold(artifact);
}

/** Handles init (protocol check, the snapshot's artifacts replayed) and live artifacts; the panel still posts `ready` itself once drawn. */
export function listenForRuns<R>(bridge: PanelBridge<unknown>, panel: RunPanel<R>): void {
  bridge.onMessage((message) => {
    if (message.type === 'init') {
      const snapshot = initSnapshot(message, (text) => panel.showError(text));
      if (!snapshot || !isRunPanelSnapshot(snapshot)) return;
      panel.banner?.show(snapshot.status);
      for (const artifact of snapshot.artifacts) {
        if (artifact.kind !== panel.kind) {
          acceptAddition(bridge, panel, artifact);
          continue;
        }
        // The extension's snapshot wins when it has a run; the same run the panel restored keeps its view.
        const current = panel.currentRun();
        if (!current || !panel.isRun(artifact) || panel.runKey(artifact) !== panel.runKey(current))
          acceptRun(bridge, panel, artifact);
      }
      return;
    }
    if (panel.banner?.handle(message)) return;
    if (message.type !== 'artifact') return;
    if (message.artifact.kind !== panel.kind) {
      acceptAddition(bridge, panel, message.artifact);
      return;
    }
    panel.showError(undefined);
    acceptRun(bridge, panel, message.artifact);
  });
}

/** The message text of anything thrown. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Offers a CSV file to save; `name` is slugged into the file name. */
export function postCsv(bridge: PanelBridge<unknown>, name: string, csv: string, fallback?: string): void {
  bridge.post({ type: 'exportFile', suggestedName: `${slug(name, fallback)}.csv`, contentType: 'text/csv', data: csv });
}
