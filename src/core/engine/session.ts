// A ChildSession over any transport (a child process, a webview, this thread in tests): request ids,
// every message validated on arrival, the child's display events passed on, and a run's grid cells
// dispatched by the judge over its links, so that each cell is a request on the judge's clock.
import type { ChildEvent, StudentFailure } from '../problem';
import { StudentFailureError } from '../problem';
import type { Artifact, RunEvent } from './events';
import type { ChildStart, RequestBody, ToChild } from './childProtocol';
import { describeSchemaError, fromChildSchema } from './childProtocol';
import { channelViolation, ChannelError, SessionEndedError, validateChildEvent, type ChildSession } from './judge';
import type { ZodType } from 'zod';

type ErrorEvent = Extract<RunEvent, { type: 'error' }>;

/** One child, as a transport sees it. */
export interface ChildLink {
  post(message: ToChild): void;
  /** Every raw message from the child, and the child's end when the transport sees it (a limit, a death). */
  listen(onMessage: (raw: unknown) => void, onEnd: (event: ErrorEvent) => void): void;
  /**
   * A request started on this link (`budgetMs` of the child's time) or is no longer counted (it
   * replied, or it waits on its cells). Transports that cannot measure leave it out.
   */
  budget?: { start(id: number, budgetMs: number): void; stop(id: number): void };
  close(): Promise<void>;
}

export interface SessionOptions {
  start: Omit<ChildStart, 'kind' | 'poolSize'>;
  /** The child time each request may take. */
  budgetMs: number;
  link: ChildLink;
  /** Starts one more child for the run's cells; none: cells run on `link`. */
  spawnCellLink?: () => ChildLink;
  /** Links a run's cells are spread over, `link` included (≥ 1). */
  poolSize: number;
  /** Whether the problem's run may ask for cells. */
  hasCells: boolean;
  artifactSchemas?: Record<string, ZodType>;
  /** Completes a validated artifact with what only the judge knows (Problem.withJudgeData). */
  judgeArtifact?(artifact: Artifact): Artifact;
  /** The child's display events, validated. */
  onEvent(event: ChildEvent): void;
}

interface Pending {
  slot: Slot;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

interface Slot {
  link: ChildLink;
  ready: Promise<void>;
  markReady(): void;
  failLoad(err: unknown): void;
  isReady: boolean;
  main: boolean;
}

const MAX_CELL_BATCHES = 1;

export class LinkSession implements ChildSession {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly slots: Slot[] = [];
  private ended: ErrorEvent | undefined;
  private closed = false;
  private backend = 'none';
  private permission = false;
  private cellBatches = 0;

  constructor(private readonly options: SessionOptions) {
    this.slots.push(this.open(options.link, true));
  }

  ready(): Promise<{ backend: string; permission: boolean }> {
    return this.slots[0]!.ready.then(() => ({ backend: this.backend, permission: this.permission }));
  }

  request(body: RequestBody): Promise<unknown> {
    return this.requestOn(this.slots[0]!, body);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.end({ type: 'error', reason: 'cancelled', message: 'The run was closed.' });
    await Promise.all(this.slots.map((s) => s.link.close().catch(() => undefined)));
  }

  /** Ends the session: every pending request and readiness rejects with `event`. */
  end(event: ErrorEvent): void {
    if (this.ended) return;
    this.ended = event;
    const err = new SessionEndedError(event);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    for (const slot of this.slots) slot.failLoad(err);
    if (!this.closed) void this.close();
  }

  private open(link: ChildLink, main: boolean): Slot {
    let markReady!: () => void;
    let failLoad!: (err: unknown) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failLoad = reject;
    });
    ready.catch(() => undefined);
    const slot: Slot = {
      link,
      ready,
      markReady: () => ((slot.isReady = true), markReady()),
      failLoad,
      isReady: false,
      main,
    };
    link.listen(
      (raw) => this.receive(slot, raw),
      (event) => this.end(event),
    );
    link.post({ kind: 'start', ...this.options.start, poolSize: main ? this.options.poolSize : 0 });
    return slot;
  }

  private requestOn(slot: Slot, body: RequestBody): Promise<unknown> {
    if (this.ended) return Promise.reject(new SessionEndedError(this.ended));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { slot, resolve, reject });
      slot.link.budget?.start(id, this.options.budgetMs);
      slot.link.post({ kind: 'request', id, budgetMs: this.options.budgetMs, body });
    });
  }

  private violation(detail: string): void {
    this.end(channelViolation(detail));
  }

  private receive(slot: Slot, raw: unknown): void {
    if (this.ended) return;
    const parsed = fromChildSchema.safeParse(raw);
    if (!parsed.success) return this.violation(describeSchemaError(parsed.error));
    const message = parsed.data;
    switch (message.kind) {
      case 'ready':
        if (slot.isReady) return this.violation('a second "ready"');
        if (slot.main) {
          this.backend = message.backend;
          this.permission = message.permission;
        }
        return slot.markReady();
      case 'failed':
        if (slot.isReady) return this.violation('"failed" after the module had loaded');
        return slot.failLoad(new StudentFailureError(message.failure as StudentFailure));
      case 'event': {
        // a cell's progress is the run's business (it reports its own); the rest is shown
        if (!slot.main && message.event.type === 'progress') return;
        try {
          const event = validateChildEvent(message.event as ChildEvent, this.options.artifactSchemas);
          const judged =
            event.type === 'artifact' && this.options.judgeArtifact
              ? { ...event, artifact: this.options.judgeArtifact(event.artifact) }
              : event;
          return this.options.onEvent(judged);
        } catch (err) {
          return this.violation(err instanceof ChannelError ? err.message : String(err));
        }
      }
      case 'reply': {
        const pending = this.pending.get(message.id);
        if (!pending || pending.slot !== slot)
          return this.violation(`a reply to request ${message.id}, which was not asked of it`);
        this.pending.delete(message.id);
        slot.link.budget?.stop(message.id);
        if (message.ok) return pending.resolve(message.value);
        return pending.reject(new StudentFailureError(message.failure! as StudentFailure));
      }
      case 'cells': {
        const run = this.pending.get(message.id);
        if (!slot.main || !run || !this.options.hasCells || ++this.cellBatches > MAX_CELL_BATCHES) {
          return this.violation('a request for cells the run did not need');
        }
        void this.runCells(message.id, message.cells);
      }
    }
  }

  /** The run `runId` waits on `cells`: each is a request of its own, over the pool's links. */
  private async runCells(runId: number, cells: unknown[]): Promise<void> {
    const main = this.slots[0]!;
    main.link.budget?.stop(runId);
    const wanted = Math.max(1, Math.min(this.options.poolSize, cells.length));
    while (this.slots.length < wanted && this.options.spawnCellLink)
      this.slots.push(this.open(this.options.spawnCellLink(), false));
    let next = 0;
    const work = async (slot: Slot): Promise<void> => {
      await slot.ready;
      while (next < cells.length && !this.ended) {
        const index = next++;
        const result = await this.requestOn(slot, { op: 'cell', cell: cells[index] });
        if (this.ended) return;
        main.link.post({ kind: 'cell-result', id: runId, index, result });
      }
    };
    try {
      await Promise.all(this.slots.slice(0, wanted).map(work));
      if (!this.ended) main.link.budget?.start(runId, this.options.budgetMs);
    } catch (err) {
      if (err instanceof SessionEndedError) return;
      // a cell's failure is the run's: the run request fails with it, then the session ends
      const run = this.pending.get(runId);
      this.pending.delete(runId);
      run?.reject(err);
      this.end({ type: 'error', reason: 'cancelled', message: 'A cell failed.' });
    }
  }
}
