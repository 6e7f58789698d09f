// Loads a q1_zkc.ts (template or fixture) as the lab does: types stripped, `require` answering
// "@tensorflow/tfjs" and "hw6-lab" with the lab's own modules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'sucrase';
import { studentRequire } from '../../../src/core/studentModule';
import { zkcProblem, type ZkcSolution } from '../../../src/core/problems/zkc';
import { FIXTURES, repoRoot } from '../runner/paths';

export const TEMPLATE_FILE = join(repoRoot(), 'media', 'workspace', 'q1_zkc.ts');
export const fixtureFile = (workspace: string): string => join(FIXTURES, workspace, 'q1_zkc.ts');

export function loadSolution(file: string): ZkcSolution {
  const { code } = transform(readFileSync(file, 'utf8'), { transforms: ['typescript', 'imports'] });
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', code)(module, module.exports, studentRequire(file));
  return zkcProblem.solutionFrom(module.exports);
}
