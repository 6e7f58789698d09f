// Student TypeScript → CommonJS that the worker can evaluate. sucrase strips types and rewrites
// imports without moving any line, so a stack frame's line is the line in the student's file.
import { transform } from 'sucrase';
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import { baseName } from '../core/paths';
import { applyInsertions, loopGuardInsertions, type Insertion } from './loopGuard';
import { inlineSourceMapComment, shiftedForInsertions } from './debugSourceMap';

/** A syntax error in a student's file, at a 1-based line and column. */
export class CompileError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'CompileError';
  }
}

/**
 * `source` (the student's file at `file`) as CommonJS with loop guards. With `sourceMap` (a debug
 * run) the module ends with its source map inline, mapping back to `file` beside it.
 */
export function compileStudent(source: string, file: string, options: { sourceMap?: boolean } = {}): string {
  let code: string;
  let map: EncodedSourceMap | undefined;
  try {
    const out = transform(source, {
      transforms: ['typescript', 'imports'],
      filePath: file,
      ...(options.sourceMap ? { sourceMapOptions: { compiledFilename: `${baseName(file)}.js` } } : {}),
    });
    code = out.code;
    // relative to the module, which carries the student's own path: the map's source is that file
    if (out.sourceMap) map = { ...out.sourceMap, version: 3, sources: [baseName(file)] };
  } catch (err) {
    throw asCompileError(err, file, 0);
  }
  let insertions: Insertion[];
  try {
    insertions = loopGuardInsertions(code);
  } catch (err) {
    // sucrase is lenient; acorn catches what it let through. Lines match; acorn's column is 0-based.
    throw asCompileError(err, file, 1);
  }
  const guarded = applyInsertions(code, insertions);
  return map ? guarded + inlineSourceMapComment(shiftedForInsertions(map, code, insertions)) : guarded;
}

function asCompileError(err: unknown, file: string, columnBase: number): CompileError {
  const loc = (err as { loc?: { line?: unknown; column?: unknown } } | undefined)?.loc;
  const raw = err instanceof Error ? err.message : String(err);
  // Both parsers end the message with " (line:column)"; sucrase also prefixes "Error transforming <file>: ".
  const message = raw.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)\s*$/, '');
  if (typeof loc?.line === 'number' && typeof loc.column === 'number') {
    return new CompileError(message, loc.line, loc.column + columnBase);
  }
  return new CompileError(`${message} (in ${file})`, 1, 1);
}
