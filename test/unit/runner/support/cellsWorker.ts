// dist/worker.js for the runner tests: the product's worker code with the test-only 'cells-test'
// problem beside the registry's (bundled by bundles.ts as cellsWorker.js).
import { workerData } from 'node:worker_threads';
import { findProblem } from '../../../../src/core/problems';
import type { Problem } from '../../../../src/core/problem';
import { startWorker } from '../../../../src/runner/workerMain';
import { CELLS_PROBLEM_ID, cellsProblem } from './cellsProblem';

startWorker(workerData, (id) => (id === CELLS_PROBLEM_ID ? (cellsProblem as unknown as Problem) : findProblem(id)));
