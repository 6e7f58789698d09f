// answers.md's top-level blocks (headings, paragraphs, lists, code, HTML comments, and the lines
// each spans), in time linear in the file's size and fast on a megabyte answer. The checker needs
// Markdown's blocks, not its inline syntax (answers are cut from the raw lines), and micromark is
// slow on long answers in two ways: its inline parser (emphasis — `N*D*M` — is quadratic; every `*`,
// `_`, `\`, `&`, `[`, `` ` `` costs a token), and a cost per line. So it is handed a copy of the text,
// of the same length (every offset stays), in which:
//
//  - inline syntax is masked (replaced by `x`) wherever it cannot change the block structure, and
//    the inline constructs are turned off (CommonMark finds the blocks before it parses inline
//    content, so they never change the blocks);
//  - consecutive lines that only continue what the line before them started are joined (their line
//    break replaced by spaces): a line of text after a line of text or a list item, a list item
//    after an item of the same list. This changes the blocks inside a list (fewer items), never
//    which lines a top-level block spans; those lines are then read off the offsets.
//
// A line's content is what follows its indentation, `>` and list markers. Every block construct is
// decided by what a line's content starts with — `#`, `>`, `-`, `*`, `_`, `=`, `` ` ``, `~`, `<`, a
// list marker, indentation — so text is masked and joined only in lines whose content starts with an
// ordinary character, except for three constructs that look further:
//
//  - a link reference definition (`[id]: url "title"`) may span lines and escape its quotes: a run of
//    non-blank lines in which a line's content starts with `[` is left as it is;
//  - an HTML block (`<!--`, `<?`, `<!X`, `<![CDATA[`, `<script>`…) ends at the line that contains its
//    end marker, which contains `>`: a line with `>` is not joined while such a block may be open
//    (a line's content starting one opens it, until a line holding its end marker; a superset);
//  - a fenced code block's opening line may not contain a backtick: it starts with `` ` ``, left alone.
//
// The text of a heading (what the question id is read from) is the heading's own source, parsed
// with every construct on (`## **2a**`, `## [2a](#2a)`): all headings with inline syntax or several
// lines, in one small document of their own.
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
  /** The document's top-level blocks. Their positions are the source's; those of the blocks inside them are not. */
  nodes: RootContent[];
  /** A heading's plain text (mdast-util-to-string's), for a heading among `nodes`. */
  headingText(heading: RootContent): string;
}

/** `join: false` keeps every line (for tests: then the blocks inside top-level ones are the source's too). */
export function parseBlocks(text: string, options: { join?: boolean } = {}): Blocks {
  const nodes = fromMarkdown(blockSource(text, options.join ?? true), BLOCKS_ONLY).children;
  relocate(text, nodes);
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
const isOrdinary = (c: string | undefined): boolean => c !== undefined && c !== ' ' && c !== '\t' && c !== '\ufeff' && !BLOCK_START.has(c);

/** Where a line's content starts: after indentation, block-quote markers and list markers (all of them, greedily). */
function contentStart(line: string, from = 0): number {
  let i = from;
  for (;;) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '>') i++;
    else if ((c === '-' || c === '+' || c === '*') && isSpaceOrEnd(line, i + 1)) i++;
    else if (isDigit(c)) {
      const marker = orderedMarker(line, i);
      if (marker < 0 || !isSpaceOrEnd(line, marker)) return i;
      i = marker;
    } else return i;
  }
}

/** The end of an ordered-list marker (`1.`, `12)`) at `i`, or -1. */
function orderedMarker(line: string, i: number): number {
  let j = i;
  while (j < i + 9 && isDigit(line[j])) j++;
  return j > i && (line[j] === '.' || line[j] === ')') ? j + 1 : -1;
}

/**
 * How a line may join the line before it: `text` (its content starts the line, with an ordinary
 * character), `item:<marker>` (a list item at the margin, `- ` or `1. ` and ordinary content), or
 * null (neither: kept on its own line).
 */
function joinKind(line: string): string | null {
  if (isOrdinary(line[0]) && contentStart(line) === 0) return 'text';
  const marker = line[0] === '-' || line[0] === '+' || line[0] === '*' ? 1 : orderedMarker(line, 0);
  if (marker < 0 || line[marker] !== ' ' || !isOrdinary(line[marker + 1]) || contentStart(line) !== marker + 1) return null;
  return `item:${marker === 1 ? line[0] : line[marker - 1]}`;
}

/** The end markers of the HTML block (of kinds 1–5, which end at a marker) that `content` opens, or null. */
function htmlEnds(content: string): string[] | null {
  if (content[0] !== '<') return null;
  if (content.startsWith('<!--')) return ['-->'];
  if (content.startsWith('<?')) return ['?>'];
  if (content.startsWith('<![CDATA[')) return [']]>'];
  if (/^<![A-Za-z]/.test(content)) return ['>'];
  if (/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i.test(content)) return ['</script>', '</pre>', '</style>', '</textarea>'];
  return null;
}

/**
 * The text micromark parses: the same length and offsets as `text`, inline syntax masked where it
 * cannot change the blocks and (with `join`) continuing lines joined (see the top of the file).
 */
export function blockSource(text: string, join = true): string {
  // Lines as micromark splits them (\r\n, \r, \n), with their terminators.
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  const bodies = lines.map((line) => line.replace(/[\r\n]+$/, ''));
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0; // micromark skips it: not content
  const out: string[] = [];
  // End markers of HTML blocks that may be open (a superset: whatever a line's content could open).
  let openHtml: string[][] = [];
  let previous: string | null = null; // how the line before may be joined, when it may
  for (let first = 0; first < lines.length; ) {
    if (isBlank(bodies[first])) {
      out.push(lines[first++]);
      previous = null;
      continue;
    }
    // A run of non-blank lines: left alone when a line of it may start a link definition.
    let end = first;
    let definition = false;
    for (; end < lines.length && !isBlank(bodies[end]); end++) if (bodies[end][contentStart(bodies[end], end === 0 ? bom : 0)] === '[') definition = true;
    for (let l = first; l < end; l++) {
      const body = bodies[l];
      const at = contentStart(body, l === 0 ? bom : 0);
      const inHtml = openHtml.length > 0;
      if (inHtml) {
        const lower = body.toLowerCase();
        openHtml = openHtml.filter((ends) => !ends.some((marker) => lower.includes(marker)));
      }
      const opens = htmlEnds(body.slice(at));
      if (opens) {
        const after = body.slice(at + 2).toLowerCase();
        if (!opens.some((marker) => after.includes(marker))) openHtml.push(opens);
      }
      const masked = definition || at >= body.length || BLOCK_START.has(body[at]) ? body : body.slice(0, at) + body.slice(at).replace(MASKED, 'x');
      // Joined to the line before: text after text or an item, an item after an item of its list.
      const kind = join && !definition && !(l === 0 && bom) && !(inHtml && body.includes('>')) ? joinKind(body) : null;
      const joins = kind !== null && previous !== null && (kind === 'text' || kind === previous);
      if (joins) out[out.length - 1] = out[out.length - 1].replace(/[\r\n]+$/, (ending) => ' '.repeat(ending.length));
      out.push(masked + lines[l].slice(body.length));
      previous = kind === null ? null : kind === 'text' && joins ? previous : kind;
    }
    previous = null;
    first = end;
  }
  return out.join('');
}

/** Sets the line and column of the top-level `nodes` (parsed from the joined text) from their offsets in `text`. */
function relocate(text: string, nodes: RootContent[]): void {
  // micromark's offsets, lines and columns do not count a leading byte-order mark.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && source.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  const at = (point: { line: number; column: number; offset?: number }): void => {
    if (point.offset === undefined) return;
    let [low, high] = [0, starts.length - 1]; // the last line start ≤ offset
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= point.offset) low = mid;
      else high = mid - 1;
    }
    point.line = low + 1;
    point.column = point.offset - starts[low] + 1;
  };
  for (const node of nodes) {
    if (!node.position) continue;
    at(node.position.start);
    at(node.position.end);
  }
}

/**
 * The text of the headings among `nodes` whose source has inline syntax or several lines, read from
 * the original `text` with every construct on: all of them in one document (`# … #` for an ATX
 * heading, `…\n===` for a setext one, then a definition of every link label the text defines).
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
    // Nothing to parse: the parsed text is the source's (one line: none were joined).
    if (!INLINE_SYNTAX.test(source) && !/[\r\n]/.test(source)) continue;
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
