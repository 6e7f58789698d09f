// checkAnswers: one finding per owned question, at the answer's line, saying what FORM is
// expected (never the answer unless revealAnswers); formulas by evaluation and Monte Carlo,
// complexity by class and against the measured growth.
import assert from 'node:assert/strict';
import { checkAnswers, QUESTIONS, type AnswerCheckOptions } from '../../../src/core/answers';
import type { Finding } from '../../../src/core/engine/events';
import { createRng } from '../../../src/core/engine/rng';

const ALL = QUESTIONS.map((q) => q.id);
const Q2 = ['2a', '2b', '2c'];
const Q3 = ['3a', '3b-i', '3b-ii', '3b-iii', '3c-i-time', '3c-i-memory', '3c-ii-time', '3c-ii-memory'];

/** The finding for `id` when answers.md has just `## id` and `Answer: text` (heading on line 3). */
function judge(id: string, text: string, options: AnswerCheckOptions = {}): Finding {
  const findings = checkAnswers(
    { file: 'answers.md', text: `# Answers\n\n## ${id}\nAnswer: ${text}\n` },
    [id],
    options,
  );
  assert.equal(findings.length, 1, JSON.stringify(findings));
  const f = findings[0];
  assert.equal(f.answerId, id);
  assert.deepEqual(f.location, { file: 'answers.md', line: 4 });
  return f;
}
const right = (id: string, text: string, options?: AnswerCheckOptions) => {
  const f = judge(id, text, options);
  assert.ok(f.ok, `${id} ${JSON.stringify(text)} should be right: ${f.message}`);
  assert.equal(f.short, '✓');
  assert.equal(f.severity, undefined);
  return f;
};
const wrong = (id: string, text: string, checkId: string, options?: AnswerCheckOptions) => {
  const f = judge(id, text, options);
  assert.ok(!f.ok, `${id} ${JSON.stringify(text)} should be wrong`);
  assert.equal(f.checkId, checkId, f.message);
  assert.equal(f.severity, 'error');
  return f;
};

const RIGHT: Record<string, string[]> = {
  '2a': [
    'μᵀμ',
    'd ‖μ‖²',
    'mu^T mu',
    '‖μ‖²',
    '||mu||^2',
    'dot(mu, mu)',
    'E[qᵀk] = μᵀμ',
    'd μ²',
    'd*mu^2',
    'dμ²',
    'd·μ²',
    'mu^2 d',
    'd * mu**2',
    'E[qᵀk] = d μ²',
    '$d\\mu^2$',
    '`d*mu^2`',
    'mu*mu*d',
    'd μ^2 + 0*σ',
    'd \\cdot \\mu^{2}',
  ],
  '2b': ['d', 'd(σ⁴ + 2μ²σ²)', 'd*sigma^4', 'Var(qᵀk) = d', 'd (sigma^2)^2', 'd·σ⁴ + 2dμ²σ²'],
  '2c': ['√d', 'sqrt(d)', '√(d)', 'd^0.5', 'd^(1/2)', 's = √d', 'σ²√d', '\\sqrt{d}', 'sqrt(d) sigma^2'],
  '3b-i': [
    '(qᵀk + 1)²',
    '(q^T k + 1)^2',
    '(q·k + 1)^2',
    '(dot(q,k)+1)^2',
    "(q'*k + 1)^2",
    '(1 + q^Tk)^2',
    '(qᵀk)²',
    'sim(q, k) = (q^T k + 1)^2',
    '(x^T y + 1)^2',
    '(q^T k)^2 + 2 q^T k + 1',
    '(q^{T} k + 1)^2',
    '(k^T q + 1)^2',
  ],
  '3b-ii': [
    '(D+1)²',
    '(D+1)^2',
    'D^2 + 2D + 1',
    '(D+1)(D+2)/2',
    'D²',
    'D(D+1)/2',
    '(d+1)^2',
    'dim φ(x) = (D+1)^2',
    '\\frac{(D+1)(D+2)}{2}',
  ],
  '3c-i-time': [
    'O(N² max(D, M))',
    'O(N²D + N²M)',
    'O(N^2 (D+M))',
    'Θ(N²(D+M))',
    'QKᵀ is O(N²D) and AV is O(N²M), so O(N²(D+M))',
  ],
  '3c-i-memory': ['O(N² + N(D+M))', 'O(N^2 + N D + N M)'],
  '3c-ii-time': ['O(N D² M)', 'O(ND²M)'],
  '3c-ii-memory': ['O(N D² + D² M + N M)', 'O(D²(N + M) + NM)'],
};
const WRONG: Record<string, string[]> = {
  '2a': ['sigma^2 mu^T mu', 'd*mu', 'mu^2', 'd*mu^2 + sigma^2', 'd(μ² + σ²)', 'd*sigma + mu^2', '0'],
  '2b': ['d^2', 'sqrt(d)', '1', '2d', '2*d + 1'],
  '2c': ['d', 'd/2', '√(d+1)', '1/sqrt(d)'],
  '3b-i': ['qᵀk', '(qᵀk + 1)^3', 'exp(q^T k)', '(q^T k + 2)^2', 'q^T k + 1'],
  '3b-ii': ['D', '2D+1', 'D^2 + 1', '(D+2)^2', '2*D + 1'],
  '3c-i-time': ['O(N²)', 'O(N D M)', 'O(N^2 D)', 'O(N^3)'],
  '3c-i-memory': ['O(N^2)', 'O(N (D + M))'],
  '3c-ii-time': ['O(N D M)', 'O(N^2 D^2 M)'],
  '3c-ii-memory': ['O(N D^2 M)', 'O(N D^2)'],
};
const UNREADABLE: [string, string, RegExp][] = [
  ['2a', 'd * x', /`x` is not a variable of this question \(use d, mu\/μ, sigma\/σ\)/],
  ['2a', 'd μ² +', /does not parse/],
  ['2a', 'the mean times d', /is not a variable/],
  ['3b-i', 'q + 1', /sum of a vector and a number/],
  ['3b-i', 'q', /vector, not a number/],
  ['3b-i', '(q^T z)^2', /`z` is not a variable/],
  ['3b-ii', 'D + N', /`N` is not a variable/],
  ['3c-i-time', 'quadratic', /`quadratic` is not a variable/],
  ['3c-ii-time', 'O(N D^2 M', /does not parse/],
  ['2a', 'd μ² (independent of σ)', /`independent` is not a variable.*Put only the expression after `Answer:`/],
];

describe('checkAnswers', () => {
  for (const [id, texts] of Object.entries(RIGHT)) {
    for (const text of texts) it(`${id}: ${text} ✓`, () => void right(id, text));
  }
  for (const [id, texts] of Object.entries(WRONG)) {
    const checkId = id.startsWith('3c') ? 'answers.complexity' : 'answers.formula';
    for (const text of texts) it(`${id}: ${text} is wrong`, () => void wrong(id, text, checkId));
  }
  for (const [id, text, why] of UNREADABLE) {
    it(`${id}: ${text} is unreadable, and says the expected form`, () => {
      const f = wrong(id, text, 'answers.unreadable');
      assert.match(f.message, why);
      assert.ok(f.message.includes(QUESTIONS.find((q) => q.id === id)!.expectedForm), f.message);
    });
  }

  it('names the point and both values of a wrong formula, not the formula', () => {
    const f = wrong('2a', 'd*mu', 'answers.formula');
    assert.match(
      f.message,
      /^2a: at d = \d+, μ = -?[\d.]+, σ = [\d.]+ your formula gives -?[\d.e+-]+, but E\[qᵀk\] is [\d.e+-]+ there\. Expected: a formula in d/,
    );
    assert.doesNotMatch(f.message, /d·μ²|d\*mu\^2|Reference/);
  });

  it('quotes the reference only with revealAnswers', () => {
    assert.doesNotMatch(wrong('3c-i-time', 'O(N^2)', 'answers.complexity').message, /max\(D, M\)|D \+ M/);
    const revealed = wrong('3c-i-time', 'O(N^2)', 'answers.complexity', { revealAnswers: true }).message;
    assert.match(revealed, /Reference: O\(N² max\(D, M\)\) ≡ O\(N²\(D \+ M\)\)/);
    assert.match(wrong('2a', 'd', 'answers.formula', { revealAnswers: true }).message, /Reference: E\[qᵀk\] = d·μ²/);
    assert.match(right('3c-ii-time', 'O(NDM D)', { revealAnswers: true }).message, /Reference: O\(N D² M\)/);
    assert.doesNotMatch(right('3c-ii-time', 'O(NDM D)').message, /Reference/);
  });

  it('compares a wrong complexity per variable and holds it against the measured growth', () => {
    const measured = {
      '3c-ii-time': { variable: 'N', exponent: 1.963, from: 512, to: 4096, what: 'your linear attention (time)' },
    };
    const f = wrong('3c-ii-time', 'O(N^2 D^2 M)', 'answers.complexity', { measured });
    assert.match(f.message, /in N your answer grows like N\^2, but the expected class grows slower in N/);
    assert.match(
      f.message,
      /Claimed N\^2 in N; your linear attention \(time\) measured N\^1\.96 between N = 512 and 4096\./,
    );
    assert.match(f.message, /Expected: a big-O class in N, D and M/);
    assert.doesNotMatch(f.message, /N·D\^2·M|N D² M/);
    // A right claim mentions the measurement too (it is the student's evidence).
    const ok = right('3c-ii-time', 'O(N D^2 M)', { measured }).message;
    assert.match(
      ok,
      /Claimed N in N; your linear attention \(time\) measured N\^1\.96 between N = 512 and 4096\. At these sizes the cost may not show its asymptote yet\.$/,
    );
    const linear = { '3c-ii-time': { ...measured['3c-ii-time'], exponent: 1.08, r2: 0.995 } };
    assert.match(
      right('3c-ii-time', 'O(N D^2 M)', { measured: linear }).message,
      /measured N\^1\.08 between N = 512 and 4096 \(fit R² 0\.99\)\.$/,
    );
  });

  it('says "not measurable here" where timings follow no power of N (a negative slope, a poor fit), never a failure-sounding word', () => {
    for (const noisy of [{ exponent: -0.28 }, { exponent: 0.5, r2: 0.4 }]) {
      const measured = {
        '3c-ii-time': { variable: 'N', from: 512, to: 4096, what: 'your linear attention (time)', ...noisy },
      };
      const message = right('3c-ii-time', 'O(N D^2 M)', { measured }).message;
      assert.match(
        message,
        /The growth of your linear attention \(time\) is not measurable here: between N = 512 and 4096 its cost (does not grow with N|follows no power of N \(fit R² 0\.40\))/,
      );
      assert.doesNotMatch(message, /Far from|does your implementation|✗|wrong|-0\.28|slope/);
    }
    // the problem's own reason, when it has one, is the whole note: no slope quoted
    const why = {
      exponent: 1.2,
      unmeasurable: 'between N = 512 and 4096 only N = 4096 took more than 4× the fixed cost',
    };
    const measured = {
      '3c-ii-time': { variable: 'N', from: 512, to: 4096, what: 'your linear attention (time)', ...why },
    };
    assert.match(
      right('3c-ii-time', 'O(N D^2 M)', { measured }).message,
      /✓ .*The growth of your linear attention \(time\) is not measurable here: between N = 512 and 4096 only N = 4096 took more than 4× the fixed cost\.$/,
    );
  });

  it('holds a right formula against Monte Carlo, and reports an estimate that disagrees', () => {
    const rng = createRng(7);
    const calls: Record<string, number>[] = [];
    const honest = (id: string, p: Record<string, number>) => {
      calls.push(p);
      assert.equal(id, '2a');
      return { value: p.d * p.mu ** 2 + 0.01 * rng.normal(), stderr: 0.01 };
    };
    const ok = right('2a', 'd μ²', { monteCarlo: honest });
    assert.match(ok.message, /Monte Carlo agrees/);
    assert.equal(calls.length, 2);
    assert.deepEqual(Object.keys(calls[0]).sort(), ['d', 'mu', 'sigma']);
    const off = (_id: string, p: Record<string, number>) => ({ value: p.d * p.mu ** 2 + 1, stderr: 0.05 });
    const f = wrong('2a', 'd μ²', 'answers.formula', { monteCarlo: off });
    assert.match(
      f.message,
      /a Monte-Carlo estimate of E\[qᵀk\] is [\d.]+ ± 0\.05 \(more than 5 standard errors away\)/,
    );
    // A wrong formula quotes the estimate beside the closed form.
    assert.match(
      wrong('2b', '2d', 'answers.formula', { monteCarlo: (_i, p) => ({ value: p.d, stderr: 0.1 }) }).message,
      /a Monte-Carlo estimate there: \d+ ± 0\.1/,
    );
  });

  it('evaluates at points drawn from the given random source (reproducibly)', () => {
    const a = judge('2a', 'd*mu', { random: createRng(1).next }).message;
    assert.equal(judge('2a', 'd*mu', { random: createRng(1).next }).message, a);
    assert.notEqual(judge('2a', 'd*mu', { random: createRng(2).next }).message, a);
    assert.equal(judge('2a', 'd*mu').message, judge('2a', 'd*mu').message);
  });

  it('reads μ in vector notation as the mean vector (μ, …, μ) ∈ R^d', () => {
    assert.match(right('2a', 'μᵀμ').message, /with μ the mean vector in R\^d/);
    assert.doesNotMatch(right('2a', 'd μ²').message, /vector/);
  });

  it('says which variant of the kernel was accepted', () => {
    assert.match(right('3b-i', '(qᵀk)²').message, /accepted variant dot\(q, k\)\^2/);
    assert.doesNotMatch(right('3b-i', '(qᵀk + 1)²').message, /variant/);
  });

  it('does not give the size away for a wrong dimension', () => {
    const f = wrong('3b-ii', '2D+1', 'answers.formula');
    assert.match(f.message, /for D = \d+ your formula gives \d+, which is not the size of a feature map/);
    assert.doesNotMatch(f.message, /D\+1|Reference/);
  });

  it('never fails free text: ✓ when answered, info when empty', () => {
    const f = right('3a', 'A non-negative kernel, so the denominator never vanishes.');
    assert.equal(f.checkId, 'answers.free-text');
    const empty = judge('3b-iii', '');
    assert.deepEqual([empty.checkId, empty.ok, empty.severity], ['answers.free-text', false, 'info']);
  });

  it('reports an empty file or a missing section as missing (info) for the owned ids only', () => {
    assert.deepEqual(checkAnswers(undefined, ALL), []);
    const findings = checkAnswers({ file: 'answers.md', text: '' }, Q2);
    assert.deepEqual(
      findings.map((f) => [f.answerId, f.checkId, f.ok, f.severity, f.location?.line]),
      Q2.map((id) => [id, 'answers.missing', false, 'info', 1]),
    );
    assert.match(findings[0].message, /answers\.md has no `## 2a` heading yet/);
    // An empty answer under its heading: missing, at its Answer: line.
    const empty = judge('3c-i-time', '');
    assert.deepEqual([empty.checkId, empty.severity], ['answers.missing', 'info']);
  });

  it('judges answers in any order, one finding per owned id in the order asked', () => {
    const text =
      '## 3c-ii-time\nAnswer: O(N D^2 M)\n## 2b\nAnswer: d\n## 3a\nAnswer: non-negative\n## 2a\nAnswer: d mu^2\n';
    const findings = checkAnswers({ file: 'answers.md', text }, Q3);
    assert.deepEqual(
      findings.map((f) => f.answerId),
      Q3,
    );
    const byId = new Map(findings.map((f) => [f.answerId, f]));
    assert.deepEqual([byId.get('3c-ii-time')!.ok, byId.get('3c-ii-time')!.location!.line], [true, 2]);
    assert.deepEqual([byId.get('3a')!.ok, byId.get('3a')!.location!.line], [true, 6]);
    assert.equal(byId.get('3c-i-time')!.checkId, 'answers.missing');
    assert.deepEqual(
      checkAnswers({ file: 'answers.md', text }, Q2).map((f) => [f.answerId, f.ok, f.location!.line]),
      [
        ['2a', true, 8],
        ['2b', true, 4],
        ['2c', false, 1],
      ],
    );
  });

  it('warns at a duplicated heading and judges the first answer', () => {
    const text = '## 2a\nAnswer: d mu^2\n\n## 2b\nAnswer: d\n\n## 2a — again\nAnswer: d\n';
    const findings = checkAnswers({ file: 'sub/answers.md', text }, ['2a']);
    assert.deepEqual(
      findings.map((f) => [f.checkId, f.ok, f.severity, f.location]),
      [
        ['answers.duplicate', false, 'warning', { file: 'sub/answers.md', line: 7 }],
        ['answers.formula', true, undefined, { file: 'sub/answers.md', line: 2 }],
      ],
    );
    assert.match(findings[0].message, /2a has a heading already \(line 1\); only that first answer is checked/);
  });

  it('skips ids it does not know (a problem of issue 6 before its catalog entry)', () => {
    assert.deepEqual(checkAnswers({ file: 'answers.md', text: '## 4a\nAnswer: x\n' }, ['4a']), []);
  });
});
