// Big-O answers as asymptotic classes: the set of maximal monomials over the question's variables
// (each with a power and a power of its logarithm). All variables grow independently; a monomial
// is negligible in a sum when it lies below the convex hull of the sum's terms (dominance.ts), so
// N·D vanishes beside N² + D² and (N + D)² is N² + D². Two answers are the same class when their
// sets of maximal monomials are equal: O(N²D + N²M) = O(N² max(D, M)) = O(N²(D+M)) = O(3N²(D+M) + ND).
import { AnswerSyntaxError, parseExpression, withinStack, type Expr } from './expression';
import { evaluate } from './evaluate';
import { bigOInner, rightHandSide, stripMarkup, toAscii, unwrapBigO } from './normalize';
import type { QuestionVariable } from './questions';
import { belowHull } from './dominance';

/** One monomial: per variable (in the class's variable order) its power and its log power. */
export interface Monomial {
  powers: number[];
  logs: number[];
}

export interface AsymptoticClass {
  variables: string[];
  /** Maximal monomials (none negligible beside the others), in a canonical order. */
  terms: Monomial[];
}

const round = (x: number): number => Math.round(x * 1e9) / 1e9 + 0; // + 0: no -0

const key = (m: Monomial): string => `${m.powers.join(',')}|${m.logs.join(',')}`;

/** (power, log power) of `a` in variable i compared with `b`'s: <0, 0, >0. */
function compareIn(a: Monomial, b: Monomial, i: number): number {
  return a.powers[i] !== b.powers[i] ? a.powers[i] - b.powers[i] : a.logs[i] - b.logs[i];
}

/**
 * A monomial as a point for the hull test: a log counts as a tiny power, which orders N·log N
 * between N and N^1.01 — all the precision answers here need.
 */
const LOG_WEIGHT = 1e-3;
const point = (m: Monomial): number[] => m.powers.map((p, i) => p + LOG_WEIGHT * m.logs[i]);

/** Is `m` O(Σ terms)? (Below the convex hull of the terms, see dominance.ts.) */
function negligible(m: Monomial, terms: readonly Monomial[]): boolean {
  if (terms.some((t) => m.powers.every((_, i) => compareIn(m, t, i) <= 0))) return true; // one term bounds it
  return belowHull(point(m), terms.map(point));
}

/** Is `m` o(Σ terms): negligible even when pushed up a little in every variable it grows with? */
function strictlySmaller(m: Monomial, terms: readonly Monomial[]): boolean {
  const constant = (t: Monomial): boolean => t.powers.every((p) => p === 0) && t.logs.every((l) => l === 0);
  if (constant(m)) return !terms.every(constant);
  return belowHull(
    point(m).map((x, i) => (m.powers[i] !== 0 || m.logs[i] !== 0 ? x + 1e-6 : x)),
    terms.map(point),
  );
}

/** Removes duplicates and negligible monomials; sorts canonically. */
function maximal(terms: Monomial[]): Monomial[] {
  const kept = [...new Map(terms.map((m) => [key(m), m])).values()];
  // Removing a negligible term leaves the class unchanged, so one greedy pass suffices.
  for (let i = 0; i < kept.length; ) {
    if (
      negligible(
        kept[i],
        kept.filter((_, j) => j !== i),
      )
    )
      kept.splice(i, 1);
    else i++;
  }
  return kept.sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0)); // N^2·D before N^2·M
}

function mapTerm(m: Monomial, f: (x: number) => number): Monomial {
  return { powers: m.powers.map((p) => round(f(p))), logs: m.logs.map((l) => round(f(l))) };
}

/** The class of an expression tree (throws AnswerSyntaxError for what has no polynomial-log class). */
export function classOf(expr: Expr, variables: readonly string[]): AsymptoticClass {
  const zero = (): Monomial => ({ powers: variables.map(() => 0), logs: variables.map(() => 0) });
  const constant = (): Monomial[] => [zero()];
  const isConstant = (terms: Monomial[]): boolean =>
    terms.length === 1 && terms[0].powers.every((p) => p === 0) && terms[0].logs.every((l) => l === 0);
  const times = (a: Monomial[], b: Monomial[]): Monomial[] =>
    maximal(
      a.flatMap((x) =>
        b.map((y) => ({
          powers: x.powers.map((p, i) => round(p + y.powers[i])),
          logs: x.logs.map((l, i) => round(l + y.logs[i])),
        })),
      ),
    );
  const power = (a: Monomial[], c: number): Monomial[] => {
    if (c === 0) return constant();
    // (x + y)^c ≍ x^c + y^c for c > 0: no expansion needed.
    if (c < 0 && a.length > 1) throw new AnswerSyntaxError('a negative power of a sum has no simple big-O class');
    return maximal(a.map((m) => mapTerm(m, (x) => x * c)));
  };
  const numberOf = (e: Expr, what: string, why = ''): number => {
    try {
      const v = evaluate(e, {});
      if (typeof v === 'number' && Number.isFinite(v)) return v;
    } catch {
      /* a variable in it: fall through */
    }
    throw new AnswerSyntaxError(`${what} must be a number${why}`);
  };

  const walk = (e: Expr): Monomial[] => {
    switch (e.type) {
      case 'num':
        return constant();
      case 'var': {
        const m = zero();
        m.powers[variables.indexOf(e.name)] = 1;
        return [m];
      }
      case 'neg':
        throw new AnswerSyntaxError('a negative amount is not a cost');
      case 'transpose':
        throw new AnswerSyntaxError('a transpose is not a cost');
      case 'op': {
        switch (e.op) {
          case '+':
            return maximal([...walk(e.args[0]), ...walk(e.args[1])]);
          case '-': {
            const [a, b] = [walk(e.args[0]), walk(e.args[1])];
            // Only what is strictly smaller may be subtracted: N² − N is N², but N² − N² or
            // N² + D² − 2ND = (N − D)² could cancel the leading terms.
            if (!b.every((m) => strictlySmaller(m, a)))
              throw new AnswerSyntaxError(
                'a subtracted term is not smaller than what it is subtracted from, so it could cancel the leading terms',
              );
            return a;
          }
          case '*':
            return times(walk(e.args[0]), walk(e.args[1]));
          case '/': {
            const b = walk(e.args[1]);
            if (b.length !== 1) throw new AnswerSyntaxError('dividing by a sum has no simple big-O class');
            return times(walk(e.args[0]), power(b, -1));
          }
          case '^':
            return power(
              walk(e.args[0]),
              numberOf(
                e.args[1],
                'an exponent',
                ' (a variable exponent, as in 2^N, grows faster than every polynomial class)',
              ),
            );
        }
        break;
      }
      case 'call': {
        const args = e.args.map(walk);
        switch (e.fn) {
          case 'sqrt':
            return power(args[0], 0.5);
          case 'cbrt':
            return power(args[0], 1 / 3);
          case 'abs':
            return args[0];
          case 'max':
            return maximal(args.flat());
          case 'min': {
            // min(x, y) is whichever is dominated by the other; incomparable arguments have no single class.
            const smallest = args.find((a) => args.every((b) => a.every((m) => negligible(m, b))));
            if (!smallest)
              throw new AnswerSyntaxError('min(…) of terms that do not dominate one another has no simple big-O class');
            return smallest;
          }
          case 'log': {
            if (isConstant(args[0])) return constant();
            // log of a product of powers is a sum of logs; log of a sum is the largest of those.
            const terms = variables.flatMap((_, i) =>
              args[0].some((m) => m.powers[i] > 0)
                ? [{ ...zero(), logs: variables.map((__, j) => (j === i ? 1 : 0)) }]
                : [],
            );
            return maximal(terms.length > 0 ? terms : constant());
          }
          default:
            throw new AnswerSyntaxError(`${e.fn}(…) is not part of a big-O class here`);
        }
      }
    }
    throw new AnswerSyntaxError('an expression with no big-O class');
  };
  return { variables: [...variables], terms: withinStack(() => walk(expr)) };
}

/** Reads a big-O answer (`O(N²D + N²M)`, `N^2 * max(D, M)`, …). Throws AnswerSyntaxError. */
export function parseBigO(text: string, variables: readonly QuestionVariable[]): AsymptoticClass {
  const ascii = rightHandSide(toAscii(stripMarkup(text), variables));
  // The whole answer with its wrappers as parentheses (`O(N²D) + O(N²M)`), else the last O(…) in
  // it (`O(N²D) for the scores, O(N²M) for the sum, so O(N²(D+M))`). A candidate longer than an
  // expression can be is refused unread (parseExpression), so a long explanation still gets to its O(…).
  const candidates = [unwrapBigO(ascii), bigOInner(ascii)].filter((c): c is string => c !== null);
  let first: unknown;
  for (const candidate of candidates) {
    try {
      return classOf(
        parseExpression(candidate, variables, 'a big-O class'),
        variables.map((v) => v.name),
      );
    } catch (e) {
      if (!(e instanceof AnswerSyntaxError)) throw e;
      first ??= e;
    }
  }
  throw first;
}

export function sameClass(a: AsymptoticClass, b: AsymptoticClass): boolean {
  return a.terms.length === b.terms.length && a.terms.every((m, i) => key(m) === key(b.terms[i]));
}

/** How fast a class grows in one variable: the largest (power, log power) of its terms. */
export function degreeIn(c: AsymptoticClass, variable: string): { power: number; log: number } {
  const i = c.variables.indexOf(variable);
  let best = { power: 0, log: 0 };
  for (const m of c.terms) {
    if (m.powers[i] > best.power || (m.powers[i] === best.power && m.logs[i] > best.log))
      best = { power: m.powers[i], log: m.logs[i] };
  }
  return best;
}

const fmtNum = (x: number): string => String(round(x));

/** `N^2`, `N·log N`, `1` for one variable's part of a degree. */
export function formatPower(variable: string, d: { power: number; log: number }): string {
  const parts: string[] = [];
  if (d.power !== 0) parts.push(d.power === 1 ? variable : `${variable}^${fmtNum(d.power)}`);
  if (d.log !== 0) parts.push(d.log === 1 ? `log ${variable}` : `(log ${variable})^${fmtNum(d.log)}`);
  return parts.length === 0 ? '1' : parts.join('·');
}

export function formatMonomial(c: AsymptoticClass, m: Monomial): string {
  const parts = c.variables
    .map((v, i) => ({ v, d: { power: m.powers[i], log: m.logs[i] } }))
    .filter(({ d }) => d.power !== 0 || d.log !== 0);
  return parts.length === 0 ? '1' : parts.map(({ v, d }) => formatPower(v, d)).join('·');
}

/** The variables a class grows with. */
function growsWith(c: AsymptoticClass): string[] {
  return c.variables.filter((v) => {
    const d = degreeIn(c, v);
    return d.power !== 0 || d.log !== 0;
  });
}

/** Both classes grow with the same variables (e.g. both in T and k only). */
export function sameVariables(a: AsymptoticClass, b: AsymptoticClass): boolean {
  const [x, y] = [growsWith(a), growsWith(b)];
  return x.length === y.length && x.every((v) => y.includes(v));
}

/** `O(N^2·D + N^2·M)`. */
export function formatClass(c: AsymptoticClass): string {
  return `O(${c.terms.map((m) => formatMonomial(c, m)).join(' + ')})`;
}

/**
 * What differs between a claimed class and the expected one, without stating the expected class:
 * per-variable growth first, else which of the claim's terms is too big or that a term is missing.
 */
export function describeDifference(claimed: AsymptoticClass, expected: AsymptoticClass): string[] {
  const out: string[] = [];
  for (const v of expected.variables) {
    const [c, e] = [degreeIn(claimed, v), degreeIn(expected, v)];
    const cmp = c.power !== e.power ? c.power - e.power : c.log - e.log;
    if (cmp === 0) continue;
    if (c.power === 0 && c.log === 0) out.push(`your answer does not grow with ${v}, but the expected class does`);
    else if (e.power === 0 && e.log === 0)
      out.push(`your answer grows like ${formatPower(v, c)} in ${v}, but the expected class does not depend on ${v}`);
    else
      out.push(
        `in ${v} your answer grows like ${formatPower(v, c)}, but the expected class grows ${cmp < 0 ? 'faster' : 'slower'} in ${v}`,
      );
  }
  if (out.length > 0) return out;
  const tooBig = claimed.terms.find((m) => !negligible(m, expected.terms));
  if (tooBig)
    out.push(
      `your term ${formatMonomial(claimed, tooBig)} grows faster than the expected class (its growth per variable is right, but the variables combine differently)`,
    );
  else
    out.push(
      'the expected class has a term your answer does not cover (its growth per variable is right, but the variables combine differently)',
    );
  return out;
}
