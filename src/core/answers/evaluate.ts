// Numeric evaluation of an answer's expression tree at a point. Values are numbers or vectors (the
// kernel question's q and k, 2a's mean vector μ): a product of two vectors is their inner product, which is what
// qᵀk, q^T k, q·k and q'*k all mean; transposes are no-ops on our flat vectors.
import { AnswerSyntaxError, withinStack, type Expr } from './expression';

export type Value = number | readonly number[];
export type Point = Record<string, Value>;

const isVector = (v: Value): v is readonly number[] => typeof v !== 'number';

function dot(a: Value, b: Value): number {
  if (!isVector(a) || !isVector(b)) throw new AnswerSyntaxError('dot(…) takes two vectors');
  if (a.length !== b.length) throw new AnswerSyntaxError('dot(…) of vectors of different lengths');
  return a.reduce((s, x, i) => s + x * b[i], 0);
}

function scalar(v: Value, what: string): number {
  if (isVector(v)) throw new AnswerSyntaxError(`${what} of a vector: write the inner product qᵀk (or dot(q, k)) first`);
  return v;
}

function elementwise(a: Value, b: Value, f: (x: number, y: number) => number, what: string): Value {
  if (!isVector(a) && !isVector(b)) return f(a, b);
  if (isVector(a) && isVector(b)) {
    if (a.length !== b.length) throw new AnswerSyntaxError(`${what} of vectors of different lengths`);
    return a.map((x, i) => f(x, b[i]));
  }
  if (what === 'a sum' || what === 'a difference') throw new AnswerSyntaxError(`${what} of a vector and a number`);
  return isVector(a) ? a.map((x) => f(x, b as number)) : (b as readonly number[]).map((y) => f(a, y));
}

/** Evaluates `expr` at `point` (every variable it uses must be there). */
export function evaluate(expr: Expr, point: Point): Value {
  const ev = (e: Expr): Value => {
    switch (e.type) {
      case 'num':
        return e.value;
      case 'var': {
        const v = point[e.name];
        if (v === undefined) throw new AnswerSyntaxError(`no value for \`${e.name}\``);
        return v;
      }
      case 'neg':
        return elementwise(-1, ev(e.arg), (x, y) => x * y, 'a negation');
      case 'transpose':
        return ev(e.arg);
      case 'op': {
        const [a, b] = [ev(e.args[0]), ev(e.args[1])];
        switch (e.op) {
          case '+':
            return elementwise(a, b, (x, y) => x + y, 'a sum');
          case '-':
            return elementwise(a, b, (x, y) => x - y, 'a difference');
          case '*':
            return isVector(a) && isVector(b) ? dot(a, b) : elementwise(a, b, (x, y) => x * y, 'a product');
          case '/':
            return elementwise(a, scalar(b, 'a division by'), (x, y) => x / y, 'a quotient');
          case '^':
            return Math.pow(scalar(a, 'a power'), scalar(b, 'a power'));
        }
        break;
      }
      case 'call': {
        const args = e.args.map(ev);
        if (e.fn === 'dot') return dot(args[0], args[1]);
        if (e.fn === 'norm') return isVector(args[0]) ? Math.sqrt(dot(args[0], args[0])) : Math.abs(args[0]);
        const xs = args.map((a) => scalar(a, `${e.fn}(…)`));
        switch (e.fn) {
          case 'sqrt':
            return Math.sqrt(xs[0]);
          case 'cbrt':
            return Math.cbrt(xs[0]);
          case 'log':
            return Math.log(xs[0]);
          case 'exp':
            return Math.exp(xs[0]);
          case 'abs':
            return Math.abs(xs[0]);
          case 'max':
            return Math.max(...xs);
          case 'min':
            return Math.min(...xs);
        }
      }
    }
    throw new AnswerSyntaxError('an expression this checker cannot evaluate');
  };
  return withinStack(() => ev(expr));
}

/** Evaluates to a number, or throws AnswerSyntaxError when the result is a vector. */
export function evaluateScalar(expr: Expr, point: Point): number {
  return scalar(evaluate(expr, point), 'the answer is');
}
