// answers.md → one Answer per question heading. The Markdown parser (mdast) finds the headings and
// the HTML comments (the template's prompts); the answer itself is cut from the raw source lines,
// because Markdown would eat the `*` of `N*D*M` as emphasis.
// Linear in the file's size (markdown.ts, strings.ts): a megabyte answer is read in well under a second.
import type { RootContent } from 'mdast';
import type { AnswersInput, Answer } from './types';
import { QUESTIONS } from './questions';
import { headingIdOf } from './document';
import { parseBlocks } from './markdown';
import { replaceComments, trimLineEnds } from './strings';

export interface AnswersDoc {
  file: string;
  /** In file order. */
  answers: Answer[];
  /** Every answer of an id, in file order (duplicates kept; the first is the one judged). */
  byId: Map<string, Answer[]>;
}

const IDS = QUESTIONS.map((q) => q.id);
/** Prose answers run to the end of their section, paragraphs and all (the report quotes them whole). */
const PROSE = new Set(QUESTIONS.filter((q) => q.kind === 'free-text').map((q) => q.id));

/** `2a — E[qᵀk]`, `Q3c-i-time:`, `Question 3b-ii` → the question id, or null (the editor's rule too). */
export function headingId(text: string): string | null {
  return headingIdOf(text, IDS) ?? null;
}

// `answer\s*(?:E\s*)?:` rather than `answer\s*E?\s*:`: the same lines, without two `\s*` in a row to
// backtrack over (quadratic in a long run of blanks after `answer`).
const ANSWER_LINE =
  /^\s*(?:>\s*)*(?:[-*+]\s+)?(?:\*\*|__|\*|_)?answer\s*(?:(?:\*\*|__|\*|_)\s*)?:\s*(?:\*\*|__|\*|_)?/i;

const startLine = (n: RootContent): number => n.position?.start.line ?? 1;
const endLine = (n: RootContent): number => n.position?.end.line ?? startLine(n);
const isComment = (n: RootContent): boolean => n.type === 'html' && n.value.trimStart().startsWith('<!--');

export function parseAnswers(input: AnswersInput): AnswersDoc {
  const lines = input.text.split(/\r?\n/);
  const { nodes, headingText } = parseBlocks(input.text);
  const answers: Answer[] = [];

  for (let h = 0; h < nodes.length; h++) {
    const heading = nodes[h];
    if (heading.type !== 'heading') continue;
    const id = headingId(headingText(heading));
    if (!id) continue;
    // The section: up to the next heading of the same or a higher level, or the next question.
    let end = h + 1;
    for (; end < nodes.length; end++) {
      const n = nodes[end];
      if (n.type === 'heading' && (n.depth <= heading.depth || headingId(headingText(n)))) break;
    }
    const body = nodes.slice(h + 1, end).filter((n) => !isComment(n));
    const lastLine = end < nodes.length ? startLine(nodes[end]) - 1 : lines.length;
    answers.push({
      id,
      headingLine: startLine(heading),
      ...answerOf(body, lines, startLine(heading), lastLine, PROSE.has(id)),
    });
  }

  const byId = new Map<string, Answer[]>();
  for (const a of answers) {
    const same = byId.get(a.id);
    if (same) same.push(a);
    else byId.set(a.id, [a]);
  }
  return { file: input.file, answers, byId };
}

/** The `Answer:` line of a section and the non-blank lines after it, else the section's prose. */
function answerOf(
  body: RootContent[],
  lines: string[],
  headingLine: number,
  lastLine: number,
  prose: boolean,
): { line: number; text: string } {
  const raw = (n: RootContent): string[] => lines.slice(startLine(n) - 1, endLine(n));
  for (let b = 0; b < body.length; b++) {
    const nodeLines = raw(body[b]);
    const at = nodeLines.findIndex((l) => ANSWER_LINE.test(l));
    if (at < 0) continue;
    const line = startLine(body[b]) + at;
    const taken = [nodeLines[at].replace(ANSWER_LINE, '')];
    // Continuation: the following non-blank lines of the section, raw (a line starting `+ N^2 M`
    // would be a new list to Markdown, but here it continues the answer).
    if (prose)
      return { line, text: clean([...taken, ...lines.slice(line, lastLine)].join('\n')).replace(/\n{3,}/g, '\n\n') };
    for (
      let l = line + 1;
      l <= lastLine && lines[l - 1].trim() !== '' && !lines[l - 1].trimStart().startsWith('<!--');
      l++
    )
      taken.push(lines[l - 1]);
    let text = clean(taken.join('\n'));
    // `Answer:` alone on its line with the answer in the next block (after a blank line).
    if (text === '' && b + 1 < body.length && startLine(body[b + 1]) > line + 1)
      text = clean(raw(body[b + 1]).join('\n'));
    return { line, text };
  }
  return { line: headingLine, text: clean(body.map((n) => raw(n).join('\n')).join('\n\n')) };
}

/** Comments out, trailing blanks of each line out, trimmed. */
function clean(text: string): string {
  return trimLineEnds(replaceComments(text, ' ')).trim();
}
