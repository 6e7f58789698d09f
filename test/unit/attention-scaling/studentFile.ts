// Loads a q2_attention_scaling.ts (template or fixture) as the lab does: types stripped, `require`
// answering "@tensorflow/tfjs" and "hw6-lab" with the lab's own modules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'sucrase';
import { studentRequire } from '../../../src/core/studentModule';
import { scalingProblem, type ScalingSolution } from '../../../src/core/problems/attention-scaling';
import { FIXTURES, repoRoot } from '../runner/paths';

export const TEMPLATE_FILE = join(repoRoot(), 'media', 'workspace', 'q2_attention_scaling.ts');
export const REFERENCE_FILE = join(repoRoot(), 'src', 'core', 'problems', 'attention-scaling', 'reference.ts');
export const UNSCALED_FIXTURE = join(FIXTURES, 'ws-q2-unscaled', 'q2_attention_scaling.ts');

export function loadSolution(file: string): ScalingSolution {
  const { code } = transform(readFileSync(file, 'utf8'), { transforms: ['typescript', 'imports'] });
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', code)(module, module.exports, studentRequire(file));
  return scalingProblem.solutionFrom(module.exports);
}
