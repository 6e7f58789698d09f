// Entry of dist/checkOnce.js: one timed check of a reference solution in a fresh process, for the
// start-up-included figures of check-latency (benchCheckLatency.ts). `node dist/checkOnce.js <runner>
// <problem id>`, runner `thread` (the previous architecture) or `process`, prints {ok, ms, readyMs}.
// Started through dist/checkOnceLaunch.js, the process runner takes the child that launcher started
// before this bundle loaded, as dist/cli.js does for `hw6-lab check`.
import { findProblem } from '../core/problems';
import { ProcessRunner } from '../runner/processRunner';
import { timeCheck } from './benchCheckLatency';
import { ThreadRunner } from './benchThreadLink';
import { childScript, mediaDir, staffReferenceDir, wasmDir } from './paths';
import { takePrestarted } from './prestart';

async function main(): Promise<void> {
  const [runner, problemId] = process.argv.slice(2);
  if ((runner !== 'thread' && runner !== 'process') || !problemId || !findProblem(problemId))
    throw new Error('usage: checkOnce.js <thread|process> <problem id>');
  const paths = { childScript, referenceDir: staffReferenceDir(), wasmDir, mediaDir: mediaDir(), findProblem };
  const prestarted = takePrestarted();
  const sample =
    runner === 'thread'
      ? await timeCheck(new ThreadRunner(paths), problemId)
      : await timeCheck(new ProcessRunner({ ...paths, ...(prestarted ? { prestarted } : {}) }), problemId);
  process.stdout.write(JSON.stringify({ ok: true, ...sample }) + '\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
