// Judging a problem in this thread, for unit tests: the problem's child half runs in a ChildEngine
// here (localLink), its judge half talks to it through the same protocol as across a process.
import type { ChildCalls, JudgeContext, Problem, ProblemChild, ProblemConfig } from '../../../src/core/problem';
import type { Artifact, RunEvent, Finding } from '../../../src/core/engine/events';
import type { AnswersInput } from '../../../src/core/answers/types';
import type { RunFiles } from '../../../src/core/engine/files';
import { LinkSession } from '../../../src/core/engine/session';
import { localLink } from '../../../src/core/engine/localLink';
import { childCalls } from '../../../src/core/engine/judge';
import { startJudgedRun } from '../../../src/core/engine/judgedRun';
import { createRng } from '../../../src/core/engine/rng';
import { neverCancelled } from '../../../src/core/engine/cancel';

/** Any problem's child half, whatever its solution type. */
export type AnyChild<C extends ProblemConfig> = ProblemChild<any, C>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface LocalOptions {
  checksOnly?: boolean;
  answers?: AnswersInput;
  files?: RunFiles;
  /** Cells spread over this many in-thread links (1 unless set). */
  poolSize?: number;
  /**
   * The lab's reference module's exports: the judge gets a reference child in this thread
   * (JudgeContext.reference, started on first use) as the editor's and the CLI's runners give it
   * one. Unset: no ctx.reference, as on hosts without one.
   */
  reference?: object;
  /** Cancels the run (as the editor's Stop does) once an event it says yes to was emitted. */
  cancelOn?(event: RunEvent): boolean;
}

function session<C extends ProblemConfig>(
  problem: Problem<C>,
  child: AnyChild<C>,
  exports: object,
  config: C,
  options: LocalOptions,
  onEvent: (e: RunEvent) => void,
): LinkSession {
  const link = () =>
    localLink({
      child: child as ProblemChild,
      exports: exports as Record<string, unknown>,
      ...(options.files ? { files: options.files } : {}),
    });
  return new LinkSession({
    start: {
      problemId: problem.id,
      code: '',
      file: problem.studentFile,
      displayFile: problem.studentFile,
      config,
      budgetMs: Infinity,
    },
    budgetMs: Infinity,
    link: link(),
    spawnCellLink: link,
    poolSize: options.poolSize ?? 1,
    hasCells: !!problem.hasCells,
    ...(problem.artifactSchemas ? { artifactSchemas: problem.artifactSchemas } : {}),
    ...(problem.withJudgeData
      ? {
          judgeArtifact: (a: Artifact) =>
            problem.withJudgeData!(a, options.answers, { revealAnswers: config.revealAnswers === true }),
        }
      : {}),
    onEvent,
  });
}

/** Every event of a judged run of `exports` (a solution module's exports) in this thread. */
export async function judgeLocally<C extends ProblemConfig>(
  problem: Problem<C>,
  child: AnyChild<C>,
  exports: object,
  config: C,
  options: LocalOptions = {},
): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  const link = () =>
    localLink({
      child: child as ProblemChild,
      exports: exports as Record<string, unknown>,
      ...(options.files ? { files: options.files } : {}),
    });
  const run = startJudgedRun({
    problem,
    config,
    module: { code: '', file: problem.studentFile, reference: false },
    displayFile: problem.studentFile,
    budgetMs: Infinity,
    link: link(),
    spawnCellLink: link,
    poolSize: options.poolSize ?? 1,
    checksOnly: options.checksOnly,
    ...(options.answers ? { answers: options.answers } : {}),
    emit: (e) => {
      events.push(e);
      if (options.cancelOn?.(e)) queueMicrotask(() => run.cancel());
    },
    ...(options.reference
      ? {
          referenceLink: {
            link: () =>
              localLink({
                child: child as ProblemChild,
                exports: options.reference as Record<string, unknown>,
                ...(options.files ? { files: options.files } : {}),
              }),
            module: { code: '', file: `hw6-reference/${problem.id}.js` },
          },
        }
      : {}),
  });
  await run.ended;
  return events;
}

/** The findings of a judged run (checks only unless options say otherwise); throws the run's error. */
export async function findingsOf<C extends ProblemConfig>(
  problem: Problem<C>,
  child: AnyChild<C>,
  exports: object,
  config: C,
  options: LocalOptions = {},
): Promise<Finding[]> {
  const events = await judgeLocally(problem, child, exports, config, { checksOnly: true, ...options });
  const error = events.find((e) => e.type === 'error');
  if (error && error.type === 'error')
    throw Object.assign(new Error(`${error.reason}: ${error.message}`), { event: error });
  return events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
}

/** A JudgeContext whose child is `exports` in this thread, for calling one check directly. */
export async function judgeContext<C extends ProblemConfig>(
  problem: Problem<C>,
  child: AnyChild<C>,
  exports: object,
  config: C,
  extra: Partial<JudgeContext<C>> = {},
): Promise<JudgeContext<C> & { child: ChildCalls; close(): Promise<void> }> {
  const s = session(problem, child, exports, config, {}, () => undefined);
  await s.ready();
  return {
    config,
    rng: createRng(config.seed),
    signal: neverCancelled,
    emit: () => undefined,
    metrics: {},
    child: childCalls(s, problem.studentFile),
    ...extra,
    close: () => s.close(),
  };
}
