// The one store of finished runs that the Testing view and the CodeLens read: the latest judged run
// of each problem, whoever started it (a lens, the palette, run on save, the Testing view). It is
// kept in workspaceState so a reload still knows the last results. Pure: persistence is injected.
import { z } from 'zod';
import type { Finding } from '../../core/engine/events';
import type { RunErrorEvent } from './runResult';

/** A finished run as the store keeps it (cancelled and skipped runs are never stored). */
export interface StoredRun {
  problemId: string;
  checksOnly: boolean;
  findings: Finding[];
  error?: RunErrorEvent;
  /** The student's file the run read (a URI string); absent for a reference run. */
  studentUri?: string;
  /** The student's text the run read: a result is current only while the file still has it. */
  source?: string;
  /** answers.md the run read (a URI string), when it judged answers. */
  answersUri?: string;
  /** The text of answers.md the run read. */
  answersSource?: string;
  /** Milliseconds since the epoch. */
  finishedAt: number;
}

const locationSchema = z.object({ file: z.string(), line: z.number(), column: z.number().optional() });
const findingSchema = z.object({
  checkId: z.string(),
  ok: z.boolean(),
  message: z.string(),
  severity: z.enum(['error', 'warning', 'info']).optional(),
  causedBy: z.string().optional(),
  hints: z.array(z.string()).optional(),
  marker: z.string().optional(),
  answerId: z.string().optional(),
  location: locationSchema.optional(),
  short: z.string().optional(),
  expected: z.string().optional(),
  actual: z.string().optional(),
});
const errorSchema = z.object({
  type: z.literal('error'),
  reason: z.enum(['student-code', 'syntax', 'time-limit', 'cancelled', 'shape', 'settings', 'memory', 'internal']),
  message: z.string(),
  location: locationSchema.optional(),
  marker: z.string().optional(),
  setting: z.string().optional(),
  stack: z.string().optional(),
});
const storedRunSchema = z.object({
  problemId: z.string(),
  checksOnly: z.boolean(),
  findings: z.array(findingSchema),
  error: errorSchema.optional(),
  studentUri: z.string().optional(),
  source: z.string().optional(),
  answersUri: z.string().optional(),
  answersSource: z.string().optional(),
  finishedAt: z.number(),
});
/** What workspaceState holds: a version, so a later format can drop it instead of misreading it. */
const persistedSchema = z.object({ version: z.literal(1), runs: z.array(storedRunSchema) });

export interface ResultPersistence {
  load(): unknown;
  save(data: unknown): void;
}

export class RunResults {
  private readonly latest = new Map<string, StoredRun>();
  private readonly listeners = new Set<(run: StoredRun) => void>();

  /** Restores what `persistence` kept; anything that does not parse is dropped, never half-read. */
  constructor(private readonly persistence?: ResultPersistence) {
    const parsed = persistedSchema.safeParse(persistence?.load());
    if (parsed.success) for (const run of parsed.data.runs) this.latest.set(run.problemId, run as StoredRun);
  }

  record(run: StoredRun): void {
    this.latest.set(run.problemId, run);
    this.persistence?.save({ version: 1, runs: [...this.latest.values()] });
    for (const listener of [...this.listeners]) listener(run);
  }

  /** The latest run of every problem (what a reload shows again). */
  all(): StoredRun[] {
    return [...this.latest.values()];
  }

  latestOf(problemId: string): StoredRun | undefined {
    return this.latest.get(problemId);
  }

  /** Called after each recorded run, in order. */
  onDidRecord(listener: (run: StoredRun) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The latest run of `problemId` on `studentUri` that read exactly `text` (else undefined: stale or none). */
  currentFor(problemId: string, studentUri: string, text: string): StoredRun | undefined {
    const run = this.latest.get(problemId);
    return run && run.studentUri === studentUri && run.source === text ? run : undefined;
  }
}
