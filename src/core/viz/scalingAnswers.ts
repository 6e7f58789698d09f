// The student's answers to 2a–2c, evaluated at the panel's (d, μ, σ) beside the closed forms. The
// answers checker (src/core/answers) owns the verdicts in answers.md; this is the panel's live view of
// the same texts: it reads a formula the way a student writes it (μ, σ, √d, d·μ², superscripts, **)
// and evaluates it with mathjs (parse + compile builds closures, no eval: fine under the panel's CSP).
import { OperatorNode, ParenthesisNode, SymbolNode, parse, type EvalFunction, type MathNode } from 'mathjs';
import type { ScalingAnswer } from '../problems/attention-scaling/artifact';

export type ScalingAnswerId = ScalingAnswer['id'];

const SUPERSCRIPTS: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '⁺': '+', '⁽': '(', '⁾': ')' };

/** A student's formula as mathjs syntax: the right-hand side of its last `=`, Unicode and ** normalised. */
export function normaliseFormula(text: string): string {
  let s = text.trim().replace(/^`+|`+$/g, '').replace(/^\$+|\$+$/g, '');
  // "E[qᵀk] = d μ²": the answer is what follows the last '=' (a ≈ counts too).
  const parts = s.split(/=|≈/);
  s = parts[parts.length - 1].trim();
  s = s
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾]+/g, (m) => `^(${[...m].map((c) => SUPERSCRIPTS[c]).join('')})`)
    .replace(/\*\*/g, '^')
    .replace(/[·×⋅∙]/g, '*')
    .replace(/[−–]/g, '-')
    .replace(/\\cdot|\\times/g, '*')
    .replace(/\\sqrt\s*\{([^}]*)\}/g, 'sqrt($1)')
    .replace(/\\mu/g, ' mu ')
    .replace(/\\sigma/g, ' sigma ')
    .replace(/[{}]/g, (c) => (c === '{' ? '(' : ')'))
    .replace(/μ/g, ' mu ')
    .replace(/σ/g, ' sigma ')
    .replace(/√\s*\(/g, 'sqrt(')
    .replace(/√\s*([A-Za-z0-9_.]+)/g, 'sqrt($1)');
  return s.replace(/\s+/g, ' ').trim();
}

export type FormulaResult = { ok: true; value: number; expression: string } | { ok: false; reason: string };

const VARIABLES = new Set(['d', 'mu', 'sigma']);
const compiled = new Map<string, EvalFunction | Error>();

/** Compiles a normalised formula once: `d(…)` is a product (mathjs reads it as a call), symbols are d, mu, sigma. */
function compileFormula(expression: string): EvalFunction | Error {
  try {
    const node = parse(expression).transform((n) => {
      const f = n as unknown as { type: string; fn?: { name?: string }; args?: MathNode[] };
      if (f.type === 'FunctionNode' && f.fn?.name && VARIABLES.has(f.fn.name) && f.args?.length === 1) {
        return new OperatorNode('*', 'multiply', [new SymbolNode(f.fn.name), new ParenthesisNode(f.args[0])], true);
      }
      return n;
    });
    const calls = new Set(node.filter((n) => n.type === 'FunctionNode').map((n) => (n as unknown as { fn: MathNode }).fn));
    const unknown = node.filter((n) => n.type === 'SymbolNode' && !calls.has(n) && !VARIABLES.has((n as unknown as { name: string }).name));
    if (unknown.length) return new Error(`unknown symbol “${(unknown[0] as unknown as { name: string }).name}” (write it in d, μ, σ)`);
    return node.compile();
  } catch (err) {
    return new Error(`cannot read “${expression}”: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Evaluates a student's formula in d, μ, σ at a point; unreadable or unknown symbols are reasons, not throws. */
export function evaluateFormula(text: string, point: { d: number; mu: number; sigma: number }): FormulaResult {
  const expression = normaliseFormula(text);
  if (!expression) return { ok: false, reason: 'no formula' };
  let fn = compiled.get(expression);
  if (!fn) {
    fn = compileFormula(expression);
    compiled.set(expression, fn);
  }
  if (fn instanceof Error) return { ok: false, reason: fn.message };
  try {
    const value = fn.evaluate({ d: point.d, mu: point.mu, sigma: point.sigma }) as unknown;
    return typeof value === 'number' && Number.isFinite(value) ? { ok: true, value, expression } : { ok: false, reason: `“${expression}” is not a number here` };
  } catch (err) {
    return { ok: false, reason: `cannot evaluate “${expression}”: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** What each answer is and where it is compared: 2b is asked at μ = 0, σ = 1. */
export const SCALING_QUESTIONS: Record<ScalingAnswerId, { quantity: string; at(p: { d: number; mu: number; sigma: number }): { d: number; mu: number; sigma: number }; expected(p: { d: number; mu: number; sigma: number }): number }> = {
  '2a': { quantity: 'E[qᵀk]', at: (p) => p, expected: (p) => p.d * p.mu * p.mu },
  '2b': { quantity: 'Var(qᵀk) at μ = 0, σ = 1', at: (p) => ({ d: p.d, mu: 0, sigma: 1 }), expected: (p) => p.d },
  '2c': { quantity: 'the scale s', at: (p) => p, expected: (p) => Math.sqrt(p.d) },
};

export interface AnswerVerdict {
  id: ScalingAnswerId;
  text: string;
  line: number;
  quantity: string;
  point: { d: number; mu: number; sigma: number };
  expected: number;
  /** The student's value, when the formula could be read. */
  value?: number;
  /** undefined: unreadable. */
  ok?: boolean;
  reason?: string;
}

/** Relative agreement: closed forms are exact, so only rounding separates a right formula from them. */
export const ANSWER_TOLERANCE = 1e-6;

/** Points where a formula must also agree (beside the panel's), so one lucky point (μ = 0) cannot pass a wrong formula. */
const PROBES = [
  { d: 37, mu: 0.7, sigma: 1.3 },
  { d: 5, mu: -0.4, sigma: 0.6 },
];

/** Each answer evaluated at the point (2b at μ = 0, σ = 1), against the closed form there and at two probe points. */
export function scalingAnswerVerdicts(answers: readonly ScalingAnswer[], point: { d: number; mu: number; sigma: number }): AnswerVerdict[] {
  const agrees = (value: number, expected: number) => Math.abs(value - expected) <= ANSWER_TOLERANCE * Math.max(1, Math.abs(expected));
  return answers.map((a) => {
    const q = SCALING_QUESTIONS[a.id];
    const at = q.at(point);
    const expected = q.expected(at);
    const base = { id: a.id, text: a.text, line: a.line, quantity: q.quantity, point: at, expected };
    const r = evaluateFormula(a.text, at);
    if (!r.ok) return { ...base, reason: r.reason };
    const probesAgree = PROBES.every((p) => {
      const pt = q.at(p);
      const v = evaluateFormula(a.text, pt);
      return v.ok && agrees(v.value, q.expected(pt));
    });
    return { ...base, value: r.value, ok: agrees(r.value, expected) && probesAgree };
  });
}
