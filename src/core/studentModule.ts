// What every host (worker, panel) gives a student's compiled CommonJS module: the imports it may
// use, the name of the loop guard its loops call, and how to find its line in a stack trace.
import * as tf from '@tensorflow/tfjs';
import { studentHelpers } from './helpers';
import { LOOP_GUARD } from './engine/loopGuard';
import { baseName } from './paths';

/** The CommonJS wrapper's parameters, in order. */
export const MODULE_PARAMS = ['exports', 'require', 'module', LOOP_GUARD] as const;

const PROVIDED: Record<string, unknown> = {
  '@tensorflow/tfjs': tf,
  'hw6-lab': studentHelpers,
};

/** The `require` a student module gets: the host's tfjs and the helpers, and a clear refusal otherwise. */
export function studentRequire(file: string): (id: string) => unknown {
  return (id) => {
    if (Object.prototype.hasOwnProperty.call(PROVIDED, id)) return PROVIDED[id];
    throw new Error(
      `${baseName(file)} imports "${id}", which the lab does not provide: only ${Object.keys(PROVIDED)
        .map((m) => `"${m}"`)
        .join(' and ')} can be imported.`,
    );
  };
}

/**
 * The 1-based line of the first stack frame that names `scriptName` (the student's file as the host
 * registered it). Only the line: stripping types shifts columns, lines never move.
 */
export function studentLineInStack(err: unknown, scriptName: string): number | undefined {
  const stack = err instanceof Error ? err.stack : undefined;
  if (!stack) return undefined;
  for (const frame of stack.split('\n').slice(1)) {
    const at = frame.lastIndexOf(scriptName + ':');
    if (at < 0) continue;
    const m = /^:(\d+):(\d+)/.exec(frame.slice(at + scriptName.length));
    if (m) return Number(m[1]);
  }
  return undefined;
}
