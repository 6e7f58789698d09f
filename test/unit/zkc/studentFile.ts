// Loads a q1_zkc.ts (template or fixture) as the lab does: types stripped, `require` answering
// "@tensorflow/tfjs" and "hw6-lab" with the lab's own modules.
import { join } from 'node:path';
import { loadStudentExports } from '../support/studentFile';
import { zkcProblem, type ZkcSolution } from '../../../src/core/problems/zkc';
import { FIXTURES, repoRoot } from '../runner/paths';

export const TEMPLATE_FILE = join(repoRoot(), 'media', 'workspace', 'q1_zkc.ts');
export const fixtureFile = (workspace: string): string => join(FIXTURES, workspace, 'q1_zkc.ts');

export const loadSolution = (file: string): ZkcSolution => zkcProblem.solutionFrom(loadStudentExports(file));
