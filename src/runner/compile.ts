// Student TypeScript → CommonJS that the worker can evaluate. sucrase strips types and rewrites
// imports without moving any line, so a stack frame's line is the line in the student's file.
import { transform } from 'sucrase';
import { insertLoopGuards } from './loopGuard';

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

export function compileStudent(source: string, file: string): string {
  let code: string;
  try {
    code = transform(source, { transforms: ['typescript', 'imports'], filePath: file }).code;
  } catch (err) {
    throw asCompileError(err, file, 0);
  }
  try {
    return insertLoopGuards(code);
  } catch (err) {
    // sucrase is lenient; acorn catches what it let through. Lines match; acorn's column is 0-based.
    throw asCompileError(err, file, 1);
  }
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
