// Loads a q3_kernel_attention.ts (template or fixture) as the lab does: types stripped, `require`
// answering "@tensorflow/tfjs" and "hw6-lab" with the lab's own modules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'sucrase';
import { studentRequire } from '../../../src/core/studentModule';
import { kernelAttentionProblem, type KernelAttentionSolution } from '../../../src/core/problems/kernel-attention';
import { FIXTURES, repoRoot } from '../runner/paths';

export const TEMPLATE_FILE = join(repoRoot(), 'media', 'workspace', 'q3_kernel_attention.ts');
export const WRONG_PHI_FILE = join(FIXTURES, 'ws-q3-wrong-phi', 'q3_kernel_attention.ts');

export function loadSolution(file: string): KernelAttentionSolution {
  const { code } = transform(readFileSync(file, 'utf8'), { transforms: ['typescript', 'imports'] });
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', code)(module, module.exports, studentRequire(file));
  return kernelAttentionProblem.solutionFrom(module.exports);
}
