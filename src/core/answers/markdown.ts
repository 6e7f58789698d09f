// answers.md's block structure (headings, paragraphs, lists, code, HTML comments and where each
// starts and ends), in time linear in the file's size. The checker needs Markdown's blocks, not its
// inline syntax — answers are cut from the raw lines — and the inline parser is what is slow on a
// long answer: emphasis (`N*D*M`) is quadratic in micromark, and every `*`, `_`, `\`, `&`, `[`, `` ` ``
// costs a token. So:
//
//  - the inline constructs are turned off (block structure never depends on them: CommonMark finds
//    blocks first and parses inline content afterwards);
//  - before parsing, those characters are masked (replaced by `x`, which keeps every offset, line
//    and column) wherever they cannot change the block structure, so that plain text stays one
//    token: in a line whose content (after indentation, `>` and list markers) starts with an
//    ordinary character, since every block construct but one is decided by the characters a line's
//    content starts with (and HTML blocks' end markers, which contain no masked character); the one
//    is a link reference definition (`[id]: url "title"`, which may span lines and escape quotes),
//    so a paragraph — a run of non-blank lines — in which some line's content starts with `[` is
//    left alone;
//  - the text of a heading (what the question id is read from) is the heading's own source parsed
//    with every construct on, as before (`## **2a**`, `## [2a](#2a)`): all the headings that have
//    inline syntax, in one small document of their own.
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, RootContent } from 'mdast';

/** micromark's inline (text and string) constructs. */
const INLINE_CONSTRUCTS = [
  'attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape', 'htmlText', 'labelEnd', 'labelStartImage', 'labelStartLink',
];
const BLOCKS_ONLY = { extensions: [{ disable: { null: INLINE_CONSTRUCTS } }] };

/** Characters that start an inline construct (masked where they cannot matter) — not `]` and `<`, which end HTML blocks. */
const MASKED = /[!&*[\\_`]/g;
/** Characters of inline syntax: a heading with one of them is parsed again with the inline constructs on. */
const INLINE_SYNTAX = /[!&*<[\\\]_`]/;
/** What a line's content may start with to begin a block other than a paragraph (once indentation, `>` and list markers are skipped). */
const BLOCK_START = new Set(['*', '-', '_', '`', '~', '#', '<', '[', '=', '>']);
/** A heading longer than this keeps its raw source as its text (its inline syntax is not parsed). */
const MAX_HEADING = 1000;

export interface Blocks {
  /** The document's top-level blocks, with their positions. */
  nodes: RootContent[];
  /** A heading's plain text (mdast-util-to-string's), for a heading among `nodes`. */
  headingText(heading: RootContent): string;
}

export function parseBlocks(text: string): Blocks {
  const nodes = fromMarkdown(maskInline(text), BLOCKS_ONLY).children;
  const texts = headingTexts(text, nodes);
  return { nodes, headingText: (heading) => texts.get(heading) ?? toString(heading) };
}

/** A node's plain text (mdast-util-to-string's job, in three lines rather than one more dependency). */
export function toString(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  return 'children' in node ? (node.children as Nodes[]).map(toString).join('') : '';
}

const isBlank = (line: string): boolean => /^[ \t]*$/.test(line);
const isSpaceOrEnd = (line: string, i: number): boolean => i >= line.length || line[i] === ' ' || line[i] === '\t';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Where a line's content starts: after indentation, block-quote markers and list markers (all of them, greedily). */
function contentStart(line: string, from: number): number {
  let i = from;
  for (;;) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '>') i++;
    else if ((c === '-' || c === '+' || c === '*') && isSpaceOrEnd(line, i + 1)) i++;
    else if (isDigit(c)) {
      let j = i;
      while (j < i + 9 && isDigit(line[j])) j++;
      if ((line[j] === '.' || line[j] === ')') && isSpaceOrEnd(line, j + 1)) i = j + 1;
      else return i;
    } else return i;
  }
}

/** The text with inline syntax masked where it cannot change the block structure (same length, same lines). */
export function maskInline(text: string): string {
  if (!/[!&*[\\_`]/.test(text)) return text;
  // Lines as micromark splits them (\r\n, \r, \n), with their terminators.
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  // A leading byte-order mark is not content.
  const start = (index: number): number => contentStart(lines[index], index === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const out: string[] = [];
  for (let first = 0; first < lines.length; ) {
    if (isBlank(lines[first].replace(/[\r\n]+$/, ''))) {
      out.push(lines[first++]);
      continue;
    }
    // A paragraph-like run of non-blank lines: left alone when a line of it may start a definition.
    let end = first;
    let definition = false;
    for (; end < lines.length && !isBlank(lines[end].replace(/[\r\n]+$/, '')); end++) if (lines[end][start(end)] === '[') definition = true;
    for (let l = first; l < end; l++) {
      const line = lines[l];
      const at = start(l);
      if (definition || at >= line.length || BLOCK_START.has(line[at])) out.push(line);
      else out.push(line.slice(0, at), line.slice(at).replace(MASKED, 'x'));
    }
    first = end;
  }
  return out.join('');
}

/**
 * The text of the headings among `nodes` whose source has inline syntax, read from the original
 * `text` with every construct on: all of them in one document (`# … #` for an ATX heading, `…\n===`
 * for a setext one, then a definition of every link label the text defines).
 */
function headingTexts(text: string, nodes: RootContent[]): Map<RootContent, string> {
  const texts = new Map<RootContent, string>();
  // micromark's offsets do not count a leading byte-order mark.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const parts: string[] = [];
  const headings: RootContent[] = [];
  for (const node of nodes) {
    if (node.type !== 'heading' || node.children.length === 0) continue;
    const from = node.children[0].position?.start.offset;
    const to = node.children[node.children.length - 1].position?.end.offset;
    if (from === undefined || to === undefined) continue;
    const source = text.slice(from + bom, to + bom);
    if (!INLINE_SYNTAX.test(source)) continue; // nothing to parse: the masked tree's text is the source's
    if (source.length > MAX_HEADING) {
      texts.set(node, source);
      continue;
    }
    const atx = node.position?.start.line === node.position?.end.line;
    parts.push(atx ? `# ${source} #` : `${source}\n===`);
    headings.push(node);
  }
  if (headings.length === 0) return texts;
  // The link definitions, anywhere (a reference link's text depends on its label being defined).
  const stack: Nodes[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'definition' && node.label) parts.push(`[${node.label}]: x`);
    else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading') for (const child of node.children as Nodes[]) stack.push(child);
  }
  // (After a line break: a byte-order mark a heading starts with is text, as it was where it stood.)
  const parsed = fromMarkdown(`\n${parts.join('\n\n')}`).children.filter((n) => n.type === 'heading');
  if (parsed.length === headings.length) headings.forEach((node, i) => texts.set(node, toString(parsed[i])));
  else headings.forEach((node, i) => texts.set(node, toString(fromMarkdown(`\n${parts[i]}`).children.find((n) => n.type === 'heading') ?? node)));
  return texts;
}
