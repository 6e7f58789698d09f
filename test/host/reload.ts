// A window reload in the middle of the host suite (docs/testing.md, "A real window reload").
//
// `workbench.action.reloadWindow` restarts the extension host, and with it the mocha run: the
// workbench reloads the same URL, whose test payload makes the new extension host run the suite
// again. So the suite runs in two passes, told apart by files in HW6_HOST_RUN_DIR (a fresh folder
// the shim creates per run and puts in code-server's environment):
//   pass 1: every test but the `*.afterReload.test.js` ones, the `*.beforeReload.test.js` ones last
//           (nothing may run the lab between their last run and the reload); one of them calls
//           requestReload(snapshot). When mocha is done, suite/index.ts writes reloaded.json (the
//           request's snapshot and pass 1's counts) and reloads the window;
//   pass 2: the new extension host finds reloaded.json and runs only the `*.afterReload.test.js`
//           tests, which read the snapshot with reloadedSnapshot(); the counts add up.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RUN_DIR_ENV = 'HW6_HOST_RUN_DIR';

export interface Counts {
  passes: number;
  failures: number;
  pending: number;
  tests: number;
}

interface Reloaded {
  snapshot: unknown;
  before: Counts;
}

function runDir(): string {
  const dir = process.env[RUN_DIR_ENV];
  if (!dir) throw new Error(`${RUN_DIR_ENV} is not set: the shim (test/host/shim.mjs) sets it for a window reload`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const requestFile = (): string => join(runDir(), 'reload-request.json');
const reloadedFile = (): string => join(runDir(), 'reloaded.json');

export const isAfterReload = (file: string): boolean => file.endsWith('.afterReload.test.js');
export const isBeforeReload = (file: string): boolean => file.endsWith('.beforeReload.test.js');

/** Asks the suite to reload the window once pass 1 is over; pass 2 gets `snapshot` back. */
export function requestReload(snapshot: unknown): void {
  writeFileSync(requestFile(), JSON.stringify({ snapshot }));
}

/** The snapshot pass 1 asked to reload with (pass 2 only). */
export function reloadedSnapshot<T>(): T {
  if (!existsSync(reloadedFile())) throw new Error('no window reload happened before this test');
  return (JSON.parse(readFileSync(reloadedFile(), 'utf8')) as Reloaded).snapshot as T;
}

/** Pass 2: pass 1's counts. Undefined in pass 1 (or when the run directory is not set). */
export function reloadedCounts(): Counts | undefined {
  if (!process.env[RUN_DIR_ENV] || !existsSync(reloadedFile())) return undefined;
  return (JSON.parse(readFileSync(reloadedFile(), 'utf8')) as Reloaded).before;
}

/** After pass 1: whether a test asked for a reload; if so, records pass 1's counts with its snapshot. */
export function prepareReload(before: Counts): boolean {
  if (!process.env[RUN_DIR_ENV] || !existsSync(requestFile())) return false;
  const { snapshot } = JSON.parse(readFileSync(requestFile(), 'utf8')) as { snapshot: unknown };
  writeFileSync(reloadedFile(), JSON.stringify({ snapshot, before } satisfies Reloaded));
  return true;
}
