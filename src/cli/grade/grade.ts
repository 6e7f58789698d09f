// `hw6-lab grade SUBMISSION…`: every submission's checks and answers.md questions run in the isolated
// runner (checks-only runs, the full configuration), scored with the rubric; up to --jobs
// submissions at once, a progress line per submission on stderr; a submission that crashes, loops or
// floods memory gets the points of what ran and never stops the batch.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { answersQuestionsOf, judgesAnswers } from '../../core/answers/document';
import type { ProblemConfig, ProblemInfo } from '../../core/problem';
import { findProblem, problems } from '../../core/problems';
import type { ReportRun } from '../../core/report';
import { ProcessRunner } from '../../runner/processRunner';
import type { Runner } from '../../runner/runner';
import { childScript, mediaDir, referenceDir, wasmDir } from '../paths';
import { Session, type Job, type JobResult } from '../session';
import { formatTable } from '../table';
import { UsageError } from '../usageError';
import { toClassroomResult } from '../classroomReport';
import { gradebookCsv, type GradebookRow } from './csv';
import { feedbackHtml } from './feedback';
import { gradescopeFailure, gradescopeResults } from './gradescope';
import { runPool } from './pool';
import { defaultRubricFile, loadRubric, type Rubric } from './rubric';
import { RunCache } from './runCache';
import { scoreSubmission, type ProblemOutcome, type SubmissionGrade } from './score';
import { openSubmission, type Submission } from './submission';

export interface GradeOptions {
  rubric?: string;
  jobs?: string;
  gradescope?: string;
  csv?: string;
  feedback?: string;
  /** GitHub Classroom's result (src/cli/classroomReport.ts), built from the Gradescope results. */
  classroom?: string;
  /** false (`--no-reuse`): run every problem of every submission, even one identical to a run already made. */
  reuse?: boolean;
}

/** One submission's result: graded, or why it could not be (an unreadable or refused .zip). */
export type GradeOutcome =
  | {
      name: string;
      grade: SubmissionGrade;
      runs: ReportRun[];
      submission: Submission;
      notRun: { problem: ProblemInfo; reason: string }[];
    }
  | { name: string; failed: string };

export async function gradeCommand(paths: string[], options: GradeOptions): Promise<number> {
  if (paths.length === 0) throw new UsageError('Give at least one submission (a folder or a .zip).');
  const jobs = jobsFrom(options.jobs);
  const rubric = loadRubric(resolve(options.rubric ?? defaultRubricFile()));
  const names = uniqueNames(paths);
  const generatedAt = new Date();
  const written = { gradescope: [] as string[], feedback: [] as string[], classroom: [] as string[] };
  const rows: GradebookRow[] = [];
  let done = 0;

  const cache = new RunCache();
  const outcomes = await gradeSubmissions(paths, rubric, {
    jobs,
    names,
    reuse: options.reuse !== false,
    cache,
    onGraded(outcome) {
      done++;
      const line =
        'grade' in outcome
          ? `${outcome.grade.score} / ${outcome.grade.maxScore} points (${outcome.grade.executionSeconds.toFixed(1)} s)` +
            (outcome.grade.items.some((i) => i.notRun)
              ? `, ${outcome.grade.items.filter((i) => i.notRun).length} not run`
              : '')
          : `not graded: ${outcome.failed}`;
      process.stderr.write(`[${done}/${paths.length}] ${outcome.name}: ${line}\n`);
      // Outputs are written as each submission finishes: a long batch keeps what it has graded.
      if (options.gradescope)
        written.gradescope.push(writeGradescope(options.gradescope, paths.length, outcome, rubric));
      if (options.feedback && 'grade' in outcome)
        written.feedback.push(writeFeedback(options.feedback, outcome, generatedAt, rubric));
      if (options.classroom) written.classroom.push(writeClassroom(options.classroom, paths.length, outcome, rubric));
    },
  });
  for (const o of outcomes) rows.push('grade' in o ? { grade: o.grade } : { name: o.name, failed: o.failed });
  if (cache.hits > 0)
    process.stderr.write(`${cache.hits} of ${cache.hits + cache.misses} runs reused an identical earlier run.\n`);

  process.stdout.write(
    formatTable(
      ['submission', 'score', 'not run'],
      outcomes.map((o) =>
        'grade' in o
          ? [o.name, `${o.grade.score} / ${o.grade.maxScore}`, String(o.grade.items.filter((i) => i.notRun).length)]
          : [o.name, `not graded: ${o.failed}`, '–'],
      ),
    ) + '\n',
  );
  if (options.csv) {
    const file = resolve(options.csv);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, gradebookCsv(rubric, rows));
    process.stdout.write(`Gradebook: ${file}\n`);
  }
  if (written.gradescope.length) process.stdout.write(`Gradescope results: ${written.gradescope.join(', ')}\n`);
  if (written.classroom.length) process.stdout.write(`Classroom results: ${written.classroom.join(', ')}\n`);
  if (written.feedback.length)
    process.stdout.write(`Feedback: ${resolve(options.feedback!)} (${written.feedback.length} pages)\n`);
  return outcomes.every((o) => 'grade' in o) ? 0 : 1;
}

export interface GradeBatchOptions {
  jobs: number;
  /** Gradebook names, one per path (default: the folders' and zips' names). */
  names?: readonly string[];
  onGraded?(outcome: GradeOutcome): void;
  /** The runner of one pool slot (default: a ProcessRunner with the rubric's limits). */
  createRunner?(rubric: Rubric): Runner & { dispose?(): void };
  /** Reuse the result of an identical run within the batch (runCache.ts; default true). */
  reuse?: boolean;
  /** The batch's cache, when the caller wants its counts (a fresh one by default). */
  cache?: RunCache;
}

/** Grades every submission, `jobs` at a time, each slot with a runner of its own; results in order. */
export async function gradeSubmissions(
  paths: readonly string[],
  rubric: Rubric,
  options: GradeBatchOptions,
): Promise<GradeOutcome[]> {
  const names = options.names ?? uniqueNames(paths);
  const createRunner = options.createRunner ?? processRunner;
  const runners: (Runner & { dispose?(): void })[] = [];
  const cache = options.reuse === false ? undefined : (options.cache ?? new RunCache());
  try {
    return await runPool(paths.length, options.jobs, async (index, slot) => {
      const runner = (runners[slot] ??= createRunner(rubric));
      const outcome = await gradeOne(paths[index]!, names[index]!, rubric, runner, cache);
      options.onGraded?.(outcome);
      return outcome;
    });
  } finally {
    for (const r of runners) r.dispose?.();
  }
}

function processRunner(rubric: Rubric): ProcessRunner {
  return new ProcessRunner({
    childScript,
    referenceDir,
    wasmDir,
    mediaDir: mediaDir(),
    findProblem,
    prewarm: true,
    // checks-only runs have no grid cells: one process per submission at a time
    poolSize: 1,
    memoryMb: rubric.limits.memoryMB,
    defaultTimeLimitMs: rubric.limits.timeSeconds * 1000,
  });
}

async function gradeOne(
  path: string,
  name: string,
  rubric: Rubric,
  runner: Runner,
  cache: RunCache | undefined,
): Promise<GradeOutcome> {
  let submission: Submission;
  try {
    submission = openSubmission(resolve(path));
  } catch (err) {
    return { name, failed: err instanceof Error ? err.message : String(err) };
  }
  try {
    const started = Date.now();
    const { jobs, notRun } = submissionJobs(submission, rubric);
    const session = new Session(runner);
    const runOne = async (job: Job): Promise<JobResult> => (await session.run([job]))[0]!;
    const run = async (list: readonly Job[]): Promise<JobResult[]> => {
      const results: JobResult[] = [];
      for (const job of list) results.push(await (cache ? cache.run(job, runOne) : runOne(job)));
      return results;
    };
    const results = await run(jobs);
    // A run that ended early (crash, time limit, memory) judged none of its answers: answers.md does
    // not depend on the code, so the reference judges them, as for a file that is absent.
    const retries = results.filter(
      (r) => r.error && r.job.solution.kind === 'student' && answersJudgedWithoutCode(r.job),
    );
    const answerRuns = await run(retries.map((r) => ({ ...r.job, solution: { kind: 'reference' } })));
    for (const [i, r] of retries.entries()) {
      const judged = new Set(r.findings.map((f) => f.answerId));
      r.findings.push(
        ...(answerRuns[i]?.findings ?? []).filter((f) => f.answerId !== undefined && !judged.has(f.answerId)),
      );
    }
    const outcomes: ProblemOutcome[] = [
      ...results.map((r) => outcomeOf(r)),
      ...notRun.map((n) => ({ problemId: n.problem.id, notRun: n.reason })),
    ];
    const grade = scoreSubmission(name, rubric, outcomes, (Date.now() - started) / 1000, {
      reveal: rubric.reveal,
      timeSeconds: rubric.limits.timeSeconds,
    });
    return { name, grade, runs: results.map(reportRun), submission, notRun };
  } catch (err) {
    return { name, failed: `internal error: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    submission.dispose();
  }
}

/** The graded runs: each problem the rubric scores, checks only, in the full configuration. */
export function submissionJobs(
  submission: Submission,
  rubric: Rubric,
): { jobs: Job[]; notRun: { problem: ProblemInfo; reason: string }[] } {
  const ws = submission.files;
  // grading: the judge adds the hidden checks (staff build only)
  const config: Partial<ProblemConfig> = { grading: true, ...(rubric.reveal ? { revealAnswers: true } : {}) };
  const jobs: Job[] = [];
  const notRun: { problem: ProblemInfo; reason: string }[] = [];
  for (const problem of problems) {
    if (!rubric.items.some((i) => i.problemId === problem.id)) continue;
    const student = ws.students.get(problem.id);
    const answers = ws.answers && judgesAnswers(problem) ? { answers: ws.answers } : {};
    const base = { problem, config, checksOnly: true, ...answers };
    if (student) jobs.push({ ...base, solution: { kind: 'student', file: student.file, source: student.source } });
    // the file is absent: the reference run judges the answers only (its checks earn nothing)
    else if (ws.answers && judgesAnswers(problem) && answersQuestionsOf(problem, ws.answers.text))
      jobs.push({ ...base, solution: { kind: 'reference' } });
    else notRun.push({ problem, reason: `${problem.studentFile} is not in the submission.` });
  }
  return { jobs, notRun };
}

function answersJudgedWithoutCode(job: Job): boolean {
  return !!job.answers && answersQuestionsOf(job.problem, job.answers.text);
}

function outcomeOf(r: JobResult): ProblemOutcome {
  const answersOnly = r.job.solution.kind === 'reference';
  return {
    problemId: r.job.problem.id,
    findings: answersOnly ? r.findings.filter((f) => f.answerId !== undefined) : r.findings,
    ...(r.error ? { error: r.error } : {}),
    ...(answersOnly ? { answersOnly: true } : {}),
  };
}

/** A run as the feedback page shows it; a reference run that judged answers shows only them. */
function reportRun(r: JobResult): ReportRun {
  const answersOnly = r.job.solution.kind === 'reference';
  return {
    problem: r.job.problem,
    ok: r.ok,
    findings: answersOnly ? r.findings.filter((f) => f.answerId !== undefined) : r.findings,
    artifacts: answersOnly ? [] : r.artifacts,
    logs: answersOnly ? [] : r.logs,
    ...(r.done ? { done: r.done } : {}),
    ...(r.error ? { error: r.error } : {}),
    wallMs: r.wallMs,
    ...(r.job.answers ? { answersText: r.job.answers.text } : {}),
  };
}

function writeGradescope(target: string, count: number, outcome: GradeOutcome, rubric: Rubric): string {
  // one submission: FILE is the results.json; several: FILE is a folder of <name>.json
  const file = count === 1 ? resolve(target) : join(resolve(target), `${fileName(outcome.name)}.json`);
  mkdirSync(dirname(file), { recursive: true });
  const results =
    'grade' in outcome ? gradescopeResults(outcome.grade) : gradescopeFailure(outcome.failed, rubric.maxScore);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  return file;
}

/** GitHub Classroom's result: the Gradescope results, in the grading reporter's form. */
function writeClassroom(target: string, count: number, outcome: GradeOutcome, rubric: Rubric): string {
  const file = count === 1 ? resolve(target) : join(resolve(target), `${fileName(outcome.name)}.json`);
  mkdirSync(dirname(file), { recursive: true });
  const results =
    'grade' in outcome ? gradescopeResults(outcome.grade) : gradescopeFailure(outcome.failed, rubric.maxScore);
  writeFileSync(file, JSON.stringify(toClassroomResult(results), null, 2) + '\n');
  return file;
}

function writeFeedback(
  dir: string,
  outcome: Extract<GradeOutcome, { grade: unknown }>,
  generatedAt: Date,
  rubric: Rubric,
): string {
  const file = join(resolve(dir), `${fileName(outcome.name)}.html`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    feedbackHtml({
      grade: outcome.grade,
      runs: outcome.runs,
      ...(outcome.submission.files.answers ? { answers: outcome.submission.files.answers } : {}),
      notRun: outcome.notRun,
      config: { grading: true, ...(rubric.reveal ? { revealAnswers: true } : {}) },
      generatedAt,
    }),
  );
  return file;
}

/** Gradebook names: the folder's or zip's name, made unique with -2, -3… */
export function uniqueNames(paths: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return paths.map((p) => {
    const base =
      resolve(p)
        .split(/[\\/]/)
        .pop()!
        .replace(/\.zip$/i, '') || 'submission';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

function fileName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '_') || 'submission';
}

function jobsFrom(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new UsageError(`--jobs must be a whole number from 1 to 64 (got "${value}").`);
  return n;
}
