// answers.md's top-level blocks (headings, paragraphs, lists, quotes, code, HTML comments, and the
// lines each spans), in time linear in the file's size, and fast on a megabyte answer.
//
// The checker needs Markdown's top-level blocks, not its inline syntax (answers are cut from the
// raw lines), and micromark is slow on a long answer in three ways: its inline parser (emphasis —
// `N*D*M` — is quadratic, and every `*`, `_`, `\`, `&`, `[`, `` ` `` costs a token); a cost per line
// and per block; and, on every blank line after a block quote, a pass over all the document's
// events so far (quadratic in the number of quotes). So:
//
//  1. micromark parses a copy of the text of the same length (every offset stays) in which inline
//     syntax is masked (replaced by `x`) wherever it cannot change the blocks, with the inline
//     constructs turned off (CommonMark finds the blocks before it parses inline content), and in
//     which lines that only continue what the line before started are joined (their line break
//     replaced by spaces): text after text, after a list item or after a quoted line; a list item
//     after an item of its list; a quoted line after a quoted line. That changes blocks inside a
//     list or quote (fewer items, one paragraph), never the lines a top-level block spans, which are
//     then read off the offsets.
//  2. The document is parsed in pieces, cut where nothing can be open: before a line at the margin
//     that does not start a list item, after a blank line — once the piece before ends (its last
//     block) before that blank line. (Else the piece is doubled and parsed again.) A piece of plain
//     paragraphs is not handed to micromark: its paragraphs are its runs of lines.
//  3. The text of a heading (what the question id is read from) is the heading's own source, parsed
//     with every construct on (`## **2a**`, `## [2a](#2a)`): all headings with inline syntax or
//     several lines, in one small document of their own.
//
// A line's content is what follows its indentation, `>` and list markers. Every block construct is
// decided by what a line's content starts with (`#`, `>`, `-`, `*`, `_`, `=`, `` ``` ``, `~~~`, `<`, a
// list marker, indentation), so text is masked and joined only in lines whose content starts with
// ordinary text (startsBlock), except for two constructs that look further:
//
//  - a link reference definition (`[id]: url "title"`) may span lines and escape its quotes: a run
//    of non-blank lines in which a line's content may start one is left as it is;
//  - an HTML block (`<!--`, `<?`, `<!X`, `<![CDATA[`, `<script>`…) ends at the line that contains its
//    end marker, which contains `>`: a line with `>` is not joined while such a block may be open
//    (from a line whose content could open it to one holding its end marker: a superset).
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, RootContent } from 'mdast';

/** micromark's inline (text and string) constructs. */
const INLINE_CONSTRUCTS = [
  'attention',
  'autolink',
  'characterEscape',
  'characterReference',
  'codeText',
  'hardBreakEscape',
  'htmlText',
  'labelEnd',
  'labelStartImage',
  'labelStartLink',
];
const BLOCKS_ONLY = { extensions: [{ disable: { null: INLINE_CONSTRUCTS } }] };

/** Characters that start an inline construct (masked where they cannot matter) — not `]` and `<`, which end HTML blocks. */
const MASKED = new Set([...'!&*[\\_`'].map((c) => c.charCodeAt(0)));
/** Characters of inline syntax: a heading with one of them is parsed again with the inline constructs on. */
const INLINE_SYNTAX = /[!&*<[\\\]_`]/;
/** A heading longer than this keeps its raw source as its text (its inline syntax is not parsed). */
const MAX_HEADING = 1000;
/** A piece handed to micromark has at least this many lines (when the text has them): few blocks each. */
const PIECE_LINES = 32;

export interface Blocks {
  /** The document's top-level blocks, with the source's positions. */
  nodes: RootContent[];
  /** A heading's plain text (mdast-util-to-string's), for a heading among `nodes`. */
  headingText(heading: RootContent): string;
}

/**
 * The top-level blocks of `text`. For tests: `join: false` keeps every line and parses in one
 * piece (then the blocks inside the top-level ones are the source's too); `pieceLines` is PIECE_LINES.
 */
export function parseBlocks(text: string, options: { join?: boolean; pieceLines?: number } = {}): Blocks {
  const join = options.join ?? true;
  // micromark skips a leading byte-order mark: its offsets, lines and columns do not count it.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = splitLines(source);
  const prepared = blockSource(source, lines, join);
  const nodes = join
    ? parsePieces(source, prepared, lines, options.pieceLines ?? PIECE_LINES)
    : fromMarkdown(prepared, BLOCKS_ONLY).children;
  relocate(lines, nodes);
  const texts = headingTexts(source, nodes);
  return { nodes, headingText: (heading) => texts.get(heading) ?? toString(heading) };
}

/** A node's plain text (mdast-util-to-string's job, in three lines rather than one more dependency). */
export function toString(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  return 'children' in node ? (node.children as Nodes[]).map(toString).join('') : '';
}

// --- lines --------------------------------------------------------------------------------------

interface Line {
  /** Offsets of its first character, of its end (before the line ending) and of the next line. */
  start: number;
  end: number;
  next: number;
  body: string;
  blank: boolean;
  /** Where its content starts (contentStart), and whether the content may start a block (startsBlock). */
  at: number;
  block: boolean;
  /** How it may join the line before it (joinKind). */
  kind: string | null;
}

/** Lines as micromark splits them (\r\n, \r, \n). */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    let end = start;
    let blank = true;
    for (let c = text.charCodeAt(end); end < text.length && c !== 0x0a && c !== 0x0d; c = text.charCodeAt(++end))
      if (c !== 0x20 && c !== 0x09) blank = false;
    const next =
      end === text.length
        ? end + 1
        : text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a
          ? end + 2
          : end + 1;
    const body = text.slice(start, end);
    const at = blank ? body.length : contentStart(body);
    const line: Line = {
      start,
      end,
      next,
      body,
      blank,
      at,
      block: at < body.length && startsBlock(at === 0 ? body : body.slice(at)),
      kind: null,
    };
    line.kind = joinKind(line);
    lines.push(line);
    if (end === text.length) break;
    start = next;
  }
  return lines;
}

const isSpaceOrEnd = (line: string, i: number): boolean => i >= line.length || line[i] === ' ' || line[i] === '\t';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Where a line's content starts: after indentation, block-quote markers and list markers (all of them, greedily). */
function contentStart(line: string): number {
  let i = 0;
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

/** The end of the list marker a line starts with (`- `, `1. `), or -1. */
function listMarker(line: string): number {
  const end = line[0] === '-' || line[0] === '+' || line[0] === '*' ? 1 : orderedMarker(line, 0);
  return end > 0 && isSpaceOrEnd(line, end) ? end : -1;
}

/**
 * Whether a line's content (`rest`, from contentStart) may begin something other than a paragraph
 * or a paragraph's next line: a heading, fence, thematic break, setext underline, HTML, link
 * definition (or, before a skip, a container).
 */
function startsBlock(rest: string): boolean {
  const c = rest[0];
  switch (c) {
    case undefined:
      return false;
    case '<':
    case '>':
    case ' ':
    case '\t':
    case '\ufeff':
      return true;
    case '[':
      return mayDefine(rest);
    case '`':
    case '~':
      return rest.startsWith(c.repeat(3));
    case '#':
      return /^#{1,6}(?:[ \t]|$)/.test(rest);
    case '=':
      return /^=+[ \t]*$/.test(rest);
    case '-':
    case '*':
    case '_':
    case '+':
      return isSpaceOrEnd(rest, 1) || /^(?:[-*_][ \t]*){3,}$/.test(rest) || /^-+[ \t]*$/.test(rest);
    default:
      return isDigit(c) && listMarker(rest) > 0;
  }
}

/** Whether `rest` may start a link reference definition: `[label]:`, the label unclosed on this line included. */
function mayDefine(rest: string): boolean {
  for (let i = 1; i < rest.length; i++) {
    if (rest[i] === '\\') i++;
    else if (rest[i] === '[')
      return false; // not a label
    else if (rest[i] === ']') return rest[i + 1] === ':';
  }
  return true;
}

/**
 * How a line may join the line before it: `text` (ordinary text at the margin: it starts or
 * continues a paragraph wherever it stands), `quote:<depth>` (a quoted line of text: `>`s and
 * blanks, then text), `item:<marker>` (a list item at the margin with text), or null.
 */
function joinKind(line: Line): string | null {
  const { body, at } = line;
  if (line.blank || at >= body.length || line.block) return null;
  if (at === 0) return 'text';
  if (body[0] === '>') {
    const prefix = body.slice(0, at);
    return /^[> \t]*$/.test(prefix) ? `quote:${prefix.replace(/[^>]/g, '').length}` : null;
  }
  const marker = listMarker(body);
  if (marker < 0 || body[marker] !== ' ' || at !== marker + 1) return null;
  return `item:${marker === 1 ? body[0] : body[marker - 1]}`;
}

/** A list item that may interrupt a paragraph: a bullet, or an ordered item numbered 1. */
const interrupts = (line: Line): boolean => !isDigit(line.body[0]) || /^1[.)]/.test(line.body);

/** An ATX heading's line (as far as its first characters tell: `## `). */
const isAtx = (line: Line): boolean => /^ {0,3}#{1,6}(?:[ \t]|$)/.test(line.body);

/**
 * The HTML block (of kinds 1–5, which end at a marker) that `content` opens: the length of its
 * opening and its end markers, or null.
 */
function htmlBlock(content: string): { opening: number; ends: string[] } | null {
  if (content[0] !== '<') return null;
  if (content.startsWith('<!--')) return { opening: 4, ends: ['-->'] };
  if (content.startsWith('<?')) return { opening: 2, ends: ['?>'] };
  if (content.startsWith('<![CDATA[')) return { opening: 9, ends: [']]>'] };
  if (/^<![A-Za-z]/.test(content)) return { opening: 2, ends: ['>'] };
  if (/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i.test(content))
    return { opening: 1, ends: ['</script>', '</pre>', '</style>', '</textarea>'] };
  return null;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `text` with some code units replaced (`edits`: offset → code unit), in one pass. */
function edited(text: string, edits: Uint16Array | null): string {
  if (!edits) return text;
  if (LITTLE_ENDIAN && typeof TextDecoder === 'function')
    return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(edits);
  const out: string[] = [];
  for (let i = 0; i < edits.length; i += 8192) out.push(String.fromCharCode(...edits.subarray(i, i + 8192)));
  return out.join('');
}

/**
 * The text micromark parses: the same length and offsets as `text`, inline syntax masked where it
 * cannot change the blocks and (with `join`) continuing lines joined (see the top of the file).
 * (An unpaired surrogate may come back as U+FFFD: one code unit, and ordinary text, as it was.)
 */
function blockSource(text: string, lines: Line[], join: boolean): string {
  let units: Uint16Array | null = null; // the text's code units, once something changes
  const edit = (): Uint16Array => {
    if (!units) {
      units = new Uint16Array(text.length);
      for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
    }
    return units;
  };
  let openHtml: string[][] = []; // end markers of HTML blocks that may be open
  let previous: string | null = null; // how the chain of lines joined so far may be continued
  let from = 0; // the start of the current run of non-blank lines
  let definition = false; // whether a line of that run may start a link definition
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    const body = line.body;
    if (line.blank) {
      previous = null;
      continue;
    }
    if (l === 0 || lines[l - 1].blank) {
      from = l;
      definition = false;
      for (let r = l; r < lines.length && !lines[r].blank; r++)
        if (lines[r].block && lines[r].body[lines[r].at] === '[') definition = true;
    }
    const at = line.at;
    const inHtml = openHtml.length > 0;
    if (inHtml) {
      const lower = body.toLowerCase();
      openHtml = openHtml.filter((ends) => !ends.some((marker) => lower.includes(marker)));
    }
    const opens = body[at] === '<' ? htmlBlock(body.slice(at, at + 16)) : null;
    if (opens) {
      const after = body.slice(at + opens.opening).toLowerCase();
      if (!opens.ends.some((marker) => after.includes(marker))) openHtml.push(opens.ends);
    }
    if (!definition && at < body.length && !line.block) {
      for (let i = line.start + at; i < line.end; i++) if (MASKED.has(text.charCodeAt(i))) edit()[i] = 0x78; // x
    }
    // Joined to the line before: text after text or a list item (whose paragraph it continues, or
    // the code or HTML they are in); a list item after items of its list; a quoted line after
    // quoted lines of its depth (the block it continues is the one they are in). Not text after a
    // quoted line: the quote may hold a fence, which takes no lazy line.
    const kind = join && !definition && !(inHtml && body.includes('>')) ? line.kind : null;
    const joins: boolean = kind !== null && previous !== null && l > from && joinsChain(kind, previous);
    if (joins) for (let i = lines[l - 1].end; i < line.start; i++) edit()[i] = 0x20; // the line break: spaces
    if (kind === null) previous = null;
    else if (joins) previous = kind === 'text' ? previous : kind;
    // A chain continues with what its first line is; but an item that need not start a list (one
    // that continues a paragraph: `3) z` after text, as only `1.` may interrupt one) is text to
    // what follows.
    else if (kind.startsWith('item:') && l > from && !interrupts(line)) previous = 'text';
    else previous = kind;
  }
  return edited(text, units);
}

/** Whether a line of `kind` continues a chain of lines that started as `chain` (see blockSource). */
function joinsChain(kind: string, chain: string): boolean {
  return kind === chain || (kind === 'text' && !chain.startsWith('quote:'));
}

// --- parsing in pieces --------------------------------------------------------------------------

/**
 * The top-level blocks, parsed piece by piece (see the top of the file). `prepared` is what
 * micromark reads; `source`'s lines tell where pieces may be cut and which are plain paragraphs.
 */
function parsePieces(source: string, prepared: string, lines: Line[], pieceLines: number): RootContent[] {
  // A piece may start at line l: the first line; any line after an ATX heading; a line at the
  // margin that starts no list item, after a blank line. (Not a line starting with a byte-order
  // mark, which micromark would skip at a piece's start.)
  const cut = (l: number): boolean => {
    if (l === 0 || l >= lines.length) return true;
    const body = lines[l].body;
    if (body[0] === '\ufeff') return false;
    if (isAtx(lines[l - 1])) return true;
    return lines[l - 1].blank && !lines[l].blank && body[0] !== ' ' && body[0] !== '\t' && listMarker(body) < 0;
  };
  const nextCut = (l: number): number => {
    let n = l + 1;
    while (n < lines.length && !cut(n)) n++;
    return Math.min(n, lines.length);
  };
  const offsetOf = (l: number): number => (l < lines.length ? lines[l].start : source.length);
  const nodes: RootContent[] = [];
  for (let first = 0; first < lines.length; ) {
    let end = nextCut(first);
    const simple = chainBlocks(lines, first, end);
    if (simple) {
      nodes.push(...simple);
      first = end;
      continue;
    }
    // Else micromark, on at least pieceLines lines, until nothing is open where the piece ends: its
    // last block ends before its blank lines, or is the ATX heading on its last line.
    while (end < lines.length && end - first < pieceLines) end = nextCut(end);
    for (;;) {
      const offset = offsetOf(first);
      const piece = fromMarkdown(prepared.slice(offset, offsetOf(end)), BLOCKS_ONLY).children;
      let blankFrom = end; // the blank lines the piece ends with
      while (blankFrom > first && lines[blankFrom - 1].blank) blankFrom--;
      const last = piece[piece.length - 1];
      const [lastStart, lastEnd] = [
        offset + (last?.position?.start.offset ?? 0),
        offset + (last?.position?.end.offset ?? 0),
      ];
      const closed =
        end >= lines.length ||
        last === undefined ||
        (blankFrom < end
          ? lastEnd < offsetOf(blankFrom)
          : last.type === 'heading' && lastStart >= lines[end - 1].start && lastEnd <= lines[end - 1].end);
      if (closed) {
        for (const node of piece) shift(node, offset);
        nodes.push(...piece);
        break;
      }
      const size = offsetOf(end) - offset; // doubled: every character is parsed a bounded number of times
      while (end < lines.length && offsetOf(end) - offset < 2 * size) end = nextCut(end);
    }
    first = end;
  }
  return nodes;
}

/**
 * The blocks of lines [first, end), which start where nothing is open, when they are chains of
 * joinable lines (see blockSource) that micromark is not needed for. A chain is a paragraph (of
 * text), a quote (of quoted text) or a list (of items, and text continuing them; a list goes on
 * over blank lines with items of its kind); a new one starts after a blank line, or where it
 * interrupts the block before (a quote, a bullet or an item numbered 1). Each block ends where its
 * last line ends. Null for anything else (text after a quote, which may be lazy or not; a quote
 * of another depth, which goes on with the quote; items that continue a paragraph…).
 */
function chainBlocks(lines: Line[], first: number, end: number): RootContent[] | null {
  const blocks: RootContent[] = [];
  let chain: string | null = null; // what the chain the line before belongs to is (null after a blank line)
  let block: RootContent | undefined; // the block it makes
  let list: string | null = null; // the kind of the list `block` is, while only blank lines follow it
  for (let l = first; l < end; l++) {
    const line = lines[l];
    if (line.blank) {
      chain = null;
      continue;
    }
    const kind = line.kind;
    if (kind === null) return null;
    const at = { line: 0, column: 0, offset: line.end };
    if (chain !== null && joinsChain(kind, chain)) {
      block!.position!.end = at;
      continue;
    }
    if (
      chain === null
        ? l > first && !kind.startsWith('item:')
        : kind === 'text' ||
          (chain.startsWith('quote:') && kind.startsWith('quote:')) ||
          (kind.startsWith('item:') && !interrupts(line))
    )
      return null;
    if (chain === null && list === kind) block!.position!.end = at;
    else {
      const position = { start: { line: 0, column: 0, offset: line.start }, end: at };
      block =
        kind === 'text'
          ? { type: 'paragraph', children: [], position }
          : kind.startsWith('quote:')
            ? { type: 'blockquote', children: [], position }
            : { type: 'list', children: [], position };
      blocks.push(block);
    }
    chain = kind;
    list = kind.startsWith('item:') ? kind : null;
  }
  return blocks;
}

/** Moves a node parsed from a piece (and everything in it) by the piece's offset. */
function shift(node: Nodes, by: number): void {
  if (by === 0) return;
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.position?.start.offset !== undefined) n.position.start.offset += by;
    if (n.position?.end.offset !== undefined) n.position.end.offset += by;
    if ('children' in n) for (const child of n.children as Nodes[]) stack.push(child);
  }
}

/** Sets every node's line and column from its offset (in the text of `lines`). */
function relocate(lines: Line[], nodes: RootContent[]): void {
  const starts = lines.map((line) => line.start);
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
  const stack: Nodes[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.position) {
      at(node.position.start);
      at(node.position.end);
    }
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
}

// --- heading texts ------------------------------------------------------------------------------

/**
 * The text of the headings among `nodes` whose source has inline syntax or several lines, read from
 * `text` with every construct on: all of them in one document (`# … #` for an ATX heading, `…\n===`
 * for a setext one, then a definition of every link label the text defines).
 */
function headingTexts(text: string, nodes: RootContent[]): Map<RootContent, string> {
  const texts = new Map<RootContent, string>();
  const parts: string[] = [];
  const headings: RootContent[] = [];
  for (const node of nodes) {
    if (node.type !== 'heading' || node.children.length === 0) continue;
    const from = node.children[0].position?.start.offset;
    const to = node.children[node.children.length - 1].position?.end.offset;
    if (from === undefined || to === undefined) continue;
    const source = text.slice(from, to);
    // Nothing to parse: the parsed text is the source's (one line: none were joined).
    if (!INLINE_SYNTAX.test(source) && !/[\r\n]/.test(source)) continue;
    if (source.length > MAX_HEADING) {
      texts.set(node, source);
      continue;
    }
    // A setext heading's first line follows an indented code line: it may interrupt no more there
    // than it might where it stood (`1. ` after indented code continues a paragraph; it starts a
    // list after a blank line), and no line before it is a paragraph it could underline.
    const atx = node.position?.start.line === node.position?.end.line;
    parts.push(atx ? `# ${source} #` : `    x\n${source}\n===`);
    headings.push(node);
  }
  if (headings.length === 0) return texts;
  // The link definitions, anywhere (a reference link's text depends on its label being defined).
  const stack: Nodes[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'definition' && node.label) parts.push(`[${node.label}]: x`);
    else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading')
      for (const child of node.children as Nodes[]) stack.push(child);
  }
  // (After a line break: a byte-order mark a heading starts with is text, as it was where it stood.)
  const parsed = fromMarkdown(`\n${parts.join('\n\n')}`).children.filter((n) => n.type === 'heading');
  if (parsed.length === headings.length) headings.forEach((node, i) => texts.set(node, toString(parsed[i])));
  else
    headings.forEach((node, i) =>
      texts.set(node, toString(fromMarkdown(`\n${parts[i]}`).children.find((n) => n.type === 'heading') ?? node)),
    );
  return texts;
}
