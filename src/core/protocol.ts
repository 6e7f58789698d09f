// Typed messages between the extension and its webviews. Every incoming message is validated with
// the zod schemas below before use: a webview is less trusted than the extension host. No problem's types
// are named here: a run panel's artifacts are checked by the problems' schemas, and a side view's
// items (`unknown` here) by its own page.
import { z } from 'zod';
import type { ToChild } from './engine/childProtocol';
import type { Artifact } from './engine/events';
import { isKnownArtifact } from './viz/artifactValidate';

/**
 * 2: run panels get every artifact as `artifact` and replay a list of them from their snapshot.
 * 3: side views get `item` messages and an `items` snapshot (were `trace` and `traces`).
 * 4: every panel and side view gets its problem's run status (`runStatus`, and `status` in its
 *    snapshot): progress while it runs, why it failed, and for side views which run made each item
 *    and whether the student's file changed since.
 */
export const PROTOCOL_VERSION = 4;

/** Where a problem's latest run is (RunController → its panel or side view). */
export interface RunStatusView {
  state: RunState;
  /** Why it failed or stopped (`error`, `cancelled`). */
  message?: string;
  /** While running: how far (0–1) and what it is doing. */
  fraction?: number;
  detail?: string;
  /** When done: how many of its checks failed (a wrong result still ends `done`). */
  failedChecks?: number;
  /** The run's number in this session (a side view's items say which run made them). */
  run?: number;
  /** The student's file has changed since the run read it. */
  stale?: boolean;
}

/**
 * What a run panel shows when it (re)loads: its artifacts, replayed in order as if they had just
 * arrived (each page folds the kinds it knows and ignores the rest).
 */
export interface RunPanelSnapshot {
  artifacts: Artifact[];
  backend?: string;
  /** A run is in progress now (panels that follow a run while it goes). */
  running?: boolean;
  /** The problem's latest run (absent before any run this session). */
  status?: RunStatusView;
}

/** What a side view shows when it (re)loads (src/core/sideViewUi.ts); its page checks each item. */
export interface SideViewSnapshot<Item = unknown> {
  /** The items to choose from (revealed reference items first, then the runs'). */
  items: Item[];
  /** Index into `items` of the one shown. */
  selected: number;
  backend?: string;
  /** The problem's latest run (absent before any run this session). */
  status?: RunStatusView;
  /** Per item, the number of the run that made it (null: a reference item). */
  itemRuns?: (number | null)[];
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
  | { type: 'item'; item: unknown; select: boolean; run?: number }
  /**
   * The answer to a side view's `showReference`: whether the user confirmed (or had already, or
   * hw6.revealAnswers is on). A page that waits for it ("Run here" on the beam view) goes on only then.
   */
  | { type: 'referenceShown'; shown: boolean }
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
  /** A run of `problemId` started (before its first artifact), progressed, ended, or went stale. */
  | ({ type: 'runStatus'; problemId: string } & RunStatusView);

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

// Built on first use, not at load: a webview bundle calls z.config({ jitless: true }) first
// (webview/shared/vscodeApi.ts), since zod otherwise probes `new Function` as it builds an object
// schema, which the webview's CSP forbids (and reports).
let schemas: ReturnType<typeof buildSchemas> | undefined;

/** Validates a message from a webview; returns undefined (and the caller ignores it) when malformed. */
export function parseFromWebview(v: unknown): FromWebview | undefined {
  const parsed = (schemas ??= buildSchemas()).fromWebview.safeParse(v);
  return parsed.success ? (parsed.data as FromWebview) : undefined;
}

/** Validates a message from the extension inside the webview (defence in depth against stray posts). */
export function parseToWebview(v: unknown): ToWebview | undefined {
  const parsed = (schemas ??= buildSchemas()).toWebview.safeParse(v);
  return parsed.success ? (parsed.data as ToWebview) : undefined;
}

const RUN_STATES = ['running', 'done', 'cancelled', 'error'] as const satisfies readonly RunState[];

function buildSchemas() {
  const requestId = z.string().max(200);
  const finiteNumber = z.number(); // zod 4 rejects NaN and ±Infinity
  /** A plain object, kept as it is (its page checks what is inside). */
  const plainObject = z.custom<Record<string, unknown>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  );
  const knownArtifact = z.custom<Artifact>(isKnownArtifact);
  /** A plain file name with this extension (nothing that could climb out of the chosen folder). */
  const fileName = (extension: string) =>
    z
      .string()
      .max(200)
      .regex(new RegExp(`^[\\w.-]+\\.${extension}$`));

  /** PNG data is base64 of a PNG, CSV is text; each under a file name of its extension. */
  const exportFile = z.discriminatedUnion('contentType', [
    z.object({
      type: z.literal('exportFile'),
      suggestedName: fileName('png'),
      contentType: z.literal('image/png'),
      // "\x89PNG\r\n\x1a\n" in base64 starts with iVBORw0KGgo.
      data: z
        .string()
        .max(50_000_000)
        .regex(/^iVBORw0KGgo[A-Za-z0-9+/]*={0,2}$/),
    }),
    z.object({
      type: z.literal('exportFile'),
      suggestedName: fileName('csv'),
      contentType: z.literal('text/csv'),
      data: z
        .string()
        .max(50_000_000)
        .refine((data) => !data.includes('\0')),
    }),
  ]);

  const fromWebview = z.discriminatedUnion('type', [
    z.object({ type: z.literal('ready'), version: finiteNumber }),
    // only the envelope: the judge's session validates `message` (it must be there, whatever it holds)
    z.object({ type: z.literal('child'), requestId, message: z.unknown() }),
    z.object({ type: z.literal('exportSvg'), svg: z.string().max(50_000_000), suggestedName: fileName('svg') }),
    exportFile,
    z.object({ type: z.literal('select'), index: z.number().int().min(0) }),
    z.object({ type: z.literal('showReference') }),
    z.object({ type: z.literal('cancelRun') }),
    z.object({ type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string().max(100_000) }),
  ]);

  const backend = z.string().max(100).optional();
  const runStatusFields = {
    state: z.enum(RUN_STATES),
    message: z.string().max(10_000).optional(),
    fraction: z.number().min(0).max(1).optional(),
    detail: z.string().max(1_000).optional(),
    failedChecks: z.number().int().min(0).optional(),
    run: z.number().int().min(0).optional(),
    stale: z.boolean().optional(),
  };
  const status = z.object(runStatusFields).optional();
  /** A run panel's snapshot (every artifact one a problem validates) or a side view's (its items are checked by its page). */
  const snapshot = z.union([
    z.object({ artifacts: z.array(knownArtifact), running: z.boolean().optional(), backend, status }),
    z
      .looseObject({
        items: z.array(z.unknown()),
        selected: finiteNumber,
        backend,
        status,
        itemRuns: z.array(z.number().int().min(0).nullable()).optional(),
      })
      // a list of artifacts makes it a run panel's, whatever else it holds
      .refine((v) => !Array.isArray(v.artifacts)),
  ]);

  const toWebview = z.discriminatedUnion('type', [
    z.object({ type: z.literal('init'), version: finiteNumber, snapshot }),
    z.object({ type: z.literal('artifact'), artifact: knownArtifact }),
    z.object({
      type: z.literal('item'),
      item: plainObject,
      select: z.boolean(),
      run: z.number().int().min(0).optional(),
    }),
    z.object({ type: z.literal('referenceShown'), shown: z.boolean() }),
    z.object({
      type: z.literal('child'),
      requestId,
      message: z.looseObject({ kind: z.string().max(50) }),
      reference: z.boolean().optional(),
    }),
    z.object({ type: z.literal('cancel'), requestId }),
    z.object({ type: z.literal('runStatus'), problemId: z.string().max(100), ...runStatusFields }),
  ]);
  return { fromWebview, toWebview };
}
