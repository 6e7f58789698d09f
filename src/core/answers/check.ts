// Judges the answers a problem owns. One finding per question (plus a warning per duplicated
// heading): ✓ when right, otherwise a diagnostic at the answer's line that says what FORM of answer
// is expected — never the answer itself unless revealAnswers — and, for complexity claims, what
// the student's own implementation measured. Each question's kind (questions.ts) picks its judge.
import type { Finding } from '../engine/events';
import { createRng } from '../engine/rng';
import type { AnswersInput, Answer, MeasuredGrowth, SearchTruth } from './types';
import { questionById, type Question, type QuestionVariable } from './questions';
import { parseAnswers } from './parse';
import { AnswerSyntaxError, parseExpression, usesVectorNotation, type Expr } from './expression';
import { evaluate, type Point } from './evaluate';
import {
  classOf,
  degreeIn,
  describeDifference,
  formatClass,
  formatPower,
  parseBigO,
  sameClass,
  sameVariables,
  type AsymptoticClass,
} from './bigO';
import { rightHandSide, stripMarkup, toAscii } from './normalize';
import { parseSequences, parseYesNo, type WrittenSequence } from './sequences';
import { excerpt } from './strings';

export interface AnswerCheckOptions {
  revealAnswers?: boolean;
  /** For complexity answers: growth measured on the student's implementation, by answer id (e.g. '3c-ii-time'). */
  measured?: Record<string, MeasuredGrowth>;
  /** For formula answers: a Monte-Carlo estimate of the quantity at a point, by answer id. */
  monteCarlo?: (id: string, point: Record<string, number>) => { value: number; stderr: number };
  /** Seeded uniform [0,1) source for random evaluation points (e.g. `ctx.rng.next`); a fixed seed when absent. */
  random?: () => number;
  /** For sequence and yes/no answers: the search tree's ground truth (Q5: Figure 2, from enumeration). */
  search?: SearchTruth;
}

/** Random points per evaluated answer; Monte-Carlo estimates are requested at the first few only (they cost). */
const POINTS = 6;
const MONTE_CARLO_POINTS = 2;
const REL_TOL = 1e-6;
const MC_STDERRS = 5;
/** Default seed when the caller gives no random source: findings stay reproducible. */
const DEFAULT_SEED = 0x2a2b;

interface Judge {
  file: string;
  options: AnswerCheckOptions;
  random: () => number;
}

/** Findings for the given question ids (the calling problem's answerIds). No answers.md → []. */
export function checkAnswers(
  input: AnswersInput | undefined,
  ids: readonly string[],
  options: AnswerCheckOptions = {},
): Finding[] {
  if (!input) return [];
  const doc = parseAnswers(input);
  const rng = options.random ? undefined : createRng(DEFAULT_SEED);
  const judge: Judge = { file: input.file, options, random: options.random ?? (() => rng!.next()) };
  const findings: Finding[] = [];
  for (const id of ids) {
    const question = questionById(id);
    if (!question) continue;
    const [answer, ...duplicates] = doc.byId.get(id) ?? [];
    for (const dup of duplicates) {
      findings.push({
        checkId: 'answers.duplicate',
        ok: false,
        severity: 'warning',
        answerId: id,
        location: { file: input.file, line: dup.headingLine },
        message: `${id} has a heading already (line ${answer.headingLine}); only that first answer is checked. Remove or rename this one.`,
      });
    }
    findings.push(
      answer
        ? judgeAnswer(question, answer, judge)
        : missing(question, 1, judge, `answers.md has no \`## ${id}\` heading yet`),
    );
  }
  return findings;
}

function judgeAnswer(q: Question, answer: Answer, judge: Judge): Finding {
  if (q.kind === 'free-text') return freeText(q, answer, judge);
  if (answer.text === '') return missing(q, answer.line, judge, `${q.id} has no answer yet`);
  try {
    switch (q.kind) {
      case 'complexity':
        return complexity(q, answer, judge);
      case 'dimension':
        return dimension(q, answer, judge);
      case 'formula':
      case 'kernel':
        return evaluated(q, answer, judge);
      case 'sequences':
        return sequences(q, answer, judge);
      case 'yes-no':
        return yesNo(q, answer, judge);
    }
  } catch (e) {
    // A stack overflow the readers did not turn into an AnswerSyntaxError is the answer's too (it
    // is nested thousands deep): unreadable, at its line.
    const error =
      e instanceof RangeError && /call stack/i.test(e.message)
        ? new AnswerSyntaxError('it is nested too deeply to read')
        : e;
    if (!(error instanceof AnswerSyntaxError)) throw error;
    return result(
      q,
      answer.line,
      judge,
      'answers.unreadable',
      false,
      `Could not read ${q.id}: ${error.message}. ${READABLE[q.kind] ?? READABLE.default} Expected: ${q.expectedForm}.`,
    );
  }
}

/** How to make an unreadable answer readable, by kind. */
const READABLE: Partial<Record<Question['kind'] | 'default', string>> = {
  default: 'Put only the expression after `Answer:` (explanations below it, after a blank line).',
  sequences: 'Put only the sequences after `Answer:` (explanations below it, after a blank line).',
  'yes-no': 'Start the answer with yes or no, then give the reason.',
};

// --- findings -------------------------------------------------------------------------------

function result(
  q: Question,
  line: number,
  judge: Judge,
  checkId: string,
  ok: boolean,
  message: string,
  severity?: Finding['severity'],
): Finding {
  const reveal = judge.options.revealAnswers ? ` Reference: ${q.reference}` : '';
  return {
    checkId,
    ok,
    message: message + reveal,
    answerId: q.id,
    location: { file: judge.file, line },
    ...(ok ? { short: '✓' } : { severity: severity ?? 'error' }),
  };
}

function missing(q: Question, line: number, judge: Judge, why: string): Finding {
  return result(q, line, judge, 'answers.missing', false, `${why}: ${q.prompt} Expected: ${q.expectedForm}.`, 'info');
}

function freeText(q: Question, answer: Answer, judge: Judge): Finding {
  if (answer.text === '')
    return result(
      q,
      answer.line,
      judge,
      'answers.free-text',
      false,
      `${q.id} has no answer yet: ${q.prompt} Expected: ${q.expectedForm}; it is graded by hand.`,
      'info',
    );
  return result(q, answer.line, judge, 'answers.free-text', true, `${q.id} answered; it is graded by hand.`);
}

// --- evaluated answers: formulas (2a–2c), the kernel (3b-i), the dimension (3b-ii) ----------

/** The answer's math: markup stripped, `E[qᵀk] =` dropped, Unicode and LaTeX → mathjs syntax. */
function readMath(text: string, variables: readonly QuestionVariable[]): Expr {
  return parseExpression(toAscii(rightHandSide(stripMarkup(text)), variables), variables);
}

function samplePoint(q: Question, random: () => number): Point {
  const point: Point = {};
  for (const v of q.variables ?? []) {
    const [low, high] = v.range ?? [1, 10];
    const draw = (): number =>
      v.integer
        ? low + Math.floor(random() * (high - low + 1))
        : Math.round((low + random() * (high - low)) * 100) / 100;
    point[v.name] =
      v.fixed !== undefined ? v.fixed : v.vectorLength ? Array.from({ length: v.vectorLength }, draw) : draw();
  }
  return point;
}

const fmt = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x));

function displayName(v: QuestionVariable): string {
  return v.aliases?.find((a) => /[^\x20-\x7e]/.test(a)) ?? v.name;
}

function formatPoint(q: Question, point: Point): string {
  return (q.variables ?? [])
    .map((v) => {
      const value = point[v.name];
      return `${displayName(v)} = ${typeof value === 'number' ? fmt(value) : `(${value.map(fmt).join(', ')})`}`;
    })
    .join(', ');
}

function scalarAt(expr: Expr, point: Point): number {
  const v = evaluate(expr, point);
  if (typeof v !== 'number')
    throw new AnswerSyntaxError('it is a vector, not a number (write an inner product such as qᵀk)');
  return v;
}

const close = (a: number, b: number): boolean =>
  Math.abs(a - b) <= REL_TOL * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;

/**
 * A point where a scalar written in vector notation (2a's μᵀμ) is the constant vector of its length
 * variable — the other reading of the same answer.
 */
function asVectors(q: Question, point: Point): Point {
  const out: Point = { ...point };
  for (const v of q.variables ?? []) {
    const length = v.vectorOfLength ? point[v.vectorOfLength] : undefined;
    if (typeof length === 'number' && typeof point[v.name] === 'number')
      out[v.name] = new Array<number>(length).fill(point[v.name] as number);
  }
  return out;
}

interface Comparison {
  points: Point[];
  yours: number[];
  refs: number[][];
  /** The index of the accepted form matched, or -1. */
  matched: number;
  /** The answer was read with its scalars as vectors (μᵀμ). */
  vectorReading: boolean;
}

/** The student's values and each accepted form's at the same random points. */
function compareAtPoints(q: Question, expr: Expr, judge: Judge): Comparison {
  const points = Array.from({ length: POINTS }, () => samplePoint(q, judge.random));
  const refs = (q.accepted ?? []).map((form) => {
    const ref = parseExpression(form, q.variables ?? []);
    return points.map((p) => scalarAt(ref, p));
  });
  const readings: { vectorReading: boolean; at: (p: Point) => Point }[] = [{ vectorReading: false, at: (p) => p }];
  if (usesVectorNotation(expr) && (q.variables ?? []).some((v) => v.vectorOfLength))
    readings.push({ vectorReading: true, at: (p) => asVectors(q, p) });
  let first: Comparison | undefined;
  let error: unknown;
  for (const { vectorReading, at } of readings) {
    let yours: number[];
    try {
      yours = points.map((p) => scalarAt(expr, at(p)));
    } catch (e) {
      error ??= e;
      continue;
    }
    const matched = refs.findIndex((values) => values.every((v, i) => close(yours[i], v)));
    const comparison = { points, yours, refs, matched, vectorReading };
    if (matched >= 0) return comparison;
    first ??= comparison;
  }
  if (first) return first;
  throw error;
}

function evaluated(q: Question, answer: Answer, judge: Judge): Finding {
  const expr = readMath(answer.text, q.variables ?? []);
  const { points, yours, refs, matched, vectorReading } = compareAtPoints(q, expr, judge);
  const what = q.kind === 'kernel' ? 'kernel' : 'formula';
  const quantity = q.quantity ?? q.id;
  if (matched < 0) {
    const i = refs[0].findIndex((v, j) => !close(yours[j], v));
    const numeric = scalarPoint(points[i]);
    const mc = numeric && judge.options.monteCarlo ? judge.options.monteCarlo(q.id, numeric) : undefined;
    const mcText = mc ? ` (a Monte-Carlo estimate there: ${fmt(mc.value)} ± ${fmt(mc.stderr)})` : '';
    return result(
      q,
      answer.line,
      judge,
      'answers.formula',
      false,
      `${q.id}: at ${formatPoint(q, points[i])} your ${what} gives ${fmt(yours[i])}, but ${quantity} is ${fmt(refs[0][i])} there${mcText}. Expected: ${q.expectedForm}.`,
    );
  }
  // Right in closed form: hold it against simulation too, where the problem can simulate.
  const checked: string[] = [];
  if (judge.options.monteCarlo) {
    for (let i = 0; i < Math.min(MONTE_CARLO_POINTS, points.length); i++) {
      const numeric = scalarPoint(points[i]);
      if (!numeric) continue;
      const mc = judge.options.monteCarlo(q.id, numeric);
      const tol = MC_STDERRS * mc.stderr + 1e-9 + REL_TOL * Math.abs(mc.value);
      if (!(Math.abs(yours[i] - mc.value) <= tol)) {
        return result(
          q,
          answer.line,
          judge,
          'answers.formula',
          false,
          `${q.id}: at ${formatPoint(q, points[i])} your ${what} gives ${fmt(yours[i])}, but a Monte-Carlo estimate of ${quantity} is ${fmt(mc.value)} ± ${fmt(mc.stderr)} (more than ${MC_STDERRS} standard errors away).`,
        );
      }
      checked.push(`${fmt(mc.value)} ± ${fmt(mc.stderr)} at ${formatPoint(q, points[i])}`);
    }
  }
  const vector = (q.variables ?? []).find((v) => v.vectorOfLength);
  const variant =
    matched > 0
      ? ` (the accepted variant ${q.accepted![matched]})`
      : vectorReading && vector
        ? ` (with ${displayName(vector)} the mean vector in R^${vector.vectorOfLength})`
        : '';
  const mcText = checked.length > 0 ? `, and Monte Carlo agrees (${checked.join('; ')})` : '';
  return result(
    q,
    answer.line,
    judge,
    'answers.formula',
    true,
    `${q.id} ✓ ${what} matches ${quantity}${variant} at ${POINTS} random points${mcText}.`,
  );
}

/** A point with only scalar coordinates (what a Monte-Carlo estimator takes), else undefined. */
function scalarPoint(point: Point): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(point)) {
    if (typeof v !== 'number') return undefined;
    out[k] = v;
  }
  return out;
}

function dimension(q: Question, answer: Answer, judge: Judge): Finding {
  const expr = readMath(answer.text, q.variables ?? []);
  const { points, yours, matched } = compareAtPoints(q, expr, judge);
  if (matched >= 0)
    return result(
      q,
      answer.line,
      judge,
      'answers.formula',
      true,
      `${q.id} ✓ matches ${q.quantity ?? q.id} at ${POINTS} random sizes.`,
    );
  // No value of the reference here: one value of a size formula in D nearly gives it away.
  return result(
    q,
    answer.line,
    judge,
    'answers.formula',
    false,
    `${q.id}: for ${formatPoint(q, points[0])} your formula gives ${fmt(yours[0])}, which is not the size of a feature map of the quadratic kernel (with or without the constant term, full or compact). Expected: ${q.expectedForm}.`,
  );
}

// --- complexity (3c, 5e) ------------------------------------------------------------------------

const acceptedClassCache = new Map<string, AsymptoticClass[]>();

/** The classes a complexity question accepts; the first is the main one (messages compare with it). */
function acceptedClasses(q: Question): AsymptoticClass[] {
  let c = acceptedClassCache.get(q.id);
  if (!c) {
    const variables = q.variables ?? [];
    c = (q.accepted ?? []).map((form) =>
      classOf(
        parseExpression(form, variables),
        variables.map((v) => v.name),
      ),
    );
    acceptedClassCache.set(q.id, c);
  }
  return c;
}

/** A measured exponent this far from the claimed power is worth pointing out (timings are noisy). */
const MEASURED_GAP = 0.5;

/** Below this R² (log–log) the timings follow no single power of N: the growth is not measurable there. */
export const MEASURABLE_R2 = 0.9;

/**
 * What the machine measured beside the claim: information, never a verdict (the verdict is the
 * class). A fit that follows no power law, or a cost that does not grow, is "not measurable here";
 * a clean fit away from the claim says the sizes may not show the asymptote yet.
 */
function measuredText(claimed: AsymptoticClass, m: MeasuredGrowth | undefined): string {
  if (!m) return '';
  if (m.unmeasurable !== undefined) return ` The growth of ${m.what} is not measurable here: ${m.unmeasurable}.`;
  const range = `between ${m.variable} = ${m.from} and ${m.to}`;
  // a slope that is not positive is never quoted: it is noise, not a growth
  if (!(m.exponent > 0))
    return ` The growth of ${m.what} is not measurable here: ${range} its cost does not grow with ${m.variable}, overhead and noise outweigh it at these sizes.`;
  if (m.r2 !== undefined && m.r2 < MEASURABLE_R2)
    return ` The growth of ${m.what} is not measurable here: ${range} its cost follows no power of ${m.variable} (fit R² ${m.r2.toFixed(2)}), overhead and noise outweigh it at these sizes.`;
  const known = claimed.variables.includes(m.variable);
  const claim = known
    ? `Claimed ${formatPower(m.variable, degreeIn(claimed, m.variable))} in ${m.variable}; `
    : 'Measured: ';
  const gap =
    known && Math.abs(m.exponent - degreeIn(claimed, m.variable).power) > MEASURED_GAP
      ? ' At these sizes the cost may not show its asymptote yet.'
      : '';
  return ` ${claim}${m.what} measured ${m.variable}^${m.exponent.toFixed(2)} ${range}${m.r2 !== undefined ? ` (fit R² ${m.r2.toFixed(2)})` : ''}.${gap}`;
}

function complexity(q: Question, answer: Answer, judge: Judge): Finding {
  const claimed = parseBigO(answer.text, q.variables ?? []);
  const [expected, ...variants] = acceptedClasses(q);
  const measured = measuredText(claimed, judge.options.measured?.[q.id]);
  const quantity = q.quantity ?? q.id;
  if (sameClass(claimed, expected))
    return result(
      q,
      answer.line,
      judge,
      'answers.complexity',
      true,
      `${q.id} ✓ ${formatClass(claimed)} is the class of ${quantity}.${measured}`,
    );
  if (variants.some((v) => sameClass(claimed, v))) {
    return result(
      q,
      answer.line,
      judge,
      'answers.complexity',
      true,
      `${q.id} ✓ ${formatClass(claimed)} is an accepted class of ${quantity} (it depends on how the algorithm is implemented).${measured}`,
    );
  }
  // compared with the accepted class in the same variables (an answer in T and k with the one in T
  // and k), so the message never calls a growth wrong that another accepted answer has
  const closest = [expected, ...variants].find((c) => sameVariables(c, claimed)) ?? expected;
  return result(
    q,
    answer.line,
    judge,
    'answers.complexity',
    false,
    `${q.id}: ${formatClass(claimed)} is not the class of ${quantity}: ${describeDifference(claimed, closest).join('; ')}.${measured} Expected: ${q.expectedForm}.`,
  );
}

// --- search answers (Q5): sequences kept by the beam, yes/no about the search -----------------

const SCORE_TOL = 0.011; // a score written with two decimals

/** The problem's ground truth, or else the finding that says this run cannot judge the answer. */
function truthOf(q: Question, answer: Answer, judge: Judge): SearchTruth | Finding {
  return (
    judge.options.search ??
    result(
      q,
      answer.line,
      judge,
      'answers.missing',
      false,
      `${q.id} cannot be checked here: this run has no search tree to hold it against.`,
      'info',
    )
  );
}

/** The question with the reference that revealAnswers quotes, read off the tree (the catalog only says where it comes from). */
function withTreeReference(q: Question, truth: SearchTruth): Question {
  const words = (tokens: readonly number[]): string => tokens.map((token) => truth.vocab[token]).join(' ');
  const reference =
    q.kind === 'sequences'
      ? `{${truth.kept[q.beamStep! - 1].map((tokens) => `${words(tokens)} (${truth.score(tokens).toFixed(2)})`).join(', ')}}`
      : truth.facts[q.fact!]
        ? 'yes'
        : 'no';
  return { ...q, reference };
}

const quoted = (s: WrittenSequence): string => `\`${excerpt(s.words)}\``;
const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
/** At most this many of an answer's sequences are named in a message (a long answer may list thousands). */
const NAMED = 10;
/** `items` joined by `separator`, the first NAMED of them and how many more. */
const listed = (items: string[], separator: string): string =>
  items.length <= NAMED
    ? items.join(separator)
    : `${items.slice(0, NAMED).join(separator)}${separator}${items.length - NAMED} more`;

function sequences(question: Question, answer: Answer, judge: Judge): Finding {
  const truth = truthOf(question, answer, judge);
  if ('checkId' in truth) return truth;
  const q = withTreeReference(question, truth);
  const t = q.beamStep!;
  // A sequence listed twice is one hypothesis: the answer is a set.
  const written = [...new Map(parseSequences(answer.text, truth.vocab).map((s) => [s.tokens.join(','), s])).values()];
  const wrong = (message: string): Finding =>
    result(
      q,
      answer.line,
      judge,
      'answers.sequences',
      false,
      `${q.id}: ${message}${q.hint ? ` Hint: ${q.hint}.` : ''} Expected: ${q.expectedForm}.`,
    );

  const badLength = written.filter((s) => s.tokens.length !== t);
  if (badLength.length > 0) {
    return wrong(
      `after t = ${t} every hypothesis has ${count(t, 'word', 'words')}, but ${listed(
        badLength.map((s) => `${quoted(s)} has ${s.tokens.length}`),
        ', ',
      )} (words of one sequence are joined by spaces or arrows; commas, semicolons and new lines separate sequences).`,
    );
  }
  const kept = new Set(truth.kept[t - 1].map((tokens) => tokens.join(',')));
  if (written.length !== kept.size)
    return wrong(
      `a beam of width k = ${truth.k} keeps ${count(kept.size, 'hypothesis', 'hypotheses')} after t = ${t}, but you list ${written.length}.`,
    );
  const notKept = written.filter((s) => !kept.has(s.tokens.join(',')));
  if (notKept.length > 0)
    return wrong(
      `${listed(notKept.map(quoted), ' and ')} ${notKept.length === 1 ? 'is' : 'are'} not on the beam after t = ${t}.`,
    );
  const badScore = written.filter(
    (s) => s.score !== undefined && Math.abs(s.score - truth.score(s.tokens)) > SCORE_TOL,
  );
  if (badScore.length > 0) {
    return wrong(
      `the hypotheses are right, but the score of ${listed(badScore.map(quoted), ' and ')} is not ${badScore.length === 1 ? 'its' : 'their'} cumulative log-probability (the sum of log p(word | prefix) along the sequence, on the tree).`,
    );
  }
  const scored = written.some((s) => s.score !== undefined) ? ', with their scores' : '';
  return result(
    q,
    answer.line,
    judge,
    'answers.sequences',
    true,
    `${q.id} ✓ the ${count(written.length, 'hypothesis', 'hypotheses')} on the beam after t = ${t}${scored}.`,
  );
}

function yesNo(question: Question, answer: Answer, judge: Judge): Finding {
  const truth = truthOf(question, answer, judge);
  if ('checkId' in truth) return truth;
  const q = withTreeReference(question, truth);
  const { verdict, reason } = parseYesNo(answer.text);
  const said = verdict ? 'yes' : 'no';
  if (verdict !== truth.facts[q.fact!]) {
    return result(
      q,
      answer.line,
      judge,
      'answers.yes-no',
      false,
      `${q.id}: "${said}" is not what the tree shows${q.hint ? `: ${q.hint}` : ''}. Expected: ${q.expectedForm}.`,
    );
  }
  if (reason === '')
    return result(
      q,
      answer.line,
      judge,
      'answers.yes-no',
      false,
      `${q.id}: "${said}" is right; now say why (the reason is graded by hand).`,
      'info',
    );
  return result(
    q,
    answer.line,
    judge,
    'answers.yes-no',
    true,
    `${q.id} ✓ "${said}" is right; the reason is graded by hand.`,
  );
}
