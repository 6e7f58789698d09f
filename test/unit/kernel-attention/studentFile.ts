// q3_kernel_attention.ts files (template, fixtures) and how the lab loads them (../support/studentFile).
import { join } from 'node:path';
import { loadStudentExports } from '../support/studentFile';
import type { ProblemChild } from '../../../src/core/problem';
import { kernelAttentionChild } from '../../../src/core/problems/kernel-attention/child';
import type { KernelAttentionConfig } from '../../../src/core/problems/kernel-attention/config';
import type { KernelAttentionSolution } from '../../../src/core/problems/kernel-attention/solution';
import { FIXTURES, repoRoot } from '../runner/paths';

export const TEMPLATE_FILE = join(repoRoot(), 'media', 'workspace', 'q3_kernel_attention.ts');
export const WRONG_PHI_FILE = join(FIXTURES, 'ws-q3-wrong-phi', 'q3_kernel_attention.ts');

/** A student file's exports, as the child loads them. */
export const loadExports = (file: string): Record<string, unknown> => loadStudentExports(file);

export const loadSolution = (file: string): KernelAttentionSolution =>
  kernelAttentionChild.solutionFrom(loadStudentExports(file));

/**
 * The child half as ../support/judgeLocal takes it: ProblemChild<unknown, C>. (Its `tasks` are
 * function-typed properties, so a ProblemChild<KernelAttentionSolution> is not assignable to it.)
 */
export const child = kernelAttentionChild as unknown as ProblemChild<unknown, KernelAttentionConfig>;
