// One judged run over given links, the same for every Runner (a child process, a panel's webview, a
// thread in the bench): the session, the judge, cancellation. The runners differ only in their links.
import type { Artifact, RunEvent } from './events';
import type { Problem, ProblemConfig } from '../problem';
import type { AnswersInput } from '../answers/types';
import { CancelSource, CancelledError } from './cancel';
import { judgeRun } from './judge';
import { LinkSession, type ChildLink } from './session';

export interface JudgedRunOptions<C extends ProblemConfig> {
  problem: Problem<C>;
  config: C;
  /** The module the child loads (compiled CommonJS), the name its frames carry, and the file findings name. */
  module: { code: string; file: string; reference: boolean };
  displayFile: string;
  /** The CPU (or, where that cannot be measured, wall) time each request may take. */
  budgetMs: number;
  link: ChildLink;
  spawnCellLink?: () => ChildLink;
  poolSize: number;
  checksOnly?: boolean;
  answers?: AnswersInput;
  emit(event: RunEvent): void;
  /** A link to a new child for the lab's reference solution (JudgeContext.reference), where the host has one. */
  referenceLink?: { link: () => ChildLink; module: { code: string; file: string }; label?: string };
}

export interface JudgedRun {
  /** Resolves once the run's one `done` or `error` has been emitted and its children are closed. */
  ended: Promise<void>;
  cancel(): void;
}

export function startJudgedRun<C extends ProblemConfig>(options: JudgedRunOptions<C>): JudgedRun {
  const { problem, config, module, displayFile, answers, emit } = options;
  const session = new LinkSession({
    start: {
      problemId: problem.id,
      code: module.code,
      file: module.file,
      displayFile,
      config,
      budgetMs: options.budgetMs,
      reference: module.reference,
    },
    budgetMs: options.budgetMs,
    link: options.link,
    ...(options.spawnCellLink ? { spawnCellLink: options.spawnCellLink } : {}),
    poolSize: problem.hasCells ? options.poolSize : 1,
    hasCells: !!problem.hasCells,
    ...(problem.artifactSchemas ? { artifactSchemas: problem.artifactSchemas } : {}),
    ...(problem.withJudgeData
      ? {
          judgeArtifact: (a: Artifact) =>
            problem.withJudgeData!(a, answers, { revealAnswers: config.revealAnswers === true }),
        }
      : {}),
    onEvent: emit,
  });
  const signal = new CancelSource();
  let reference: LinkSession | undefined;
  const ended = judgeRun(problem, session, {
    config,
    signal,
    emit,
    checksOnly: options.checksOnly,
    ...(answers ? { answers } : {}),
    displayFile,
    ...(options.referenceLink
      ? {
          referenceSession: () => (reference = referenceSession(options, options.referenceLink!)),
          ...(options.referenceLink.label ? { referenceLabel: options.referenceLink.label } : {}),
        }
      : {}),
  });
  return {
    ended,
    cancel: () => {
      signal.cancel(new CancelledError());
      const cancelled = { type: 'error', reason: 'cancelled', message: 'The run was cancelled.' } as const;
      session.end(cancelled);
      reference?.end(cancelled);
    },
  };
}

/** A session on the lab's reference solution, for figures beside the student's (its events are not the run's). */
function referenceSession<C extends ProblemConfig>(
  options: JudgedRunOptions<C>,
  reference: NonNullable<JudgedRunOptions<C>['referenceLink']>,
): LinkSession {
  const { problem, config } = options;
  return new LinkSession({
    start: {
      problemId: problem.id,
      code: reference.module.code,
      file: reference.module.file,
      displayFile: problem.studentFile,
      config,
      budgetMs: options.budgetMs,
      reference: true,
    },
    budgetMs: options.budgetMs,
    link: reference.link(),
    poolSize: 1,
    hasCells: false,
    ...(problem.artifactSchemas ? { artifactSchemas: problem.artifactSchemas } : {}),
    onEvent: () => undefined,
  });
}
