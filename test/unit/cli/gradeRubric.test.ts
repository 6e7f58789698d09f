// The grader's pure parts: the rubric (its validation and the default's coverage), scoring a
// submission's findings, and the three outputs (Gradescope's documented format, the CSV, the
// feedback page's points).
import { strict as assert } from 'node:assert';
import type { Finding } from '../../../src/core/engine/events';
import { problemCatalog } from '../../../src/core/problems/catalog';
import { buildReport } from '../../../src/core/report';
import { gradebookCsv } from '../../../src/cli/grade/csv';
import { withPoints } from '../../../src/cli/grade/feedback';
import { gradescopeFailure, gradescopeResults, gradescopeResultsSchema } from '../../../src/cli/grade/gradescope';
import {
  defaultRubricFile,
  loadRubric,
  parseRubric,
  partialCredit,
  RubricError,
  type Rubric,
} from '../../../src/cli/grade/rubric';
import { scoreSubmission, type ProblemOutcome } from '../../../src/cli/grade/score';

const pass = (checkId: string, extra: Partial<Finding> = {}): Finding => ({
  checkId,
  ok: true,
  message: `${checkId} ok`,
  ...extra,
});
const fail = (checkId: string, message: string, extra: Partial<Finding> = {}): Finding => ({
  checkId,
  ok: false,
  message,
  ...extra,
});

function rubricError(json: unknown, pattern: RegExp): void {
  assert.throws(
    () => parseRubric(typeof json === 'string' ? json : JSON.stringify(json), 'my-rubric.json'),
    (e: unknown) => e instanceof RubricError && pattern.test(e.message),
  );
}

const SMALL: Rubric = parseRubric(
  JSON.stringify({
    checks: {
      'q5.shape': 1,
      'q5.random-trees': { points: 6, partial: { match: 'on (?<failed>\\d+) of (?<total>\\d+) random trees' } },
      'q1.train': 2,
    },
    questions: { '5c': 2, '2a': 1 },
    limits: { timeSeconds: 30 },
  }),
  'small.json',
);
const opts = { reveal: false, timeSeconds: 30 };

describe('grade: the rubric', () => {
  it('the default rubric parses, totals 100 and scores every check a checks-only grading run reports (hidden ones included) and every question the lab judges', () => {
    const rubric = loadRubric(defaultRubricFile());
    assert.equal(rubric.maxScore, 100);
    // checks of the experiment: a checks-only run never reports them, so grading cannot score them
    const fullRunOnly = new Set(['q4.pca-subspace', 'q4.pca-residual', 'q4.finite-loss', 'q4.probe-count']);
    const checks = problemCatalog
      .flatMap((p) => p.markers.flatMap((m) => [...(m.checks ?? []), ...(m.hiddenChecks ?? [])]))
      .filter((id) => !fullRunOnly.has(id));
    assert.deepEqual(
      rubric.items
        .filter((i) => i.kind === 'check')
        .map((i) => i.id)
        .sort(),
      [...new Set(checks)].sort(),
    );
    const judged = problemCatalog.flatMap((p) =>
      (p.answerQuestions ?? []).filter((q) => q.kind !== 'free-text').map((q) => q.id),
    );
    assert.deepEqual(
      rubric.items
        .filter((i) => i.kind === 'question')
        .map((i) => i.id)
        .sort(),
      judged.sort(),
    );
    assert.equal(rubric.limits.timeSeconds, 60);
    assert.equal(rubric.reveal, false);
  });

  it('names the offending key of a malformed rubric', () => {
    rubricError('{ "checks": ', /^my-rubric\.json: not valid JSON/);
    rubricError(
      { checks: { 'q1.train': 'five' } },
      /^my-rubric\.json: checks\["q1\.train"\]: expected points: a number ≥ 0, or an object/,
    );
    rubricError({ checks: { 'q1.train': -1 } }, /checks\["q1\.train"\]/);
    rubricError({ checks: { 'q9.nope': 2 } }, /checks\["q9\.nope"\]: no check has this id \(known: q1\.self-loops, /);
    rubricError({ questions: { '7z': 2 } }, /questions\["7z"\]: no question has this id/);
    rubricError(
      { checks: { 'q5.random-trees': { points: 2, partial: { match: '(\\d+) of (\\d+)' } } } },
      /checks\["q5\.random-trees"\]\.partial\.match: needs the named groups/,
    );
    rubricError(
      { checks: { 'q5.random-trees': { points: 2, partial: { match: '(' } } } },
      /partial\.match: not a regular expression/,
    );
    rubricError({ checks: { 'q1.train': { points: 2, pionts: 3 } } }, /checks\["q1\.train"\]/);
    rubricError({ checks: {}, limts: {} }, /my-rubric\.json: \(top level\)|limts/);
    rubricError({ limits: { timeSeconds: 0 }, checks: { 'q1.train': 1 } }, /limits\.timeSeconds/);
    rubricError({ checks: {}, questions: {} }, /gives no points/);
  });

  it('reads partial credit from a message: passed or failed of total', () => {
    assert.equal(partialCredit(/(?<failed>\d+) of (?<total>\d+) trees/, 'differ on 15 of 60 trees'), 0.75);
    assert.equal(partialCredit(/(?<passed>\d+)\/(?<total>\d+)/, 'got 3/4 right'), 0.75);
    assert.equal(partialCredit(/(?<passed>\d+)\/(?<total>\d+)/, 'nothing to read'), undefined);
  });
});

describe('grade: scoring', () => {
  it('full points for passed items, partial credit from the message, 0 for failures and unanswered questions', () => {
    const outcomes: ProblemOutcome[] = [
      {
        problemId: 'beam-search',
        findings: [
          pass('q5.shape'),
          fail('q5.random-trees', 'The final beams differ from the ground truth on 15 of 60 random trees. First: …'),
          { checkId: 'answers.sequences', ok: false, message: '5c: not on the beam', answerId: '5c' },
        ],
      },
      {
        problemId: 'zkc',
        findings: [fail('q1.train', 'loss diverges', { location: { file: '/tmp/x/q1_zkc.ts', line: 80 } })],
      },
      {
        problemId: 'attention-scaling',
        findings: [
          { checkId: 'answers.missing', ok: false, severity: 'info', message: '2a: no answer yet', answerId: '2a' },
        ],
      },
    ];
    const g = scoreSubmission('s', SMALL, outcomes, 3, opts);
    const byId = new Map(g.items.map((i) => [i.item.id, i]));
    assert.equal(byId.get('q5.shape')!.score, 1);
    assert.equal(byId.get('q5.random-trees')!.score, 4.5);
    assert.match(byId.get('q5.random-trees')!.output, /Partial credit: 4\.5 of 6 points/);
    assert.equal(byId.get('5c')!.score, 0);
    assert.equal(byId.get('q1.train')!.score, 0);
    assert.equal(byId.get('q1.train')!.output, 'loss diverges (q1_zkc.ts, line 80)');
    assert.equal(byId.get('2a')!.score, 0);
    assert.equal(byId.get('2a')!.notRun, false);
    assert.equal(g.score, 5.5);
    assert.equal(g.maxScore, 12);
    assert.deepEqual(g.byProblem.get('beam-search'), { score: 5.5, max: 9 });
  });

  it("a run that ended early scores what ran; the rest is 0 with a clear 'not run' entry", () => {
    const outcomes: ProblemOutcome[] = [
      {
        problemId: 'beam-search',
        findings: [pass('q5.shape'), { checkId: 'answers.sequences', ok: true, message: '5c ✓', answerId: '5c' }],
        error: { type: 'error', reason: 'time-limit', message: 'beamSearch ran past its time limit.' },
      },
      { problemId: 'zkc', notRun: 'q1_zkc.ts is not in the submission.' },
    ];
    const g = scoreSubmission('s', SMALL, outcomes, 3, opts);
    const byId = new Map(g.items.map((i) => [i.item.id, i]));
    assert.equal(byId.get('q5.shape')!.score, 1);
    assert.equal(byId.get('5c')!.score, 2);
    const trees = byId.get('q5.random-trees')!;
    assert.deepEqual([trees.score, trees.notRun, trees.status], [0, true, 'failed']);
    assert.equal(
      trees.output,
      'Not run: the run of problem beam-search timed out (each step may take 30 s): beamSearch ran past its time limit.',
    );
    assert.equal(byId.get('q1.train')!.output, 'Not run: q1_zkc.ts is not in the submission.');
    // no outcome at all for a problem
    assert.equal(byId.get('2a')!.output, 'Not run: problem attention-scaling did not run.');
  });

  it("never credits the reference's checks when the student's file is absent (answers judged only)", () => {
    const g = scoreSubmission(
      's',
      SMALL,
      [
        {
          problemId: 'beam-search',
          answersOnly: true,
          findings: [pass('q5.shape'), { checkId: 'answers.sequences', ok: true, message: '5c ✓', answerId: '5c' }],
        },
      ],
      1,
      opts,
    );
    const byId = new Map(g.items.map((i) => [i.item.id, i]));
    assert.equal(byId.get('q5.shape')!.score, 0);
    assert.match(byId.get('q5.shape')!.output, /^Not run: the submission has no file for problem beam-search/);
    assert.equal(byId.get('5c')!.score, 2);
  });

  it('gives the hints only when the rubric reveals', () => {
    const outcomes: ProblemOutcome[] = [
      { problemId: 'zkc', findings: [fail('q1.train', 'loss diverges', { hints: ['check the sign', 'lr·grad'] })] },
    ];
    const hidden = scoreSubmission('s', SMALL, outcomes, 1, opts).items.find((i) => i.item.id === 'q1.train')!;
    assert.equal(hidden.output, 'loss diverges');
    const shown = scoreSubmission('s', SMALL, outcomes, 1, { ...opts, reveal: true }).items.find(
      (i) => i.item.id === 'q1.train',
    )!;
    assert.equal(shown.output, 'loss diverges\nHint 1: check the sign\nHint 2: lr·grad');
  });
});

describe('grade: outputs', () => {
  const graded = scoreSubmission(
    'alice, "A"',
    SMALL,
    [
      {
        problemId: 'beam-search',
        findings: [pass('q5.shape'), fail('q5.random-trees', 'differ on 60 of 60 random trees')],
      },
      { problemId: 'zkc', findings: [pass('q1.train')] },
    ],
    12.4,
    opts,
  );

  it("writes Gradescope's results.json in the documented format", () => {
    const results = gradescopeResults(graded);
    const parsed = gradescopeResultsSchema.parse(JSON.parse(JSON.stringify(results)));
    assert.equal(parsed.score, 3);
    assert.equal(parsed.execution_time, 12);
    assert.equal(parsed.tests!.length, SMALL.items.length);
    const shape = parsed.tests!.find((t) => t.name!.startsWith('q5.shape'))!;
    assert.deepEqual([shape.score, shape.max_score, shape.status, shape.visibility], [1, 1, 'passed', 'visible']);
    assert.ok(gradescopeResultsSchema.safeParse(gradescopeFailure('unreadable', 12)).success);
    // the schema holds the documented format, not whatever we write
    assert.ok(
      !gradescopeResultsSchema.safeParse({ ...results, tests: [{ ...results.tests![0], status: 'ok' }] }).success,
    );
    assert.ok(
      !gradescopeResultsSchema.safeParse({ ...results, tests: [{ ...results.tests![0], visibility: 'public' }] })
        .success,
    );
    assert.ok(!gradescopeResultsSchema.safeParse({ tests: [{ name: 'no score anywhere' }] }).success);
  });

  it('writes a gradebook row per submission, quoting names, with per-problem and per-question points', () => {
    const csv = gradebookCsv(SMALL, [{ grade: graded }, { name: '=cmd', failed: 'refused: ../ entry' }]);
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], 'submission,total,max,zkc checks,beam-search checks,2a,5c,not run,note');
    assert.equal(lines[1], '"alice, ""A""",3,12,2,1,0,0,2a 5c,');
    assert.equal(lines[2], "'=cmd,0,12,0,0,0,0,,refused: ../ entry");
  });

  it('puts the points beside each check and answer of the report, and a grade section first', () => {
    const doc = withPoints(
      buildReport({
        runs: [
          {
            problem: problemCatalog.find((p) => p.id === 'beam-search')!,
            ok: false,
            findings: [pass('q5.shape'), fail('q5.random-trees', 'differ on 60 of 60 random trees')],
            artifacts: [],
            logs: [],
            wallMs: 10,
          },
        ],
        meta: { solution: 'alice', config: {}, generatedAt: new Date(0) },
      }),
      graded,
    );
    assert.equal(doc.headline.text, '3 of 12 points');
    assert.equal(doc.sections[0]!.title, 'Grade: 3 of 12 points');
    const items = doc.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'checks' ? b.items : []));
    assert.deepEqual(
      items.map((i) => i.text),
      ['[1 / 1 pts] q5.shape ok', '[0 / 6 pts] differ on 60 of 60 random trees'],
    );
  });
});
