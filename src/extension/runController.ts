// Runs problems: one active run per problem (a new run cancels the old), a cancellable progress
// notification, and every event streamed to the output channel and, through the artifact router,
// to the views the problems name; at the end the results go to diagnostics, decorations and the
// status bar — in the student's file and, for problems that judge answers, in answers.md. It reads
// the student's document and answers.md (unsaved edits included) and never writes either.
import * as vscode from 'vscode';
import type { Finding, RunEvent } from '../core/engine/events';
import type { ProblemInfo } from '../core/problem';
import type { MarkerNoteCollector } from '../core/problemUi';
import type { Runner, RunHandle } from '../runner/runner';
import { createRequire } from 'node:module';
import type * as JudgeModule from '../runner/judgeEntry';
import { compileStudent } from '../runner/compile';
import { WebviewRunner } from './webviewRunner';
import type { SideViewHost } from './sideViewHost';
import type { ArtifactRouter } from './artifactRouter';
import type { RunFollower } from './runFollower';
import { answersDocument, folderOf } from './answersFile';
import { answerDiagnosticsFor } from './model/answersModel';
import { runRequestFor } from './model/runRequest';
import { judgesAnswers } from '../core/answers/document';
import { problemSettings, type Settings } from './config';
import type { Decorations } from './decorations';
import type { Diagnostics } from './diagnostics';
import type { Output } from './output';
import type { StatusBar } from './statusBar';
import type { TrustGate } from './trust';
import { diagnosticsFor, type DiagnosticEntry } from './model/diagnosticModel';
import { markerNotesFor } from './model/markerNotes';
import { resolveProblemSettings } from './model/problemSettings';
import { passedOf } from '../core/verdict';
import { addFinding, errorText, type RunErrorEvent, type RunResult } from './model/runResult';
import { RunRecorder, type RunHistory } from './model/runRecord';
import type { RunResults, StoredRun } from './model/runResults';
import { problemCatalog } from '../core/problems/catalog';
import { baseName } from '../core/paths';
import type { DebugHooks } from './debugRun';
import { flavour } from '../core/flavour';

export interface RunOutcome {
  problemId: string;
  /** `skipped`: nothing ran (untrusted workspace). `cancelled`: stopped, or replaced by a newer run. */
  status: 'done' | 'error' | 'cancelled' | 'skipped';
  /** Where it ran (absent when skipped). */
  runner?: Runner['kind'];
  findings: Finding[];
  error?: RunErrorEvent;
}

export interface RunOptions {
  /** Only the checks, not the experiment. */
  checksOnly: boolean;
  /** Where answers.md is looked for first (default: the document's folder). */
  answersFolder?: vscode.Uri;
  /** A debug run (the process runner; no time limit): its session starts and ends with the run (debugRun.ts). */
  debug?: DebugHooks;
}

export interface RunControllerDeps {
  extensionUri: vscode.Uri;
  settings(): Settings;
  output: Output;
  diagnostics: Diagnostics;
  decorations: Decorations;
  statusBar: StatusBar;
  /** The side views: their snapshots carry the backend a run used; the one whose page runs code is the webview runner's channel. */
  sideViews: readonly SideViewHost[];
  /** Where each artifact kind goes. */
  artifacts: ArtifactRouter;
  /** A problem's run panel and side view, told when its runs start, progress and end. */
  followersOf(problemId: string): readonly RunFollower[];
  trust: TrustGate;
  /** Keeps every finished run whole, for the submission report and the work-time count. */
  history?: RunHistory;
  /** The latest judged run of each problem, which the Testing view and the CodeLens read. */
  results?: RunResults;
}

/** What a run read: the student's document (absent for the reference) and answers.md. */
interface RunInputs {
  document: vscode.TextDocument | undefined;
  source: string;
  answers: vscode.TextDocument | undefined;
  answersText: string | undefined;
}

interface ActiveRun {
  problem: ProblemInfo;
  cancel(): void;
}

/** A run that started: what it read, where its events go, what it found so far. */
interface StartedRun {
  problem: ProblemInfo;
  /** The progress notification's title: running, checking or debugging (and then, without a time limit). */
  title: string;
  checksOnly: boolean;
  runner: Runner['kind'];
  handle: RunHandle;
  inputs: RunInputs;
  /** The active-run entry, also the run's token for the panels (the judge's additions reach only its own artifacts). */
  active: ActiveRun;
  /** Prefixes the run's output lines (the problem's id, with ` check` for checks alone). */
  label: string;
  notes: MarkerNoteCollector;
  recorder: RunRecorder;
  findings: Finding[];
  /** The problem's views that follow this run while it goes (none for checks alone). */
  following: readonly RunFollower[];
}

export class RunController implements vscode.Disposable {
  private readonly active = new Map<string, ActiveRun>();
  private processRunner: { runner: Runner & { dispose(): void }; memoryMb: number } | undefined;
  private judgeModule: typeof JudgeModule | undefined;
  private webviewRunner: WebviewRunner | undefined;

  constructor(private readonly deps: RunControllerDeps) {}

  get running(): ProblemInfo[] {
    return [...this.active.values()].map((r) => r.problem);
  }

  /**
   * Runs `problem` on `document` (its experiment and checks, or only the checks). Without a document
   * the reference solution runs: answers can be checked before any code is written. answers.md is
   * looked for in `answersFolder` (default: the document's folder), then the workspace root.
   */
  async run(problem: ProblemInfo, document: vscode.TextDocument | undefined, options: RunOptions): Promise<RunOutcome> {
    const run = await this.start(problem, document, options);
    if (!run) return { problemId: problem.id, status: 'skipped', findings: [] };
    let outcome: RunOutcome | undefined;
    let sessionGone: Promise<void> | undefined;
    try {
      outcome = this.finish(run, await this.consume(run));
      return outcome;
    } finally {
      sessionGone = options.debug?.ended();
      const done = outcome;
      if (done && (done.status === 'done' || done.status === 'error')) {
        const { document, source, answers, answersText } = run.inputs;
        const record = (): void =>
          this.deps.results?.record({
            problemId: problem.id,
            checksOnly: run.checksOnly,
            findings: done.findings,
            ...(done.error ? { error: done.error } : {}),
            ...(document ? { studentUri: document.uri.toString(), source } : {}),
            ...(answers ? { answersUri: answers.uri.toString() } : {}),
            ...(answers && answersText !== undefined ? { answersSource: answersText } : {}),
            finishedAt: Date.now(),
          });
        // a debug run's is recorded once its session is gone (debugRun.ts says why)
        if (sessionGone) void sessionGone.then(record);
        else record();
      }
    }
  }

  /** Starts the run (cancelling the problem's previous one); undefined when runs are not allowed here. */
  private async start(
    problem: ProblemInfo,
    document: vscode.TextDocument | undefined,
    options: RunOptions,
  ): Promise<StartedRun | undefined> {
    if (!this.deps.trust.allowRun()) return undefined;
    this.active.get(problem.id)?.cancel();

    const settings = this.deps.settings();
    // a debugger attaches to a process: a debug run is the process runner's, whatever hw6.runner says
    const debug = options.debug;
    // the student build's reference runs replay a recording, which only the process runner has
    const replayed = !document && flavour === 'student';
    const runner = debug || replayed ? this.processRunnerFor(settings) : this.runner(settings);
    const source = document?.getText() ?? '';
    const answers = judgesAnswers(problem)
      ? await answersDocument(options.answersFolder ?? (document ? folderOf(document.uri) : undefined))
      : undefined;
    const answersText = answers?.getText();
    const handle: RunHandle = runner.start({
      ...runRequestFor({
        problem,
        ...(document ? { student: { file: document.uri.fsPath, source } } : {}),
        ...(answersText !== undefined ? { answersText } : {}),
        checksOnly: options.checksOnly,
        settings,
        problemSettings: resolveProblemSettings(problem.id, problemSettings(problem.id), {
          baseDir: baseDirFor(document),
        }),
      }),
      // the child's inspector listens once the run has started: its handle is there to cancel
      ...(debug ? { debug: { onInspector: (address) => debug.attach(address, () => handle.cancel()) } } : {}),
    });
    const active: ActiveRun = { problem, cancel: () => handle.cancel() };
    this.active.set(problem.id, active);
    this.publishRunning();

    const label = `${problem.id}${options.checksOnly ? ' check' : debug ? ' debug' : ''}`;
    const what = document
      ? vscode.workspace.asRelativePath(document.uri)
      : replayed
        ? 'a recorded reference run'
        : 'the reference solution';
    const withAnswers = answers ? ` with ${vscode.workspace.asRelativePath(answers.uri)}` : '';
    this.deps.output.channel.info(
      `[${label}] ${verbOf(options)} ${what}${withAnswers} on the ${runner.kind} runner${debug ? DEBUG_NOTE : ''}`,
    );
    const recorder = new RunRecorder(problem, {
      checksOnly: options.checksOnly,
      ...(document ? { studentFile: document.uri.fsPath, source } : {}),
      ...(answersText !== undefined ? { answersText } : {}),
    });
    const following = options.checksOnly ? [] : this.deps.followersOf(problem.id);
    for (const view of following) view.runStarted(active, document);
    return {
      problem,
      title: `HW6 Lab: ${verbOf(options)} ${problem.title}${debug ? ' (no time limit while debugging)' : ''}`,
      checksOnly: options.checksOnly,
      runner: runner.kind,
      handle,
      inputs: { document, source, answers, answersText },
      active,
      label,
      notes: markerNotesFor(problem.id),
      recorder,
      findings: [],
      following,
    };
  }

  /** Streams the run's events to the output, the progress notification and the views; resolves with its terminal event, if any. */
  private async consume(run: StartedRun): Promise<Extract<RunEvent, { type: 'done' | 'error' }> | undefined> {
    let end: Extract<RunEvent, { type: 'done' | 'error' }> | undefined;
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: run.title,
        cancellable: true,
      },
      async (progress, token) => {
        const cancelled = token.onCancellationRequested(() => run.handle.cancel());
        let reported = 0;
        try {
          for await (const event of run.handle.events) {
            this.deps.output.event(run.label, event);
            run.notes.observe(event);
            run.recorder.observe(event);
            if (event.type === 'progress') {
              const percent = Math.max(0, Math.min(100, event.fraction * 100));
              progress.report({
                increment: Math.max(0, percent - reported),
                ...(event.message ? { message: event.message } : {}),
              });
              reported = Math.max(reported, percent);
              for (const view of run.following) view.runProgress(event.fraction, event.message);
            } else if (event.type === 'finding') {
              addFinding(run.findings, event.finding);
            } else if (event.type === 'artifact') {
              this.deps.artifacts.route(event.artifact, run.active);
            } else if (event.type === 'done' || event.type === 'error') {
              end = event;
            }
          }
        } finally {
          cancelled.dispose();
        }
      },
    );
    return end;
  }

  /** The run is over: its panel, the run history, and (unless cancelled) the editor hear how it went. */
  private finish(run: StartedRun, end: Extract<RunEvent, { type: 'done' | 'error' }> | undefined): RunOutcome {
    const { problem } = run;
    if (this.active.get(problem.id) === run.active) this.active.delete(problem.id);
    this.publishRunning();
    this.deps.history?.add(run.recorder.finish());
    const error = end?.type === 'error' ? end : undefined;
    // A run replaced by a newer one of the same problem leaves the panel to the newer run.
    if (!this.active.has(problem.id)) {
      const { passed, total } = passedOf(run.findings);
      for (const view of run.following)
        view.runEnded(
          end?.type === 'done'
            ? { state: 'done', failedChecks: total - passed }
            : {
                state: error?.reason === 'cancelled' ? 'cancelled' : 'error',
                message: error ? errorText(error) : 'The run ended without a result.',
              },
        );
    }
    const notes = run.notes.notes();
    if (!end) {
      // The runner contract promises a terminal event; report its absence rather than hiding it.
      return this.publish(run, {
        problemId: problem.id,
        findings: run.findings,
        notes,
        error: { type: 'error', reason: 'internal', message: 'The run ended without a result.' },
      });
    }
    if (error?.reason === 'cancelled') {
      this.deps.statusBar.finished({ kind: 'cancelled', problemTitle: problem.title });
      return { problemId: problem.id, status: 'cancelled', runner: run.runner, findings: run.findings, error };
    }
    if (end.type === 'done') for (const view of this.deps.sideViews) view.setBackend(end.backend);
    return this.publish(
      run,
      { problemId: problem.id, findings: run.findings, notes, ...(error ? { error } : {}) },
      end.type === 'done' ? end.backend : undefined,
    );
  }

  /**
   * After a reload: shows a stored run's diagnostics and decorations again, in the files it read,
   * if they still hold the text it read (else it says nothing about them now, as the lenses do).
   */
  async restore(stored: StoredRun): Promise<void> {
    const problem = problemCatalog.find((p) => p.id === stored.problemId);
    if (!problem) return;
    const open = async (
      uri: string | undefined,
      text: string | undefined,
    ): Promise<vscode.TextDocument | undefined> => {
      if (uri === undefined || text === undefined) return undefined;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)).then(
        (d) => d,
        () => undefined,
      );
      return document?.getText() === text ? document : undefined;
    };
    const document = await open(stored.studentUri, stored.source);
    const answers = await open(stored.answersUri, stored.answersSource);
    if (stored.studentUri && !document) return;
    const inputs: RunInputs = { document, source: stored.source ?? '', answers, answersText: answers?.getText() };
    this.show(
      problem,
      { problemId: problem.id, findings: stored.findings, ...(stored.error ? { error: stored.error } : {}) },
      inputs,
    );
  }

  /** Diagnostics and decorations of a run's result in the files it read. */
  private show(problem: ProblemInfo, result: RunResult, read: RunInputs): void {
    const { diagnostics, decorations } = this.deps;
    const files: { document: vscode.TextDocument; entries: DiagnosticEntry[] }[] = [];
    if (read.document) {
      const markerIds = problem.markers.map((m) => m.id);
      files.push({
        document: read.document,
        entries: diagnosticsFor(result, {
          text: read.document.getText(),
          fileName: baseName(read.document.uri),
          markerIds,
        }),
      });
      decorations.show(read.document, markerIds, result, read.source);
    }
    if (read.answers && read.answersText !== undefined) {
      const ids = problem.answerIds ?? [];
      const ctx = {
        text: read.answers.getText(),
        runText: read.answersText,
        fileName: baseName(read.answers.uri),
        ids,
      };
      files.push({ document: read.answers, entries: answerDiagnosticsFor(result.findings, ctx) });
      decorations.showAnswers(read.answers, problem.id, ids, result.findings, read.answersText);
    }
    diagnostics.replaceAll(problem.id, files, { keepOthers: !read.document });
  }

  /** Diagnostics, decorations, the status bar and, for errors the student cannot fix at a line, a message. */
  private publish({ runner, problem, inputs: read }: StartedRun, result: RunResult, backend?: string): RunOutcome {
    const { statusBar, output } = this.deps;
    this.show(problem, result, read);
    if (result.error) {
      statusBar.finished({ kind: 'error', problemTitle: problem.title, text: errorText(result.error) }, backend);
      if (result.error.reason === 'internal') {
        void vscode.window
          .showErrorMessage(`HW6 Lab: ${result.error.message}`, 'Show Output')
          .then((c) => c && output.show());
      } else if (result.error.reason === 'settings') {
        const setting = result.error.setting ?? `hw6.${problem.id}`;
        void vscode.window
          .showErrorMessage(`HW6 Lab: ${result.error.message}`, 'Open Settings')
          .then((c) => c && vscode.commands.executeCommand('workbench.action.openSettings', setting));
      }
    } else {
      statusBar.finished({ kind: 'checks', problemTitle: problem.title, ...passedOf(result.findings) }, backend);
    }
    return {
      problemId: problem.id,
      status: result.error ? 'error' : 'done',
      runner,
      findings: result.findings,
      ...(result.error ? { error: result.error } : {}),
    };
  }

  /** Cancels `problemId`'s run, if one is active; returns whether there was one. */
  cancel(problemId: string): boolean {
    const run = this.active.get(problemId);
    run?.cancel();
    return run !== undefined;
  }

  /** Cancels every active run; returns how many there were. */
  stopAll(): number {
    const runs = [...this.active.values()];
    for (const r of runs) r.cancel();
    return runs.length;
  }

  private runner(settings: Settings): Runner {
    // without a view whose page runs code (no descriptor says so), runs stay with the process runner
    const codeView = this.deps.sideViews.find((v) => v.ui.runsCode);
    if (settings.runner === 'webview' && codeView) {
      this.webviewRunner ??= new WebviewRunner(codeView.channel, compileStudent, {
        findProblem: this.judge().findProblem,
      });
      return this.webviewRunner;
    }
    return this.processRunnerFor(settings);
  }

  private processRunnerFor(settings: Settings): Runner {
    if (this.processRunner?.memoryMb !== settings.memoryMb) {
      const dist = (name: string): string => vscode.Uri.joinPath(this.deps.extensionUri, 'dist', name).fsPath;
      const { ProcessRunner, findProblem } = this.judge();
      this.processRunner?.runner.dispose();
      this.processRunner = {
        memoryMb: settings.memoryMb,
        runner: new ProcessRunner({
          childScript: dist('child.js'),
          // the student build ships no reference: its reference runs replay media/recorded
          ...(flavour === 'staff' ? { referenceDir: dist('reference') } : {}),
          recordedDir: vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'recorded').fsPath,
          wasmDir: dist('wasm'),
          mediaDir: vscode.Uri.joinPath(this.deps.extensionUri, 'media').fsPath,
          findProblem,
          memoryMb: settings.memoryMb,
          // a check should not wait for a process to start: one child waits for the next run
          prewarm: true,
        }),
      };
    }
    return this.processRunner.runner;
  }

  /** The judge (dist/judge.js: the checks and the runners), loaded on the first run. */
  private judge(): typeof JudgeModule {
    this.judgeModule ??= createRequire(__filename)(
      vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'judge.js').fsPath,
    ) as typeof JudgeModule;
    return this.judgeModule;
  }

  private publishRunning(): void {
    const running = this.running;
    this.deps.statusBar.setRunning(running.map((p) => p.title));
    void vscode.commands.executeCommand('setContext', 'hw6.running', running.length > 0);
  }

  dispose(): void {
    this.stopAll();
    this.webviewRunner?.dispose();
    this.processRunner?.runner.dispose();
  }
}

/** A debug run has no time limit: a student paused at a breakpoint is not stuck. */
const DEBUG_NOTE = ' with the debugger (no time limit while debugging; the memory limit holds)';

function verbOf(options: RunOptions): string {
  return options.checksOnly ? 'checking' : options.debug ? 'debugging' : 'running';
}

/** Where a relative path in a problem's settings is taken from: the student's workspace folder, else the first one. */
function baseDirFor(document: vscode.TextDocument | undefined): string | undefined {
  const folder =
    (document && vscode.workspace.getWorkspaceFolder(document.uri)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}
