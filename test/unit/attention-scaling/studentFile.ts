// q2_attention_scaling.ts files (template, fixtures) and how the lab loads them (../support/studentFile).
import { join } from 'node:path';
import { loadStudentExports } from '../support/studentFile';
import { scalingChild, type ScalingSolution } from '../../../src/core/problems/attention-scaling/child';
import { FIXTURES, repoRoot } from '../runner/paths';
import type { ProblemChild } from '../../../src/core/problem';
import type { ScalingConfig } from '../../../src/core/problems/attention-scaling/config';

export const TEMPLATE_FILE = join(repoRoot(), 'media', 'workspace', 'q2_attention_scaling.ts');
export const REFERENCE_FILE = join(repoRoot(), 'src', 'core', 'problems', 'attention-scaling', 'reference.ts');
export const UNSCALED_FIXTURE = join(FIXTURES, 'ws-q2-unscaled', 'q2_attention_scaling.ts');

/** A student file's exports, for judging (findingsOf, judgeLocally): the child reads them with solutionFrom. */
export const loadExports = (file: string): Record<string, unknown> => loadStudentExports(file);
/** A student file as the child's experiment takes it. */
export const loadSolution = (file: string): ScalingSolution => scalingChild.solutionFrom(loadStudentExports(file));

/**
 * The child half as test/unit/support/judgeLocal.ts takes it (ProblemChild<unknown>: the solution
 * type of `tasks` is contravariant, so ProblemChild<ScalingSolution> is not assignable as it is).
 */
export const judgedChild = scalingChild as unknown as ProblemChild<unknown, ScalingConfig>;
