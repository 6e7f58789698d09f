// Big-O answers as asymptotic classes: many spellings of the same class are equal, and the
// near-misses students write are not.
import assert from 'node:assert/strict';
import { parseBigO, sameClass, formatClass } from '../../../src/core/answers';
import { classOf, degreeIn, describeDifference } from '../../../src/core/answers/bigO';
import { parseExpression, AnswerSyntaxError } from '../../../src/core/answers/expression';
import { belowHull } from '../../../src/core/answers/dominance';
import { questionById } from '../../../src/core/answers/questions';

const VARS = questionById('3c-i-time')!.variables!;
const cls = (text: string) => parseBigO(text, VARS);
const reference = (id: string) => {
  const q = questionById(id)!;
  return classOf(parseExpression(q.accepted![0], VARS), ['N', 'D', 'M']);
};

const TABLE: { id: string; equivalent: string[]; different: string[] }[] = [
  {
    id: '3c-i-time',
    equivalent: [
      'O(N²D + N²M)',
      'O(N² max(D, M))',
      'O(N²(D+M))',
      'O(N^2*D + N**2*M + N)',
      'O(3N²(D+M)+ND)',
      'O(N^2 (D + M))',
      'Θ(N²·max(D,M))',
      '𝒪(N^2 D + N^2 M)',
      'O(n^2 d + n^2 m)',
      '$O(N^2 \\cdot \\max(D, M))$',
      '`O(N²(D+M))`.',
      'N^2*(D+M)',
      'O(N^2 max{D, M})',
      'O(N*N*D + N*N*M)',
      'O(N^2 D + N^2 M + N D + N M)',
      'O(2N^2 D + 2 N^2 M)',
      'O((N^2)(D+M))',
      'O(N^2 D + N^2 M - N)',
      'O(max(N^2 D, N^2 M))',
      'O(N^2 * max(D, M) + N*(D+M))',
      '$O(N^{2}(D+M))$',
      'O(N·N·(D+M))',
      'O(N²·D + N²·M)',
      'O(N^2D + N^2M)',
      'time = O(N^2 (D+M))',
      'O(N^2 D) + O(N^2 M)',
      'O(N^2 (D+M) + 1000)',
      'O(N^2 Nmax(D, M) / N)',
      'O(N^2 (sqrt(D) + sqrt(M))^2)',
      'O(N^2 D + N^2 M + N^2 sqrt(D M))',
    ],
    different: [
      'O(N²)',
      'O(N D M)',
      'O(N²D)',
      'O(N³)',
      'O(N^2 D M)',
      'O(N (D+M))',
      'O(N^2 D^2)',
      'O(N^2 log N (D+M))',
      'O(N D^2 M)',
      'O(N^2 + D + M)',
      'O(N^2 M)',
      'O(N^3 (D+M))',
      'O(N^2 sqrt(D M))',
      'O(N^2 (D+M)^2)',
    ],
  },
  {
    id: '3c-i-memory',
    equivalent: [
      'O(N² + N(D+M))',
      'O(N² + ND + NM)',
      'O(N^2 + N max(D, M))',
      'O(N(N + D + M))',
      'O(N^2 + N*D + N*M + D + M)',
      'O(N*(N+D+M))',
      'O(N² + N(D+M) + 5)',
      'O(N^2 + ND + NM + N)',
      'O(N**2 + N*(D + M))',
      'O(N^2 + N(D+M) + sqrt(N^3 D))',
      'O(N^2 + N(D+M) - N - 1)',
    ],
    different: ['O(N²)', 'O(N^2 + D + M)', 'O(N(D+M))', 'O(N^2 D)', 'O(N^2 (D+M))', 'O(N^2 + N D)', 'O(N^2 + D M)'],
  },
  {
    id: '3c-ii-time',
    equivalent: [
      'O(N D² M)',
      'O(ND²M)',
      'O(N D^2 M)',
      'O(N*D**2*M)',
      'O(N·D²·M + N·D²)',
      'O(N D² M + D² M)',
      'O(NMD^2)',
      'O(N (D+1)^2 M)',
      'O(N * (D+1)(D+2)/2 * M)',
      'O(N D^2 M + N M)',
      'O(N D^2 M + N D^2 + D^2 M)',
      'O(nd^2m)',
    ],
    different: [
      'O(N)',
      'O(N D M)',
      'O(N^2 D^2 M)',
      'O(N D^2)',
      'O(N D^3 M)',
      'O(N D^2 + M)',
      'O(N² D)',
      'O(N D^2 M^2)',
      'O(N D^2 M log N)',
    ],
  },
  {
    id: '3c-ii-memory',
    equivalent: [
      'O(N D² + D² M + N M)',
      'O(ND² + D²M + NM)',
      'O(D^2 (N + M) + N M)',
      'O(N D^2 + D^2 M + N M + N D)',
      'O((N+M) D^2 + NM)',
      'O(max(N D^2, D^2 M, N M))',
      'O(N D^2 + D^2 M + N M + D^2)',
      'O(N D^2 + D^2 M + N M + sqrt(N D^4 M))',
    ],
    different: [
      'O(N D^2)',
      'O(N D^2 M)',
      'O(N D^2 + N M)',
      'O(N^2 + D^2 M)',
      'O(N D + D M + N M)',
      'O((N + D^2)(M + D^2))',
      'O(N D^2 + D^2 M)',
    ],
  },
];

describe('big-O classes', () => {
  for (const { id, equivalent, different } of TABLE) {
    describe(id, () => {
      const expected = reference(id);
      for (const text of equivalent) {
        it(`${text} is the class ${formatClass(expected)}`, () => {
          assert.ok(sameClass(cls(text), expected), `${text} read as ${formatClass(cls(text))}`);
        });
      }
      for (const text of different) {
        it(`${text} is not`, () => {
          assert.ok(!sameClass(cls(text), expected), `${text} read as ${formatClass(cls(text))}`);
          assert.ok(describeDifference(cls(text), expected).length > 0);
        });
      }
    });
  }

  const UNREADABLE: [string, RegExp][] = [
    ['O(N^2 +)', /does not parse/],
    ['O(N^2 x)', /`x` is not a variable/],
    ['O(2^N)', /exponent must be a number/],
    ['O(N^D)', /exponent must be a number/],
    ['O(N^2 / (D + M))', /dividing by a sum/],
    ['O(-N)', /negative/],
    ['quadratic in N', /not a variable|operator/],
    ['O(exp(N))', /exp/],
    ['O(N!)', /operator/],
    ['O(f(N))', /`f` is not a variable/],
    ['O(N', /does not parse/],
    ['', /no expression/],
    ['O(min(N^2 D, N M^2))', /min/],
    ['O(N - N^2)', /subtracted term is not smaller/],
    ['O(N^2 - N^2)', /could cancel the leading terms/],
    ['O((N + D + M)^2 - D^2 - M^2)', /could cancel the leading terms/],
    ['O(N? 1 : 2)', /not an expression/],
  ];
  for (const [text, why] of UNREADABLE) {
    it(`cannot read ${JSON.stringify(text)}`, () => {
      assert.throws(
        () => cls(text),
        (e: unknown) => e instanceof AnswerSyntaxError && why.test(e.message),
      );
    });
  }

  it('reads products written without operators and powers that bind one letter', () => {
    assert.equal(formatClass(cls('O(ND²M)')), 'O(N·D^2·M)');
    assert.equal(formatClass(cls('O(N^2D)')), 'O(N^2·D)');
    assert.equal(formatClass(cls('O(NlogN)')), 'O(N·log N)');
    assert.equal(formatClass(cls('O(N log(N^2) + sqrt(N))')), 'O(N·log N)');
  });

  it('treats a term as negligible exactly when it lies below the hull of the others', () => {
    assert.equal(
      belowHull(
        [1, 1],
        [
          [2, 0],
          [0, 2],
        ],
      ),
      true,
    ); // N·D ≤ (N² + D²)/2
    assert.equal(
      belowHull(
        [1, 1],
        [
          [2, 0],
          [0, 1],
        ],
      ),
      false,
    ); // N·D vs N² + D: D = N² makes N·D win
    assert.equal(
      belowHull(
        [1, 1, 1],
        [
          [1, 2, 0],
          [0, 2, 1],
          [1, 0, 1],
        ],
      ),
      false,
    ); // N·D·M vs N·D² + D²·M + N·M
    assert.equal(
      belowHull(
        [0.5, 2, 0.5],
        [
          [1, 2, 0],
          [0, 2, 1],
        ],
      ),
      true,
    );
    assert.equal(belowHull([-1, 0], [[0, 0]]), true);
    assert.equal(belowHull([1, 0], [[0, 0]]), false);
    assert.equal(belowHull([0, 0], []), false);
    const two = [{ name: 'N' }, { name: 'D' }];
    const same = (a: string, b: string) => sameClass(parseBigO(a, two), parseBigO(b, two));
    assert.ok(same('O((N+D)^2)', 'O(N^2 + D^2)'));
    assert.ok(same('O((N+D)(N+D))', 'O(N^2 + D^2)'));
    assert.ok(same('O(N^2 + N D + D^2)', 'O(N^2 + D^2)'));
    assert.ok(same('O(N log N + N^2)', 'O(N^2)'));
    assert.ok(!same('O(N log N)', 'O(N)'));
    assert.ok(!same('O(N log N)', 'O(N^1.01)'));
    assert.ok(!same('O(N^2 + D^2 + N D log N)', 'O(N^2 + D^2)')); // N = D: N² log N beats 2N²
    assert.ok(same('O(N^2 + D^2 + sqrt(N D) log N)', 'O(N^2 + D^2)'));
    assert.ok(!same('O(N^2 + D^2)', 'O(N^2 + D^2 + N D^3)'));
    assert.ok(!same('O(N^2 + D)', 'O(N^2 + D + N D)'));
  });

  it('keeps only maximal monomials, for variables growing independently', () => {
    // D·M is dominated by neither N²·D nor N²·M: it stays.
    assert.equal(formatClass(cls('O(N^2 D + N^2 M + D M)')), 'O(N^2·D + N^2·M + D·M)');
    assert.equal(formatClass(cls('O(N^2 D + N D + D)')), 'O(N^2·D)');
    assert.equal(formatClass(cls('O(1)')), 'O(1)');
  });

  it('compares growth per variable without stating the expected class', () => {
    const expected = reference('3c-i-time');
    const said = describeDifference(cls('O(N D M)'), expected).join('; ');
    assert.match(said, /in N your answer grows like N, but the expected class grows faster in N/);
    assert.doesNotMatch(said, /N\^2/);
    assert.match(describeDifference(cls('O(N^2 D)'), expected).join(), /does not grow with M/);
    assert.match(describeDifference(cls('O(N^3 (D + M))'), expected).join(), /grows slower in N/);
    // Same degree in every variable, combined differently.
    assert.match(describeDifference(cls('O(N^2 D M)'), expected).join(), /your term N\^2·D·M grows faster/);
    assert.match(
      describeDifference(cls('O(N^2 sqrt(D M))'), expected).join(),
      /your answer grows like D\^0.5|grows faster in D/,
    );
    assert.deepEqual(degreeIn(cls('O(N^2 log N)'), 'N'), { power: 2, log: 1 });
  });
});
