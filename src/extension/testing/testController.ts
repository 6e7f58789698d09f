// The Testing view ("HW6 Lab" test controller): the lab's checks as tests, run by the same commands
// the CodeLens runs (so through the one RunController), and shown from the one result store
// (RunResults) that every run lands in — a run started from a lens, the palette or a save shows
// here too, and a run started here updates diagnostics, decorations and lenses as a lens run does.
import * as vscode from 'vscode';
import type { RunOutcome } from '../runController';
import type { RunResults, StoredRun } from '../model/runResults';
import { answerOutcome, checkOutcome, type LeafMessage, type LeafState } from '../model/testOutcomes';
import { problemIdOf, TestTree, type Leaf, type ProblemNode } from './testTree';

export type RunMode = 'check' | 'run' | 'debug';

/** The command a debug run calls (commands.ts registers it); `(uri, markerId?) → RunOutcome`. */
export const DEBUG_COMMAND = 'hw6.debugMarker';

/** What the controller last told VS Code about an item, for the host tests. */
export interface AppliedResult {
  state: LeafState;
  messages: { text: string; uri?: string; line?: number; expected?: string; actual?: string }[];
}

export class Hw6TestController implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('hw6Lab', 'HW6 Lab');
  readonly tree = new TestTree(this.controller);
  private readonly disposables: vscode.Disposable[] = [];
  /** Runs the Testing view is waiting for, by problem: they are shown in its own TestRun. */
  private readonly own = new Map<string, (run: StoredRun) => void>();
  /** Continuous runs in progress: the problems each one watches. */
  private readonly continuous = new Set<{ request: vscode.TestRunRequest; problems: Set<string> }>();
  private readonly applied = new Map<string, AppliedResult>();
  readonly checkProfile: vscode.TestRunProfile;
  readonly runProfile: vscode.TestRunProfile;
  readonly debugProfile: vscode.TestRunProfile;
  private refreshing: Promise<void> = Promise.resolve();

  constructor(
    results: RunResults,
    /** Cancels a problem's run (the RunController's). */
    private readonly cancelRun: (problemId: string) => boolean,
  ) {
    const { controller } = this;
    this.checkProfile = controller.createRunProfile(
      'Check',
      vscode.TestRunProfileKind.Run,
      (request, token) => this.handle('check', request, token),
      true,
      undefined,
      true,
    );
    this.runProfile = controller.createRunProfile(
      'Run (experiment and checks)',
      vscode.TestRunProfileKind.Run,
      (request, token) => this.handle('run', request, token),
      false,
    );
    this.debugProfile = controller.createRunProfile(
      'Debug',
      vscode.TestRunProfileKind.Debug,
      (request, token) => this.handle('debug', request, token),
      true,
    );
    controller.refreshHandler = () => this.refresh();
    controller.resolveHandler = (item) => (item ? Promise.resolve() : this.refresh());
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{ts,md}', false, true, false);
    let pending: ReturnType<typeof setTimeout> | undefined;
    const soon = (): void => {
      if (pending) clearTimeout(pending);
      pending = setTimeout(() => void this.refresh(), 300);
    };
    this.disposables.push(
      controller,
      watcher,
      watcher.onDidCreate(soon),
      watcher.onDidDelete(soon),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.concerns(e.document.uri)) return;
        soon();
        this.invalidateStale(e.document);
      }),
      results.onDidRecord((run) => void this.recorded(run)),
      { dispose: () => pending && clearTimeout(pending) },
    );
    void this.refresh();
  }

  /** Rebuilds the items (one rebuild at a time). */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.tree.refresh()).catch(() => undefined);
    return this.refreshing;
  }

  /** Whether a continuous run is watching `problemId`. */
  watches(problemId: string): boolean {
    return [...this.continuous].some((c) => c.problems.has(problemId));
  }

  /** A save re-runs a watched problem: a TestRun of the continuous request, through the same commands. */
  runContinuous(problemId: string, mode: 'check' | 'run'): { cancel(): void; done: Promise<unknown> } | undefined {
    const watch = [...this.continuous].find((c) => c.problems.has(problemId));
    const node = this.tree.node(problemId);
    if (!watch || !node) return undefined;
    const source = new vscode.CancellationTokenSource();
    const run = this.controller.createTestRun(watch.request, `HW6 Lab: ${node.problem.title} (continuous)`, true);
    const done = this.runProblem(run, node, mode, source.token, undefined).finally(() => {
      run.end();
      source.dispose();
    });
    return { cancel: () => source.cancel(), done };
  }

  /** What the controller last reported for an item (host tests). */
  resultOf(itemId: string): AppliedResult | undefined {
    return this.applied.get(itemId);
  }

  /** Runs items as the Testing view's profiles do (host tests): by item id, all when none given. */
  async runItems(mode: RunMode, itemIds?: readonly string[]): Promise<void> {
    await this.refreshing;
    const include = itemIds?.map((id) => this.find(id)).filter((i): i is vscode.TestItem => i !== undefined);
    const profile = mode === 'check' ? this.checkProfile : mode === 'run' ? this.runProfile : this.debugProfile;
    const source = new vscode.CancellationTokenSource();
    try {
      await this.handle(mode, new vscode.TestRunRequest(include, undefined, profile), source.token);
    } finally {
      source.dispose();
    }
  }

  /** Starts a continuous run of items (by id; all when none) as the Check profile's does (host tests). */
  async watch(itemIds?: readonly string[]): Promise<{ stop(): void }> {
    await this.refreshing;
    const include = itemIds?.map((id) => this.find(id)).filter((i): i is vscode.TestItem => i !== undefined);
    const source = new vscode.CancellationTokenSource();
    const watching = this.handle(
      'check',
      new vscode.TestRunRequest(include, undefined, this.checkProfile, true),
      source.token,
    );
    return {
      stop: () => {
        source.cancel();
        void watching.finally(() => source.dispose());
      },
    };
  }

  /** Shows an item in the Testing view, expanding its parents (host tests, screenshots). */
  async reveal(itemId: string): Promise<void> {
    await this.refreshing;
    const item = this.find(itemId);
    if (item) await vscode.commands.executeCommand('vscode.revealTestInExplorer', item);
  }

  /** An item anywhere in the tree, by id. */
  find(id: string): vscode.TestItem | undefined {
    const node = this.tree.node(problemIdOf(id));
    if (!node) return undefined;
    if (node.item.id === id) return node.item;
    const direct = node.item.children.get(id);
    if (direct) return direct;
    let found: vscode.TestItem | undefined;
    node.item.children.forEach((c) => (found ??= c.children.get(id)));
    return found;
  }

  private concerns(uri: vscode.Uri): boolean {
    return this.tree
      .all()
      .some((n) => n.studentUri?.toString() === uri.toString() || n.answersUri?.toString() === uri.toString());
  }

  /** An edit makes the shown results of its file out of date (VS Code greys them until the next run). */
  private invalidateStale(document: vscode.TextDocument): void {
    const uri = document.uri.toString();
    for (const node of this.tree.all()) {
      const stale = [...node.leaves.values()].filter((l) => l.item.uri?.toString() === uri).map((l) => l.item);
      if (stale.length) this.controller.invalidateTestResults(stale);
    }
  }

  private async handle(mode: RunMode, request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    await this.refreshing;
    const nodes = this.nodesOf(request);
    if (request.continuous) {
      // Watch until the student stops the continuous run; each save of a watched file re-runs (runOnSave.ts).
      const watch = { request, problems: new Set(nodes.map((n) => n.problem.id)) };
      this.continuous.add(watch);
      await new Promise<void>((resolve) => {
        if (token.isCancellationRequested) return resolve();
        const listening = token.onCancellationRequested(() => {
          listening.dispose();
          resolve();
        });
      });
      this.continuous.delete(watch);
      return;
    }
    const run = this.controller.createTestRun(request, undefined, true);
    try {
      for (const node of nodes) for (const leaf of node.leaves.values()) run.enqueued(leaf.item);
      for (const node of nodes) {
        if (token.isCancellationRequested) {
          for (const leaf of node.leaves.values()) run.skipped(leaf.item);
          continue;
        }
        await this.runProblem(run, node, mode, token, this.markerOf(request, node));
      }
    } finally {
      run.end();
    }
  }

  /** The problems a request covers: those of its included items (all when none), less excluded problems. */
  private nodesOf(request: vscode.TestRunRequest): ProblemNode[] {
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const ids = request.include ? [...new Set(request.include.map((i) => problemIdOf(i.id)))] : undefined;
    return this.tree.all().filter((n) => (!ids || ids.includes(n.problem.id)) && !excluded.has(n.item.id));
  }

  /** The marker a debug run should stop at: the one item asked for, when it is (under) a marker. */
  private markerOf(request: vscode.TestRunRequest, node: ProblemNode): string | undefined {
    const mine = (request.include ?? []).filter((i) => problemIdOf(i.id) === node.problem.id);
    const markerId = mine.length === 1 ? mine[0]!.id.split('/')[1] : undefined;
    return markerId && node.problem.markers.some((m) => m.id === markerId) ? markerId : undefined;
  }

  /** Runs one problem through the lab's commands and shows its result in `run`. */
  private async runProblem(
    run: vscode.TestRun,
    node: ProblemNode,
    mode: RunMode,
    token: vscode.CancellationToken,
    markerId: string | undefined,
  ): Promise<void> {
    const leaves = [...node.leaves.values()];
    const skipAll = (why: string): void => {
      run.appendOutput(`${node.problem.title}: ${why}\r\n`);
      for (const leaf of leaves) {
        this.applied.set(leaf.item.id, { state: 'skipped', messages: [{ text: why }] });
        run.skipped(leaf.item);
      }
    };
    const call = this.commandFor(mode, node, markerId);
    if (typeof call === 'string') return skipAll(call);
    for (const leaf of leaves) run.started(leaf.item);
    let stored: StoredRun | undefined;
    this.own.set(node.problem.id, (r) => (stored = r));
    const cancelling = token.onCancellationRequested(() => this.cancelRun(node.problem.id));
    let outcome: RunOutcome | RunOutcome[] | undefined;
    try {
      outcome = await vscode.commands.executeCommand<RunOutcome | RunOutcome[] | undefined>(call.command, ...call.args);
    } catch (err) {
      return skipAll(`could not run: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      cancelling.dispose();
      this.own.delete(node.problem.id);
    }
    if (stored) return this.apply(run, node, stored);
    const status = Array.isArray(outcome) ? outcome[0]?.status : outcome?.status;
    skipAll(
      status === 'cancelled'
        ? 'cancelled.'
        : status === 'skipped'
          ? 'nothing ran (the workspace is not trusted).'
          : 'nothing ran.',
    );
  }

  /** The command and arguments a mode runs for a problem, or why it cannot. */
  private commandFor(
    mode: RunMode,
    node: ProblemNode,
    markerId: string | undefined,
  ): { command: string; args: unknown[] } | string {
    const { studentUri, answersUri, problem } = node;
    if (mode === 'debug') {
      if (!studentUri) return `debugging needs ${problem.studentFile} in the workspace.`;
      return { command: DEBUG_COMMAND, args: markerId ? [studentUri, markerId] : [studentUri] };
    }
    if (studentUri) return { command: mode === 'run' ? 'hw6.runMarker' : 'hw6.checkMarker', args: [studentUri] };
    if (answersUri) return { command: 'hw6.checkAnswers', args: [answersUri, problem.id] };
    return `no ${problem.studentFile} and no answers.md in the workspace.`;
  }

  /**
   * After a reload: shows the stored runs again, each in a TestRun of its own, when the student's
   * file still holds the text the run read (the lab's diagnostics and lenses follow the same rule).
   */
  async restore(runs: readonly StoredRun[]): Promise<void> {
    await this.refreshing;
    const open = (uri: string): Thenable<vscode.TextDocument | undefined> =>
      vscode.workspace.openTextDocument(vscode.Uri.parse(uri)).then(
        (d) => d,
        () => undefined,
      );
    for (const stored of runs) {
      // apply() reads the messages' lines from the open documents
      const student = stored.studentUri ? await open(stored.studentUri) : undefined;
      if (stored.studentUri && student?.getText() !== stored.source) continue;
      if (stored.answersUri) await open(stored.answersUri);
      await this.recorded(stored);
    }
  }

  /** A run the Testing view did not start (a lens, the palette, run on save): shown in a TestRun of its own. */
  private async recorded(stored: StoredRun): Promise<void> {
    const own = this.own.get(stored.problemId);
    if (own) return own(stored);
    let node = this.tree.node(stored.problemId);
    if (!node) {
      await this.refresh();
      node = this.tree.node(stored.problemId);
    }
    if (!node) return;
    // a run of another copy of the file (a lens in a subfolder's q5_beam_search.ts) is not this item's result
    if (stored.studentUri && node.studentUri && stored.studentUri !== node.studentUri.toString()) return;
    const leaves = [...node.leaves.values()].map((l) => l.item);
    const run = this.controller.createTestRun(
      new vscode.TestRunRequest(leaves),
      `HW6 Lab: ${node.problem.title}`,
      true,
    );
    try {
      this.apply(run, node, stored);
    } finally {
      run.end();
    }
  }

  private apply(run: vscode.TestRun, node: ProblemNode, stored: StoredRun): void {
    const textOf = (uri: string | undefined): vscode.TextDocument | undefined =>
      uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
    const student = textOf(stored.studentUri);
    const answers = textOf(stored.answersUri);
    for (const leaf of node.leaves.values()) {
      const outcome = this.outcomeOf(node, leaf, stored, student, answers);
      const messages = outcome.messages.map((m) => this.message(m, stored, m.file === 'student' ? student : answers));
      this.applied.set(leaf.item.id, {
        state: outcome.state,
        messages: outcome.messages.map((m, i) => ({
          text: m.text,
          ...(messages[i]!.location ? { uri: messages[i]!.location!.uri.toString() } : {}),
          ...(messages[i]!.location ? { line: messages[i]!.location!.range.start.line } : {}),
          // read back from the TestMessage itself: what the peek's diff shows
          ...(messages[i]!.expectedOutput !== undefined
            ? { expected: messages[i]!.expectedOutput, actual: messages[i]!.actualOutput }
            : {}),
        })),
      });
      if (outcome.state === 'passed') run.passed(leaf.item);
      else if (outcome.state === 'failed') run.failed(leaf.item, messages);
      else if (outcome.state === 'errored') run.errored(leaf.item, messages);
      else {
        for (const m of outcome.messages) run.appendOutput(`${leaf.item.label}: ${m.text}\r\n`, undefined, leaf.item);
        run.skipped(leaf.item);
      }
    }
  }

  private outcomeOf(
    node: ProblemNode,
    leaf: Leaf,
    stored: StoredRun,
    student: vscode.TextDocument | undefined,
    answers: vscode.TextDocument | undefined,
  ) {
    return leaf.kind === 'check'
      ? checkOutcome(node.problem, stored, leaf, student?.getText())
      : answerOutcome(node.problem, stored, leaf.answerId, answers?.getText());
  }

  private message(m: LeafMessage, stored: StoredRun, document: vscode.TextDocument | undefined): vscode.TestMessage {
    const message =
      m.expected !== undefined && m.actual !== undefined
        ? vscode.TestMessage.diff(m.text, m.expected, m.actual)
        : new vscode.TestMessage(m.text);
    const uri = m.file === 'student' ? stored.studentUri : stored.answersUri;
    if (uri && m.line !== undefined) {
      const line = document ? Math.min(m.line, document.lineCount - 1) : m.line;
      const range = document ? document.lineAt(line).range : new vscode.Range(line, 0, line, 0);
      message.location = new vscode.Location(vscode.Uri.parse(uri), range);
    }
    return message;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
