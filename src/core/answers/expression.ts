// A student's math answer as a small expression tree over the question's variables. mathjs parses
// (its parser builds a node tree and never calls eval/new Function, so this runs under a strict
// CSP); we then translate its nodes into our own few cases, resolving how students write products:
// `ND` (one mathjs symbol) is N·D when it spells only variable names, `N(D+M)` (a mathjs function
// call) is N·(D+M), `Nmax(D, M)` is N·max(D, M).
import { create, parseDependencies } from 'mathjs';
import type {
  MathJsInstance,
  MathNode,
  ParenthesisNode,
  ConstantNode,
  SymbolNode,
  OperatorNode,
  FunctionNode,
} from 'mathjs';
import type { QuestionVariable } from './questions';

// Creating the parser builds the typed functions it depends on (~300 ms), so it is made when the
// first answer is read, not when the CLI or the extension starts.
let mathjs: MathJsInstance | undefined;
function math(): MathJsInstance {
  return (mathjs ??= create({ parseDependencies }));
}

export type Expr =
  | { type: 'num'; value: number }
  | { type: 'var'; name: string }
  | { type: 'op'; op: '+' | '-' | '*' | '/' | '^'; args: [Expr, Expr] }
  | { type: 'neg'; arg: Expr }
  | { type: 'transpose'; arg: Expr }
  | { type: 'call'; fn: AnswerFunction; args: Expr[] };

export const FUNCTIONS = ['sqrt', 'cbrt', 'max', 'min', 'log', 'exp', 'abs', 'dot', 'norm'] as const;
export type AnswerFunction = (typeof FUNCTIONS)[number];
const FUNCTION_ALIASES: Record<string, AnswerFunction> = {
  sqrt: 'sqrt',
  cbrt: 'cbrt',
  max: 'max',
  min: 'min',
  exp: 'exp',
  abs: 'abs',
  dot: 'dot',
  norm: 'norm',
  log: 'log',
  ln: 'log',
  lg: 'log',
  log2: 'log',
  log10: 'log',
};
const CONSTANTS: Record<string, number> = { pi: Math.PI };

/** The answer could not be read as math over the question's variables; `message` says why. */
export class AnswerSyntaxError extends Error {}

/**
 * The longest expression read (after normalisation): answers are a few dozen characters, a
 * derivation ends with its result after `=`, and a big-O answer's explanation is passed over for
 * its last O(…). Longer text is refused unread: parsing and judging cost grows with it, and its
 * nesting with it (mathjs and the judges recurse).
 */
export const MAX_EXPRESSION_LENGTH = 2000;

/** Refuses an expression longer than MAX_EXPRESSION_LENGTH; `what` it would have been (`a formula`). */
export function assertReadableLength(text: string, what: string): void {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new AnswerSyntaxError(
      `it is too long to be ${what} (${text.length} characters; an answer here is at most ${MAX_EXPRESSION_LENGTH})`,
    );
  }
}

/** Runs `f`, turning a stack overflow (an expression nested thousands deep) into an AnswerSyntaxError. */
export function withinStack<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message))
      throw new AnswerSyntaxError('it is nested too deeply to read');
    throw e;
  }
}

/** Spelling → canonical variable name, for one question. */
function spellings(variables: readonly QuestionVariable[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const v of variables) {
    map.set(v.name, v.name);
    for (const alias of v.aliases ?? []) if (!map.has(alias)) map.set(alias, v.name);
  }
  return map;
}

/** Splits `NDM` / `dmu` into variable names (longest spelling first), or null if it does not spell them. */
function splitProduct(symbol: string, names: Map<string, string>): string[] | null {
  if (names.has(symbol)) return [names.get(symbol)!];
  const sorted = [...names.keys()].sort((a, b) => b.length - a.length);
  const out: string[] = [];
  let rest = symbol;
  while (rest.length > 0) {
    const hit = sorted.find((spelling) => rest.startsWith(spelling));
    if (!hit) return null;
    out.push(names.get(hit)!);
    rest = rest.slice(hit.length);
  }
  return out;
}

function product(factors: Expr[]): Expr {
  return factors.reduce((acc, f) => ({ type: 'op', op: '*', args: [acc, f] }));
}

function describeVariables(variables: readonly QuestionVariable[]): string {
  const names = variables.map((v) => [v.name, ...(v.aliases ?? []).filter((a) => /[^\x20-\x7e]/.test(a))].join('/'));
  return names.length === 0 ? 'no variables' : names.join(', ');
}

const FUNCTION_NAMES = Object.keys(FUNCTION_ALIASES);
const isFunctionName = (name: string): boolean => FUNCTION_NAMES.some((f) => name === f || name.endsWith(f));

/**
 * `N (D+1)^2` is a product to a student but a call of N to mathjs (whose `^2` then squares N too):
 * a word before `(` that is not a function gets an explicit `*`.
 */
function separateCalls(text: string): string {
  return text.replace(/([A-Za-z_][A-Za-z0-9_]*)(\s*)\(/g, (m, word: string, space: string) =>
    isFunctionName(word) ? m : `${word}*${space}(`,
  );
}

/**
 * Parses normalised (ASCII, mathjs-syntax) text over `variables`. Throws AnswerSyntaxError, also
 * for text longer than MAX_EXPRESSION_LENGTH (`what` it is meant to be names it in the message).
 */
export function parseExpression(text: string, variables: readonly QuestionVariable[], what = 'a formula'): Expr {
  if (text.trim() === '') throw new AnswerSyntaxError('there is no expression to read');
  assertReadableLength(text, what);
  let node: MathNode;
  try {
    node = math().parse(separateCalls(text));
  } catch (e) {
    throw new AnswerSyntaxError(`it does not parse (${(e as Error).message})`);
  }
  const names = spellings(variables);
  const unknown = (symbol: string): AnswerSyntaxError =>
    new AnswerSyntaxError(`\`${symbol}\` is not a variable of this question (use ${describeVariables(variables)})`);

  const convert = (n: MathNode): Expr => {
    switch (n.type) {
      case 'ParenthesisNode':
        return convert((n as ParenthesisNode).content);
      case 'ConstantNode': {
        const value = (n as ConstantNode).value;
        if (typeof value !== 'number' || !Number.isFinite(value))
          throw new AnswerSyntaxError(`\`${String(value)}\` is not a number`);
        return { type: 'num', value };
      }
      case 'SymbolNode': {
        const name = (n as SymbolNode).name;
        if (name in CONSTANTS && !names.has(name)) return { type: 'num', value: CONSTANTS[name] };
        const parts = splitProduct(name, names);
        if (!parts) throw unknown(name);
        return product(parts.map((p) => ({ type: 'var', name: p })));
      }
      case 'OperatorNode': {
        const op = n as OperatorNode;
        const args = op.args.map(convert);
        switch (op.fn) {
          case 'add':
            return { type: 'op', op: '+', args: [args[0], args[1]] };
          case 'subtract':
            return { type: 'op', op: '-', args: [args[0], args[1]] };
          case 'multiply':
            return { type: 'op', op: '*', args: [args[0], args[1]] };
          case 'divide':
            return { type: 'op', op: '/', args: [args[0], args[1]] };
          case 'pow': {
            // `ND^2` is one mathjs symbol raised to 2, but a student means N·D²: the power binds the last letter.
            const base = op.args[0];
            const parts = base.type === 'SymbolNode' ? splitProduct((base as SymbolNode).name, names) : null;
            if (parts && parts.length > 1) {
              const last: Expr = {
                type: 'op',
                op: '^',
                args: [{ type: 'var', name: parts[parts.length - 1] }, args[1]],
              };
              return product([...parts.slice(0, -1).map((p): Expr => ({ type: 'var', name: p })), last]);
            }
            return { type: 'op', op: '^', args: [args[0], args[1]] };
          }
          case 'unaryMinus':
            return { type: 'neg', arg: args[0] };
          case 'unaryPlus':
            return args[0];
          case 'ctranspose':
          case 'transpose':
            return { type: 'transpose', arg: args[0] };
          default:
            throw new AnswerSyntaxError(`the operator \`${op.op}\` is not part of an answer here`);
        }
      }
      case 'FunctionNode': {
        const call = n as FunctionNode;
        const name = call.fn.type === 'SymbolNode' ? (call.fn as unknown as SymbolNode).name : '';
        const args = call.args.map(convert);
        const fn = FUNCTION_ALIASES[name];
        if (fn) return checkedCall(fn, args);
        // `N(D+M)`: a variable times a parenthesised group; `Nmax(D, M)`: variables times a function.
        const asProduct = splitProduct(name, names);
        if (asProduct && args.length === 1)
          return product([...asProduct.map((p): Expr => ({ type: 'var', name: p })), args[0]]);
        const fnSuffix = Object.keys(FUNCTION_ALIASES)
          .sort((a, b) => b.length - a.length)
          .find((f) => name.endsWith(f) && name.length > f.length);
        const prefix = fnSuffix ? splitProduct(name.slice(0, -fnSuffix.length), names) : null;
        if (fnSuffix && prefix)
          return product([
            ...prefix.map((p): Expr => ({ type: 'var', name: p })),
            checkedCall(FUNCTION_ALIASES[fnSuffix], args),
          ]);
        throw new AnswerSyntaxError(
          `\`${name || 'this'}(…)\` is not a function an answer can use (${FUNCTIONS.join(', ')})`,
        );
      }
      default:
        throw new AnswerSyntaxError(`\`${n.toString()}\` is not an expression an answer can use`);
    }
  };
  return withinStack(() => convert(node));
}

function checkedCall(fn: AnswerFunction, args: Expr[]): Expr {
  const arity: Partial<Record<AnswerFunction, number>> = { sqrt: 1, cbrt: 1, log: 1, exp: 1, abs: 1, dot: 2, norm: 1 };
  const expected = arity[fn];
  if (expected !== undefined && args.length !== expected)
    throw new AnswerSyntaxError(`${fn}(…) takes ${expected} argument${expected === 1 ? '' : 's'}`);
  if (args.length === 0) throw new AnswerSyntaxError(`${fn}() needs arguments`);
  return { type: 'call', fn, args };
}

/** Does the expression use vector notation (a transpose, dot(…), norm(…))? */
export function usesVectorNotation(expr: Expr): boolean {
  switch (expr.type) {
    case 'transpose':
      return true;
    case 'call':
      return expr.fn === 'dot' || expr.fn === 'norm' || expr.args.some(usesVectorNotation);
    case 'op':
      return expr.args.some(usesVectorNotation);
    case 'neg':
      return usesVectorNotation(expr.arg);
    default:
      return false;
  }
}

/** The variables an expression uses (canonical names). */
export function variablesOf(expr: Expr, into = new Set<string>()): Set<string> {
  switch (expr.type) {
    case 'var':
      into.add(expr.name);
      break;
    case 'op':
      expr.args.forEach((a) => variablesOf(a, into));
      break;
    case 'neg':
    case 'transpose':
      variablesOf(expr.arg, into);
      break;
    case 'call':
      expr.args.forEach((a) => variablesOf(a, into));
      break;
    default:
      break;
  }
  return into;
}
