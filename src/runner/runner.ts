// One Runner interface for every place a problem can run: a worker thread (default) or a panel's
// webview. Hosts (the extension, the CLI) only ever see this.
import type { RunEvent } from '../core/engine/events';
import type { ProblemConfig } from '../core/problem';
import type { AnswersInput } from '../core/answers/types';
import type { InspectorAddress } from './inspectorOutput';

export interface RunRequest {
  problemId: string;
  config: Partial<ProblemConfig>;
  /** The reference solution, or a student's TypeScript file (absolute path and its current text). */
  solution: { kind: 'reference' } | { kind: 'student'; file: string; source: string };
  /** Run only the checks, not the experiment. */
  checksOnly?: boolean;
  /** The workspace's answers.md (file name and current text), when there is one. */
  answers?: AnswersInput;
  /** Wall-clock limit for the whole run; the run ends with a `time-limit` error past it. */
  timeLimitMs?: number;
  /**
   * A debug run (the process runner only): the student's module carries its source map, its child is
   * a fresh one waiting for a debugger at `onInspector`'s address, and nothing has a time limit (a
   * student paused at a breakpoint is not stuck). The memory limit still holds.
   */
  debug?: { onInspector(address: InspectorAddress): void };
}

export interface RunHandle {
  /** Every event of the run; ends after exactly one `done` or `error` event. */
  events: AsyncIterable<RunEvent>;
  /** Stops the run now; the stream ends with an `error` event of reason `cancelled`. */
  cancel(): void;
}

export interface Runner {
  readonly kind: 'process' | 'webview';
  start(request: RunRequest): RunHandle;
}
