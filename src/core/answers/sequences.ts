// Answers that list token sequences (Q5's beams) and answers that start with yes or no (5d). The
// format is forgiving on purpose: one sequence per line or separated by commas, semicolons or
// `and`; words joined by spaces, arrows or commas inside brackets; set braces, quotes, list bullets,
// `t = 2:` labels and a score after each sequence are all fine. Anything else — a word that is not
// in the vocabulary, two scores for one sequence — is an AnswerSyntaxError that names it.
import { AnswerSyntaxError } from './expression';
import { excerpt, replaceComments } from './strings';

export interface WrittenSequence {
  /** Token ids, in order. */
  tokens: number[];
  /** The words as the vocabulary spells them, joined by spaces (for messages). */
  words: string;
  /** The score written after the sequence, if any. */
  score?: number;
}

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Markdown and notation around the list: comments, code and math marks, quotes, bullets, labels. */
function plain(text: string): string {
  const unquoted = replaceComments(text, ' ')
    .replace(/[`$*_"“”‘’«»]/g, ' ')
    .replace(/(^|\s)'|'(?=\s|$|[,;.)\]}])/g, '$1 ');
  return (
    stripBullets(unquoted)
      // `t = 2:` labels (`\s*(?:=\s*)?` is `\s*=?\s*` without two `\s*` in a row to backtrack over)
      .replace(/\b(?:(?:at|after)\s+)?(?:t|step)\s*(?:=\s*)?\d+\s*[:.)]?/gi, ' ')
      .replace(/([A-Za-z])-(?=[A-Za-z])/g, '$1 ') // neural-network
      .replace(/[−–—]/g, '-')
      .replace(/→|⟶|⇒|->|=>|>/g, ' ')
      .replace(/[{}]/g, ' ')
  );
}

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
const isLineTerminator = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * List bullets and numbering out: `text.replace(/^\s*(?:[-+•]|\d+[.)])\s+/gm, '')` in one pass. (The
 * regex tries again at every line start inside a run of blank lines, rescanning the run each time.)
 */
function stripBullets(text: string): string {
  const out: string[] = [];
  let copied = 0;
  // The first line start after position `from`.
  const nextLineStart = (from: number): number => {
    for (let j = from; j < text.length; j++) if (isLineTerminator(text.charCodeAt(j))) return j + 1;
    return -1;
  };
  for (let start = 0; start >= 0 && start <= text.length; ) {
    let w = start; // the blanks (line breaks too) up to the line's first character
    while (w < text.length && isSpace(text.charCodeAt(w))) w++;
    let bullet = -1; // the end of the bullet or number at w
    const c = text.charCodeAt(w);
    if (c === 0x2d || c === 0x2b || c === 0x2022) bullet = w + 1;
    else if (isDigit(c)) {
      let d = w;
      while (isDigit(text.charCodeAt(d))) d++;
      if (text[d] === '.' || text[d] === ')') bullet = d + 1;
    }
    let end = bullet;
    if (bullet >= 0) while (end < text.length && isSpace(text.charCodeAt(end))) end++;
    if (bullet >= 0 && end > bullet) {
      out.push(text.slice(copied, start));
      copied = end;
      start = end > 0 && isLineTerminator(text.charCodeAt(end - 1)) ? end : nextLineStart(end);
    } else {
      // Every line start up to w has the same first character: none of them starts a bullet.
      start = nextLineStart(w);
    }
  }
  if (copied === 0) return text;
  out.push(text.slice(copied));
  return out.join('');
}

/**
 * A bracketed group of words (`[neural, network]`, `(neural, network)`) is one sequence whose
 * commas join words; a bracketed number (`(-1.5)`) is a score. Both become plain text, the group
 * followed by a separator.
 */
function ungroup(text: string): string {
  return text.replace(/[[(]([^[\]()]*)[\])]/g, (_m, inside: string) =>
    /[A-Za-z]/.test(inside) ? ` ${inside.replace(/[,;]/g, ' ')} ;` : ` ${inside} `,
  );
}

/** The sequences an answer lists, with their token ids in `vocab` (case-insensitive). */
export function parseSequences(text: string, vocab: readonly string[]): WrittenSequence[] {
  const ids = new Map(vocab.map((word, id) => [word.toLowerCase(), id]));
  const items = ungroup(plain(text))
    .replace(/[[\]()]/g, ' ')
    .split(/[\n,;|]|\band\b|\.(?=\s|$)/i);
  const out: WrittenSequence[] = [];
  for (const item of items) {
    const parts = item.split(/[\s:=]+/).filter((p) => p !== '');
    if (parts.length === 0) continue;
    const tokens: number[] = [];
    const numbers: number[] = [];
    for (const part of parts) {
      if (NUMBER.test(part)) {
        numbers.push(Number(part));
        continue;
      }
      const id = ids.get(part.toLowerCase());
      if (id === undefined)
        throw new AnswerSyntaxError(
          `\`${excerpt(part)}\` is not a word of the tree's vocabulary (${vocab.join(', ')})`,
        );
      if (numbers.length > 0)
        throw new AnswerSyntaxError(
          `a number comes before the word \`${excerpt(part)}\`; write each score after its sequence`,
        );
      tokens.push(id);
    }
    if (numbers.length > 1)
      throw new AnswerSyntaxError(
        `\`${excerpt(item.trim())}\` has ${numbers.length} numbers; give at most one score per sequence`,
      );
    if (tokens.length === 0) {
      // A score on its own: the one of the sequence before it (`neural neural, -1.11`).
      const previous = out[out.length - 1];
      if (!previous || previous.score !== undefined)
        throw new AnswerSyntaxError(`the score ${numbers[0]} belongs to no sequence`);
      previous.score = numbers[0];
      continue;
    }
    out.push({
      tokens,
      words: tokens.map((t) => vocab[t]).join(' '),
      ...(numbers.length > 0 ? { score: numbers[0] } : {}),
    });
  }
  if (out.length === 0) throw new AnswerSyntaxError('there is no sequence to read');
  return out;
}

const YES = /^(?:yes|yep|yeah|true|correct|y)\b/;
const NO = /^(?:no|nope|false|incorrect|not|n)\b/; // `not necessarily`, `not always` too

/** The verdict an answer starts with and the reason after it ('' when there is none). */
export function parseYesNo(text: string): { verdict: boolean; reason: string } {
  const t = replaceComments(text, ' ')
    .replace(/[`$*_"“”]/g, ' ')
    .trim()
    .toLowerCase();
  const yes = YES.exec(t);
  const match = yes ?? NO.exec(t);
  if (!match) throw new AnswerSyntaxError('it does not start with yes or no');
  const reason = t
    .slice(match[0].length)
    .replace(/^[\s.,:;!—–-]+/, '')
    .trim();
  return { verdict: yes !== null, reason };
}
