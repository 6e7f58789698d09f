// A ChildLink to a child process (dist/child.js) under Node's permission model where the runtime has
// it: it may read the lab's files and the workspace, write only the run's own folder, and start no
// process, worker or addon. The judge owns its limits: CPU time per request and the resident set,
// sampled here on the judge's clock; at the end the child's whole process group is killed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pidusage from 'pidusage';
import type { RunEvent } from '../core/engine/events';
import type { ChildLink } from '../core/engine/session';
import type { ToChild } from '../core/engine/childProtocol';
import { BudgetWatch, type UsageSample, type Verdict } from './budgetWatch';
import { lastWordsSchema, type ChildArgs, type LastWords } from './childArgs';
import { killChildGroup, spawnChild, type SpawnedChild } from './childSpawn';
import { noProgressMessage } from '../core/engine/cancel';
import { inspectorStderr, type InspectorAddress } from './inspectorOutput';

type ErrorEvent = Extract<RunEvent, { type: 'error' }>;

export interface ProcessLinkOptions {
  /** dist/child.js. */
  childScript: string;
  args: ChildArgs;
  /** Folders the child may read besides its own script's: the lab's dist/ and media/, the workspace, user data. */
  readable: string[];
  /** The student's file name, for the locations of endings (a spare child learns it when adopted). */
  displayFile?: string;
  /** Raw output the child writes past its console (logs), already capped. */
  onOutput?(event: Extract<RunEvent, { type: 'log' }>): void;
  /** Told once, when the runtime has no permission model (the child then runs unconfined). */
  onUnconfined?(reason: string): void;
  /** A debug run's child (spawnChild's `inspect`): told where its inspector listens; its notices stay out of the log. */
  onInspector?(address: InspectorAddress): void;
  /** The runtime that runs the child (process.execPath: node, or the editor's Electron as node). */
  execPath?: string;
  /** A child already started (spawnChild) with these args and readable folders: it is linked, not started. */
  spawned?: SpawnedChild;
  /** Sampling period of the limits, ms (200 unless set). */
  pollMs?: number;
  /** How the process's usage is sampled (pidusage unless set; tests inject their own). */
  usage?: (pid: number) => Promise<UsageSample>;
  graceMs?: number;
  wallFactor?: number;
}

const MAX_OUTPUT_LINES = 200;

/** A child process's link; a child started ahead of its run (a spare) is adopted by the run that takes it. */
export interface ProcessChildLink extends ChildLink {
  adopt(run: { displayFile: string; onOutput(event: Extract<RunEvent, { type: 'log' }>): void }): void;
}

export function processLink(options: ProcessLinkOptions): ProcessChildLink {
  let displayFile = options.displayFile ?? '';
  let onOutput = options.onOutput ?? (() => undefined);
  const { child, flags } =
    options.spawned ?? spawnChild({ ...options, ...(options.onInspector ? { inspect: true } : {}) });
  if (!flags.confined) options.onUnconfined?.(flags.reason);
  const watch = new BudgetWatch({
    memoryMb: options.args.memoryMb,
    graceMs: options.graceMs ?? 1000,
    wallFactor: options.wallFactor ?? 4,
  });
  const usage =
    options.usage ??
    (async (pid: number) => {
      const stat = await pidusage(pid);
      return { cpuMs: stat.ctime, rssBytes: stat.memory };
    });
  /** The marker of each call request in flight: what a limit or an ending is blamed on. */
  const markers = new Map<number, string>();
  let onEnd: (event: ErrorEvent) => void = () => undefined;
  let closing = false;
  let ended = false;
  let timer: NodeJS.Timeout | undefined;
  let outputLines = 0;

  const end = (event: ErrorEvent): void => {
    if (ended) return;
    ended = true;
    stop();
    onEnd(event);
  };
  const stop = (): void => {
    clearTimeout(timer);
    if (child.pid !== undefined) {
      killChildGroup(child);
      pidusage.clear();
    }
  };
  const blame = (): { marker?: string } => {
    const marker = [...markers.values()].pop();
    return marker ? { marker } : {};
  };

  const judge = (verdict: Verdict): void => {
    if (verdict.kind === 'memory') {
      end({
        type: 'error',
        reason: 'memory',
        message: memoryMessage(options.args.memoryMb, verdict.rssMb),
        ...blame(),
      });
    } else if (verdict.kind === 'time-limit') {
      end({
        type: 'error',
        reason: 'time-limit',
        message: timeLimitMessage(verdict.budgetMs, verdict.waited),
        ...blame(),
      });
    }
  };
  const poll = (): void => {
    if (ended || child.pid === undefined) return;
    usage(child.pid)
      .then(
        (sample) => {
          if (!ended) judge(watch.check(sample, Date.now()));
        },
        () => undefined, // the process is gone: its exit event says how
      )
      .finally(() => {
        if (!ended) timer = setTimeout(poll, options.pollMs ?? 200);
      });
  };
  poll();

  const forward = (level: 'info' | 'warn') => (text: string) => {
    const message = text.replace(/\n$/, '');
    if (!message || ended) return;
    outputLines++;
    if (outputLines <= MAX_OUTPUT_LINES) onOutput({ type: 'log', level, message });
    else if (outputLines === MAX_OUTPUT_LINES + 1)
      onOutput({ type: 'log', level: 'warn', message: 'More output from the run; the rest is not shown.' });
  };
  const stdout = forward('info');
  const stderr = forward('warn');
  const inspector = options.onInspector && inspectorStderr(options.onInspector);
  child.stdout?.on('data', (chunk: Buffer) => stdout(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) =>
    stderr(inspector ? inspector(chunk.toString('utf8')) : chunk.toString('utf8')),
  );
  child.on('error', (err) =>
    end({ type: 'error', reason: 'internal', message: `Could not start the run's process: ${err.message}` }),
  );
  const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
    if (closing || ended) return;
    const words = readLastWords(options.args.tmpDir);
    end({
      type: 'error',
      reason: 'student-code',
      message: endingMessage(words, code, signal),
      ...blame(),
      ...located(words, displayFile),
    });
  };
  child.on('exit', onExit);
  // a child started earlier (options.spawned) may have ended before this link listened
  if (child.exitCode !== null || child.signalCode !== null)
    setImmediate(() => onExit(child.exitCode, child.signalCode));

  return {
    adopt(run) {
      displayFile = run.displayFile;
      onOutput = run.onOutput;
    },
    post(message: ToChild) {
      if (ended || !child.connected) return;
      if (message.kind === 'request' && message.body.op === 'call') markers.set(message.id, message.body.marker);
      child.send(message, (err) => {
        if (err && !ended && !closing)
          end({ type: 'error', reason: 'internal', message: `Could not reach the run's process: ${err.message}` });
      });
    },
    listen(onMessage, onEnded) {
      onEnd = onEnded;
      child.on('message', (raw) => {
        if (!ended) onMessage(raw);
      });
    },
    budget: {
      start: (id, budgetMs) => watch.start(id, budgetMs, Date.now()),
      stop: (id) => {
        watch.stop(id);
        markers.delete(id);
      },
    },
    async close() {
      closing = true;
      ended = true;
      stop();
    },
  };
}

function readLastWords(tmpDir: string): LastWords | undefined {
  try {
    const parsed = lastWordsSchema.safeParse(JSON.parse(readFileSync(join(tmpDir, 'last-words.json'), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function located(words: LastWords | undefined, file: string): { location?: { file: string; line: number } } {
  return words?.line ? { location: { file, line: words.line } } : {};
}

/** How the student's code ended the process, in words. */
export function endingMessage(
  words: LastWords | undefined,
  code: number | null,
  signal: NodeJS.Signals | null,
): string {
  switch (words?.how) {
    case 'exit':
      return `Your code ended the run's process (process.exit(${words.code ?? code ?? ''})): the lab cannot check a solution that exits.`;
    case 'kill':
      return `Your code killed the run's process (process.kill with ${words.signal}): the lab cannot check a solution that does that.`;
    case 'unhandled-rejection':
      return `Your code left a promise rejected that nothing handled: ${words.message ?? ''}`;
    case 'uncaught-exception':
      return `Your code threw outside any function the lab called (in a callback or timer): ${words.message ?? ''}`;
  }
  if (signal === 'SIGKILL') return "The run's process was killed (SIGKILL; the system may have run out of memory).";
  return `The run's process ended while your code was running (${signal ? `signal ${signal}` : `exit code ${code}`}).`;
}

export function memoryMessage(limitMb: number, rssMb: number): string {
  return `Your code used more than ${limitMb} MB of memory (${Math.round(rssMb)} MB when it was stopped; the limit is the setting hw6.memoryLimitMB).`;
}

export function timeLimitMessage(budgetMs: number, waited: boolean): string {
  if (!waited) return noProgressMessage(budgetMs);
  return `A step of the run waited without finishing for more than 4 × its ${Math.round(budgetMs / 1000)} s (a promise that never settles?).`;
}
