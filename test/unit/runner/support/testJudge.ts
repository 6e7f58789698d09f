// A judge thread's body for the toy problem (bundled by bundles.ts as testJudge.js): what
// WorkerRunner's tests start in their worker instead of dist/judge.js.
import { serveJudgeWorker as serve } from '../../../../src/runner/judgeWorker';
import { toyProblem, TOY_ID } from './toyProblem';

export function serveJudgeWorker(): void {
  serve((id) => (id === TOY_ID ? (toyProblem as never) : undefined));
}
