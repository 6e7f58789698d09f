// The entry of dist/judge.js: the judge's halves of the problems and the runners that use them. The
// extension loads it in its judge thread on the first run (workerRunner.ts), and on its own thread
// only for the webview runner (activating the extension loads neither tfjs nor the checks).
import { findProblem } from '../core/problems';
import { serveJudgeWorker as serve } from './judgeWorker';

export { ProcessRunner } from './processRunner';
export { findProblem };

/** The body of the editor's judge thread (workerRunner.ts): every problem of the lab. */
export function serveJudgeWorker(): void {
  serve(findProblem);
}
