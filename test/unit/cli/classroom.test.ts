// The GitHub Classroom workflow template (docs/classroom/hw6-autograding.yml), run locally: its YAML
// parsed, its `run:` steps executed with bash in a clone-like folder (the student template, solved,
// with the workflow in .github/ and a git history), the grader fetched from the autograder.zip the
// packaging script builds (HW6_GRADER_URL = a file:// URL), and the reporter step emulated the way
// classroom-resources/autograding-grading-reporter reads it: `<RUNNER>_RESULTS`, base64 JSON,
// the tests' scores summed against max_score into "Points X/Y". `uses:` steps other than the
// reporter (checkout, setup-node) are what this machine already is.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { toClassroomResult } from '../../../src/cli/classroomReport';
import { repoRoot } from '../support/repo';
import { packageAutograder, pathWithThisNode } from './autograderSupport';

// js-yaml is in node_modules (a dependency of the lint and packaging tools), untyped here
const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown };

const WORKFLOW = join(repoRoot(), 'docs', 'classroom', 'hw6-autograding.yml');
const REPORTER = 'classroom-resources/autograding-grading-reporter@v1';

const step = z.object({
  name: z.string().optional(),
  id: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
  with: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
type Step = z.infer<typeof step>;
const workflow = z.object({
  name: z.string(),
  on: z.union([z.array(z.string()), z.record(z.string(), z.unknown())]),
  permissions: z.record(z.string(), z.string()),
  jobs: z.record(
    z.string(),
    z.object({ 'runs-on': z.string(), if: z.string().optional(), steps: z.array(step) }).passthrough(),
  ),
});

/** What the reporter decodes from `<RUNNER>_RESULTS` (its runner result format, version 1). */
const runnerResult = z.object({
  version: z.literal(1),
  status: z.enum(['pass', 'fail', 'error']),
  max_score: z.number(),
  message: z.string().optional(),
  tests: z.array(
    z.object({
      name: z.string(),
      status: z.enum(['pass', 'fail', 'error']),
      score: z.number(),
      message: z.string(),
    }),
  ),
});
type RunnerResult = z.infer<typeof runnerResult>;

/** The reporter's NotifyClassroom: runners without a max_score count for nothing. */
function pointsLine(results: RunnerResult[]): string | undefined {
  let total = 0;
  let max = 0;
  for (const r of results) {
    if (!r.max_score) continue;
    max += r.max_score;
    for (const t of r.tests) total += t.score;
  }
  return max ? `Points ${total}/${max}` : undefined;
}

/** GitHub's `${{ … }}` in an env value, for the contexts this workflow uses. */
function evaluate(value: string, context: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    if (!(expr in context)) {
      if (/^(vars|secrets)\./.test(expr)) return ''; // unset variables and secrets are empty
      if (/^steps\.[^.]+\.outputs\./.test(expr)) return '';
      throw new Error(`the test cannot evaluate \${{ ${expr} }}`);
    }
    return context[expr]!;
  });
}

/** `name=value` lines (and `name<<EOF` blocks) of a step's GITHUB_OUTPUT file. */
function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i]!.includes('=')) {
      const at = lines[i]!.indexOf('=');
      out[lines[i]!.slice(0, at)] = lines[i]!.slice(at + 1);
    }
  }
  return out;
}

function bash(script: string, env: Record<string, string>, cwd: string): Promise<{ code: number | null; log: string }> {
  return new Promise((done, fail) => {
    // GitHub's default shell for a `run:` step on Linux: bash -e {0}
    const child = spawn('bash', ['-e', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d));
    child.stderr.on('data', (d: Buffer) => (log += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, log }));
  });
}

interface WorkflowRun {
  points: string | undefined;
  results: RunnerResult[];
  log: string;
}

/** Runs the job's steps in `repo` the way the runner would; the reporter step is emulated. */
async function runWorkflow(jobSteps: Step[], repo: string, vars: Record<string, string>): Promise<WorkflowRun> {
  const temp = mkdtempSync(join(tmpdir(), 'hw6-runner-temp-'));
  const context: Record<string, string> = { ...vars };
  let log = '';
  try {
    for (const [i, s] of jobSteps.entries()) {
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(s.env ?? {})) env[k] = evaluate(v, context);
      if (s.uses?.startsWith('classroom-resources/autograding-grading-reporter')) {
        const runners = String(s.with?.runners ?? '')
          .split(',')
          .map((r) => r.trim());
        const results = runners.map((r) => {
          const encoded = env[`${r.toUpperCase()}_RESULTS`];
          assert.ok(encoded, `the reporter's env has ${r.toUpperCase()}_RESULTS:\n${log}`);
          return runnerResult.parse(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')));
        });
        return { points: pointsLine(results), results, log };
      }
      if (s.run === undefined) continue; // checkout, setup-node: this machine is already set up
      const output = join(temp, `output-${i}`);
      writeFileSync(output, '');
      const r = await bash(
        s.run,
        {
          ...process.env,
          PATH: pathWithThisNode(),
          ...env,
          GITHUB_WORKSPACE: repo,
          RUNNER_TEMP: temp,
          GITHUB_OUTPUT: output,
          CI: 'true',
        },
        repo,
      );
      log += `── ${s.name ?? s.id ?? i}\n${r.log}`;
      assert.equal(r.code, 0, `step "${s.name}" failed:\n${log}`);
      if (s.id) for (const [k, v] of Object.entries(readOutputs(output))) context[`steps.${s.id}.outputs.${k}`] = v;
    }
    throw new Error('the workflow has no reporter step');
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

describe('GitHub Classroom workflow (docs/classroom/hw6-autograding.yml)', function () {
  this.timeout(400_000);
  let work: string;
  let zip: string;
  let steps: Step[];

  before(function () {
    this.timeout(120_000);
    work = mkdtempSync(join(tmpdir(), 'hw6-classroom-'));
    zip = join(work, 'autograder.zip');
    packageAutograder(zip);
    const parsed = workflow.parse(yaml.load(readFileSync(WORKFLOW, 'utf8')));
    const jobs = Object.values(parsed.jobs);
    assert.equal(jobs.length, 1);
    steps = jobs[0]!.steps;
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  /** The student's repository: the template, with `edit` applied to the solved files, committed. */
  function studentRepo(name: string, edit: (dir: string) => void = () => {}): string {
    const repo = join(work, name);
    cpSync(join(repoRoot(), 'media', 'workspace'), repo, { recursive: true });
    cpSync(join(repoRoot(), 'grading', 'solution'), repo, { recursive: true });
    mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
    cpSync(WORKFLOW, join(repo, '.github', 'workflows', 'classroom.yml'));
    edit(repo);
    const git = (...args: string[]) =>
      assert.equal(spawnSync('git', args, { cwd: repo, encoding: 'utf8' }).status, 0, `git ${args.join(' ')}`);
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=Student', '-c', 'user.email=student@example.com', 'commit', '-qm', 'homework');
    return repo;
  }

  it('is what Classroom runs: on push, with checks: write, the grade step feeding the reporter', () => {
    const parsed = workflow.parse(yaml.load(readFileSync(WORKFLOW, 'utf8')));
    const on = Array.isArray(parsed.on) ? parsed.on : Object.keys(parsed.on);
    assert.ok(on.includes('push'), 'runs on push');
    assert.equal(parsed.permissions.checks, 'write');
    const reporter = steps.find((s) => s.uses === REPORTER);
    assert.ok(reporter, `a step uses ${REPORTER}`);
    const runners = String(reporter.with?.runners).split(',');
    for (const r of runners) {
      const grader = steps.find((s) => s.id === r);
      assert.ok(grader?.run?.includes('grade'), `runner ${r} is a step that runs hw6-lab grade`);
      assert.equal(reporter.env?.[`${r.toUpperCase()}_RESULTS`], `\${{ steps.${r}.outputs.result }}`);
    }
    assert.ok(steps.indexOf(reporter) === steps.length - 1, 'the reporter runs last');
  });

  it('reports full points for the reference solution', async () => {
    const run = await runWorkflow(steps, studentRepo('solved'), { 'vars.HW6_GRADER_URL': pathToFileURL(zip).href });
    const [r] = run.results;
    assert.ok(r && r.max_score > 0, run.log);
    assert.equal(run.points, `Points ${r.max_score}/${r.max_score}`, run.log);
    assert.equal(r.status, 'pass');
  });

  it('reports fewer points for a seeded bug (beam search keeps k − 1 hypotheses)', async () => {
    const run = await runWorkflow(
      steps,
      studentRepo('bug', (dir) => {
        const file = join(dir, 'q5_beam_search.ts');
        const source = readFileSync(file, 'utf8');
        assert.ok(source.includes('if (kept.length > k) kept.pop();'), 'the line the bug changes');
        writeFileSync(file, source.replace('if (kept.length > k) kept.pop();', 'if (kept.length > k - 1) kept.pop();'));
      }),
      { 'vars.HW6_GRADER_URL': pathToFileURL(zip).href },
    );
    const [r] = run.results;
    assert.ok(r && r.max_score > 0, run.log);
    const total = r.tests.reduce((s, t) => s + t.score, 0);
    assert.ok(total < r.max_score, `${run.points}\n${run.log}`);
    assert.equal(run.points, `Points ${total}/${r.max_score}`);
    assert.equal(r.status, 'fail');
    assert.ok(
      r.tests.some((t) => t.status === 'fail' && /beam|5[a-e]|q5/i.test(t.name)),
      'a beam search test fails',
    );
  });

  it('fails the grade step with a clear message when HW6_GRADER_URL is not set', async () => {
    await assert.rejects(runWorkflow(steps, studentRepo('no-url'), {}), /Set the organization variable HW6_GRADER_URL/);
  });
});

describe('toClassroomResult (hw6-lab grade --classroom)', () => {
  it("turns Gradescope's tests into the reporter's, partial credit kept, details of tests not visible withheld", () => {
    const r = toClassroomResult({
      score: 4.5,
      tests: [
        { name: 'q5 a', score: 2, max_score: 2, status: 'passed', output: 'ok', visibility: 'visible' },
        { name: 'q5 b', score: 1.5, max_score: 3, status: 'failed', output: '3 of 6 trees', visibility: 'visible' },
        { name: 'q5 hidden', score: 0, max_score: 1, status: 'failed', output: 'tree #7: k=3', visibility: 'hidden' },
        {
          name: 'q5 later',
          score: 1,
          max_score: 1,
          status: 'passed',
          output: 'on 48 trees',
          visibility: 'after_due_date',
        },
      ],
    });
    assert.deepEqual(runnerResult.parse(r), r);
    assert.equal(r.max_score, 7);
    assert.equal(r.status, 'fail');
    assert.deepEqual(
      r.tests.map((t) => [t.status, t.score]),
      [
        ['pass', 2],
        ['fail', 1.5],
        ['fail', 0],
        ['pass', 1],
      ],
    );
    assert.equal(r.tests[1]!.message, '3 of 6 trees');
    assert.doesNotMatch(r.tests[2]!.message, /tree #7/);
    assert.doesNotMatch(r.tests[3]!.message, /48 trees/, 'what Gradescope shows after the due date stays back too');
    assert.equal(pointsLine([r]), 'Points 4.5/7');
  });

  it('all passed is a pass; nothing graded is an error carrying the reason', () => {
    assert.equal(
      toClassroomResult({ tests: [{ name: 'a', score: 1, max_score: 1, status: 'passed' }] }).status,
      'pass',
    );
    const none = toClassroomResult({ score: 0, output: 'No homework files in the submission.', tests: [] });
    assert.equal(none.status, 'error');
    assert.equal(none.message, 'No homework files in the submission.');
  });
});
