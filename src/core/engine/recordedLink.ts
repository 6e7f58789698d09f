// Recorded reference runs: the student build ships no reference solution, so a reference run there
// replays what the reference's child said in a recorded run (media/recorded/<id>.json, written by
// `npm run record:reference`). The replay is a ChildLink: the judge's LinkSession validates every
// replayed message exactly as it validates a live child's (schemas, artifact schemas), and the
// judge runs its checks and answers on the replies. A recording holds, per config, the child's
// replies to the judge's requests (keyed by the request's body, which the judge derives from the
// config's seed alone), with the display events and cell requests each request produced.
import { z } from 'zod';
import type { RunEvent } from './events';
import type { ChildLink } from './session';
import type { RequestBody, ToChild } from './childProtocol';
import type { ProblemConfig } from '../problem';

type ErrorEvent = Extract<RunEvent, { type: 'error' }>;

/** What the child sent after one request, ids left out (the replay gives them back). */
const recordedMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), event: z.unknown() }),
  z.object({ kind: z.literal('cells'), cells: z.array(z.unknown()) }),
  z.object({
    kind: z.literal('reply'),
    ok: z.boolean(),
    value: z.unknown().optional(),
    failure: z.unknown().optional(),
  }),
]);
export type RecordedMessage = z.infer<typeof recordedMessageSchema>;

/** `request`: a digest of the request's canonical body (bodies carry the checks' inputs: large); `what`: its op and name. */
const exchangeSchema = z.object({ request: z.string(), what: z.string(), messages: z.array(recordedMessageSchema) });
export type Exchange = z.infer<typeof exchangeSchema>;

const recordedRunSchema = z.object({
  /** What the settings were, in words (e.g. "hw6.quick on"), for the UI's label. */
  settings: z.string(),
  /** The run's resolved config, as the child's `start` carried it. */
  config: z.record(z.string(), z.unknown()),
  ready: z.object({ backend: z.string(), permission: z.boolean() }),
  exchanges: z.array(exchangeSchema),
});
export type RecordedRun = z.infer<typeof recordedRunSchema>;

export const recordingSchema = z.object({
  problemId: z.string(),
  /** ISO date of the recording. */
  recordedAt: z.string(),
  /** The machine it ran on (platform, CPU), for timings shown as "recorded on another machine". */
  machine: z.string(),
  runs: z.array(recordedRunSchema),
});
export type Recording = z.infer<typeof recordingSchema>;

const TYPED = {
  Float32Array,
  Float64Array,
  Int32Array,
  Uint8Array,
} as const;
type TypedName = keyof typeof TYPED;

/**
 * A recording as JSON text. The child's messages carry typed arrays (tensors' values) and numbers
 * JSON cannot write (NaN, ±Infinity): they are written as `{ $typed, base64 }` (the exact bytes)
 * and `{ $number }`, and read back as they were.
 */
export function recordingToJson(recording: Recording): string {
  return JSON.stringify(recording, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return { $number: String(v) };
    if (ArrayBuffer.isView(v)) {
      const name = v.constructor.name as TypedName;
      if (!(name in TYPED)) throw new Error(`a ${name} cannot be recorded`);
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { $typed: name, base64: btoa(binary) };
    }
    return v;
  });
}

/** A recording read from recordingToJson's text (and validated). */
export function recordingFromJson(text: string): Recording {
  return recordingSchema.parse(
    JSON.parse(text, (_key, v: unknown) => {
      if (!v || typeof v !== 'object') return v;
      const o = v as { $number?: unknown; $typed?: unknown; base64?: unknown };
      if (typeof o.$number === 'string') return Number(o.$number);
      if (typeof o.$typed === 'string' && o.$typed in TYPED && typeof o.base64 === 'string') {
        const binary = atob(o.base64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        return new TYPED[o.$typed as TypedName](bytes.buffer);
      }
      return v;
    }),
  );
}

/** Config keys that only the judge reads: a recording made without them serves runs with them. */
const JUDGE_ONLY_KEYS = new Set(['revealAnswers']);

/** A canonical JSON text (object keys sorted), for matching bodies and configs. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function configKey(config: Record<string, unknown>): string {
  return canonical(Object.fromEntries(Object.entries(config).filter(([k]) => !JUDGE_ONLY_KEYS.has(k))));
}

/** What a request asks, in words (for the recording's readers and for a missing reply's message). */
function describe(body: RequestBody): string {
  return body.op === 'call' ? `call ${body.marker}.${body.name}` : body.op === 'task' ? `task ${body.name}` : body.op;
}

/** A 53-bit digest of the canonical body plus its length (cyrb53): the key a replay looks a request up by. */
export function requestKey(body: RequestBody): string {
  const text = canonical(body);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}-${text.length}`;
}

/** The recorded run for `config`, if the recording has one. */
export function recordedRunFor(recording: Recording, config: ProblemConfig): RecordedRun | undefined {
  const key = configKey(config as Record<string, unknown>);
  return recording.runs.find((r) => configKey(r.config) === key);
}

/** The UI's words for a replayed run. */
export function recordedLabel(recording: Recording, run: RecordedRun): string {
  return `recorded reference run (settings: ${run.settings}; recorded ${recording.recordedAt.slice(0, 10)} on ${recording.machine})`;
}

/** Why a recording cannot serve a run of `config`: a settings error naming what was recorded. */
export function noRecordingFor(problemId: string, recording: Recording | undefined, config: ProblemConfig): ErrorEvent {
  const recorded = recording?.runs.map((r) => r.settings).join('; ');
  // the differences from the recorded run nearest to it (the same hw6.quick, else the first)
  const nearest = recording?.runs.find((r) => r.config.quick === config.quick) ?? recording?.runs[0];
  const differ = nearest
    ? Object.keys({ ...nearest.config, ...config })
        .filter((k) => !JUDGE_ONLY_KEYS.has(k))
        .filter((k) => canonical(nearest.config[k]) !== canonical((config as Record<string, unknown>)[k]))
    : [];
  return {
    type: 'error',
    reason: 'settings',
    message: recording
      ? `This build of HW6 Lab has no reference solution: it replays recorded reference runs of ${problemId}, recorded with these settings only: ${recorded}. This run's settings differ (${differ.join(', ') || 'config'}); run with your own file instead, or use those settings.`
      : `This build of HW6 Lab has no reference solution and no recorded reference run of ${problemId}.`,
  };
}

/**
 * A ChildLink that answers from `recording` as the reference's child did. A start whose config has
 * no recorded run, or a request the recording holds no reply to, ends the link with a clear error.
 */
export class RecordedLink implements ChildLink {
  private onMessage: (raw: unknown) => void = () => undefined;
  private onEnd: (event: ErrorEvent) => void = () => undefined;
  private run: RecordedRun | undefined;
  private closed = false;
  /** Exchanges already replayed, by body: a repeated request takes the next recorded one (or the last). */
  private readonly used = new Map<string, number>();
  /** Cell results still awaited by the request replaying `cells`, by request id. */
  private readonly awaitingCells = new Map<number, { left: number; resume(): void }>();

  constructor(
    private readonly recording: Recording | undefined,
    private readonly problemId: string,
  ) {}

  post(message: ToChild): void {
    if (this.closed) return;
    switch (message.kind) {
      case 'start': {
        this.run = this.recording ? recordedRunFor(this.recording, message.config) : undefined;
        if (!this.run)
          return this.later(() => this.onEnd(noRecordingFor(this.problemId, this.recording, message.config)));
        const { backend, permission } = this.run.ready;
        return this.later(() => this.onMessage({ kind: 'ready', backend, permission }));
      }
      case 'request':
        return void this.replay(message.id, message.body);
      case 'cell-result': {
        const waiting = this.awaitingCells.get(message.id);
        if (waiting && --waiting.left === 0) waiting.resume();
      }
    }
  }

  listen(onMessage: (raw: unknown) => void, onEnd: (event: ErrorEvent) => void): void {
    this.onMessage = onMessage;
    this.onEnd = onEnd;
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private exchangeFor(body: RequestBody): Exchange | undefined {
    const key = requestKey(body);
    const matching = this.run!.exchanges.filter((e) => e.request === key);
    if (matching.length === 0) return undefined;
    const n = this.used.get(key) ?? 0;
    this.used.set(key, n + 1);
    return matching[Math.min(n, matching.length - 1)];
  }

  private async replay(id: number, body: RequestBody): Promise<void> {
    const exchange = this.run && this.exchangeFor(body);
    if (!exchange) {
      const what = describe(body);
      return this.later(() =>
        this.onEnd({
          type: 'error',
          reason: 'internal',
          message: `The recorded reference run of ${this.problemId} holds no reply to this request (${what}): record it again (npm run record:reference).`,
        }),
      );
    }
    for (const m of exchange.messages) {
      await new Promise<void>((resolve) => this.later(resolve));
      if (this.closed) return;
      if (m.kind === 'event') this.onMessage({ kind: 'event', event: m.event });
      else if (m.kind === 'reply') this.onMessage({ ...m, id });
      else {
        const resumed = new Promise<void>((resume) => this.awaitingCells.set(id, { left: m.cells.length, resume }));
        this.onMessage({ kind: 'cells', id, cells: m.cells });
        await resumed;
        this.awaitingCells.delete(id);
      }
    }
  }

  /** Messages arrive later, as a live child's do (never inside the judge's own post). */
  private later(f: () => void): void {
    setTimeout(() => {
      if (!this.closed) f();
    }, 0);
  }
}

/**
 * Wraps a live link and writes what its child says into `run.exchanges` (the recording script's side).
 * Events go to the oldest request still waiting for its reply.
 */
export function recordingLink(
  inner: ChildLink,
  run: Pick<RecordedRun, 'exchanges'> & Partial<Pick<RecordedRun, 'ready' | 'config'>>,
): ChildLink {
  const open = new Map<number, Exchange>();
  return {
    post(message) {
      if (message.kind === 'start') run.config ??= message.config as Record<string, unknown>;
      if (message.kind === 'request')
        open.set(message.id, { request: requestKey(message.body), what: describe(message.body), messages: [] });
      inner.post(message);
    },
    listen(onMessage, onEnd) {
      inner.listen((raw) => {
        const m = raw as { kind?: string; id?: number; event?: unknown; cells?: unknown[] };
        if (m.kind === 'ready') {
          const { backend, permission } = raw as { backend: string; permission: boolean };
          run.ready ??= { backend, permission };
        } else if (m.kind === 'event') open.values().next().value?.messages.push({ kind: 'event', event: m.event });
        else if (m.kind === 'cells') open.get(m.id!)?.messages.push({ kind: 'cells', cells: m.cells! });
        else if (m.kind === 'reply') {
          const exchange = open.get(m.id!);
          if (exchange) {
            const { kind: _kind, id: _id, ...reply } = raw as RecordedMessage & { id: number };
            exchange.messages.push({
              kind: 'reply',
              ...(reply as Omit<Extract<RecordedMessage, { kind: 'reply' }>, 'kind'>),
            });
            open.delete(m.id!);
            run.exchanges.push(exchange);
          }
        }
        onMessage(raw);
      }, onEnd);
    },
    ...(inner.budget ? { budget: inner.budget } : {}),
    close: () => inner.close(),
  };
}
