// Evaluates a compiled student module in the current (worker) thread. Imports resolve to the host's
// own tfjs and the lab's helper module; anything else is refused with an error at the import line.
import * as vm from 'node:vm';
import type { SourceLocation } from '../core/engine/events';
import { baseName } from '../core/paths';
import { MODULE_PARAMS, studentLineInStack, studentRequire } from '../core/studentModule';

/**
 * Runs `code` (from compileStudent) as a CommonJS module and returns its exports. `file` is the
 * student's absolute path: stack frames of student code name it, which is how errors are located.
 */
export function loadStudentModule(code: string, file: string, loopGuard: () => void): Record<string, unknown> {
  const moduleFn = vm.compileFunction(code, [...MODULE_PARAMS], { filename: file });
  const module = { exports: {} as Record<string, unknown> };
  moduleFn(module.exports, studentRequire(file), module, loopGuard);
  return module.exports;
}

/** The place in the student's file where `err` was thrown: the first stack frame in `file`. */
export function locateError(err: unknown, file: string): SourceLocation | undefined {
  const line = studentLineInStack(err, file);
  return line === undefined ? undefined : { file: baseName(file), line };
}
