// The entry of dist/child.js: the process a run's student code lives in (childProcess.ts), serving
// the lab's problems. It bundles the problems' child halves only: no reference, no checks.
import { findProblemChild } from '../core/problems/children';
import { serveChild } from './childProcess';

serveChild(findProblemChild);
