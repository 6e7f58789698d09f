// String passes the answers checker makes over a whole answer (which may be megabytes long), in one
// left-to-right pass each. Each stands for a regex that gives the same result but backtracks
// quadratically on some inputs: an unclosed `<!--` rescans the rest of the text from every later
// `<!--`, a long run of blanks or of periods is rescanned from each of its characters.

/** `text.replace(/<!--[\s\S]*?-->/g, by)`: HTML comments replaced by `by`. */
export function replaceComments(text: string, by: string): string {
  let at = text.indexOf('<!--');
  if (at < 0) return text;
  const out: string[] = [];
  let from = 0;
  while (at >= 0) {
    const end = text.indexOf('-->', at + 4);
    if (end < 0) break; // unclosed: neither this `<!--` nor a later one is a comment
    out.push(text.slice(from, at), by);
    from = end + 3;
    at = text.indexOf('<!--', from);
  }
  out.push(text.slice(from));
  return out.join('');
}

/** JavaScript's line terminators (where a multiline regex's `$` matches). */
const isLineTerminator = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

/** `text.replace(/[ \t]+$/gm, '')`: the spaces and tabs at the end of every line. */
export function trimLineEnds(text: string): string {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && (text.charCodeAt(end) === 0x20 || text.charCodeAt(end) === 0x09)) end++;
    if (end === text.length || isLineTerminator(text.charCodeAt(end))) {
      out.push(text.slice(from, i));
      from = end;
    }
    i = end;
  }
  if (from === 0) return text;
  out.push(text.slice(from));
  return out.join('');
}

/** The text without the run of `chars` it ends with: `trimEndOf('O(N).;', '.,;:')` is `O(N)` (as `.replace(/[.,;:]+$/, '')`). */
export function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** A piece of the student's text for a message: itself when short, else its start and how long it is. */
export function excerpt(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
