import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/engine/events';
import type { ProblemInfo } from '../../../src/core/problem';
import {
  answerDecorationsFor,
  answerDiagnosticsFor,
  type AnswersFileContext,
} from '../../../src/extension/model/answersModel';
import { findAnswerHeadings, headingLines } from '../../../src/core/answers/document';
import { runRequestFor } from '../../../src/extension/model/runRequest';
import { parseAnswers } from '../../../src/core/answers/parse';

const Q3 = ['3a', '3b-i', '3b-ii', '3b-iii', '3c-i-time', '3c-i-memory', '3c-ii-time', '3c-ii-memory'];
const Q2 = ['2a', '2b', '2c'];

const answers = [
  '# HW6 answers', // 0
  '',
  '## 2a', // 2
  'Answer: d μ²', // 3
  '',
  '### 3b-ii. The linear form', // 5
  'Answer: O(N D^2 M)', // 6
  '',
  '## Question 3b-i', // 8
  'Answer: O(N^2 D)', // 9
  '```md', // 10
  '## 3a inside a code block is not a heading',
  '```',
  '#### 3c-i-time — time', // 13
  'Answer: O(N)', // 14
  '## 3c-i-time', // 15: a duplicate
  'Answer: O(N^2)', // 16
  'not a heading: ## 3a', // 17
  '##3a (no space: not a heading)', // 18
].join('\n');

const ctx: AnswersFileContext = { text: answers, runText: answers, fileName: 'answers.md', ids: Q3 };

const at = (line: number, file = 'answers.md'): Pick<Finding, 'location'> => ({ location: { file, line } });
const fail = (answerId: string, line: number, message: string, extra: Partial<Finding> = {}): Finding => ({
  checkId: 'answers.complexity',
  ok: false,
  message,
  answerId,
  ...at(line),
  ...extra,
});
const pass = (answerId: string, line: number, extra: Partial<Finding> = {}): Finding => ({
  checkId: 'answers.complexity',
  ok: true,
  message: `${answerId} right`,
  short: '✓',
  answerId,
  ...at(line),
  ...extra,
});

describe('answers.md headings', () => {
  it('finds each question heading by its id as a whole token, duplicates included, code blocks skipped', () => {
    assert.deepEqual(findAnswerHeadings(answers, Q3), [
      { id: '3b-ii', line: 5 },
      { id: '3b-i', line: 8 },
      { id: '3c-i-time', line: 13 },
      { id: '3c-i-time', line: 15 },
    ]);
    assert.deepEqual(findAnswerHeadings(answers, Q2), [{ id: '2a', line: 2 }]);
  });

  it('does not take 3b-i for 3b-ii, nor an id in a longer token, nor an id later in the heading', () => {
    assert.deepEqual(
      findAnswerHeadings('## 3b-ii\n## 3b-iii\n## 3c-i-timeline\n## x3a\n## About 3a\n## 3a1', [
        '3b-i',
        '3c-i-time',
        '3a',
      ]),
      [],
    );
    assert.deepEqual(
      findAnswerHeadings('## 3b-ii\n## 3b-iii', Q3).map((h) => h.id),
      ['3b-ii', '3b-iii'],
    );
  });

  it('reads headings as the checker does: Q/Question/Problem prefixes, case, emphasis, closing hashes', () => {
    const text = ['## Q3c-i-time:', '### question 3A', '## **2b** — variance', '# Problem 2c #', '## 2a)'].join('\n');
    assert.deepEqual(
      findAnswerHeadings(text, [...Q2, ...Q3]).map((h) => h.id),
      ['3c-i-time', '3a', '2b', '2c', '2a'],
    );
  });

  it('keeps the first heading of a duplicated id, and handles CRLF', () => {
    assert.equal(headingLines(answers, Q3).get('3c-i-time'), 13);
    assert.deepEqual(
      [...headingLines('## 2b\r\nAnswer: x\r\n## 2c\r\n', Q2)],
      [
        ['2b', 0],
        ['2c', 2],
      ],
    );
  });

  it("agrees with the checker's Markdown parser on where each question's heading is", () => {
    const text =
      answers + '\n## Q3c-ii-memory:\n### question 3C-II-TIME\n## **2b** — variance\n# Problem 2c #\n## 2a)\n## 3b-iii';
    const ids = [...Q2, ...Q3];
    const checker = parseAnswers({ file: 'answers.md', text }).answers.map((a) => [a.id, a.headingLine - 1]);
    assert.ok(checker.length >= 10, `the checker found ${checker.length} headings`);
    assert.deepEqual(
      findAnswerHeadings(text, ids).map((h) => [h.id, h.line]),
      checker,
    );
  });

  it('finds nothing in an empty file', () => {
    assert.deepEqual(findAnswerHeadings('', Q3), []);
  });
});

describe('answers.md diagnostics', () => {
  it('puts each failed answer at its line with its check code, info included, passed and other files skipped', () => {
    const findings: Finding[] = [
      fail('3b-ii', 7, 'Claimed O(N D² M); expected a class like O(N·f(D, M))', { severity: 'error' }),
      pass('3b-i', 10),
      fail('3a', 0, 'not answered yet', { checkId: 'answers.missing', severity: 'info', location: undefined }),
      fail('3c-i-time', 17, 'duplicate', { checkId: 'answers.duplicate', severity: 'warning' }),
      fail('3c-i-time', 5, 'in another file', { location: { file: 'q3_kernel_attention.ts', line: 5 } }),
      { checkId: 'q3.feature-map', ok: false, message: 'φ has the wrong size', marker: 'q3.feature-map' },
    ];
    assert.deepEqual(answerDiagnosticsFor(findings, ctx), [
      { line: 0, severity: 'info', code: 'answers.missing', message: 'not answered yet' },
      {
        line: 6,
        severity: 'error',
        code: 'answers.complexity',
        message: 'Claimed O(N D² M); expected a class like O(N·f(D, M))',
      },
      { line: 16, severity: 'warning', code: 'answers.duplicate', message: 'duplicate' },
    ]);
  });

  it('a finding without a location goes to its heading', () => {
    const [d] = answerDiagnosticsFor([fail('3b-i', 0, 'unreadable', { location: undefined })], ctx);
    assert.equal(d!.line, 8);
  });

  it('follows its heading when lines are added above it after the run, and clamps to the file', () => {
    const edited = { ...ctx, text: 'new line\nanother\n' + answers };
    assert.deepEqual(
      answerDiagnosticsFor([fail('3b-ii', 7, 'wrong')], edited).map((d) => d.line),
      [8],
    );
    const shortened = { ...ctx, text: '## 3b-ii' };
    assert.deepEqual(
      answerDiagnosticsFor([fail('3b-ii', 7, 'wrong')], shortened).map((d) => d.line),
      [0],
    );
  });
});

describe('answers.md decorations', () => {
  it('draws ✓ at a right answer and ✗ with the short text at a wrong one, nothing for notes', () => {
    const findings: Finding[] = [
      pass('3b-i', 10),
      fail('3b-ii', 7, 'Claimed linear in N; your linear attention measured N^1.96 between N = 512 and 4096', {
        short: 'measured N^1.96',
      }),
      fail('3a', 0, 'not answered yet', { checkId: 'answers.missing', severity: 'info', location: undefined }),
    ];
    const ds = answerDecorationsFor(findings, ctx);
    assert.deepEqual(
      ds.map((d) => [d.markerId, d.line, d.state, d.text, d.stale]),
      [
        ['3b-ii', 6, 'failed', '✗ measured N^1.96', false],
        ['3b-i', 9, 'passed', '✓', false],
      ],
    );
    assert.deepEqual(ds[0]!.details, [
      '✗ 3b-ii answers.complexity: Claimed linear in N; your linear attention measured N^1.96 between N = 512 and 4096',
    ]);
  });

  it('a wrong finding wins over a right one on the same line; short notes of right ones are kept', () => {
    const [d] = answerDecorationsFor(
      [pass('3b-i', 10, { short: 'O(N² D) ✓' }), fail('3b-i', 10, 'bad', { checkId: 'answers.formula' })],
      ctx,
    );
    assert.deepEqual([d!.state, d!.text], ['failed', '✗ bad']);
    const [ok] = answerDecorationsFor([pass('3b-i', 10, { short: 'O(N² D)' })], ctx);
    assert.equal(ok!.text, '✓ O(N² D)');
    const [noted] = answerDecorationsFor([pass('3b-i', 10), fail('3b-i', 10, 'a note', { severity: 'info' })], ctx);
    assert.deepEqual([noted?.state, noted?.text], ['passed', '✓'], 'a note beside a right answer keeps its ✓');
  });

  it('marks results stale once answers.md changed and truncates long texts', () => {
    const long = 'x'.repeat(200);
    const [d] = answerDecorationsFor([fail('3b-ii', 7, long)], { ...ctx, text: answers + '\nmore' }, { maxLength: 40 });
    assert.equal(d!.stale, true);
    assert.ok(d!.text.endsWith('… (stale)'), d!.text);
    assert.ok(d!.text.length <= 40 + ' (stale)'.length);
  });
});

describe('run request', () => {
  const problem = (answerIds?: string[]): ProblemInfo => ({
    id: 'kernel-attention',
    title: 'Kernel attention',
    questions: ['3'],
    studentFile: 'q3_kernel_attention.ts',
    markers: [],
    ...(answerIds ? { answerIds } : {}),
  });
  const settings = { quick: true, timeLimitMs: 5000, revealAnswers: false };

  it("passes answers.md's text to a problem that judges answers", () => {
    const r = runRequestFor({
      problem: problem(Q3),
      student: { file: '/w/q3_kernel_attention.ts', source: 'code' },
      answersText: '## 3a\nAnswer: x',
      checksOnly: true,
      settings,
    });
    assert.deepEqual(r, {
      problemId: 'kernel-attention',
      config: { quick: true },
      solution: { kind: 'student', file: '/w/q3_kernel_attention.ts', source: 'code' },
      checksOnly: true,
      timeLimitMs: 5000,
      answers: { file: 'answers.md', text: '## 3a\nAnswer: x' },
    });
  });

  it('sends no answers to a problem without answer ids, nor when there is no answers.md; an empty file is still sent', () => {
    assert.equal(
      runRequestFor({ problem: problem(), answersText: '## 3a', checksOnly: false, settings }).answers,
      undefined,
    );
    assert.equal(runRequestFor({ problem: problem(Q3), checksOnly: false, settings }).answers, undefined);
    assert.deepEqual(runRequestFor({ problem: problem(Q3), answersText: '', checksOnly: false, settings }).answers, {
      file: 'answers.md',
      text: '',
    });
  });

  it('runs the reference without a student file, and carries revealAnswers and the problem settings', () => {
    const r = runRequestFor({
      problem: problem(Q3),
      checksOnly: true,
      settings: { ...settings, revealAnswers: true },
      problemSettings: { weighted: false },
    });
    assert.deepEqual(r.solution, { kind: 'reference' });
    assert.deepEqual(r.config, { weighted: false, quick: true, revealAnswers: true });
  });
});
