// Answers that list token sequences (Q5's beams) and answers that start with yes or no (5d). The
// format is forgiving on purpose: one sequence per line or separated by commas, semicolons or
// `and`; words joined by spaces, arrows or commas inside brackets; set braces, quotes, list bullets,
// `t = 2:` labels and a score after each sequence are all fine. Anything else — a word that is not
// in the vocabulary, two scores for one sequence — is an AnswerSyntaxError that names it.
import { AnswerSyntaxError } from './expression';

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
  return text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/[`$*_"“”‘’«»]/g, ' ')
    .replace(/(^|\s)'|'(?=\s|$|[,;.)\]}])/g, '$1 ')
    .replace(/^\s*(?:[-+•]|\d+[.)])\s+/gm, '') // list bullets and numbering
    .replace(/\b(?:(?:at|after)\s+)?(?:t|step)\s*=?\s*\d+\s*[:.)]?/gi, ' ') // `t = 2:` labels
    .replace(/([A-Za-z])-(?=[A-Za-z])/g, '$1 ') // neural-network
    .replace(/[−–—]/g, '-')
    .replace(/→|⟶|⇒|->|=>|>/g, ' ')
    .replace(/[{}]/g, ' ');
}

/**
 * A bracketed group of words (`[neural, network]`, `(neural, network)`) is one sequence whose
 * commas join words; a bracketed number (`(-1.5)`) is a score. Both become plain text, the group
 * followed by a separator.
 */
function ungroup(text: string): string {
  return text.replace(/[[(]([^[\]()]*)[\])]/g, (_m, inside: string) => (/[A-Za-z]/.test(inside) ? ` ${inside.replace(/[,;]/g, ' ')} ;` : ` ${inside} `));
}

/** The sequences an answer lists, with their token ids in `vocab` (case-insensitive). */
export function parseSequences(text: string, vocab: readonly string[]): WrittenSequence[] {
  const ids = new Map(vocab.map((word, id) => [word.toLowerCase(), id]));
  const items = ungroup(plain(text)).replace(/[[\]()]/g, ' ').split(/[\n,;|]|\band\b|\.(?=\s|$)/i);
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
      if (id === undefined) throw new AnswerSyntaxError(`\`${part}\` is not a word of the tree's vocabulary (${vocab.join(', ')})`);
      if (numbers.length > 0) throw new AnswerSyntaxError(`a number comes before the word \`${part}\`; write each score after its sequence`);
      tokens.push(id);
    }
    if (numbers.length > 1) throw new AnswerSyntaxError(`\`${item.trim()}\` has ${numbers.length} numbers; give at most one score per sequence`);
    if (tokens.length === 0) {
      // A score on its own: the one of the sequence before it (`neural neural, -1.11`).
      const previous = out[out.length - 1];
      if (!previous || previous.score !== undefined) throw new AnswerSyntaxError(`the score ${numbers[0]} belongs to no sequence`);
      previous.score = numbers[0];
      continue;
    }
    out.push({ tokens, words: tokens.map((t) => vocab[t]).join(' '), ...(numbers.length > 0 ? { score: numbers[0] } : {}) });
  }
  if (out.length === 0) throw new AnswerSyntaxError('there is no sequence to read');
  return out;
}

const YES = /^(?:yes|yep|yeah|true|correct|y)\b/;
const NO = /^(?:no|nope|false|incorrect|not|n)\b/; // `not necessarily`, `not always` too

/** The verdict an answer starts with and the reason after it ('' when there is none). */
export function parseYesNo(text: string): { verdict: boolean; reason: string } {
  const t = text.replace(/<!--[\s\S]*?-->/g, ' ').replace(/[`$*_"“”]/g, ' ').trim().toLowerCase();
  const yes = YES.exec(t);
  const match = yes ?? NO.exec(t);
  if (!match) throw new AnswerSyntaxError('it does not start with yes or no');
  const reason = t.slice(match[0].length).replace(/^[\s.,:;!—–-]+/, '').trim();
  return { verdict: yes !== null, reason };
}
