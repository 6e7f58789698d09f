// q3_kernel_attention.ts files (template, fixtures) and how the lab loads them (../support/studentFile).
import { join } from 'node:path';
import { loadStudentExports } from '../support/studentFile';
import { kernelAttentionProblem, type KernelAttentionSolution } from '../../../src/core/problems/kernel-attention';
import { FIXTURES, repoRoot } from '../runner/paths';

export const TEMPLATE_FILE = join(repoRoot(), 'media', 'workspace', 'q3_kernel_attention.ts');
export const WRONG_PHI_FILE = join(FIXTURES, 'ws-q3-wrong-phi', 'q3_kernel_attention.ts');

export const loadSolution = (file: string): KernelAttentionSolution => kernelAttentionProblem.solutionFrom(loadStudentExports(file));
