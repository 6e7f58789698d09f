// The grading rubric: points per check id and per answers.md question, with partial credit, and the
// limits every graded run gets. A JSON file validated with zod; an error names the offending key.
// The format is described in docs/grading.md; grading/rubric.json is the default.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { problemCatalog } from '../../core/problems/catalog';
import { packageRoot } from '../paths';
import { UsageError } from '../usageError';

const visibility = z.enum(['visible', 'hidden', 'after_due_date', 'after_published']);

/** Partial credit read from a failed check's message: `passed` or `failed` out of `total`. */
const partialSchema = z
  .object({
    match: z.string().superRefine((source, ctx) => {
      let re: RegExp;
      try {
        re = new RegExp(source);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `not a regular expression: ${(err as Error).message}` });
        return;
      }
      const groups = groupNames(re);
      if (!groups.has('total') || groups.has('passed') === groups.has('failed'))
        ctx.addIssue({
          code: 'custom',
          message: 'needs the named groups (?<total>…) and exactly one of (?<passed>…) or (?<failed>…)',
        });
    }),
  })
  .strict();

/** An item: its points (a number), or an object with the points and options. */
const itemSchema = z.preprocess(
  (v) => (typeof v === 'number' ? { points: v } : v),
  z
    .object(
      {
        points: z.number({ error: 'expected a number of points' }).nonnegative(),
        /** What the gradebook and Gradescope call it (default: the id and the check's or question's title). */
        name: z.string().min(1).optional(),
        partial: partialSchema.optional(),
        visibility: visibility.optional(),
      },
      { error: 'expected points: a number ≥ 0, or an object { "points": …, "partial"?, "name"?, "visibility"? }' },
    )
    .strict(),
);

const rubricSchema = z
  .object({
    $schema: z.string().optional(),
    title: z.string().optional(),
    /** Messages quote expected values and give every hint (the student build hides them). */
    reveal: z.boolean().default(false),
    /** Gradescope visibility of every test unless an item says otherwise. */
    visibility: visibility.default('visible'),
    /** The same for the hidden checks: their inputs are what students never saw. */
    hiddenVisibility: visibility.default('after_due_date'),
    limits: z
      .object({
        /** CPU seconds each step of a run (the checks of one TODO, a batch of calls) may take. */
        timeSeconds: z.number().positive().max(3600).default(60),
        /** The resident memory of the process running the student's code. */
        memoryMB: z.number().int().min(256).max(16384).default(1024),
      })
      .strict()
      .default({ timeSeconds: 60, memoryMB: 1024 }),
    checks: z.record(z.string(), itemSchema).default({}),
    questions: z.record(z.string(), itemSchema).default({}),
  })
  .strict();

export type Visibility = z.infer<typeof visibility>;

export interface RubricItem {
  kind: 'check' | 'question';
  /** The check id (`q5.random-trees`) or the question id (`5c`). */
  id: string;
  /** The problem whose run judges it. */
  problemId: string;
  name: string;
  points: number;
  /** Partial credit: a pattern over a failed check's message. */
  partial?: RegExp;
  visibility: Visibility;
}

export interface Rubric {
  title?: string;
  reveal: boolean;
  limits: { timeSeconds: number; memoryMB: number };
  /** In the catalog's order: problem by problem, its checks then its questions. */
  items: RubricItem[];
  /** The most a submission can score. */
  maxScore: number;
}

export class RubricError extends UsageError {}

/** The check ids and question ids the problems know, each with its problem and title. */
export function gradableIds(): {
  checks: Map<string, { problemId: string; title: string; hidden?: boolean }>;
  questions: Map<string, { problemId: string; title: string }>;
} {
  const checks = new Map<string, { problemId: string; title: string; hidden?: boolean }>();
  const questions = new Map<string, { problemId: string; title: string }>();
  for (const p of problemCatalog) {
    for (const m of p.markers) {
      for (const id of m.checks ?? []) if (!checks.has(id)) checks.set(id, { problemId: p.id, title: m.title });
      // hidden checks: staff-only, they report in grading runs only
      for (const id of m.hiddenChecks ?? [])
        if (!checks.has(id)) checks.set(id, { problemId: p.id, title: `${m.title} (hidden)`, hidden: true });
    }
    for (const q of p.answerQuestions ?? []) questions.set(q.id, { problemId: p.id, title: q.prompt });
    for (const id of p.answerIds ?? []) if (!questions.has(id)) questions.set(id, { problemId: p.id, title: id });
  }
  return { checks, questions };
}

/** Parses a rubric's text; throws a RubricError naming the file and the key at fault. */
export function parseRubric(text: string, file: string): Rubric {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RubricError(`${file}: not valid JSON (${(err as Error).message}).`);
  }
  const parsed = rubricSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${file}: ${keyPath(i.path)}: ${i.message}`);
    throw new RubricError(lines.join('\n'));
  }
  const r = parsed.data;
  const known = gradableIds();
  const errors: string[] = [];
  const items: RubricItem[] = [];
  const add = (kind: RubricItem['kind'], entries: Record<string, z.infer<typeof itemSchema>>): void => {
    const table = kind === 'check' ? known.checks : known.questions;
    for (const [id, entry] of Object.entries(entries)) {
      const where = table.get(id);
      if (!where) {
        errors.push(
          `${file}: ${keyPath([kind === 'check' ? 'checks' : 'questions', id])}: no ${kind} has this id (known: ${[...table.keys()].join(', ')}).`,
        );
        continue;
      }
      const e = entry;
      items.push({
        kind,
        id,
        problemId: where.problemId,
        name: e.name ?? `${id}: ${where.title}`,
        points: e.points,
        ...(e.partial ? { partial: new RegExp(e.partial.match) } : {}),
        visibility: e.visibility ?? ('hidden' in where && where.hidden ? r.hiddenVisibility : r.visibility),
      });
    }
  };
  add('check', r.checks);
  add('question', r.questions);
  if (errors.length > 0) throw new RubricError(errors.join('\n'));
  if (items.length === 0) throw new RubricError(`${file}: gives no points (both "checks" and "questions" are empty).`);
  const order = problemCatalog.map((p) => p.id);
  items.sort(
    (a, b) =>
      order.indexOf(a.problemId) - order.indexOf(b.problemId) || (a.kind === b.kind ? 0 : a.kind === 'check' ? -1 : 1),
  );
  return {
    ...(r.title ? { title: r.title } : {}),
    reveal: r.reveal,
    limits: r.limits,
    items,
    maxScore: items.reduce((sum, i) => sum + i.points, 0),
  };
}

export function loadRubric(file: string): Rubric {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new RubricError(`Cannot read the rubric ${file}: ${(err as Error).message}`);
  }
  return parseRubric(text, file);
}

/** The rubric that ships with the repository and the CLI's package. */
export function defaultRubricFile(): string {
  return join(packageRoot(), 'grading', 'rubric.json');
}

/** The credit (0…1) a failed check's message earns under `partial`, or undefined when it does not match. */
export function partialCredit(partial: RegExp, message: string): number | undefined {
  const m = partial.exec(message);
  const g = m?.groups;
  if (!g) return undefined;
  const total = Number(g.total);
  if (!Number.isFinite(total) || total <= 0) return undefined;
  const passed = g.passed !== undefined ? Number(g.passed) : total - Number(g.failed);
  if (!Number.isFinite(passed)) return undefined;
  return Math.min(1, Math.max(0, passed / total));
}

function groupNames(re: RegExp): Set<string> {
  // a successful match on any text is not guaranteed, so read the names from the source
  return new Set([...re.source.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1]!));
}

function keyPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((k, i) =>
      typeof k === 'number'
        ? `[${k}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(k))
          ? `${i === 0 ? '' : '.'}${String(k)}`
          : `["${String(k)}"]`,
    )
    .join('');
}
