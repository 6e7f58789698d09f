// The protocol between the judge (extension host, CLI, grader) and the child that runs a student's
// code (a child process, or a panel's webview). The judge validates every message from the child
// against these schemas on arrival: a child whose message does not fit wrote to the lab's channel.
import { z } from 'zod';
import type { ProblemConfig } from '../problem';

/** What the judge asks of the child, one request at a time per id. */
export type RequestBody =
  | { op: 'run' }
  | { op: 'call'; marker: string; name: string; argLists: unknown[][] }
  | { op: 'task'; name: string; input?: unknown }
  | { op: 'cell'; cell: unknown };

export interface ChildStart {
  kind: 'start';
  problemId: string;
  /** The module to run, compiled to CommonJS: the student's file or the lab's reference bundle. */
  code: string;
  /** The name its stack frames carry (the student's absolute path): how errors are located. */
  file: string;
  /** The file name findings and errors name (e.g. `q5_beam_search.ts`). */
  displayFile: string;
  config: ProblemConfig;
  /** The module is the lab's reference solution (a run may label what it measured so). */
  reference?: boolean;
  /** CPU budget of loading the module (its top-level code), in ms. */
  budgetMs: number;
  /** Slots the judge spreads this run's cells over (ctx.pool.size). */
  poolSize: number;
}

export type ToChild =
  | ChildStart
  | { kind: 'request'; id: number; budgetMs: number; body: RequestBody }
  /** A result of the run's cells (asked for with `cells`), in completion order. */
  | { kind: 'cell-result'; id: number; index: number; result: unknown };

const MAX_TEXT = 20_000;
const text = z.string().max(MAX_TEXT);
const finite = z.number().refine(Number.isFinite, 'a finite number');

export const sourceLocationSchema = z.object({
  file: z.string().max(1000),
  line: z.number().int().min(1).max(10_000_000),
  column: z.number().int().min(0).max(10_000_000).optional(),
});

export const failureSchema = z.object({
  reason: z.enum(['student-code', 'syntax', 'time-limit', 'cancelled', 'shape', 'settings', 'internal', 'memory']),
  message: text,
  marker: z.string().max(200).optional(),
  location: sourceLocationSchema.optional(),
  setting: z.string().max(200).optional(),
  stack: text.optional(),
});
export type Failure = z.infer<typeof failureSchema>;

/** The child's display events; an artifact's payload is checked further by its problem's schema. */
export const childEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), fraction: z.number().min(0).max(1), message: text.optional() }),
  // a diverged loss is NaN or Infinity: a value to show, not a broken message
  z.object({
    type: z.literal('metric'),
    name: z.string().max(200),
    step: finite,
    value: z.custom<number>((v) => typeof v === 'number'),
  }),
  z.object({ type: z.literal('artifact'), artifact: z.looseObject({ kind: z.string().max(100) }) }),
  z.object({ type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: text }),
]);

const id = z.number().int().min(0);

export const fromChildSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), backend: z.string().max(50), permission: z.boolean() }),
  z.object({ kind: z.literal('failed'), failure: failureSchema }),
  z.object({ kind: z.literal('event'), event: childEventSchema }),
  // ok: value; else failure (one object: a discriminated union takes each kind once)
  z
    .object({
      kind: z.literal('reply'),
      id,
      ok: z.boolean(),
      value: z.unknown().optional(),
      failure: failureSchema.optional(),
    })
    .refine((m) => m.ok || m.failure !== undefined, 'a failed reply names its failure'),
  z.object({ kind: z.literal('cells'), id, cells: z.array(z.unknown()).max(100_000) }),
]);
export type FromChild = z.infer<typeof fromChildSchema>;

/** One call's outcome in a `call` reply. */
export const callOutcomesSchema = z.array(
  z.union([
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({ ok: z.literal(false), failure: failureSchema }),
  ]),
);

/** The value of a `run` reply. */
export const runOutputSchema = z.object({ metrics: z.record(z.string(), z.unknown()), record: z.unknown().optional() });

/** A short account of why a message failed its schema, for the student's finding. */
export function describeSchemaError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not fit the protocol';
  const path = issue.path.length ? ` at ${issue.path.join('.')}` : '';
  return `${issue.message}${path}`;
}
