// Loads a q1_zkc.ts (template or fixture) as the lab does: types stripped, `require` answering
// "@tensorflow/tfjs" and "hw6-lab" with the lab's own modules.
import { join } from 'node:path';
import { loadStudentExports } from '../support/studentFile';
import { zkcChild, type ZkcSolution } from '../../../src/core/problems/zkc/child';
import { FIXTURES, repoRoot } from '../runner/paths';

export const TEMPLATE_FILE = join(repoRoot(), 'media', 'workspace', 'q1_zkc.ts');
export const fixtureFile = (workspace: string): string => join(FIXTURES, workspace, 'q1_zkc.ts');

/** A student file's exports, as the child loads them. */
export const loadExports = (file: string): Record<string, unknown> => loadStudentExports(file);

/** A student file read as a solution (what the child's solutionFrom makes of its exports). */
export const loadSolution = (file: string): ZkcSolution => zkcChild.solutionFrom(loadStudentExports(file));
