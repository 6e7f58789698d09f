// The default Runner: the student's code runs in a child process of its own (processLink.ts), the
// judge runs here (core/engine/judge.ts). The student's file is compiled here, so a syntax error
// needs no process. In the staff build the reference runs as a module the lab ships
// (dist/reference/<id>.js), loaded by the child exactly as a student's file is; the student build has
// no reference, and replays a recorded reference run instead (core/engine/recordedLink.ts), judged
// the same way. The host only ever sees events; nothing throws into it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { RunEvent } from '../core/engine/events';
import type { Problem, ProblemConfig } from '../core/problem';
import { startJudgedRun } from '../core/engine/judgedRun';
import { resolveConfig } from '../core/engine/config';
import { atEditorLines } from '../core/lines';
import { EventChannel } from './eventChannel';
import { CompileError, compileStudent } from './compile';
import { processLink, type ProcessChildLink } from './processLink';
import { childKey, childReadable, type SpawnedChild } from './childSpawn';
import type { ChildArgs } from './childArgs';
import type { ChildLink } from '../core/engine/session';
import {
  RecordedLink,
  recordedLabel,
  recordedRunFor,
  recordingFromJson,
  type Recording,
} from '../core/engine/recordedLink';
import { poolSizeFrom } from './poolSize';
import type { Runner, RunHandle, RunRequest } from './runner';
import type { InspectorAddress } from './inspectorOutput';

export interface ProcessRunnerOptions {
  /** Absolute path of dist/child.js. */
  childScript: string;
  /** Folder of the reference bundles (dist/reference), for reference runs: the staff build. */
  referenceDir?: string;
  /**
   * The student build (no referenceDir): folder of the recorded reference runs (media/recorded),
   * replayed for reference runs and for the reference beside a student's run.
   */
  recordedDir?: string;
  /** The recording script: every link of a run goes through it (`main`, a `cell`'s, the `reference` beside). */
  wrapLink?: (link: ChildLink, role: 'main' | 'cell' | 'reference') => ChildLink;
  /** Folder of tfjs-backend-wasm*.wasm (dist/wasm). */
  wasmDir: string;
  /** The lab's media/ folder. */
  mediaDir: string;
  /** The judge halves, by id. */
  findProblem(id: string): Problem<ProblemConfig> | undefined;
  /** Processes a run's cells are spread over (the run's own included); one per core unless set (or HW6_POOL_SIZE). */
  poolSize?: number;
  /** hw6.memoryLimitMB: each child's resident set; 2048 unless set. */
  memoryMb?: number;
  /** hw6.timeLimitSeconds: the CPU time each step of a run may take; 120 s unless set. */
  defaultTimeLimitMs?: number;
  /** The runtime for the children (process.execPath unless set). */
  execPath?: string;
  /**
   * Keep one child started ahead of the next run (tfjs loaded, backend ready), so a check does not
   * wait for a process to start. Hosts that run many checks turn it on; dispose() ends the spare.
   */
  prewarm?: boolean;
  /**
   * A child started before this runner existed (the CLI's launcher): the first run takes it when it
   * needs the same folders and memory limit; otherwise it is ended.
   */
  prestarted?: PrestartedChild;
}

/** A child spawnChild started ahead of any runner, with the args and readable folders it was given. */
export interface PrestartedChild {
  spawned: SpawnedChild;
  args: ChildArgs;
  readable: string[];
}

interface Spare {
  key: string;
  link: ProcessChildLink;
  tmpDir: string;
}

type ErrorEvent = Extract<RunEvent, { type: 'error' }>;

/** A debug run's child: where to say its inspector's address, and why it runs unconfined if it does. */
interface DebugChild {
  onInspector(address: InspectorAddress): void;
  onUnconfined(reason: string): void;
}

export class ProcessRunner implements Runner {
  readonly kind = 'process' as const;
  private toldUnconfined = false;
  private spare: Spare | undefined;
  /** Why the children run unconfined, until a run has said so in its log. */
  private unconfined: string | undefined;

  constructor(private readonly options: ProcessRunnerOptions) {
    const early = options.prestarted;
    if (early) {
      this.spare = {
        key: childKey(early.readable, early.args.memoryMb),
        link: this.link(early.args, early.readable, early.spawned),
        tmpDir: early.args.tmpDir,
      };
    }
  }

  start(request: RunRequest): RunHandle {
    const channel = new EventChannel<RunEvent>();
    const problem = this.options.findProblem(request.problemId);
    const displayFile =
      request.solution.kind === 'student' ? basename(request.solution.file) : (problem?.studentFile ?? '');
    const source = request.solution.kind === 'student' ? request.solution.source : '';
    // what V8 calls a line is not always the editor's (U+2028 and U+2029 end lines for V8 only)
    const emit = (event: RunEvent): void => channel.push(atEditorLines(event, displayFile, source));
    const endWith = (event: ErrorEvent): RunHandle => {
      emit(event);
      channel.close();
      return { events: channel, cancel: () => undefined };
    };
    if (!problem)
      return endWith({ type: 'error', reason: 'internal', message: `Unknown problem "${request.problemId}".` });

    let module: { code: string; file: string };
    try {
      module = this.module(problem, request);
    } catch (err) {
      if (err instanceof CompileError) {
        return endWith({
          type: 'error',
          reason: 'syntax',
          message: `Syntax error: ${err.message}`,
          location: { file: displayFile, line: err.line, column: err.column },
        });
      }
      return endWith({ type: 'error', reason: 'internal', message: err instanceof Error ? err.message : String(err) });
    }

    const config = resolveConfig(problem, request.config);
    const debug = request.debug;
    const timeLimitMs = debug ? Infinity : (request.timeLimitMs ?? this.options.defaultTimeLimitMs ?? 120_000);
    const memoryMb = this.options.memoryMb ?? 2048;
    const tmpDirs: string[] = [];
    const readable = this.readable(request, config);
    const key = childKey(readable, memoryMb);
    // a debug run says in its own log when its child runs unconfined (a runtime may refuse the inspector only)
    const emitUnconfined = (message: string): void => emit({ type: 'log', level: 'warn', message });
    const adopt = (child: Omit<Spare, 'key'>): ChildLink => {
      tmpDirs.push(child.tmpDir);
      child.link.adopt({ displayFile, onOutput: emit });
      return child.link;
    };
    const wrap = this.options.wrapLink ?? ((l: ChildLink) => l);
    const replay = request.solution.kind === 'reference' && !this.options.referenceDir;
    const recorded = (): ChildLink => new RecordedLink(this.recording(problem.id), problem.id);
    const live = (): ChildLink => {
      const child = adopt(this.takeSpare(key) ?? this.spawn(readable, memoryMb));
      if (this.options.prewarm) this.spare ??= { key, ...this.spawn(readable, memoryMb, true) };
      return child;
    };
    const link = (): ChildLink => wrap(replay ? recorded() : live(), 'cell');
    // a debug run's child is its own, never the spare: started with an inspector, waiting for the debugger
    const first = wrap(
      replay
        ? recorded()
        : debug
          ? adopt(
              this.spawn(readable, memoryMb, false, { onInspector: debug.onInspector, onUnconfined: emitUnconfined }),
            )
          : live(),
      'main',
    );
    if (replay) this.sayReplayed(problem, config, emit);
    // said once, in the first run's log (the output channel)
    if (this.unconfined) {
      emit({ type: 'log', level: 'warn', message: this.unconfined });
      this.unconfined = undefined;
    }
    const run = startJudgedRun({
      problem,
      config,
      module: { ...module, reference: request.solution.kind === 'reference' },
      displayFile,
      budgetMs: timeLimitMs,
      link: first,
      spawnCellLink: link,
      // one debugged process: a debug run's cells all run in it
      poolSize: debug ? 1 : poolSizeFrom(this.options.poolSize),
      checksOnly: request.checksOnly,
      ...(request.answers ? { answers: request.answers } : {}),
      emit,
      ...this.referenceLink(problem, config, () => wrap(this.options.referenceDir ? live() : recorded(), 'reference')),
    });
    void run.ended.finally(() => {
      channel.close();
      for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
    });
    return { events: channel, cancel: run.cancel };
  }

  /** Ends the spare child, if any. */
  dispose(): void {
    const spare = this.spare;
    this.spare = undefined;
    if (spare) void spare.link.close().finally(() => rmSync(spare.tmpDir, { recursive: true, force: true }));
  }

  private takeSpare(key: string): Omit<Spare, 'key'> | undefined {
    const spare = this.spare;
    if (!spare) return undefined;
    this.spare = undefined;
    if (spare.key === key) return spare;
    void spare.link.close().finally(() => rmSync(spare.tmpDir, { recursive: true, force: true }));
    return undefined;
  }

  private spawn(readable: string[], memoryMb: number, warmUp = false, debug?: DebugChild): Omit<Spare, 'key'> {
    const tmpDir = mkdtempSync(join(tmpdir(), 'hw6-run-'));
    const args: ChildArgs = {
      wasmDir: this.options.wasmDir,
      mediaDir: this.options.mediaDir,
      tmpDir,
      memoryMb,
      ...(warmUp ? { warmUp } : {}),
    };
    return { link: this.link(args, readable, undefined, debug), tmpDir };
  }

  private link(args: ChildArgs, readable: string[], spawned?: SpawnedChild, debug?: DebugChild): ProcessChildLink {
    return processLink({
      childScript: this.options.childScript,
      args,
      readable,
      ...(spawned ? { spawned } : {}),
      ...(debug ? debug : {}),
      onUnconfined: (reason) => {
        if (debug) return debug.onUnconfined(reason);
        if (this.toldUnconfined) return;
        this.toldUnconfined = true;
        this.unconfined = reason;
      },
      ...(this.options.execPath ? { execPath: this.options.execPath } : {}),
    });
  }

  private module(problem: Problem<ProblemConfig>, request: RunRequest): { code: string; file: string } {
    if (request.solution.kind === 'student') {
      const { source, file } = request.solution;
      return { code: compileStudent(source, file, { sourceMap: request.debug !== undefined }), file };
    }
    // a replayed run loads no module: its link answers from the recording
    return this.referenceModule(problem) ?? { code: '', file: `recorded/${problem.id}.json` };
  }

  /** The reference beside a student's run (JudgeContext.reference): live, recorded, or none. */
  private referenceLink(
    problem: Problem<ProblemConfig>,
    config: ProblemConfig,
    link: () => ChildLink,
  ): { referenceLink?: { link: () => ChildLink; module: { code: string; file: string }; label?: string } } {
    const module = this.referenceModule(problem);
    if (module) return { referenceLink: { link, module } };
    const recording = this.recording(problem.id);
    const run = recording && recordedRunFor(recording, config);
    if (!recording) return {};
    return {
      referenceLink: {
        link,
        module: { code: '', file: `recorded/${problem.id}.json` },
        ...(run ? { label: recordedLabel(recording, run) } : {}),
      },
    };
  }

  /** A replayed reference run says so first, with the settings it was recorded with. */
  private sayReplayed(problem: Problem<ProblemConfig>, config: ProblemConfig, emit: (event: RunEvent) => void): void {
    const recording = this.recording(problem.id);
    const run = recording && recordedRunFor(recording, config);
    if (recording && run)
      emit({
        type: 'log',
        level: 'info',
        message: `${problem.title}: this build has no reference solution; replaying the ${recordedLabel(recording, run)}.`,
      });
  }

  private readonly recordings = new Map<string, Recording | undefined>();

  /** The recorded reference runs of a problem (the student build), read and validated when first needed. */
  private recording(problemId: string): Recording | undefined {
    const dir = this.options.recordedDir;
    if (!dir) return undefined;
    if (!this.recordings.has(problemId)) {
      let recording: Recording | undefined;
      try {
        recording = recordingFromJson(readFileSync(join(dir, `${problemId}.json`), 'utf8'));
      } catch {
        recording = undefined; // no recording (or a broken one): a reference run says it has none
      }
      this.recordings.set(problemId, recording);
    }
    return this.recordings.get(problemId);
  }

  /** The lab's reference solution of `problem`, as a module the child loads (read when first needed); none in the student build. */
  private referenceModule(problem: Problem<ProblemConfig>): { code: string; file: string } | undefined {
    if (!this.options.referenceDir) return undefined;
    const file = join(this.options.referenceDir, `${problem.id}.js`);
    let code: string | undefined;
    return {
      file,
      get code() {
        return (code ??= readFileSync(file, 'utf8'));
      },
    };
  }

  /** What the child may read: the lab's own files, the student's folder, and a data folder a setting names. */
  private readable(request: RunRequest, config: ProblemConfig): string[] {
    const idxDir = (config as { idxDir?: unknown }).idxDir;
    return childReadable(
      this.options,
      request.solution.kind === 'student' ? dirname(request.solution.file) : undefined,
      typeof idxDir === 'string' && isAbsolute(idxDir) ? idxDir : undefined,
    );
  }
}
