// The grader's run cache (src/cli/grade/runCache.ts): the key is the run's content, a differing byte
// misses, a run that ended early is run again, and a batch graded with reuse gives exactly the grades
// and findings of the same batch graded without it. The runner here is a stand-in that judges a file
// by comparing it with the reference solution's, so that only the cache is under test; grade.test.ts
// grades the seeded bugs with real runs and the cache on.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding, RunEvent } from '../../../src/core/engine/events';
import { findProblem } from '../../../src/core/problems';
import { gradeSubmissions, type GradeOutcome } from '../../../src/cli/grade/grade';
import { defaultRubricFile, loadRubric, type Rubric } from '../../../src/cli/grade/rubric';
import { RunCache, runKey } from '../../../src/cli/grade/runCache';
import { seededBugs, solutionDir, writeSubmissions } from '../../../src/cli/grade/seededBugs';
import type { Job } from '../../../src/cli/session';
import type { Runner, RunRequest } from '../../../src/runner/runner';

/** Findings as a real run would give them: each rubric item of the problem, passed iff its file is the reference's. */
class JudgingRunner implements Runner {
  readonly kind = 'process';
  /** Every request, in order. */
  readonly started: RunRequest[] = [];
  constructor(
    private readonly rubric: Rubric,
    /** Ends the run with this error instead (once per call that returns one). */
    private readonly fail: (request: RunRequest) => Extract<RunEvent, { type: 'error' }> | undefined = () => undefined,
    /** Extra text in each finding's message. */
    private readonly note: (request: RunRequest) => string = () => '',
  ) {}

  start(request: RunRequest): ReturnType<Runner['start']> {
    this.started.push(request);
    const problem = findProblem(request.problemId)!;
    const solution = solutionDir();
    const codeOk =
      request.solution.kind === 'student' &&
      request.solution.source === readFileSync(join(solution, problem.studentFile), 'utf8');
    const answersOk = request.answers?.text === readFileSync(join(solution, 'answers.md'), 'utf8');
    const findings: Finding[] = this.rubric.items
      .filter((i) => i.problemId === request.problemId)
      .map((i) =>
        i.kind === 'check'
          ? { checkId: i.id, ok: codeOk, message: `${i.id}${this.note(request)}` }
          : { checkId: `answers.${i.id}`, answerId: i.id, ok: answersOk, message: i.id },
      );
    // a run that ends early reports none of its checks (they report together at its end)
    const error = this.fail(request);
    const events: RunEvent[] = error
      ? [error]
      : [
          ...findings.map((finding) => ({ type: 'finding' as const, finding })),
          { type: 'done', ok: findings.every((f) => f.ok), metrics: {}, durationMs: 1, backend: 'cpu' },
        ];
    return {
      events: (async function* () {
        // a real run's events arrive later: concurrent slots interleave
        for (const e of events) yield await new Promise<RunEvent>((r) => setImmediate(() => r(e)));
      })(),
      cancel: () => undefined,
    };
  }
}

/** What a batch's outputs are made of, without the wall-clock times (which differ from run to run). */
function graded(outcomes: GradeOutcome[]): unknown {
  return outcomes.map((o) =>
    'grade' in o
      ? {
          name: o.name,
          grade: { ...o.grade, executionSeconds: 0 },
          runs: o.runs.map((r) => ({ ...r, wallMs: 0 })),
          notRun: o.notRun,
        }
      : o,
  );
}

describe('grade: the run cache', () => {
  let tmp: string;
  let rubric: Rubric;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'hw6-run-cache-'));
    rubric = loadRubric(defaultRubricFile());
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  const job = (over: Partial<Job> & { source?: string; file?: string } = {}): Job => ({
    problem: findProblem('beam-search')!,
    config: { grading: true },
    checksOnly: true,
    solution: { kind: 'student', file: over.file ?? '/a/q5_beam_search.ts', source: over.source ?? 'let x = 1;\n' },
    answers: { file: 'answers.md', text: '## 5a\nAnswer: neural\n' },
    ...over,
  });

  it('keys a run on its content: the same files in another folder hit, any differing input misses', () => {
    const key = runKey(job());
    assert.equal(runKey(job({ file: '/elsewhere/deeper/q5_beam_search.ts' })), key, 'the folder is not content');
    const differing: [string, Job][] = [
      ['one byte of the source', job({ source: 'let x = 2;\n' })],
      ['a trailing newline', job({ source: 'let x = 1;\n\n' })],
      ['answers.md', job({ answers: { file: 'answers.md', text: '## 5a\nAnswer: neural.\n' } })],
      ['no answers.md', job({ answers: undefined })],
      ['the configuration', job({ config: { grading: true, revealAnswers: true } })],
      ['the problem', job({ problem: findProblem('zkc')! })],
      ['the reference instead', job({ solution: { kind: 'reference' } })],
      ['the file name', job({ file: '/a/q5_beam_search.tsx' })],
      ['the full run, not checks only', job({ checksOnly: false })],
      ['a time limit', job({ timeLimitMs: 5000 })],
    ];
    for (const [what, j] of differing) assert.notEqual(runKey(j), key, what);
  });

  it('grades a batch with each distinct run made once, and exactly as without reuse', async () => {
    const subs = writeSubmissions(join(tmp, 'subs'), seededBugs.length + 2).map((s) => s.dir);
    const withReuse = new JudgingRunner(rubric);
    const cache = new RunCache();
    const reusing = await gradeSubmissions(subs, rubric, { jobs: 2, cache, createRunner: () => withReuse });
    const without = new JudgingRunner(rubric);
    const plain = await gradeSubmissions(subs, rubric, { jobs: 2, reuse: false, createRunner: () => without });

    assert.deepEqual(graded(reusing), graded(plain));
    // the stand-in gives each seeded bug less than the reference: the comparison is not vacuous
    const scores = reusing.map((o) => ('grade' in o ? o.grade.score : -1));
    assert.equal(scores[0], rubric.maxScore);
    for (const s of scores.slice(1)) assert.ok(s < rubric.maxScore, String(scores));
    assert.equal(scores.at(-1), scores[1], 'the first bug again (they wrap around), graded alike');

    const distinct = new Set(without.started.map((r) => runKey({ ...r, problem: findProblem(r.problemId)! } as Job)));
    assert.equal(withReuse.started.length, distinct.size, 'each distinct run ran once');
    assert.ok(distinct.size < without.started.length / 2, `${distinct.size} of ${without.started.length}`);
    assert.deepEqual([cache.misses, cache.hits], [distinct.size, without.started.length - distinct.size]);
  });

  it('runs again what ended early (crash, time limit), so that a retry can succeed', async () => {
    const subs = writeSubmissions(join(tmp, 'subs'), 3, { bugs: [] }).map((s) => s.dir);
    let crashes = 1;
    const runner = new JudgingRunner(rubric, (r) =>
      r.problemId === 'beam-search' && r.solution.kind === 'student' && crashes-- > 0
        ? { type: 'error', reason: 'time-limit', message: 'the run took too long' }
        : undefined,
    );
    const outcomes = await gradeSubmissions(subs, rubric, { jobs: 1, createRunner: () => runner });
    const beam = runner.started.filter((r) => r.problemId === 'beam-search' && r.solution.kind === 'student');
    // the first submission's run timed out; the second ran again and passed; the third reused that
    assert.equal(beam.length, 2);
    const scores = outcomes.map((o) => ('grade' in o ? o.grade.score : -1));
    assert.ok(scores[0]! < rubric.maxScore, String(scores));
    assert.deepEqual(scores.slice(1), [rubric.maxScore, rubric.maxScore]);
  });

  it('waits for an identical run in flight instead of running it twice, and reruns when it was not reusable', async () => {
    const cache = new RunCache();
    const ran: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const result = (j: Job, error: boolean) => ({
      job: j,
      ok: !error,
      findings: [{ checkId: 'q5.shape', ok: !error, message: 'm' }],
      artifacts: [],
      logs: [],
      wallMs: 1,
      ...(error
        ? { error: { type: 'error' as const, reason: 'student-code' as const, message: 'process.exit(3)' } }
        : { done: { type: 'done' as const, ok: true, metrics: {}, durationMs: 1, backend: 'cpu' } }),
    });
    const first = cache.run(job(), async (j) => {
      ran.push('first');
      await gate;
      return result(j, true);
    });
    const second = cache.run(job({ file: '/b/q5_beam_search.ts' }), async (j) => {
      ran.push('second');
      return result(j, false);
    });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(ran, ['first'], 'the second waits for the first');
    release();
    assert.ok((await first).error);
    const again = await second;
    assert.deepEqual(ran, ['first', 'second'], 'the crashed run was not reused');
    assert.equal(again.error, undefined);
    assert.equal((again.job.solution as { file: string }).file, '/b/q5_beam_search.ts');
    const third = await cache.run(job({ file: '/c/q5_beam_search.ts' }), () => assert.fail('reused'));
    assert.equal((third.job.solution as { file: string }).file, '/c/q5_beam_search.ts', "the result is the asker's");
    third.findings.push({ checkId: 'x', ok: true, message: '' });
    const fourth = await cache.run(job(), () => assert.fail('reused'));
    assert.equal(fourth.findings.length, 1, 'a reused result is a copy');
  });

  it('keeps results within a byte budget, the oldest dropped first (they run again)', async () => {
    const ran: string[] = [];
    const finished = (j: Job) => ({
      job: j,
      ok: true,
      findings: [{ checkId: 'q5.shape', ok: true, message: 'x'.repeat(1000) }],
      artifacts: [],
      logs: [],
      wallMs: 1,
      done: { type: 'done' as const, ok: true, metrics: {}, durationMs: 1, backend: 'cpu' },
    });
    // room for two results of ~1.1 kB, not three
    const cache = new RunCache(2500);
    const ask = (source: string) =>
      cache.run(job({ source }), async (j) => {
        ran.push(source);
        return finished(j);
      });
    for (const source of ['a', 'b', 'a', 'b', 'c', 'c', 'b', 'a']) await ask(source);
    assert.deepEqual(ran, ['a', 'b', 'c', 'a'], 'a was dropped when c came, b stayed');
    assert.deepEqual([cache.misses, cache.hits], [4, 4]);
    // a result larger than the whole budget is dropped as soon as it is kept
    const tiny = new RunCache(100);
    let runs = 0;
    for (let i = 0; i < 2; i++)
      await tiny.run(job(), async (j) => {
        runs++;
        return finished(j);
      });
    assert.equal(runs, 2);
  });

  it("does not reuse a result that names its submission's folder", async () => {
    const subs = writeSubmissions(join(tmp, 'subs'), 2, { bugs: [] }).map((s) => s.dir);
    const runner = new JudgingRunner(
      rubric,
      () => undefined,
      (r) => (r.solution.kind === 'student' ? ` in ${r.solution.file}` : ''),
    );
    const outcomes = await gradeSubmissions(subs, rubric, { jobs: 1, createRunner: () => runner });
    const students = runner.started.filter((r) => r.solution.kind === 'student');
    assert.equal(students.length, 2 * new Set(students.map((r) => r.problemId)).size, 'every student run ran');
    for (const [i, o] of outcomes.entries()) {
      assert.ok('grade' in o);
      for (const run of o.runs)
        for (const f of run.findings) if (!f.answerId) assert.ok(f.message.includes(subs[i]!), f.message);
    }
  });
});
