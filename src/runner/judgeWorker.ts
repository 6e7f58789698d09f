// The judge in a worker thread of the editor's extension host (its side; workerRunner.ts is the
// host's). The judge's checks can be heavy (problem 1 replays the training in float64): on the
// extension host's own thread they ran 1.6–3× slower than in a fresh process (its large heap) and
// held up everything else the editor does. Here they get a V8 heap of their own and a thread of their
// own; the student's code still runs in the child processes the ProcessRunner starts from here.
import { parentPort, workerData } from 'node:worker_threads';
import type { RunEvent } from '../core/engine/events';
import type { Problem, ProblemConfig } from '../core/problem';
import type { InspectorAddress } from './inspectorOutput';
import { ProcessRunner, type ProcessRunnerOptions } from './processRunner';
import type { RunHandle, RunRequest } from './runner';

/** The ProcessRunner's options that cross to the worker: plain data (the worker finds the problems itself). */
export type JudgeWorkerOptions = Omit<ProcessRunnerOptions, 'findProblem' | 'wrapLink' | 'prestarted'>;

/** From the host: a run (a debug run's inspector callback becomes a flag), its cancellation, the end. */
export type ToJudgeWorker =
  | { kind: 'start'; id: number; request: Omit<RunRequest, 'debug'>; debug: boolean }
  | { kind: 'cancel'; id: number }
  | { kind: 'dispose' };

/** To the host: a run's events, its end, and where a debug run's child waits for the debugger. */
export type FromJudgeWorker =
  | { kind: 'event'; id: number; event: RunEvent }
  | { kind: 'end'; id: number }
  | { kind: 'inspector'; id: number; address: InspectorAddress };

/** The worker's body: serves runs of the problems `findProblem` knows over its parent port until told to stop. */
export function serveJudgeWorker(findProblem: (id: string) => Problem<ProblemConfig> | undefined): void {
  const port = parentPort;
  if (!port) throw new Error('serveJudgeWorker runs in a worker thread');
  const send = (message: FromJudgeWorker): void => port.postMessage(message);
  const runner = new ProcessRunner({ ...(workerData as JudgeWorkerOptions), findProblem });
  const runs = new Map<number, RunHandle>();
  port.on('message', (message: ToJudgeWorker) => {
    if (message.kind === 'start') {
      const { id } = message;
      const handle = runner.start({
        ...message.request,
        ...(message.debug ? { debug: { onInspector: (address) => send({ kind: 'inspector', id, address }) } } : {}),
      });
      runs.set(id, handle);
      void (async () => {
        try {
          for await (const event of handle.events) send({ kind: 'event', id, event });
        } finally {
          runs.delete(id);
          send({ kind: 'end', id });
        }
      })();
    } else if (message.kind === 'cancel') {
      runs.get(message.id)?.cancel();
    } else {
      for (const handle of runs.values()) handle.cancel();
      runner.dispose();
      port.close();
    }
  });
}
