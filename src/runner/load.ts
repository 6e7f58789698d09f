// Evaluates a compiled student module in the current (worker) thread. Imports resolve to the host's
// own tfjs and the lab's helper module; anything else is refused with an error at the import line.
import * as vm from 'node:vm';
import { basename } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as helpers from '../core/helpers';
import type { SourceLocation } from '../core/engine/events';
import { LOOP_GUARD } from './loopGuard';

const PROVIDED: Record<string, unknown> = {
  '@tensorflow/tfjs': tf,
  'hw6-lab': helpers,
};

/**
 * Runs `code` (from compileStudent) as a CommonJS module and returns its exports. `file` is the
 * student's absolute path: stack frames of student code name it, which is how errors are located.
 */
export function loadStudentModule(code: string, file: string, loopGuard: () => void): Record<string, unknown> {
  const moduleFn = vm.compileFunction(code, ['exports', 'require', 'module', LOOP_GUARD], { filename: file });
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string): unknown => {
    if (Object.prototype.hasOwnProperty.call(PROVIDED, id)) return PROVIDED[id];
    throw new Error(`${basename(file)} imports "${id}", which the lab does not provide: only ${Object.keys(PROVIDED).map((m) => `"${m}"`).join(' and ')} can be imported.`);
  };
  moduleFn(module.exports, require, module, loopGuard);
  return module.exports;
}

/**
 * The place in the student's file where `err` was thrown: the first stack frame in `file`.
 * Only the line is reported: stripping types shifts columns, lines never move.
 */
export function locateError(err: unknown, file: string): SourceLocation | undefined {
  const stack = err instanceof Error ? err.stack : undefined;
  if (!stack) return undefined;
  for (const frame of stack.split('\n').slice(1)) {
    const at = frame.lastIndexOf(file + ':');
    if (at < 0) continue;
    const m = /^:(\d+):(\d+)/.exec(frame.slice(at + file.length));
    if (m) return { file: basename(file), line: Number(m[1]) };
  }
  return undefined;
}
