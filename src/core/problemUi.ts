// What the editor shows of a problem, as data and pure functions (no vscode, no DOM): its run panel
// (view type, bundle, how its artifacts fold into the panel's state and messages), its side view
// (sideViewUi.ts), the numbers its runs put at the TODO markers, and its settings that name paths. Each problem exports one
// (src/core/problems/<id>/ui.ts); the extension's generic panel host and run controller read it, so
// they name no problem.
import type { Artifact, RunEvent } from './engine/events';
import type { ExportContentType, RunPanelSnapshot, ToWebview } from './protocol';
import type { SideViewUi } from './sideViewUi';

export type SaveType = ExportContentType | 'image/svg+xml';

/** How a run ended, for panels that follow a run while it goes. */
export type PanelRunEnd =
  | { state: 'done'; /** checks that failed (a wrong result still ends `done`) */ failedChecks?: number }
  | { state: 'cancelled' | 'error'; message: string };

/** A panel's next state and what an open panel is told of it. */
export interface PanelChange<S> {
  state: S;
  /** Posted to the panel if its webview listens (otherwise the next `init` snapshot carries `state`). */
  message?: ToWebview;
  /** Opens the panel beside the editor (keeping focus) or brings it forward. */
  reveal?: boolean;
}

/** Where one artifact kind goes in a panel. */
export interface ArtifactRoute<S, A = Artifact> {
  /**
   * The artifact completes one shown earlier by the same run (the judge's additions to the child's
   * run): it is dropped unless that run's artifact is still the one the panel shows.
   */
  completes?: boolean;
  fold(state: S, artifact: A): PanelChange<S>;
}

/**
 * By artifact kind: how a problem's artifacts reach its panel. Each route types its artifact itself
 * (the kind's fields, its problem's artifact type): the session validated it against that kind's
 * schema before any route sees it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route names its own artifact type
export type ArtifactRoutes<S> = Record<string, ArtifactRoute<S, any>>;

/** Per artifact kind, a function of that kind's artifact (typed by the problem that owns the kind). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as ArtifactRoutes
export type ByKind<R> = Record<string, (artifact: any) => R>;

/** A run panel in the editor area. */
export interface PanelUi<S> {
  /** The WebviewPanel view type (`hw6.<name>`), also its serializer's and `onWebviewPanel:` key. */
  viewType: string;
  title: string;
  /** The page's folder under webview/ (its bundle is dist/webview/<bundle>.js). */
  bundle: string;
  /** The save dialog's title per export type (a default otherwise). */
  saveTitles: Partial<Record<SaveType, string>>;
  /** The state before any run. */
  empty: S;
  /** What a webview that (re)loads is sent. */
  snapshot(state: S): RunPanelSnapshot;
  artifacts: ArtifactRoutes<S>;
  /** A run of the experiment (not checks alone) starts: panels that follow a run while it goes. */
  runStarted?(state: S): PanelChange<S>;
  /** That run ended (and no newer run of the problem replaced it). */
  runEnded?(state: S, end: PanelRunEnd): PanelChange<S>;
  /** Its webview may ask to stop the problem's run (`cancelRun`). */
  cancellable?: boolean;
  /** A command (declared in package.json) that opens the panel without a run. */
  openCommand?: string;
}

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

/** Everything the editor shows of one problem beyond its markers and findings. */
export interface ProblemUi {
  problemId: string;
  // `any`: each problem's panel has a state of its own; the host only passes it back to the same descriptor.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  panel?: PanelUi<any>;
  /** A webview view of its own in the HW6 Lab sidebar, whose picker takes items from its runs. */
  // `any`: each side view has an item type of its own; the host only passes items on to its page.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  sideView?: SideViewUi<any>;
  /** The output channel's line for an artifact of these kinds (`<kind>: <title>` otherwise). */
  artifactSummaries?: ByKind<string>;
  /** Numbers the run measured, shown at the TODO markers beside the checks' results. */
  markerNotes?(): MarkerNoteCollector;
  /** Settings (`hw6.<id>.<key>`) that name a file or folder: resolved against the workspace folder before the run. */
  pathSettings?: readonly string[];
  /** Runs take minutes: the submission report offers to skip them. */
  longRuns?: boolean;
}
