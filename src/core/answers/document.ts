// answers.md as a document: its file name, which problems judge it, and where its question headings
// are. Light on purpose (no Markdown parser, no mathjs): the extension host, the CLI and the checker's
// parser all read headings with the one rule below.
import type { ProblemInfo } from '../problem';

export const ANSWERS_FILE = 'answers.md';

/** Whether a problem's checks read answers.md. */
export function judgesAnswers(problem: ProblemInfo): boolean {
  return (problem.answerIds?.length ?? 0) > 0;
}

export interface AnswerHeading {
  id: string;
  /** 0-based line of the heading. */
  line: number;
}

const isSpace = (c: string): boolean => /\s/.test(c);
const isLineTerminator = (c: string): boolean => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';

/**
 * The text of an ATX heading line (`## 2a — mean ##` → `2a — mean`), or undefined: what
 * `/^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/` captures, worked out directly (the lazy group retries
 * `\s+#+` and `\s*$` at each character, quadratic in a long run of blanks inside the heading).
 */
export function atxHeadingText(line: string): string | undefined {
  let i = 0;
  while (line[i] === ' ') i++;
  if (i > 3) return undefined;
  const hashes = i;
  while (line[i] === '#') i++;
  if (i === hashes || i - hashes > 6) return undefined;
  const gap = i;
  while (i < line.length && isSpace(line[i])) i++;
  if (i === gap) return undefined;
  const rest = line.slice(i);
  // The content ends before the closing `#`s (when blanks precede them), else before the trailing blanks.
  let end = rest.length;
  while (end > 0 && isSpace(rest[end - 1])) end--;
  let closing = end;
  while (closing > 0 && rest[closing - 1] === '#') closing--;
  if (closing < end && closing > 0 && isSpace(rest[closing - 1])) {
    end = closing;
    while (end > 0 && isSpace(rest[end - 1])) end--;
  }
  const content = rest.slice(0, end);
  for (const c of content) if (isLineTerminator(c)) return undefined; // `.` stops at these
  return content;
}

/** The ids longest first, so that `3b-ii` is not read as `3b-i` (per ids array: every heading asks). */
const longestFirst = new WeakMap<readonly string[], string[]>();

/**
 * The question id a heading's text starts with: `2a — E[qᵀk]`, `Q3c-i-time:`, `Question 3b-ii`, case-insensitive, emphasis ignored;
 * the longest id first so that `3b-ii` is not read as `3b-i`.
 */
export function headingIdOf(headingText: string, ids: readonly string[]): string | undefined {
  const t = headingText
    .replace(/[*_`]/g, '')
    .trim()
    .toLowerCase()
    .replace(/^(?:question|problem|q)\s*/, '');
  let sorted = longestFirst.get(ids);
  if (!sorted) longestFirst.set(ids, (sorted = [...ids].sort((a, b) => b.length - a.length)));
  return sorted.find((id) => t.startsWith(id.toLowerCase()) && !/^[a-z0-9]|^-[a-z0-9]/.test(t.slice(id.length)));
}

/**
 * The headings that name one of `ids` (`## 3c-i-time`, `### 2a. Mean of qᵀk`, `# Question 3a`).
 * Duplicates are all listed, in document order. Fenced code blocks are skipped.
 */
export function findAnswerHeadings(text: string, ids: readonly string[]): AnswerHeading[] {
  const out: AnswerHeading[] = [];
  let fence: string | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === undefined) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const heading = atxHeadingText(line);
    if (heading === undefined) return;
    const id = headingIdOf(heading, ids);
    if (id !== undefined) out.push({ id, line: index });
  });
  return out;
}

/** The first heading of each id, 0-based. */
export function headingLines(text: string, ids: readonly string[]): Map<string, number> {
  const lines = new Map<string, number>();
  for (const h of findAnswerHeadings(text, ids)) if (!lines.has(h.id)) lines.set(h.id, h.line);
  return lines;
}

/** Whether answers.md (its text) has a heading for one of the questions `problem` judges. */
export function answersQuestionsOf(problem: ProblemInfo, text: string): boolean {
  return judgesAnswers(problem) && findAnswerHeadings(text, problem.answerIds ?? []).length > 0;
}
