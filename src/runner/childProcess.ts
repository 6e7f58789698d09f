// A run's child process: it holds the problems' child halves (no reference solutions, no checks),
// tfjs on wasm, and the student's module, and answers the judge over the IPC channel. argv[2] is a
// JSON ChildArgs. dist/child.js (childMain.ts) serves the lab's problems; tests serve their own.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChildEngine, MemoryLimitError } from '../core/engine/childEngine';
import type { FromChild, ToChild } from '../core/engine/childProtocol';
import { initBackend } from '../core/engine/backend';
import { warmUp } from '../core/engine/warmUp';
import type { ProblemChild, ProblemConfig } from '../core/problem';
import { studentLineInStack } from '../core/studentModule';
import { captureConsole } from './console';
import { nodeRunFiles } from './files';
import { loadStudentModule } from './load';
import type { ChildArgs, LastWords } from './childArgs';

export function serveChild(findProblem: (id: string) => ProblemChild<unknown, ProblemConfig> | undefined): void {
  const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
  Error.stackTraceLimit = 50;

  // The channel and the process controls, taken before any student code exists: what the student's
  // code can reach afterwards (process.send, process.exit, …) is no longer what the lab uses.
  const send = process.send!.bind(process);
  const exit = process.exit.bind(process);
  const kill = process.kill.bind(process);
  let studentFile = '';

  /** Written synchronously where the judge finds it after the process is gone. */
  let spoken = false;
  function lastWords(words: LastWords): void {
    // the first account wins: the exit that follows an unhandled rejection is the lab's own
    if (spoken) return;
    spoken = true;
    try {
      writeFileSync(join(args.tmpDir, 'last-words.json'), JSON.stringify(words));
    } catch {
      // the judge reports the ending without a line
    }
  }
  const lineHere = (err: Error): number | undefined => (studentFile ? studentLineInStack(err, studentFile) : undefined);

  process.on('exit', (code) => lastWords({ how: 'exit', code, line: lineHere(new Error()) }));
  process.kill = ((pid: number, signal?: string | number) => {
    if ((pid === process.pid || pid === 0 || pid === -process.pid) && signal !== 0)
      lastWords({ how: 'kill', signal: String(signal ?? 'SIGTERM'), line: lineHere(new Error()) });
    return kill(pid, signal);
  }) as typeof process.kill;
  process.on('unhandledRejection', (reason) => {
    const err = reason instanceof Error ? reason : undefined;
    lastWords({ how: 'unhandled-rejection', message: describe(reason), line: err ? lineHere(err) : undefined });
    exit(70);
  });
  process.on('uncaughtException', (err) => {
    lastWords({
      how: 'uncaught-exception',
      message: describe(err),
      line: err instanceof Error ? lineHere(err) : undefined,
    });
    exit(70);
  });

  function describe(value: unknown): string {
    try {
      return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
    } catch {
      return 'a value whose toString throws';
    }
  }

  const memoryLimitBytes = args.memoryMb * 1024 * 1024;
  // started now, before any run is asked of it: a spare child is ready by the time a run takes it
  const backendReady = initBackend({ wasmPath: join(args.wasmDir, '/'), usePlatformFetch: false });
  const engine = new ChildEngine({
    send: (message: FromChild) => send(message),
    findProblem,
    load: (code, file, loopGuard) => {
      studentFile = file;
      return loadStudentModule(code, file, loopGuard);
    },
    lineOf: (err, file) => studentLineInStack(err, file),
    initBackend: () => backendReady,
    // the process's CPU time: a busy machine does not eat a run's budget
    clock: () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    },
    // asked at student loops (the loop guard): a flood stops at its own line
    checkMemory: () => {
      if (process.memoryUsage.rss() > memoryLimitBytes) throw new MemoryLimitError(args.memoryMb);
    },
    files: nodeRunFiles(args.mediaDir),
    // a macrotask: Node reports unhandled rejections once the microtasks have run
    settle: () => new Promise((resolve) => setImmediate(resolve)),
    permission: Boolean((process as { permission?: unknown }).permission),
  });
  captureConsole((event) => send({ kind: 'event', event } as FromChild));
  let asked = false;
  process.on('message', (message: ToChild) => {
    asked = true;
    void engine.receive(message);
  });
  if (args.warmUp)
    void backendReady.then(() =>
      warmUp(
        () => asked,
        () => new Promise((resolve) => setImmediate(resolve)),
      ),
    );
  // the judge is gone (it exited, or closed the channel): so is the run
  process.on('disconnect', () => exit(0));
}
