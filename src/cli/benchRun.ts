// A bench's timed run through ProcessRunner (BenchEnvironment.timeRun): wall time, and the CPU time
// of this process and of the run's child processes, which count once they have been reaped.
import { cpus, loadavg } from 'node:os';
import type { TimedRun } from '../core/bench';
import type { RunEvent } from '../core/engine/events';
import { findProblem } from '../core/problems';
import { ProcessRunner, type ProcessRunnerOptions } from '../runner/processRunner';
import type { RunRequest } from '../runner/runner';
import { childrenGone, liveChildren, reapedChildrenCpuMs } from './benchProcesses';

/** Where a run's child script and its assets are (dist/child.js, dist/reference, dist/wasm, media/). */
export type RunnerPaths = Required<Pick<ProcessRunnerOptions, 'childScript' | 'referenceDir' | 'wasmDir' | 'mediaDir'>>;

/** Runs `request` once through a ProcessRunner of `poolSize` processes; every event goes to `onEvent`. */
export async function timeProcessRun(
  paths: RunnerPaths,
  request: RunRequest,
  poolSize: number,
  onEvent: (event: RunEvent) => void,
): Promise<TimedRun> {
  const runner = new ProcessRunner({ ...paths, findProblem, poolSize });
  const loadBefore = loadavg()[0]!;
  const childrenBefore = liveChildren();
  const childCpuBefore = reapedChildrenCpuMs();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let last: RunEvent | undefined;
  try {
    for await (const event of runner.start(request).events) {
      last = event;
      onEvent(event);
    }
  } finally {
    runner.dispose();
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await childrenGone(childrenBefore);
  return {
    last,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000 + reapedChildrenCpuMs() - childCpuBefore,
    loadBefore,
    loadAfter: loadavg()[0]!,
    cores: cpus().length,
  };
}
