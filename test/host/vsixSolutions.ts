// Does a VSIX's JavaScript hold any of the reference solutions? The student build must not
// (esbuild.mjs: no dist/reference, no reference.ts in any bundle). test/host/package.test.ts runs
// this on the packaged VSIX; test/unit/extension/vsixSolutions.test.ts shows it finds the reference
// in a bundle that holds it. No vscode here.
//
// What is looked for, from each src/core/problems/<id>/reference.ts (parsed with the TypeScript
// compiler API):
// - its string literals (template literals' text included) of MIN_STRING characters or more. Shorter
//   ones are skipped: they are words the lab uses elsewhere for its own purposes ('float32', 'int32',
//   a marker's export name, an error's "must be"), so finding one proves nothing.
// - the body of every function (declarations, methods, arrows, function expressions), compared as
//   esbuild minifies it: each function alone is minified by esbuild (as the production build
//   minifies the bundles), then both it and every .js of the VSIX are tokenised by acorn with local
//   names blanked (minified names differ between bundles; property names after `.` are kept). A body
//   matches when its whole token sequence appears in a bundle. Bodies of fewer than MIN_TOKENS
//   tokens (`{return a*b}`, a getter) are skipped: such shapes occur in any program.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { transformSync } from 'esbuild';
import { tokenizer, parse, type Node as AcornNode } from 'acorn';
import { unzipSync, strFromU8 } from 'fflate';

export const MIN_STRING = 12;
export const MIN_TOKENS = 16;

export interface ReferenceFingerprint {
  problemId: string;
  strings: string[];
  /** Normalised token sequences of the function bodies, with the function's name for messages. */
  bodies: { name: string; tokens: string }[];
  /** How many strings and bodies were too short to look for. */
  skipped: { strings: number; bodies: number };
}

const SEP = '\u0001';

/** A program's tokens, local names blanked, joined by SEP (with SEP at both ends). */
export function normalisedTokens(js: string): string {
  const out: string[] = [];
  let previous = '';
  for (const token of tokenizer(js, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true })) {
    const label = token.type.label;
    const value = (token as unknown as { value: unknown }).value;
    let text: string;
    if (label === 'name' && (value === 'let' || value === 'const')) text = 'let';
    else if (label === 'name') text = previous === '.' || previous === '?.' ? `.${String(value)}` : '$';
    else if (label === 'string' || label === 'template') text = JSON.stringify(String(value));
    else if (label === 'num') text = String(value);
    else if (label === 'regexp') text = `/${String((value as { pattern: string }).pattern)}/`;
    // a bundle declares with `let` what a lone module declares with `const`
    else if (label === 'const' || label === 'var') text = 'let';
    else text = token.type.keyword ?? label;
    out.push(text);
    previous = label;
  }
  // …and merges consecutive declarations (`let a=1;let b=2` → `let a=1,b=2`) once they are all `let`
  return (SEP + out.join(SEP) + SEP).replaceAll(`${SEP};${SEP}let${SEP}`, `${SEP},${SEP}`);
}

/** The reference's strings and function bodies, as searched for. */
export function referenceFingerprint(problemId: string, source: string): ReferenceFingerprint {
  const file = ts.createSourceFile(`${problemId}/reference.ts`, source, ts.ScriptTarget.Latest, true);
  const strings = new Set<string>();
  const bodies: ReferenceFingerprint['bodies'] = [];
  const skipped = { strings: 0, bodies: 0 };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) {
      // import specifiers and type-only text are not code that ships
      const inImport = ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent);
      if (!inImport && !ts.isLiteralTypeNode(node.parent)) {
        if (node.text.length >= MIN_STRING) strings.add(node.text);
        else if (node.text.length > 0) skipped.strings++;
      }
    }
    if (ts.isFunctionLike(node) && 'body' in node && node.body && ts.isBlock(node.body as ts.Node)) {
      const tokens = minifiedBody(node as ts.FunctionLikeDeclaration, file);
      const name =
        (node as ts.FunctionLikeDeclaration).name?.getText(file) ??
        `(function at line ${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1})`;
      if (tokens && tokens.split(SEP).length - 2 >= MIN_TOKENS) bodies.push({ name, tokens });
      else skipped.bodies++;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { problemId, strings: [...strings], bodies, skipped };
}

/** One function minified on its own (types stripped), its body's normalised tokens (without the braces). */
function minifiedBody(node: ts.FunctionLikeDeclaration, file: ts.SourceFile): string | undefined {
  const text = node.getText(file);
  // a method or accessor is not a statement: give it an object literal to live in
  const wrapped =
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessor(node) ||
    ts.isSetAccessor(node) ||
    ts.isConstructorDeclaration(node)
      ? `export const __m = {${ts.isConstructorDeclaration(node) ? text.replace(/^constructor/, 'ctor') : text.replace(/^(public|private|protected|static|async|readonly|\s)+/, (m) => (m.includes('async') ? 'async ' : ''))}};`
      : ts.isFunctionDeclaration(node)
        ? `export ${text.replace(/^export\s+(default\s+)?/, '')}`
        : `export const __f = (${text});`;
  let code: string;
  try {
    code = transformSync(wrapped, { loader: 'ts', minify: true, format: 'esm', target: 'es2022' }).code;
  } catch {
    return undefined;
  }
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  let body: AcornNode | undefined;
  const find = (n: unknown): void => {
    if (body || !n || typeof n !== 'object') return;
    const node = n as { type?: string; body?: unknown };
    if (
      (node.type === 'FunctionDeclaration' ||
        node.type === 'FunctionExpression' ||
        node.type === 'ArrowFunctionExpression') &&
      (node.body as { type?: string } | undefined)?.type === 'BlockStatement'
    ) {
      body = node.body as AcornNode;
      return;
    }
    for (const v of Object.values(node)) if (v && typeof v === 'object') find(v);
  };
  find(program);
  if (!body) return undefined;
  const inner = normalisedTokens(code.slice(body.start + 1, body.end - 1));
  return inner === SEP + SEP ? undefined : inner;
}

/** Every problem folder's reference.ts under `root`, fingerprinted. */
export function referenceFingerprints(root: string): ReferenceFingerprint[] {
  const dir = join(root, 'src/core/problems');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'reference.ts')))
    .map((d) => referenceFingerprint(d.name, readFileSync(join(dir, d.name, 'reference.ts'), 'utf8')));
}

/**
 * Every problem's staff-only halves (`*.staff.ts`: expectations computed live, which amount to a
 * TODO's solution, and the hidden checks), fingerprinted like a reference: the student build swaps
 * them for their `.student.ts` siblings (esbuild.mjs), so none of them may ship either.
 */
export function staffHalfFingerprints(root: string): ReferenceFingerprint[] {
  const dir = join(root, 'src/core/problems');
  const halves = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(dir, d.name))
        .filter((f) => f.endsWith('.staff.ts'))
        .map((f) => referenceFingerprint(`${d.name}/${f}`, readFileSync(join(dir, d.name, f), 'utf8'))),
    );
  // A string the shipped code also writes (a TODO's name, a hidden check's id in the catalog, so the
  // Testing view can leave it out) proves nothing: only the halves' own strings are looked for.
  const shipped = shippedSources(root);
  return halves.map((h) => ({ ...h, strings: h.strings.filter((str) => !shipped.includes(str)) }));
}

/** The text of every source that may ship (src/ and webview/, without reference.ts and *.staff.ts). */
function shippedSources(root: string): string {
  return ['src', 'webview']
    .flatMap((top) =>
      readdirSync(join(root, top), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.staff.ts') && !f.endsWith('reference.ts'))
        .map((f) => readFileSync(join(root, top, f), 'utf8')),
    )
    .join('\n');
}

/** Where `files` (name → JavaScript text) hold a reference's string or function body: one line each. */
export function solutionsIn(files: ReadonlyMap<string, string>, references: readonly ReferenceFingerprint[]): string[] {
  const found: string[] = [];
  for (const [name, js] of files) {
    let tokens: string | undefined;
    try {
      tokens = normalisedTokens(js);
    } catch {
      tokens = undefined; // not a program acorn reads: its strings are still searched
    }
    for (const ref of references) {
      for (const s of ref.strings)
        if (js.includes(s) || js.includes(JSON.stringify(s).slice(1, -1)))
          found.push(`${name}: ${ref.problemId}'s string ${JSON.stringify(s)}`);
      if (tokens)
        for (const b of ref.bodies)
          if (tokens.includes(b.tokens)) found.push(`${name}: ${ref.problemId}'s function ${b.name}`);
    }
  }
  return found;
}

/** The JavaScript files of a VSIX (entry name → text). */
export function vsixJavaScript(vsix: Uint8Array): Map<string, string> {
  const files = unzipSync(vsix, { filter: (f) => f.name.endsWith('.js') });
  return new Map(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}
