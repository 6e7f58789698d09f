// q2_attention_scaling.ts files (template, fixtures) and how the lab loads them (../support/studentFile).
import { join } from 'node:path';
import { loadStudentExports } from '../support/studentFile';
import { scalingProblem, type ScalingSolution } from '../../../src/core/problems/attention-scaling';
import { FIXTURES, repoRoot } from '../runner/paths';

export const TEMPLATE_FILE = join(repoRoot(), 'media', 'workspace', 'q2_attention_scaling.ts');
export const REFERENCE_FILE = join(repoRoot(), 'src', 'core', 'problems', 'attention-scaling', 'reference.ts');
export const UNSCALED_FIXTURE = join(FIXTURES, 'ws-q2-unscaled', 'q2_attention_scaling.ts');

export const loadSolution = (file: string): ScalingSolution => scalingProblem.solutionFrom(loadStudentExports(file));
