// The toy problem's runner options for the tests in this process (not in toyProblem.ts: the test
// child bundles that, and it must not reach for the repository at load).
import { join } from 'node:path';
import type { ProcessRunnerOptions } from '../../../../src/runner/processRunner';
import type { Bundles } from '../bundles';
import { repoRoot } from '../paths';
import { toyProblem, TOY_ID } from './toyProblem';

/** A ProcessRunner's options for the toy problem on the test bundles (support/testChild.ts). */
export function toyRunnerOptions(bundles: Bundles): ProcessRunnerOptions {
  return {
    childScript: bundles.testChild,
    referenceDir: bundles.referenceDir,
    wasmDir: bundles.wasmDir,
    mediaDir: join(repoRoot(), 'media'),
    findProblem: (id) => (id === TOY_ID ? (toyProblem as never) : undefined),
  };
}
