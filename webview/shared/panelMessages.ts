// The run panels' side of the protocol: the init handshake, incoming runs, and the export posts they share.
import type { PanelSnapshot, ToWebview } from '../../src/core/protocol';
import { initSnapshot } from './handshake';
import type { Artifact as PanelArtifact } from '../../src/core/engine/events';
import type { PanelBridge } from './vscodeApi';
import { slug } from './figureExport';

/** Where a panel finds its run in the extension's messages. */
export interface RunSource<R> {
  /** The run in an init snapshot, if it holds one for this panel. */
  fromSnapshot(snapshot: PanelSnapshot): R | undefined;
  /** The run in a live message; undefined for every message not meant for this panel. */
  fromMessage(message: ToWebview): R | undefined;
}

export interface RunPanel<R> extends RunSource<R> {
  /** Names the panel in the log line for a malformed run ("The kernel attention panel"). */
  name: string;
  /** The panel's own check of a run (the protocol only checks the envelope). */
  isRun(run: unknown): run is R;
  /** Identifies a run cheaply, so a reloaded panel keeps its view state when the extension sends the same run. */
  runKey(run: R): string;
  currentRun(): R | undefined;
  /** Shows a run that passed `isRun` (and persists the panel state). */
  showRun(run: R): void;
  showError(message: string | undefined): void;
}

/** The problem 2 / problem 3 panels' runs: an `artifact` of one kind (the other panel's artifacts are ignored quietly). */
export function artifactOfKind<K extends PanelArtifact['kind']>(kind: K): RunSource<Extract<PanelArtifact, { kind: K }>> {
  type R = Extract<PanelArtifact, { kind: K }>;
  return {
    fromSnapshot: (snapshot) => (snapshot.artifact?.kind === kind ? (snapshot.artifact as R) : undefined),
    fromMessage: (message) => (message.type === 'artifact' && message.artifact.kind === kind ? (message.artifact as R) : undefined),
  };
}

/** Validates a run before it is shown; a malformed one is logged to the extension and dropped. */
export function acceptRun<R>(bridge: PanelBridge<unknown>, panel: RunPanel<R>, run: unknown): void {
  if (!panel.isRun(run)) {
    bridge.post({ type: 'log', level: 'warn', message: `${panel.name} ignored a malformed run.` });
    return;
  }
  panel.showRun(run);
}

/** Handles init (protocol check, the snapshot's run) and live runs; the panel still posts `ready` itself once drawn. */
export function listenForRuns<R>(bridge: PanelBridge<unknown>, panel: RunPanel<R>): void {
  bridge.onMessage((message) => {
    if (message.type === 'init') {
      const snapshot = initSnapshot(message, (text) => panel.showError(text));
      if (!snapshot) return;
      // The extension's snapshot wins when it has a run; otherwise keep what the panel restored.
      const run = panel.fromSnapshot(snapshot);
      const current = panel.currentRun();
      if (run && (!current || panel.runKey(run) !== panel.runKey(current))) acceptRun(bridge, panel, run);
      return;
    }
    const run = panel.fromMessage(message);
    if (run === undefined) return;
    panel.showError(undefined);
    acceptRun(bridge, panel, run);
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
