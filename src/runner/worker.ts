// The entry of dist/worker.js: a run's worker thread, or one of its cell workers (workerMain.ts).
// Student code runs in these threads, never on the host's.
import { workerData } from 'node:worker_threads';
import { findProblem } from '../core/problems';
import { startWorker } from './workerMain';

startWorker(workerData, findProblem);
