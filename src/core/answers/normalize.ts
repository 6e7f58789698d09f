// Turns what a student types in Markdown (Unicode, a little LaTeX, `**`, superscripts, O(…)
// wrappers, `E[qᵀk] = …`) into plain mathjs syntax. Pure string work; the parser comes after.
// Every pass is linear in the text's length (an answer may be megabytes long): no regex here
// backtracks more than a bounded amount per character, and \frac is expanded in one pass.
import type { QuestionVariable } from './questions';
import { replaceComments, trimEndOf } from './strings';

const SUPERSCRIPTS: Record<string, string> = {
  '⁰': '0',
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
  '⁻': '-',
  '⁺': '+',
  '⁽': '(',
  '⁾': ')',
  ᴺ: 'N',
  ᴰ: 'D',
  ᴹ: 'M',
  ᵈ: 'd',
  ⁿ: 'n',
};
const SUPERSCRIPT_RUN = /[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾ᴺᴰᴹᵈⁿ]+/g;

const LATEX_WORDS: [RegExp, string][] = [
  [/\\(?:cdot|times|ast)\b/g, '*'],
  [/\\(?:left|right|big|Big|bigg|Bigg)\b\s*/g, ''],
  [/\\mathcal\s*\{\s*O\s*\}/g, 'O'],
  [/\\(?:mathcal|mathrm|mathbf|operatorname|text|textrm)\s*\{([^{}]*)\}/g, '$1'],
  [/\\(sqrt|max|min|log|ln|exp|mu|sigma|pi)\b/g, '$1'],
  [/\\top\b/g, 'ᵀ'],
  [/\\[,;:!]|\\quad\b|\\qquad\b/g, ' '],
];

/**
 * Replaces `\frac{a}{b}` (nested braces allowed) by `((a)/(b))`, the outer fraction first, left to
 * right; at the first `\frac` not followed by two brace groups it stops, leaving that one and the
 * rest of the text as they are (for the parser's error). One pass: the braces are matched once,
 * and each part of the text is copied once, whatever the nesting.
 */
export function expandFractions(text: string): string {
  const fracs: number[] = [];
  for (let at = text.indexOf('\\frac'); at >= 0; at = text.indexOf('\\frac', at + 1)) fracs.push(at);
  if (fracs.length === 0) return text;
  // The matching `}` of every `{` (-1 when unbalanced).
  const closing = new Int32Array(text.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') open.push(i);
    else if (text[i] === '}' && open.length > 0) closing[open.pop()!] = i;
  }
  // Work: ranges of the text [from, to) to expand, and literal strings, in output order (a stack).
  const work: (string | [number, number])[] = [[0, text.length]];
  const out: string[] = [];
  let next = 0; // the next \frac in text order: ranges are expanded left to right
  let stopped = false;
  while (work.length > 0) {
    const item = work.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const [from, to] = item;
    while (next < fracs.length && fracs[next] < from) next++;
    if (stopped || next >= fracs.length || fracs[next] >= to) {
      out.push(text.slice(from, to));
      continue;
    }
    const at = fracs[next++];
    const groups: [number, number][] = [];
    let i = at + 5;
    while (groups.length < 2) {
      while (i < to && text[i] === ' ') i++;
      const close = i < to && text[i] === '{' ? closing[i] : -1;
      if (close < 0 || close >= to) break;
      groups.push([i + 1, close]);
      i = close + 1;
    }
    if (groups.length < 2) {
      stopped = true; // not the form we know: leave it to the parser's error
      out.push(text.slice(from, to));
      continue;
    }
    out.push(text.slice(from, at), '((');
    work.push([i, to], '))', groups[1], ')/(', groups[0]);
  }
  return out.join('');
}

/** Markdown and LaTeX decoration around a math answer: backticks, `$`, `**`, a final period. */
export function stripMarkup(text: string): string {
  const plain = replaceComments(text, ' ')
    .replace(/```[a-z]*\n?|`/g, ' ')
    .replace(/\$\$?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(\*\*|__)(.*)\1$/, '$2')
    .trim();
  return trimEndOf(plain, '.,;:').trim();
}

/** Unicode and LaTeX spellings → ASCII mathjs syntax. Leaves the structure alone. */
export function toAscii(text: string, variables: readonly QuestionVariable[] = []): string {
  let s = text;
  for (const [re, to] of LATEX_WORDS) s = s.replace(re, to);
  s = expandFractions(s);
  s = s
    .replace(/[{[]/g, '(')
    .replace(/[}\]]/g, ')')
    .replace(/[·⋅∙•×∗]/g, '*')
    .replace(/[−–—]/g, '-')
    .replace(/÷/g, '/')
    .replace(/\*\*/g, '^')
    .replace(/𝒪|𝑂/g, 'O')
    .replace(/μ|µ/g, 'mu')
    .replace(/σ/g, 'sigma')
    .replace(/π/g, 'pi')
    .replace(/‖([^‖]+)‖/g, 'norm($1)')
    .replace(/\|\|([^|]+)\|\|/g, 'norm($1)')
    .replace(/ᵀ/g, "'");
  // q^T k, q^{T} k: a transpose — unless the question has a variable T (5e's M^T is a power).
  if (!variables.some((v) => v.name === 'T' || v.aliases?.includes('T'))) s = s.replace(/\^\s*(?:\(\s*T\s*\)|T)/g, "'");
  s = s.replace(SUPERSCRIPT_RUN, (run) => {
    const power = [...run].map((c) => SUPERSCRIPTS[c]).join('');
    return /^\d+$/.test(power) ? `^${power} ` : `^(${power})`;
  });
  // √x, √(x), ∛x: the radical applies to the parenthesised group or the one token after it.
  s = s.replace(/([√∛])\s*(\(|[A-Za-z0-9_.]+)/g, (_m, root: string, arg: string) => {
    const fn = root === '√' ? 'sqrt' : 'cbrt';
    return arg === '(' ? `${fn}(` : `${fn}(${arg})`;
  });
  // `log N`, `log2 N`: a function written without parentheses takes the next token.
  // `NlogN` too: no variable name contains these letters.
  s = s.replace(/(log2|log10|log|ln|lg)\s*(?![\s(])([A-Za-z0-9_]+)/g, '$1($2)');
  return s;
}

/** The text after the last `=` (`E[qᵀk] = d μ²` → ` d μ²`), or the whole text. */
export function rightHandSide(text: string): string {
  const at = Math.max(text.lastIndexOf('='), text.lastIndexOf('≈'));
  return at >= 0 ? text.slice(at + 1) : text;
}

/** Every big-O wrapper `O(` replaced by a plain parenthesis: `O(N^2 D) + O(N^2 M)` → `(N^2 D) + (N^2 M)`. */
export function unwrapBigO(text: string): string {
  return text.replace(BIG_O_WRAPPER, (m) => m.slice(0, m.search(/[OΘΩT]/)) + '(');
}

const BIG_O_WRAPPER = /(?:^|[^A-Za-z0-9_])(?:O|Θ|Ω|Theta|Omega)\s*\(/g;

/**
 * The inside of the last big-O wrapper `O(…)`, `Θ(…)`, `Ω(…)`, `o(…)` (Unicode `𝒪` included,
 * after toAscii), or null when there is none. Balanced parentheses.
 */
export function bigOInner(text: string): string | null {
  const wrapper = new RegExp(BIG_O_WRAPPER.source, 'g');
  let last: RegExpExecArray | null = null;
  for (let m = wrapper.exec(text); m; m = wrapper.exec(text)) last = m;
  if (!last) return null;
  const open = last.index + last[0].length - 1;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open); // unbalanced: keep the `(` so that the parser says so
}
