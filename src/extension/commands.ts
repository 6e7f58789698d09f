// Every command of the extension. Handlers return what they did (run outcomes), so callers such as
// the host tests can await a run through `vscode.commands.executeCommand`.
import * as vscode from 'vscode';
import type { ProblemInfo } from '../core/problem';
import { problemCatalog as problems } from '../core/problems/catalog';
import { initWorkspace } from '../runner/workspace';
import type { SideViewHost } from './sideViewHost';
import type { PanelHost } from './panelHost';
import type { Output } from './output';
import type { RunController, RunOutcome } from './runController';
import { answersDocument, folderOf, openIfPresent } from './answersFile';
import { ANSWERS_FILE, answersQuestionsOf, judgesAnswers } from '../core/answers/document';
import { baseName } from '../core/paths';
import { problemForDocument, studentDocument } from './studentFiles';
import { tally } from '../core/verdict';
import { debugHooks } from './debugRun';

export interface CommandDeps {
  extensionUri: vscode.Uri;
  runs: RunController;
  /** The side views; those whose problem names an open command get it. */
  sideViews: readonly SideViewHost[];
  /** The run panels; those whose problem names an open command get it. */
  panels: readonly PanelHost<unknown>[];
  output: Output;
}

/** Problems whose questions have a heading in this answers.md text. */
function problemsAnswered(text: string): ProblemInfo[] {
  return problems.filter((p) => answersQuestionsOf(p, text));
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { runs, output } = deps;

  /**
   * Checks a problem's answers in answers.md (at `answersUri`): with the student's file beside it
   * when there is one (complexity claims are held against its measured growth), else with the
   * reference solution, so answers can be checked before any code is written.
   */
  async function checkAnswers(problem: ProblemInfo, answersUri: vscode.Uri): Promise<RunOutcome> {
    const folder = folderOf(answersUri);
    const student = await openIfPresent(vscode.Uri.joinPath(folder, problem.studentFile));
    return runs.run(problem, student, { checksOnly: true, answersFolder: folder });
  }

  async function runProblem(problem: ProblemInfo, checksOnly: boolean): Promise<RunOutcome | undefined> {
    const document = await problemDocument(problem);
    return document && runs.run(problem, document, { checksOnly });
  }

  /** The problem's file in this workspace; undefined (and says how to get it) when there is none. */
  async function problemDocument(problem: ProblemInfo): Promise<vscode.TextDocument | undefined> {
    const document = await studentDocument(problem);
    if (!document) {
      void vscode.window.showWarningMessage(
        `HW6 Lab: no ${problem.studentFile} in this workspace. Run "HW6 Lab: Create Homework Workspace" to get the homework files.`,
      );
    }
    return document;
  }

  async function runFromDocument(uri: unknown, checksOnly: boolean): Promise<RunOutcome | undefined> {
    const found = await homeworkDocument(uri);
    return found && runs.run(found.problem, found.document, { checksOnly });
  }

  /** The homework file `uri` names (else the active editor's) and its problem; undefined (and says so) otherwise. */
  async function homeworkDocument(
    uri: unknown,
  ): Promise<{ problem: ProblemInfo; document: vscode.TextDocument } | undefined> {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    const document = target ? await vscode.workspace.openTextDocument(target) : undefined;
    const problem = document && problemForDocument(document);
    if (!document || !problem) {
      const files = problems.map((p) => p.studentFile).join(', ');
      void vscode.window.showInformationMessage(`HW6 Lab: open a homework file (${files}) to run its problem.`);
      return undefined;
    }
    return { problem, document };
  }

  /**
   * Runs the problem with VS Code's debugger attached to its process (debugRun.ts): breakpoints in
   * the student's file stop there. The run reads the editor's text; VS Code itself saves that text
   * as it starts any debug session (debug.saveBeforeStart), so the lines the debugger shows are the
   * lines that run. With that setting "none", a file with unsaved edits is said to differ.
   */
  async function debugRun(problem: ProblemInfo, document: vscode.TextDocument): Promise<RunOutcome | undefined> {
    if (document.uri.scheme !== 'file') {
      void vscode.window.showInformationMessage('HW6 Lab: only a homework file on this machine can be debugged.');
      return undefined;
    }
    if (document.isDirty && vscode.workspace.getConfiguration('debug').get('saveBeforeStart') === 'none') {
      output.channel.warn(
        `[debug] ${baseName(document.uri)} has unsaved edits and debug.saveBeforeStart is "none": the debugger shows the file as saved, the run uses the editor's text`,
      );
    }
    return runs.run(problem, document, {
      checksOnly: false,
      debug: debugHooks({ document, extensionUri: deps.extensionUri, problemTitle: problem.title, output }),
    });
  }

  /** The problem `problemId` names, else the one the student picks. */
  async function pickProblem(problemId: unknown, verb: 'Run' | 'Debug'): Promise<ProblemInfo | undefined> {
    const given = typeof problemId === 'string' ? problems.find((p) => p.id === problemId) : undefined;
    if (given) return given;
    const pick = await vscode.window.showQuickPick(
      problems.map((p) => ({
        label: p.title,
        description: p.studentFile,
        detail: `Homework question${p.questions.length > 1 ? 's' : ''} ${p.questions.join(', ')}`,
        problem: p,
      })),
      { title: `HW6 Lab: ${verb} Problem`, placeHolder: 'Which problem?' },
    );
    return pick?.problem;
  }

  return [
    vscode.commands.registerCommand('hw6.runProblem', async (problemId?: unknown) => {
      const problem = await pickProblem(problemId, 'Run');
      return problem ? runProblem(problem, false) : undefined;
    }),
    vscode.commands.registerCommand('hw6.debugProblem', async (problemId?: unknown) => {
      const problem = await pickProblem(problemId, 'Debug');
      const document = problem && (await problemDocument(problem));
      return problem && document ? debugRun(problem, document) : undefined;
    }),
    vscode.commands.registerCommand('hw6.runAtCursor', (uri?: unknown) => runFromDocument(uri, false)),
    vscode.commands.registerCommand('hw6.checkAtCursor', (uri?: unknown) => runFromDocument(uri, true)),
    // CodeLens targets: (document uri, marker id). The marker says where the student clicked; the run is the problem's.
    vscode.commands.registerCommand('hw6.runMarker', (uri?: unknown) => runFromDocument(uri, false)),
    vscode.commands.registerCommand('hw6.checkMarker', (uri?: unknown) => runFromDocument(uri, true)),
    // The same target, run with the debugger attached (the Testing view's Debug profile calls it too).
    vscode.commands.registerCommand('hw6.debugMarker', async (uri?: unknown): Promise<RunOutcome | undefined> => {
      const found = await homeworkDocument(uri);
      return found && debugRun(found.problem, found.document);
    }),
    // CodeLens target in answers.md: (answers.md uri, problem id). From the palette: every problem answered there.
    vscode.commands.registerCommand(
      'hw6.checkAnswers',
      async (uri?: unknown, problemId?: unknown): Promise<RunOutcome | RunOutcome[] | undefined> => {
        const active = vscode.window.activeTextEditor?.document;
        const answersUri =
          uri instanceof vscode.Uri
            ? uri
            : active && baseName(active.uri) === ANSWERS_FILE
              ? active.uri
              : (await answersDocument(undefined))?.uri;
        if (!answersUri) {
          void vscode.window.showInformationMessage(
            `HW6 Lab: no ${ANSWERS_FILE} in this workspace. Run "HW6 Lab: Create Homework Workspace" to get it.`,
          );
          return undefined;
        }
        const given =
          typeof problemId === 'string' ? problems.find((p) => p.id === problemId && judgesAnswers(p)) : undefined;
        if (given) return checkAnswers(given, answersUri);
        const document = await vscode.workspace.openTextDocument(answersUri);
        const outcomes: RunOutcome[] = [];
        for (const problem of problemsAnswered(document.getText())) {
          const outcome = await checkAnswers(problem, answersUri);
          outcomes.push(outcome);
          if (outcome.status === 'skipped') break;
        }
        return outcomes;
      },
    ),
    vscode.commands.registerCommand('hw6.checkAll', async () => {
      const outcomes: RunOutcome[] = [];
      const answers = await answersDocument(undefined);
      const answered = new Set(answers ? problemsAnswered(answers.getText()) : []);
      for (const problem of problems) {
        const document = await studentDocument(problem);
        // A problem without its file is still checked when answers.md answers its questions.
        if (!document && !answered.has(problem)) continue;
        const outcome = document
          ? await runs.run(problem, document, { checksOnly: true })
          : await checkAnswers(problem, answers!.uri);
        outcomes.push(outcome);
        if (outcome.status === 'skipped') break;
      }
      if (outcomes.length === 0) {
        void vscode.window.showWarningMessage(
          'HW6 Lab: no homework files in this workspace. Run "HW6 Lab: Create Homework Workspace" first.',
        );
      } else if (outcomes.every((o) => o.status !== 'skipped')) {
        const findings = outcomes.flatMap((o) => o.findings);
        const errors = outcomes.filter((o) => o.status === 'error').length;
        const { passed, total } = tally(findings);
        const summary = `HW6 Lab: ${passed}/${total} checks passed in ${outcomes.length} problem${outcomes.length === 1 ? '' : 's'}${errors ? `, ${errors} could not run` : ''}.`;
        void (passed === total && !errors
          ? vscode.window.showInformationMessage(summary)
          : vscode.window
              .showWarningMessage(summary, 'Show Problems')
              .then((c) => c && vscode.commands.executeCommand('workbench.actions.view.problems')));
      }
      return outcomes;
    }),
    vscode.commands.registerCommand('hw6.stopRun', () => {
      const stopped = runs.stopAll();
      if (stopped === 0) void vscode.window.showInformationMessage('HW6 Lab: nothing is running.');
      return stopped;
    }),
    ...deps.sideViews.flatMap((v) =>
      v.ui.openCommand ? [vscode.commands.registerCommand(v.ui.openCommand, () => v.reveal())] : [],
    ),
    // Panels useful without a run (sliders that sample in the page, the window's last run) open on command.
    ...deps.panels.flatMap((p) =>
      p.ui.openCommand ? [vscode.commands.registerCommand(p.ui.openCommand, () => p.open())] : [],
    ),
    vscode.commands.registerCommand('hw6.showOutput', () => output.show()),
    vscode.commands.registerCommand('hw6.createWorkspace', (folder?: unknown) =>
      createWorkspace(deps.extensionUri, folder instanceof vscode.Uri ? folder : undefined),
    ),
  ];
}

/** A context key, true once Create Homework Workspace has written (or found) the files in a folder. */
export const WORKSPACE_CREATED = 'hw6.workspaceCreated';

/** Copies the homework template into a folder (given, or picked by the student); never overwrites a file. */
async function createWorkspace(
  extensionUri: vscode.Uri,
  given?: vscode.Uri,
): Promise<{ written: string[]; skipped: string[] } | undefined> {
  const folder =
    given ??
    (
      await vscode.window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        openLabel: 'Create Homework Workspace Here',
        title: 'HW6 Lab: choose a folder for the homework files',
      })
    )?.[0];
  if (!folder) return undefined;
  if (folder.scheme !== 'file') {
    void vscode.window.showErrorMessage('HW6 Lab: the homework workspace must be a folder on this machine.');
    return undefined;
  }
  const template = vscode.Uri.joinPath(extensionUri, 'media', 'workspace').fsPath;
  let result: { written: string[]; skipped: string[] };
  try {
    result = await initWorkspace(folder.fsPath, template);
  } catch (err) {
    void vscode.window.showErrorMessage(
      `HW6 Lab: could not create the homework files: ${err instanceof Error ? err.message : String(err)}`,
    );
    return undefined;
  }
  // The walkthrough's first step completes on this key (package.json: onContext), so only once the
  // files are there, never on the command's invocation alone.
  await vscode.commands.executeCommand('setContext', WORKSPACE_CREATED, true);
  const wrote =
    result.written.length === 0
      ? 'All homework files were already there'
      : `Wrote ${result.written.length} file${result.written.length === 1 ? '' : 's'}`;
  const kept =
    result.skipped.length > 0
      ? ` (kept ${result.skipped.length} existing file${result.skipped.length === 1 ? '' : 's'} untouched)`
      : '';
  const open = 'Open Folder';
  const isOpen = vscode.workspace.workspaceFolders?.some((f) => f.uri.toString() === folder.toString());
  void vscode.window
    .showInformationMessage(`HW6 Lab: ${wrote} in ${folder.fsPath}${kept}.`, ...(isOpen ? [] : [open]))
    .then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('vscode.openFolder', folder);
    });
  return result;
}
