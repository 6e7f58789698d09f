// Problem 2's closed forms are the answers to 2a–2c evaluated: the report, the CSV export and the
// panel show them only when closedFormsShown allows (answers revealed by the judge, or all of 2a–2c
// agree). The fixture is a recorded run (the webview tests' own).
import assert from 'node:assert/strict';
import { recordedScalingRun, RIGHT_ANSWERS } from '../../webview/fixtures/scalingRun';
import { report } from '../../../src/core/problems/attention-scaling/report';
import { scalingMomentsCsv } from '../../../src/core/problems/attention-scaling/figures/scalingCsv';
import { HIDDEN_CLOSED_FORM, closedFormsShown } from '../../../src/core/problems/attention-scaling/closedFormsShown';
import { closedVariance } from '../../../src/core/problems/attention-scaling/stats';
import { scalingProblem } from '../../../src/core/problems/attention-scaling';
import type { ScalingAnswer, ScalingRunArtifact } from '../../../src/core/problems/attention-scaling/artifact';
import type { Block } from '../../../src/core/report/types';

const WRONG_2B: ScalingAnswer = { id: '2b', text: 'd^2', line: 8 };

/** The report's Monte-Carlo table: its closed-mean and closed-variance columns, row by row. */
function reportClosedColumns(run: ScalingRunArtifact): string[][] {
  const blocks = report.artifactBlocks(run, 't-');
  const table = blocks.find(
    (b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.columns.includes('closed variance'),
  );
  assert.ok(table, 'the report has its Monte-Carlo table');
  const mean = table.columns.indexOf('closed mean');
  const variance = table.columns.indexOf('closed variance');
  return table.rows.map((row) => [row[mean]!, row[variance]!]);
}

const reportText = (run: ScalingRunArtifact): string => JSON.stringify(report.artifactBlocks(run, 't-'));

describe('problem 2 closed forms: shown only when the answers agree or are revealed', () => {
  const point = { d: 64, mu: 0, sigma: 1 };

  it('closedFormsShown: all of 2a–2c must agree; revealed answers show them regardless', () => {
    assert.equal(closedFormsShown({ answers: [] }, point), false);
    assert.equal(closedFormsShown({ answers: RIGHT_ANSWERS }, point), true);
    // 2a alone agreeing would give 2b and 2c away
    assert.equal(closedFormsShown({ answers: [RIGHT_ANSWERS[0]!] }, point), false);
    assert.equal(closedFormsShown({ answers: [RIGHT_ANSWERS[0]!, WRONG_2B, RIGHT_ANSWERS[2]!] }, point), false);
    assert.equal(closedFormsShown({ answers: [], answersRevealed: true }, point), true);
    assert.equal(closedFormsShown({ answers: [], answersRevealed: false }, point), false);
  });

  it('the report holds them back without answers (a template workspace, a reference run)', () => {
    const run = recordedScalingRun([]);
    for (const row of reportClosedColumns(run)) assert.deepEqual(row, [HIDDEN_CLOSED_FORM, HIDDEN_CLOSED_FORM]);
    // nor in the histograms' legends and descriptions
    assert.doesNotMatch(reportText(run), /closed form mean|class=\\"model\\"/);
  });

  it('the report holds them back when an answer disagrees, with the answer table’s expected value', () => {
    const run = recordedScalingRun([RIGHT_ANSWERS[0]!, WRONG_2B, RIGHT_ANSWERS[2]!]);
    for (const row of reportClosedColumns(run)) assert.deepEqual(row, [HIDDEN_CLOSED_FORM, HIDDEN_CLOSED_FORM]);
    const answers = report
      .artifactBlocks(run, 't-')
      .find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.columns.includes('closed form'));
    assert.ok(answers);
    const col = answers.columns.indexOf('closed form');
    assert.deepEqual(
      answers.rows.map((r) => r[col]),
      [HIDDEN_CLOSED_FORM, HIDDEN_CLOSED_FORM, HIDDEN_CLOSED_FORM],
    );
  });

  it('the report shows them once 2a–2c agree, or when the judge revealed the answers', () => {
    for (const run of [recordedScalingRun(), { ...recordedScalingRun([]), answersRevealed: true }]) {
      const rows = reportClosedColumns(run);
      run.moments.forEach((m, i) => assert.equal(Number(rows[i]![1]), closedVariance(m.d, m.mu, m.sigma)));
      assert.match(reportText(run), /closed form mean/);
    }
  });

  it('the CSV export leaves the closed-form columns empty until then', () => {
    const cells = (run: ScalingRunArtifact) =>
      scalingMomentsCsv(run)
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',').slice(-2));
    for (const row of cells(recordedScalingRun([]))) assert.deepEqual(row, ['', '']);
    const run = recordedScalingRun();
    cells(run).forEach((row, i) => assert.equal(Number(row[1]), closedVariance(run.moments[i]!.d, run.mu, run.sigma)));
  });

  it('only the judge says the answers are revealed: withJudgeData overwrites what the child sent', () => {
    const fromChild = { ...recordedScalingRun([]), answersRevealed: true };
    const judged = (revealAnswers: boolean) =>
      scalingProblem.withJudgeData!(fromChild, undefined, { revealAnswers }) as ScalingRunArtifact;
    assert.equal(judged(false).answersRevealed, false);
    assert.equal(judged(true).answersRevealed, true);
  });
});
