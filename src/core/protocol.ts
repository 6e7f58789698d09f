// Typed messages between the extension and its webviews. Every incoming message is validated with
// the guards below before use: a webview is less trusted than the extension host. No problem's types
// are named here: a run panel's artifacts are checked by the problems' schemas, and a side view's
// items (`unknown` here) by its own page.
import type { ToChild } from './engine/childProtocol';
import type { Artifact } from './engine/events';
import { isKnownArtifact } from './viz/artifactValidate';

/**
 * 2: run panels get every artifact as `artifact` and replay a list of them from their snapshot.
 * 3: side views get `item` messages and an `items` snapshot (were `trace` and `traces`).
 */
export const PROTOCOL_VERSION = 3;

/**
 * What a run panel shows when it (re)loads: its artifacts, replayed in order as if they had just
 * arrived (each page folds the kinds it knows and ignores the rest).
 */
export interface RunPanelSnapshot {
  artifacts: Artifact[];
  backend?: string;
  /** A run is in progress now (panels that follow a run while it goes). */
  running?: boolean;
}

/** What a side view shows when it (re)loads (src/core/sideViewUi.ts); its page checks each item. */
export interface SideViewSnapshot<Item = unknown> {
  /** The items to choose from (revealed reference items first, then the runs'). */
  items: Item[];
  /** Index into `items` of the one shown. */
  selected: number;
  backend?: string;
}

/** Everything a webview needs to render without asking again. */
export type PanelSnapshot = RunPanelSnapshot | SideViewSnapshot;

export const isRunPanelSnapshot = (snapshot: PanelSnapshot): snapshot is RunPanelSnapshot => 'artifacts' in snapshot;

/** Where a problem's run is (a panel that follows its run shows progress and a Cancel button while `running`). */
export type RunState = 'running' | 'done' | 'cancelled' | 'error';

/** Files a panel may export besides SVG, by content type: PNG figures (base64) and CSV series (text). */
export type ExportContentType = 'image/png' | 'text/csv';

export type ToWebview =
  | { type: 'init'; version: number; snapshot: PanelSnapshot }
  /** A side view's new item (its page checks it): added to its picker, or replacing the one with its key. */
  | { type: 'item'; item: unknown; select: boolean }
  /**
   * An artifact for a run panel: a run (which replaces the one shown) or the judge's addition to the
   * run last sent (which the page folds into it, keeping its view). Pages ignore kinds they do not know.
   */
  | { type: 'artifact'; artifact: Artifact }
  /**
   * The webview runner (src/extension/webviewRunner.ts): a message of the judge to the child that
   * runs request `requestId` in the panel (webview/shared/runHost.ts). `reference` (on the `start`
   * only): the panel loads the lab's reference for the problem instead of `message.code`.
   */
  | { type: 'child'; requestId: string; message: ToChild; reference?: boolean }
  /** The judge is done with request `requestId` (it ended, or was cancelled): the panel drops its child. */
  | { type: 'cancel'; requestId: string }
  /** A run of `problemId` started (before its first artifact) or ended; `message` says why it failed. */
  | { type: 'runStatus'; problemId: string; state: RunState; message?: string };

export type FromWebview =
  | { type: 'ready'; version: number }
  /**
   * What the panel's child of request `requestId` says to the judge. Only the envelope is checked
   * here: the judge's session validates `message` itself (core/engine/childProtocol.ts), and a
   * message that does not fit ends that run as the student's code writing to the lab's channel.
   */
  | { type: 'child'; requestId: string; message: unknown }
  | { type: 'exportSvg'; svg: string; suggestedName: string }
  /** `data` is base64 for image/png, the text itself for text/csv. */
  | { type: 'exportFile'; suggestedName: string; contentType: ExportContentType; data: string }
  | { type: 'select'; index: number }
  /** A side view's "show the reference": the host asks first (reference items give answers away). */
  | { type: 'showReference' }
  /** A cancellable panel's Cancel button: stop that panel's problem's active run (ignored when none runs). */
  | { type: 'cancelRun' }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown, max = 10_000_000): v is string => typeof v === 'string' && v.length <= max;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const RUN_STATES = new Set<string>(['running', 'done', 'cancelled', 'error'] satisfies RunState[]);

const EXPORT_EXTENSIONS: Record<ExportContentType, string> = { 'image/png': 'png', 'text/csv': 'csv' };

/** A plain file name whose extension matches the content type; PNG data is base64 of a PNG, CSV is text. */
function isExportFile(v: Record<string, unknown>): boolean {
  const type = v.contentType;
  if (type !== 'image/png' && type !== 'text/csv') return false;
  if (!isString(v.suggestedName, 200) || !new RegExp(`^[\\w.-]+\\.${EXPORT_EXTENSIONS[type]}$`).test(v.suggestedName))
    return false;
  if (!isString(v.data, 50_000_000)) return false;
  // "\x89PNG\r\n\x1a\n" in base64 starts with iVBORw0KGgo.
  return type === 'image/png' ? /^iVBORw0KGgo[A-Za-z0-9+/]*={0,2}$/.test(v.data) : !v.data.includes('\0');
}

/** Validates a message from a webview; returns undefined (and the caller ignores it) when malformed. */
export function parseFromWebview(v: unknown): FromWebview | undefined {
  if (!isObject(v) || !isString(v.type, 50)) return undefined;
  switch (v.type) {
    case 'ready':
      return isFiniteNumber(v.version) ? { type: 'ready', version: v.version } : undefined;
    case 'child':
      return isString(v.requestId, 200) && 'message' in v
        ? { type: 'child', requestId: v.requestId, message: v.message }
        : undefined;
    case 'exportSvg':
      return isString(v.svg, 50_000_000) && isString(v.suggestedName, 200) && /^[\w.-]+\.svg$/.test(v.suggestedName)
        ? { type: 'exportSvg', svg: v.svg, suggestedName: v.suggestedName }
        : undefined;
    case 'exportFile':
      return isExportFile(v)
        ? {
            type: 'exportFile',
            suggestedName: v.suggestedName as string,
            contentType: v.contentType as ExportContentType,
            data: v.data as string,
          }
        : undefined;
    case 'select':
      return Number.isInteger(v.index) && (v.index as number) >= 0
        ? { type: 'select', index: v.index as number }
        : undefined;
    case 'cancelRun':
      return { type: 'cancelRun' };
    case 'showReference':
      return { type: 'showReference' };
    case 'log':
      return isString(v.message, 100_000) && ['info', 'warn', 'error'].includes(v.level as string)
        ? { type: 'log', level: v.level as 'info' | 'warn' | 'error', message: v.message }
        : undefined;
    default:
      return undefined;
  }
}

/** A run panel's snapshot (every artifact one a problem validates) or a side view's (its items are checked by its page). */
function isSnapshot(v: unknown): v is PanelSnapshot {
  if (!isObject(v) || (v.backend !== undefined && !isString(v.backend, 100))) return false;
  if (Array.isArray(v.artifacts))
    return v.artifacts.every(isKnownArtifact) && (v.running === undefined || typeof v.running === 'boolean');
  return Array.isArray(v.items) && isFiniteNumber(v.selected);
}

/** Validates a message from the extension inside the webview (defence in depth against stray posts). */
export function parseToWebview(v: unknown): ToWebview | undefined {
  if (!isObject(v) || !isString(v.type, 50)) return undefined;
  switch (v.type) {
    case 'init':
      return isFiniteNumber(v.version) && isSnapshot(v.snapshot) ? (v as unknown as ToWebview) : undefined;
    case 'artifact':
      return isKnownArtifact(v.artifact) ? (v as unknown as ToWebview) : undefined;
    case 'item':
      return isObject(v.item) && typeof v.select === 'boolean' ? (v as unknown as ToWebview) : undefined;
    case 'child':
      return isString(v.requestId, 200) &&
        isObject(v.message) &&
        isString(v.message.kind, 50) &&
        (v.reference === undefined || typeof v.reference === 'boolean')
        ? (v as unknown as ToWebview)
        : undefined;
    case 'cancel':
      return isString(v.requestId, 200) ? (v as unknown as ToWebview) : undefined;
    case 'runStatus':
      return isString(v.problemId, 100) &&
        RUN_STATES.has(v.state as string) &&
        (v.message === undefined || isString(v.message, 10_000))
        ? (v as unknown as ToWebview)
        : undefined;
    default:
      return undefined;
  }
}
