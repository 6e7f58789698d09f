// The CLI's commands. Each returns the process exit code: 0 all good, 1 a problem failed its
// checks or could not run; bad arguments throw a UsageError (exit 2, one line).
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { findingFile, runDiagnostics, type FlatDiagnostic } from '../core/locate';
import type { Problem, ProblemConfig } from '../core/problem';
import { findProblem, problems } from '../core/problems';
import { initWorkspace } from '../runner/workspace';
import { readWorkspace, workspaceJobs, type WorkspaceFiles } from './jobs';
import { referenceAnswerWarnings } from './referenceAnswers';
import { ProcessRunner } from '../runner/processRunner';
import { takePrestarted } from './prestart';
import { withProblemOptions } from './problemOptions';
import { childScript, mediaDir, recordedDir, referenceDir, templateDir, wasmDir } from './paths';
import { flavour } from '../core/flavour';
import { createProgressReporter } from './progress';
import { workspaceReportParts, writeReport } from './report';
import { resultsJson } from './results';
import { Session, type Job, type JobResult } from './session';
import { formatTable } from './table';
import { UsageError } from './usageError';
import { runSummary } from './summary';

export interface RunOptions {
  reference?: boolean;
  workspace?: string;
  quick?: boolean;
  seed?: string;
  json?: string;
  report?: string;
  timeLimit?: string;
  revealAnswers?: boolean;
  /** Worker threads for a problem's independent cells (problem 4's grid): default one per core, or HW6_POOL_SIZE. */
  poolSize?: string;
  memoryLimit?: string;
  /** The problems' own options (src/cli/problemOptions.ts), by commander's key. */
  [problemOption: string]: unknown;
}

export interface CheckOptions {
  workspace?: string;
  json?: boolean;
  timeLimit?: string;
  memoryLimit?: string;
  revealAnswers?: boolean;
  /** --hint N: the hint levels printed under each failed check. */
  hint?: string;
}

export async function runCommand(ids: string[], options: RunOptions): Promise<number> {
  if (options.reference && options.workspace) throw new UsageError('Pass either --reference or --workspace, not both.');
  // --reference with --reveal-answers is allowed: a reference run reads no answers.md, so displays
  // that wait for the student's answers (problem 2's closed forms) show only with --reveal-answers.
  const config = configFrom(options);
  const timeLimitMs = timeLimitFrom(options.timeLimit);
  const poolSize = poolSizeOption(options.poolSize);
  let jobs: Job[];
  let solutionLabel: string;
  let workspace: WorkspaceFiles | undefined;
  if (options.reference) {
    jobs = selectProblems(ids).map((problem) => ({ problem, solution: { kind: 'reference' }, config, timeLimitMs }));
    solutionLabel =
      flavour === 'student' ? 'recorded reference runs (this build has no reference solutions)' : 'reference solutions';
  } else {
    const dir = workspaceDir(options.workspace);
    workspace = readWorkspace(dir);
    jobs = workspaceJobs(workspace, {
      ids: selectIds(ids),
      config,
      checksOnly: false,
      timeLimitMs,
      answersWithReference: false,
    });
    solutionLabel = `workspace ${dir}`;
  }
  jobs = withProblemOptions(jobs, options);
  for (const line of referenceAnswerWarnings(
    jobs.map((j) => j.problem.id),
    options,
  ))
    process.stderr.write(line + '\n');

  const results = await runJobs(jobs, { poolSize, memoryMb: memoryLimitFrom(options.memoryLimit) });
  process.stdout.write('\n' + runSummary(results) + '\n');
  if (options.json) {
    writeJson(resolve(options.json), resultsJson(results));
    process.stdout.write(`Results: ${resolve(options.json)}\n`);
  }
  if (options.report) {
    const files = writeReport(resolve(options.report), results, {
      solution: solutionLabel,
      config,
      generatedAt: new Date(),
      ...(workspace ? workspaceReportParts(workspace, jobs) : {}),
    });
    process.stdout.write(`Report: ${files.html}\n        ${files.md}\n        ${files.json}\n`);
  }
  return results.length === jobs.length && results.every((r) => r.ok) ? 0 : 1;
}

export async function checkCommand(ids: string[], options: CheckOptions): Promise<number> {
  const dir = workspaceDir(options.workspace);
  const hintLevel = hintLevelFrom(options.hint);
  const config: Partial<ProblemConfig> = options.revealAnswers ? { revealAnswers: true } : {};
  const jobs = workspaceJobs(readWorkspace(dir), {
    ids: selectIds(ids),
    config,
    checksOnly: true,
    timeLimitMs: timeLimitFrom(options.timeLimit),
    answersWithReference: true,
  });
  const results = await runJobs(jobs, { memoryMb: memoryLimitFrom(options.memoryLimit) });
  // A reference run (the student's file is absent) reports only about answers.md.
  const diagnostics: FlatDiagnostic[] = results.flatMap((r) => {
    const solution = r.job.solution;
    const studentText = solution.kind === 'student' ? solution.source : '';
    return runDiagnostics({ file: r.job.problem.studentFile, studentText, findings: r.findings, error: r.error });
  });
  if (options.json) {
    process.stdout.write(JSON.stringify(diagnostics, null, 2) + '\n');
  } else {
    for (const r of results) {
      if (r.job.solution.kind === 'reference')
        process.stdout.write(
          `· ${r.job.problem.id}: ${r.job.problem.studentFile} is absent; its answers are checked with ${flavour === 'student' ? 'a recorded reference run' : 'the reference solution'}\n`,
        );
      for (const f of r.findings.filter((f) => f.ok))
        process.stdout.write(`✓ ${findingFile(f, r.job.problem.studentFile)}  ${f.checkId}: ${f.message}\n`);
    }
    for (const d of diagnostics) {
      process.stdout.write(`✗ ${d.file}:${d.line}  ${d.severity} ${d.code}: ${d.message}\n`);
      for (const r of d.related ?? []) process.stdout.write(`    ↳ ${r.code}: ${r.message}\n`);
      for (const [i, hint] of (d.hints ?? []).slice(0, hintLevel).entries())
        process.stdout.write(`    hint ${i + 1}/${d.hints!.length}: ${hint}\n`);
    }
    const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
    const bySeverity = (s: FlatDiagnostic['severity']): number => diagnostics.filter((d) => d.severity === s).length;
    const found = [
      count(bySeverity('error'), 'error'),
      count(bySeverity('warning'), 'warning'),
      count(bySeverity('info'), 'note'),
    ].filter((t) => !t.startsWith('0 '));
    process.stdout.write(
      `\n${count(results.length, 'problem')} checked: ${found.length === 0 ? 'nothing to report' : found.join(', ')}.\n`,
    );
  }
  return diagnostics.some((d) => d.severity === 'error') || results.some((r) => r.error) ? 1 : 0;
}

export function initCommand(dir: string): number {
  const target = resolve(dir);
  if (existsSync(target) && !statSync(target).isDirectory())
    throw new UsageError(`${target} exists and is not a folder.`);
  mkdirSync(target, { recursive: true });
  const { written, skipped } = initWorkspace(target, templateDir());
  for (const f of written) process.stdout.write(`wrote    ${f}\n`);
  for (const f of skipped) process.stdout.write(`skipped  ${f} (already there; left unchanged)\n`);
  process.stdout.write(
    written.length > 0
      ? `\nYour HW6 workspace is ready in ${target}. Open it in VS Code, or run: hw6-lab run --workspace ${dir}\n`
      : `\nNothing written: every template file already exists in ${target}.\n`,
  );
  return 0;
}

export function listCommand(): number {
  const rows = problems.map((p) => [p.id, p.title, p.questions.join(', '), p.studentFile]);
  process.stdout.write(formatTable(['id', 'title', 'questions', 'student file'], rows) + '\n');
  return 0;
}

/** The problems asked for by id; none: [] (the command picks its default). */
function selectIds(ids: string[]): Problem[] {
  return ids.length === 0 ? [] : selectProblems(ids);
}

function selectProblems(ids: string[]): Problem[] {
  if (ids.length === 0) return [...problems];
  return ids.map((id) => {
    const problem = findProblem(id);
    if (!problem) throw new UsageError(`Unknown problem "${id}" (known: ${problems.map((p) => p.id).join(', ')}).`);
    return problem;
  });
}

function workspaceDir(option: string | undefined): string {
  const dir = resolve(option ?? '.');
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`The workspace folder ${dir} does not exist.`);
  return dir;
}

function configFrom(options: RunOptions): Partial<ProblemConfig> {
  const config: Partial<ProblemConfig> = {};
  if (options.quick) config.quick = true;
  if (options.seed !== undefined) {
    if (!/^\d+$/.test(options.seed))
      throw new UsageError(`--seed must be a non-negative integer (got "${options.seed}").`);
    config.seed = Number(options.seed);
  }
  if (options.revealAnswers) config.revealAnswers = true;
  return config;
}

/** --pool-size: a positive integer, or undefined (the runner's default: HW6_POOL_SIZE, else one per core). */
export function poolSizeOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1)
    throw new UsageError(`--pool-size must be a positive integer (got "${value}").`);
  return size;
}

/** --hint: a level from 1 up, or 0 (no hints) when absent. */
function hintLevelFrom(value: string | undefined): number {
  if (value === undefined) return 0;
  const level = Number(value);
  if (!Number.isInteger(level) || level < 1)
    throw new UsageError(`--hint must be a positive whole number (got "${value}").`);
  return level;
}

/** --memory-limit: whole megabytes from 256 to 16384, or undefined (2048). */
function memoryLimitFrom(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const mb = Number(value);
  if (!Number.isInteger(mb) || mb < 256 || mb > 16384)
    throw new UsageError(`--memory-limit must be a whole number of megabytes from 256 to 16384 (got "${value}").`);
  return mb;
}

function timeLimitFrom(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(`--time-limit must be a positive number of seconds (got "${value}").`);
  return seconds * 1000;
}

/** Runs the jobs, each in child processes of its own, with progress on stderr; Ctrl-C cancels cleanly. */
async function runJobs(jobs: Job[], limits: { poolSize?: number; memoryMb?: number } = {}): Promise<JobResult[]> {
  const { poolSize, memoryMb } = limits;
  const runner = new ProcessRunner({
    childScript,
    ...(referenceDir ? { referenceDir } : {}),
    recordedDir: recordedDir(),
    wasmDir,
    mediaDir: mediaDir(),
    findProblem,
    prewarm: jobs.length > 1,
    prestarted: takePrestarted(),
    ...(poolSize ? { poolSize } : {}),
    ...(memoryMb ? { memoryMb } : {}),
  });
  const session = new Session(runner);
  const progress = createProgressReporter();
  const begun = new Set<Job>();
  const onSigint = (): void => session.cancelAll();
  process.once('SIGINT', onSigint);
  try {
    return await session.run(jobs, {
      onEvent(job, event) {
        if (!begun.has(job)) {
          begun.add(job);
          progress.begin(job.problem.id, job.problem.title);
        }
        progress.event(job.problem.id, event);
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
    progress.end();
    runner.dispose();
  }
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}
