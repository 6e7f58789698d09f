// The configuration that attaches VS Code's JavaScript debugger (js-debug, built in) to a debug run's
// child. Pure, so what reaches js-debug is unit-tested without an editor.
import type { InspectorAddress } from '../../runner/inspectorOutput';

/** Names the session a debug run started (its parent session: js-debug adds one per target). */
export const DEBUG_RUN_KEY = '__hw6DebugRun';

export interface DebugAttachInput {
  /** This run's id: the session's DEBUG_RUN_KEY. */
  runId: string;
  address: InspectorAddress;
  /** The student's file (absolute path): the one file stepped into. */
  studentFile: string;
  /** The lab's folder (the extension's): its bundles (dist/) are skipped when stepping. */
  labDir: string;
  problemTitle: string;
}

export interface DebugAttachConfig {
  type: 'node';
  request: 'attach';
  name: string;
  address: string;
  port: number;
  [key: string]: unknown;
}

export function debugAttachConfig(input: DebugAttachInput): DebugAttachConfig {
  const slash = (p: string): string => p.replace(/\\/g, '/');
  const studentDir = slash(input.studentFile).replace(/\/[^/]*$/, '');
  return {
    type: 'node',
    request: 'attach',
    name: `HW6 Lab: debug ${input.problemTitle}`,
    address: input.address.host,
    port: input.address.port,
    // the child waits at its first line (--inspect-brk) only so that breakpoints are set before any of its code runs
    continueOnAttach: true,
    sourceMaps: true,
    // only the module in the student's folder has a source map worth reading (its inline one), not the lab's bundles
    resolveSourceMapLocations: [`${studentDir}/**`, '!**/node_modules/**'],
    // step into the student's code only: never Node's internals or the lab's bundles (the child, tfjs, the problems)
    // (dist/ only: a student's folder may lie inside the lab's, as the tests' fixtures do)
    skipFiles: ['<node_internals>/**', `${slash(input.labDir)}/dist/**`],
    // the module is compiled in memory: no files on disk to predict its breakpoints from
    outFiles: [],
    autoAttachChildProcesses: false,
    attachExistingChildren: false,
    // a busy machine can be slow to start a process that loads tfjs
    timeout: 30_000,
    [DEBUG_RUN_KEY]: input.runId,
  };
}
