// The judge's side of a run: it asks the child (a ChildSession: a process, a webview, or in tests
// this same thread) to run the experiment and to call the student's functions, validates every
// answer against a schema, and alone produces findings, pass/fail and the run's ending.
import { tally } from '../verdict';
import { z } from 'zod';
import type { Problem, ProblemConfig, JudgeContext, ChildCalls, StudentFailure, ChildEvent } from '../problem';
import { StudentFailureError } from '../problem';
import type { Finding, RunEvent } from './events';
import type { RequestBody } from './childProtocol';
import { callOutcomesSchema, describeSchemaError, runOutputSchema } from './childProtocol';
import { createRng } from './rng';
import type { CancelSignal } from './cancel';
import type { AnswersInput } from '../answers/types';

type ErrorEvent = Extract<RunEvent, { type: 'error' }>;

/** A child to judge: started with the module, answering requests. Transports implement it. */
export interface ChildSession {
  /** Resolves once the module is loaded; rejects with StudentFailureError (it would not load) or SessionEndedError. */
  ready(): Promise<{ backend: string; permission: boolean }>;
  /** Rejects with StudentFailureError when the child reports a failure, SessionEndedError when the child is gone. */
  request(body: RequestBody): Promise<unknown>;
  /** Ends the child (and every process it started); idempotent. */
  close(): Promise<void>;
}

/** The child can no longer answer: a limit struck, it died, it broke the protocol, or the run was cancelled. */
export class SessionEndedError extends Error {
  constructor(readonly event: ErrorEvent) {
    super(event.message);
    this.name = 'SessionEndedError';
  }
}

/** The words for a child whose messages do not fit the protocol: the student's code wrote to the lab's channel. */
export function channelViolation(detail: string): ErrorEvent {
  return {
    type: 'error',
    reason: 'student-code',
    message: `Your code wrote to the lab's channel (a message that is not the lab's: ${detail}). The run was stopped; nothing it sent was used.`,
  };
}

export interface JudgeOptions<C extends ProblemConfig> {
  config: C;
  signal: CancelSignal;
  emit(event: RunEvent): void;
  checksOnly?: boolean;
  answers?: AnswersInput;
  /** The student's file name, which every location the child reports must name. */
  displayFile: string;
  now?: () => number;
  /** Starts a session running the lab's reference solution (JudgeContext.reference), on first use. */
  referenceSession?: () => ChildSession;
  /** Where the reference session replays a recording: the words that say so (JudgeContext.referenceLabel). */
  referenceLabel?: string;
}

/** Judges one run; always ends with exactly one `done` or `error` event, and closes the session. */
export async function judgeRun<C extends ProblemConfig>(
  problem: Problem<C>,
  session: ChildSession,
  options: JudgeOptions<C>,
): Promise<void> {
  const now = options.now ?? Date.now;
  const started = now();
  const { emit, config } = options;
  let referenceSession: ChildSession | undefined;
  const reference = options.referenceSession
    ? lazyCalls(() => (referenceSession ??= options.referenceSession!()), options.displayFile)
    : undefined;
  try {
    const { backend } = await session.ready();
    let metrics: Record<string, unknown> = {};
    let record: unknown;
    if (!options.checksOnly) {
      emit({ type: 'progress', fraction: 0, message: `${problem.title}: running` });
      const output = parse(runOutputSchema, await session.request({ op: 'run' }), "the run's result");
      metrics = output.metrics;
      if (problem.recordSchema) record = parse(problem.recordSchema, output.record, "the run's record");
    }
    options.signal.throwIfCancelled();
    emit({ type: 'progress', fraction: 0.9, message: `${problem.title}: checking` });
    const ctx: JudgeContext<C> = {
      config,
      rng: createRng(config.seed),
      signal: options.signal,
      emit,
      metrics: {},
      ...(options.answers ? { answers: options.answers } : {}),
      child: childCalls(session, options.displayFile),
      ...(record !== undefined ? { record } : {}),
      ...(reference ? { reference } : {}),
      ...(reference && options.referenceLabel ? { referenceLabel: options.referenceLabel } : {}),
    };
    const findings = await problem.checks(ctx);
    // a run cancelled while its checks ran ends cancelled, not with their findings
    options.signal.throwIfCancelled();
    for (const finding of findings)
      emit({ type: 'finding', finding: options.config.revealAnswers ? revealed(finding) : unrevealed(finding) });
    emit({ type: 'progress', fraction: 1, message: `${problem.title}: done` });
    emit({
      type: 'done',
      ok: tally(findings).ok,
      metrics: { ...metrics, ...ctx.metrics },
      durationMs: now() - started,
      backend,
    });
  } catch (err) {
    emit(endingOf(err, options.displayFile));
  } finally {
    await Promise.all([session.close(), referenceSession?.close()]);
  }
}

/** ChildCalls on a session started when first called (and awaited ready). */
function lazyCalls(open: () => ChildSession, displayFile: string): ChildCalls {
  const calls = async (): Promise<ChildCalls> => {
    const session = open();
    await session.ready();
    return childCalls(session, displayFile);
  };
  return {
    call: async (...args) => (await calls()).call(...args),
    callOne: async (...args) => (await calls()).callOne(...args),
    task: async (...args) => (await calls()).task(...args),
  };
}

/** How a judged run that could not finish ends. */
export function endingOf(err: unknown, displayFile: string): ErrorEvent {
  if (err instanceof SessionEndedError) return err.event;
  if (err instanceof StudentFailureError) return { type: 'error', ...studentFailure(err.failure, displayFile) };
  if (err instanceof ChannelError) return channelViolation(err.message);
  const message = err instanceof Error ? err.message : String(err);
  return {
    type: 'error',
    reason: err instanceof Error && err.name === 'CancelledError' ? 'cancelled' : 'internal',
    message,
    stack: err instanceof Error ? err.stack : undefined,
  };
}

/** A child's failure as the judge reports it: locations can only name the student's file. */
export function studentFailure(
  failure: StudentFailure & { setting?: string; stack?: string },
  displayFile: string,
): Omit<ErrorEvent, 'type'> {
  return {
    reason: failure.reason,
    message: failure.message,
    ...(failure.marker ? { marker: failure.marker } : {}),
    ...(failure.location ? { location: { ...failure.location, file: displayFile } } : {}),
    ...(failure.setting ? { setting: failure.setting } : {}),
    ...(failure.stack ? { stack: failure.stack } : {}),
  };
}

/** A reply or record that does not fit its schema. */
export class ChannelError extends Error {}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ChannelError(`${what}: ${describeSchemaError(result.error)}`);
  return result.data;
}

export function childCalls(session: ChildSession, displayFile: string): ChildCalls {
  const locate = (failure: StudentFailure): StudentFailure =>
    failure.location ? { ...failure, location: { ...failure.location, file: displayFile } } : failure;
  const call: ChildCalls['call'] = async (marker, name, argLists) => {
    const outcomes = parse(
      callOutcomesSchema,
      await session.request({ op: 'call', marker, name, argLists }),
      `the results of ${name}`,
    );
    if (outcomes.length !== argLists.length)
      throw new ChannelError(`${outcomes.length} results of ${name} for ${argLists.length} calls`);
    return outcomes.map((o) =>
      o.ok ? { ok: true as const, value: o.value } : { ok: false as const, failure: locate(o.failure) },
    );
  };
  return {
    call,
    async callOne(marker, name, args) {
      const [outcome] = await call(marker, name, [args]);
      if (!outcome!.ok) throw new StudentFailureError(outcome!.failure);
      return outcome!.value;
    },
    task: (name, input) => session.request({ op: 'task', name, ...(input !== undefined ? { input } : {}) }),
  };
}

/** Validates one display event of the child against the protocol and, for an artifact, its problem's schema. */
export function validateChildEvent(event: ChildEvent, schemas: Record<string, z.ZodType> | undefined): ChildEvent {
  if (event.type !== 'artifact') return event;
  const schema = schemas?.[event.artifact.kind] ?? GENERIC_ARTIFACTS[event.artifact.kind];
  if (!schema) throw new ChannelError(`an artifact of unknown kind "${event.artifact.kind}"`);
  return {
    type: 'artifact',
    artifact: parse(schema, event.artifact, `the ${event.artifact.kind} artifact`) as typeof event.artifact,
  };
}

const cell = z.union([z.string().max(10_000), z.number()]);
/** Artifact kinds every problem may emit. */
const GENERIC_ARTIFACTS: Record<string, z.ZodType> = {
  table: z.object({
    kind: z.literal('table'),
    title: z.string().max(1000),
    columns: z.array(z.string().max(200)).max(100),
    rows: z.array(z.array(cell).max(100)).max(100_000),
  }),
};

/** With hw6.revealAnswers: every level of a finding's hint ladder in its message, and the expected value in full. */
function revealed(finding: Finding): Finding {
  const { revealedExpected, ...rest } = finding;
  const full = revealedExpected !== undefined ? { ...rest, expected: revealedExpected } : rest;
  if (!full.hints?.length) return full;
  return { ...full, message: `${full.message} ${full.hints.join(' ')}` };
}

/** Without it: the expected value that gives an answer away stays with the judge. */
function unrevealed(finding: Finding): Finding {
  const { revealedExpected: _hidden, ...rest } = finding;
  return rest;
}
