import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/engine/events';
import { DEFAULT_MAX_LENGTH, decorationsFor, inWords, truncate } from '../../../src/extension/model/decorationModel';
import { diagnosticsFor } from '../../../src/extension/model/diagnosticModel';
import type { RunErrorEvent, RunResult } from '../../../src/extension/model/runResult';
import type { FileContext } from '../../../src/extension/model/placement';

const text = [
  'import type { StepFn, BeamResult } from "hw6-lab";', // 0
  '',
  'export function beamSearch(step: StepFn, k: number, T: number): BeamResult {', // 2
  '  // TODO(hw6:q5.beam-search) keep the k best hypotheses at every step', // 3
  '  const beams = [];',
  '  return { beams, trace: [] };', // 5
  '}',
  '',
  'export function helper() {', // 8
  '  // TODO(hw6:q5.helper)', // 9
  '}',
].join('\n');

const ctx: FileContext = { text, fileName: 'q5_beam_search.ts', markerIds: ['q5.beam-search', 'q5.helper'] };

const fail = (checkId: string, message: string, extra: Partial<Finding> = {}): Finding => ({
  checkId,
  ok: false,
  message,
  marker: 'q5.beam-search',
  ...extra,
});
const pass = (checkId: string, short?: string, extra: Partial<Finding> = {}): Finding => ({
  checkId,
  ok: true,
  message: `${checkId} holds`,
  marker: 'q5.beam-search',
  ...(short ? { short } : {}),
  ...extra,
});
const error = (e: Partial<RunErrorEvent>): RunErrorEvent => ({
  type: 'error',
  reason: 'student-code',
  message: 'boom',
  ...e,
});

describe('diagnostic model', () => {
  it('puts each failed finding at its marker line with its check code, and skips passed ones', () => {
    const result: RunResult = {
      problemId: 'beam-search',
      findings: [
        pass('q5.a'),
        fail('q5.b', 'kept set is not the top-k'),
        fail('q5.c', 'helper wrong', { marker: 'q5.helper', severity: 'warning' }),
      ],
    };
    assert.deepEqual(diagnosticsFor(result, ctx), [
      { line: 3, severity: 'error', code: 'q5.b', message: 'kept set is not the top-k' },
      { line: 9, severity: 'warning', code: 'q5.c', message: 'helper wrong' },
    ]);
  });

  it('places a finding with a location in this file at that line and column', () => {
    const result: RunResult = {
      problemId: 'beam-search',
      findings: [fail('q5.b', 'x', { location: { file: 'sub/q5_beam_search.ts', line: 5, column: 3 } })],
    };
    assert.deepEqual(
      diagnosticsFor(result, ctx).map((d) => [d.line, d.column]),
      [[4, 2]],
    );
  });

  it('ignores a location in another file and falls back to the marker; an unknown marker falls back to the first marker', () => {
    const result: RunResult = {
      problemId: 'beam-search',
      findings: [
        fail('q5.b', 'x', { location: { file: 'other.ts', line: 5 } }),
        fail('q5.c', 'y', { marker: 'q5.gone' }),
        fail('q5.d', 'z', { marker: undefined }),
      ],
    };
    assert.deepEqual(
      diagnosticsFor(result, ctx).map((d) => d.line),
      [3, 3, 3],
    );
  });

  it("puts a finding whose marker was deleted at its function's declaration, and folds follow-on failures into their cause", () => {
    const withoutMarker = text.replace(
      '  // TODO(hw6:q5.beam-search) keep the k best hypotheses at every step',
      '  // my own comment',
    );
    const result: RunResult = {
      problemId: 'beam-search',
      findings: [fail('q5.shape', 'wrong shape'), fail('q5.topk', 'not checked', { causedBy: 'q5.shape' })],
    };
    assert.deepEqual(diagnosticsFor(result, { ...ctx, text: withoutMarker }), [
      {
        line: 2,
        severity: 'error',
        code: 'q5.shape',
        message: 'wrong shape',
        related: [{ code: 'q5.topk', message: 'not checked' }],
      },
    ]);
  });

  it('skips answers.md findings', () => {
    const result: RunResult = {
      problemId: 'beam-search',
      findings: [fail('q5.answer-c', 'wrong', { marker: undefined, answerId: '5c' })],
    };
    assert.deepEqual(diagnosticsFor(result, ctx), []);
  });

  it('reports run errors with a stable code: an exception at its line, a time limit at the marker, a cancel not at all', () => {
    const thrown = diagnosticsFor(
      {
        problemId: 'beam-search',
        findings: [],
        error: error({ location: { file: 'q5_beam_search.ts', line: 5, column: 9 }, marker: 'q5.beam-search' }),
      },
      ctx,
    );
    assert.deepEqual(thrown, [{ line: 4, column: 8, severity: 'error', code: 'hw6.exception', message: 'boom' }]);
    const syntax = diagnosticsFor(
      {
        problemId: 'beam-search',
        findings: [],
        error: error({ reason: 'syntax', message: 'Expected ";"', location: { file: 'q5_beam_search.ts', line: 6 } }),
      },
      ctx,
    );
    assert.deepEqual(
      syntax.map((d) => [d.line, d.code]),
      [[5, 'hw6.syntax']],
    );
    const slow = diagnosticsFor(
      { problemId: 'beam-search', findings: [], error: error({ reason: 'time-limit', message: 'too slow' }) },
      ctx,
    );
    assert.deepEqual(
      slow.map((d) => [d.line, d.code]),
      [[3, 'hw6.time-limit']],
    );
    // errorEvent() marks "at the marker" with line 0: that is not a line of the file.
    const shape = diagnosticsFor(
      {
        problemId: 'beam-search',
        findings: [],
        error: error({ reason: 'shape', marker: 'q5.helper', location: { file: 'q5_beam_search.ts', line: 0 } }),
      },
      ctx,
    );
    assert.deepEqual(
      shape.map((d) => [d.line, d.code]),
      [[9, 'hw6.shape']],
    );
    assert.deepEqual(
      diagnosticsFor({ problemId: 'beam-search', findings: [], error: error({ reason: 'cancelled' }) }, ctx),
      [],
    );
  });

  it('clamps a location past the end of the (edited) file to its last line', () => {
    const result: RunResult = {
      problemId: 'beam-search',
      findings: [],
      error: error({ location: { file: 'q5_beam_search.ts', line: 400 } }),
    };
    assert.equal(diagnosticsFor(result, ctx)[0]!.line, 10);
  });
});

describe('decoration model', () => {
  it('says in words that the checks passed, at the start of the marker line, with each check in the hover', () => {
    const result: RunResult = {
      problemId: 'beam-search',
      findings: [pass('q5.a', 'figure 2 ✓'), pass('q5.b', 'top-k ✓')],
    };
    const [d, ...rest] = decorationsFor(result, ctx);
    assert.equal(rest.length, 0);
    assert.deepEqual(
      { ...d, details: d!.details.length },
      {
        markerId: 'q5.beam-search',
        line: 3,
        state: 'passed',
        stale: false,
        text: '✓ all 2 checks passed',
        details: 2,
        at: 'start',
      },
    );
    const [one] = decorationsFor({ problemId: 'beam-search', findings: [pass('q5.a')] }, ctx);
    assert.equal(one!.text, '✓ passed');
  });

  it('keeps the measured values of passed checks, in words', () => {
    const [d] = decorationsFor(
      { problemId: 'beam-search', findings: [pass('q5.a', 'figure 2 ✓'), pass('q5.b', 'softmax ✓ 3e-7')] },
      ctx,
    );
    assert.equal(d!.text, '✓ all 2 checks passed · softmax right: 3e-7');
  });

  it('shows the first failure in words and how many more failed, the full story in the details', () => {
    const long =
      'the kept set at step 2 is not the top-2 of the candidates: expected neural neural and network neural'.repeat(2);
    const result: RunResult = {
      problemId: 'beam-search',
      findings: [pass('q5.a'), fail('q5.b', long), fail('q5.c', 'second'), fail('q5.d', 'third')],
    };
    const [d] = decorationsFor(result, ctx);
    assert.equal(d!.state, 'failed');
    assert.equal(d!.text, '✗ the kept set at step 2 i… · 2 more checks failed');
    assert.equal([...d!.text].length, DEFAULT_MAX_LENGTH);
    assert.deepEqual(d!.details, ['✓ q5.a: q5.a holds', `✗ q5.b: ${long}`, '✗ q5.c: second', '✗ q5.d: third']);
    const [two] = decorationsFor({ ...result, findings: result.findings.slice(0, 3) }, ctx, { maxLength: 300 });
    assert.equal(two!.text, `✗ ${long} · 1 more check failed`);
  });

  it("turns a check's ✗/✓ codes into words", () => {
    const [d] = decorationsFor(
      { problemId: 'beam-search', findings: [fail('q5.b', 'gcnBackward is wrong', { short: 'grad ✗ 4e-3' })] },
      ctx,
    );
    assert.equal(d!.text, '✗ grad wrong: 4e-3');
    assert.equal(inWords('k = M^T ✗'), 'k = M^T wrong');
    assert.equal(inWords('loss ✗ NaN in 2/2 cells'), 'loss wrong: NaN in 2/2 cells');
    assert.equal(inWords('grad ✓ 1e-7 · f64 2e-10'), 'grad right: 1e-7 · f64 2e-10');
    assert.equal(inWords('eq. 3 ≠ eq. 5: 1e-2'), 'eq. 3 ≠ eq. 5: 1e-2');
  });

  it('caps the text at maxLength, the stale mark and the count of failures included', () => {
    const findings = [fail('q5.b', 'x'.repeat(200)), fail('q5.c', 'second')];
    for (const maxLength of [40, 50, 120]) {
      for (const stale of [false, true]) {
        const [d] = decorationsFor({ problemId: 'beam-search', findings }, ctx, { maxLength, stale });
        assert.equal([...d!.text].length, maxLength, `${maxLength} ${stale}: ${d!.text}`);
        assert.ok(d!.text.includes('1 more check failed'), d!.text);
        assert.equal(d!.text.endsWith(' (stale)'), stale, d!.text);
      }
    }
  });

  it('shows an error without a marker at every marker of the problem, one with a marker only there', () => {
    const syntax = decorationsFor(
      {
        problemId: 'beam-search',
        findings: [],
        error: error({ reason: 'syntax', message: 'Unexpected }', location: { file: 'q5_beam_search.ts', line: 7 } }),
      },
      ctx,
    );
    assert.deepEqual(
      syntax.map((d) => [d.markerId, d.line, d.state, d.text]),
      [
        ['q5.beam-search', 3, 'error', '✗ Syntax error (line 7): Unexpected }'],
        ['q5.helper', 9, 'error', '✗ Syntax error (line 7): Unexpected }'],
      ],
    );
    const thrown = decorationsFor(
      { problemId: 'beam-search', findings: [], error: error({ marker: 'q5.helper' }) },
      ctx,
    );
    assert.deepEqual(
      thrown.map((d) => [d.markerId, d.state]),
      [['q5.helper', 'error']],
    );
  });

  it('marks stale results and follows the marker when lines are inserted above it', () => {
    const edited = { ...ctx, text: '// a new first line\n' + text };
    const [d] = decorationsFor({ problemId: 'beam-search', findings: [fail('q5.b', 'wrong')] }, edited, {
      stale: true,
    });
    assert.deepEqual([d!.line, d!.stale, d!.text], [4, true, '✗ wrong (stale)']);
  });

  it('draws nothing for markers without results, nor when the file has no marker', () => {
    assert.deepEqual(decorationsFor({ problemId: 'beam-search', findings: [] }, ctx), []);
    assert.deepEqual(
      decorationsFor({ problemId: 'beam-search', findings: [fail('q5.b', 'x')] }, { ...ctx, text: 'no markers here' }),
      [],
    );
    assert.deepEqual(
      decorationsFor({ problemId: 'beam-search', findings: [], error: error({ reason: 'cancelled' }) }, ctx),
      [],
    );
  });

  it("does not repeat the kind of error the message already names, but keeps a student's error type", () => {
    const text = (e: Partial<RunErrorEvent>): string =>
      decorationsFor({ problemId: 'beam-search', findings: [], error: error(e) }, ctx, { maxLength: 100 })[0]!.text;
    assert.equal(
      text({
        reason: 'syntax',
        message: 'Syntax error: Unexpected token',
        location: { file: 'q5_beam_search.ts', line: 9 },
      }),
      '✗ Syntax error (line 9): Unexpected token',
    );
    assert.equal(text({ reason: 'time-limit', message: 'TimeLimitError: too slow' }), '✗ Time limit: too slow');
    assert.equal(
      text({ message: 'TypeError: x is undefined', location: { file: 'q5_beam_search.ts', line: 5 } }),
      '✗ Your code threw (line 5): TypeError: x is undefined',
    );
  });

  it('truncates on whitespace-collapsed text with an ellipsis, never inside a symbol', () => {
    assert.equal(truncate('a   b\n c', 10), 'a b c');
    assert.equal(truncate('abcdefghijk', 5), 'abcd…');
    assert.equal(truncate('𝜙𝜙𝜙𝜙𝜙𝜙', 4), '𝜙𝜙𝜙…');
  });
});
