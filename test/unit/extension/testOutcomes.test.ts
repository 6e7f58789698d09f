import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/engine/events';
import { problemCatalog } from '../../../src/core/problems/catalog';
import { answerOutcome, checkOutcome, checksOf, markerTally } from '../../../src/extension/model/testOutcomes';
import { RunResults, type StoredRun } from '../../../src/extension/model/runResults';

const beam = problemCatalog.find((p) => p.id === 'beam-search')!;
const ae = problemCatalog.find((p) => p.id === 'autoencoders')!;
const MARKER = 'q5.beam-search';
const student = ['// header', 'export function beamSearch() {', `  // TODO(hw6:${MARKER})`, '  return 1;', '}'].join(
  '\n',
);
const answers = ['# Answers', '', '## 5a', 'Answer: 3', '', '## 5b', 'Answer:'].join('\n');

const run = (findings: Finding[], more: Partial<StoredRun> = {}): StoredRun => ({
  problemId: 'beam-search',
  checksOnly: true,
  findings,
  studentUri: 'file:///ws/q5_beam_search.ts',
  source: student,
  finishedAt: 0,
  ...more,
});
const check = (checkId: string) => ({ checkId, markerId: MARKER });

describe('Testing view outcomes (testOutcomes)', () => {
  it('lists the catalog checks under their markers', () => {
    assert.deepEqual(
      checksOf(beam).map((c) => c.checkId),
      ['q5.shape', 'q5.figure2-steps', 'q5.topk', 'q5.exhaustive', 'q5.random-trees'],
    );
    assert.ok(checksOf(beam).every((c) => c.markerId === MARKER));
  });

  it('a failed finding fails its check at the marker line, with the expected and actual values', () => {
    const r = run([
      {
        checkId: 'q5.topk',
        ok: false,
        message: 'kept the wrong set',
        marker: MARKER,
        expected: '[1, 2]',
        actual: '[1, 3]',
      },
      { checkId: 'q5.shape', ok: true, message: 'fine', marker: MARKER },
    ]);
    assert.deepEqual(checkOutcome(beam, r, check('q5.topk'), student), {
      state: 'failed',
      messages: [{ text: 'kept the wrong set', file: 'student', line: 2, expected: '[1, 2]', actual: '[1, 3]' }],
    });
    assert.deepEqual(checkOutcome(beam, r, check('q5.shape'), student), { state: 'passed', messages: [] });
  });

  it("a finding at a line of the student's file is shown there, and a follow-on names its cause", () => {
    const r = run([
      {
        checkId: 'q5.topk',
        ok: false,
        message: 'threw',
        marker: MARKER,
        causedBy: 'q5.shape',
        location: { file: 'q5_beam_search.ts', line: 4 },
      },
    ]);
    const out = checkOutcome(beam, r, check('q5.topk'), student);
    assert.equal(out.messages[0]!.line, 3);
    assert.equal(out.messages[0]!.text, 'threw (follows from q5.shape)');
  });

  it('a note is neither a pass nor a failure: skipped, with its text', () => {
    const r = run([{ checkId: 'q5.topk', ok: false, severity: 'info', message: 'graded by hand', marker: MARKER }]);
    assert.equal(checkOutcome(beam, r, check('q5.topk'), student).state, 'skipped');
  });

  it("a run that could not finish errors the checks it did not judge, at the error's line", () => {
    const r = run([{ checkId: 'q5.shape', ok: true, message: 'ok', marker: MARKER }], {
      error: {
        type: 'error',
        reason: 'syntax',
        message: 'Unexpected token',
        location: { file: 'q5_beam_search.ts', line: 4 },
      },
    });
    assert.equal(checkOutcome(beam, r, check('q5.shape'), student).state, 'passed');
    const out = checkOutcome(beam, r, check('q5.topk'), student);
    assert.equal(out.state, 'errored');
    assert.equal(out.messages[0]!.line, 3);
    assert.match(out.messages[0]!.text, /Syntax error \(line 4\): Unexpected token/);
  });

  it('a check with no finding: skipped by a checks-only run; after a whole run, passed only if it speaks only when it fails', () => {
    const aeRun = (checksOnly: boolean): StoredRun => ({ ...run([]), problemId: 'autoencoders', checksOnly });
    const silent = { checkId: 'q4.finite-loss', markerId: 'q4.loss' };
    const speaking = { checkId: 'q4.pca-residual', markerId: 'q4.loss' };
    assert.equal(checkOutcome(ae, aeRun(true), silent, undefined).state, 'skipped');
    assert.equal(checkOutcome(ae, aeRun(false), silent, undefined).state, 'passed');
    assert.equal(checkOutcome(ae, aeRun(false), speaking, undefined).state, 'skipped');
  });

  it('answers: failed at the answer line, passed, a note skipped, a question not judged skipped', () => {
    const r = run([
      {
        checkId: 'answers.formula',
        ok: false,
        message: 'not the formula',
        answerId: '5a',
        location: { file: 'answers.md', line: 4 },
      },
      { checkId: 'answers.missing', ok: false, severity: 'info', message: 'not answered yet', answerId: '5b' },
      { checkId: 'answers.sequences', ok: true, message: 'right', answerId: '5c' },
    ]);
    assert.deepEqual(answerOutcome(beam, r, '5a', answers), {
      state: 'failed',
      messages: [{ text: 'not the formula', file: 'answers', line: 3 }],
    });
    const note = answerOutcome(beam, r, '5b', answers);
    assert.equal(note.state, 'skipped');
    assert.equal(note.messages[0]!.line, 5, 'a note without a line sits at its heading');
    assert.equal(answerOutcome(beam, r, '5c', answers).state, 'passed');
    assert.equal(answerOutcome(beam, r, '5d', answers).state, 'skipped');
  });

  it("a marker's tally counts the checks the run judged", () => {
    const r = run([
      { checkId: 'q5.shape', ok: true, message: '', marker: MARKER },
      { checkId: 'q5.topk', ok: false, message: '', marker: MARKER },
    ]);
    assert.deepEqual(markerTally(beam, r, MARKER, student), { passed: 1, judged: 2 });
  });
});

describe('the result store (RunResults)', () => {
  const stored = run([{ checkId: 'q5.topk', ok: false, message: 'no', marker: MARKER, expected: '1', actual: '2' }], {
    error: { type: 'error', reason: 'time-limit', message: 'too slow' },
    answersUri: 'file:///ws/answers.md',
    answersSource: answers,
  });

  it('keeps the latest run per problem, tells its listeners, and persists it', () => {
    let saved: unknown;
    const store = new RunResults({ load: () => undefined, save: (d) => (saved = d) });
    const heard: string[] = [];
    const listening = store.onDidRecord((r) => heard.push(r.problemId));
    store.record(stored);
    assert.deepEqual(heard, ['beam-search']);
    listening.dispose();
    store.record({ ...stored, finishedAt: 1 });
    assert.deepEqual(heard, ['beam-search']);
    assert.equal(store.latestOf('beam-search')?.finishedAt, 1);
    const restored = new RunResults({ load: () => JSON.parse(JSON.stringify(saved)), save: () => undefined });
    assert.deepEqual(restored.latestOf('beam-search'), { ...stored, finishedAt: 1 });
    // what a reload shows again: every problem's latest run, answers.md's text included
    assert.deepEqual(restored.all(), [{ ...stored, finishedAt: 1 }]);
  });

  it('drops persisted data it cannot read, whole', () => {
    for (const bad of [undefined, 42, { version: 2, runs: [] }, { version: 1, runs: [{ problemId: 'x' }] }]) {
      const store = new RunResults({ load: () => bad, save: () => undefined });
      assert.equal(store.latestOf('x'), undefined);
    }
  });

  it('a result is current only for the file and the exact text the run read', () => {
    const store = new RunResults();
    store.record(stored);
    assert.ok(store.currentFor('beam-search', stored.studentUri!, student));
    assert.equal(store.currentFor('beam-search', stored.studentUri!, student + ' '), undefined);
    assert.equal(store.currentFor('beam-search', 'file:///other/q5_beam_search.ts', student), undefined);
  });
});
