// Export Submission Report: every problem's latest whole run this session (run again when the
// student's file changed since, or when there is none: asked first, with progress and Cancel),
// answers.md, and Q6's measured work, rendered by src/core/report into report.html and report.md
// in a folder the student picks. Never overwrites without asking; student files are only read.
import { createRequire } from 'node:module';
import * as vscode from 'vscode';
import type * as ReportModule from '../core/report';
import type { ReportInput } from '../core/report/types';
import type { ProblemInfo } from '../core/problem';
import { problemCatalog } from '../core/problems/catalog';
import { problemUis } from '../core/problems/uis';
import { ANSWERS_FILE } from '../core/answers/document';
import { answersDocument } from './answersFile';
import { OPEN_REPORT_IN_BROWSER, OPEN_REPORT_MARKDOWN, type ReportOpener } from './reportOpen';
import type { Settings } from './config';
import type { RunRecord, RunHistory } from './model/runRecord';
import type { RunController } from './runController';
import { studentDocument } from './studentFiles';
import type { TrustGate } from './trust';
import type { WorkTime } from './workTime';

export interface ExportDeps {
  extensionUri: vscode.Uri;
  runs: RunController;
  history: RunHistory;
  workTime: WorkTime;
  trust: TrustGate;
  settings(): Settings;
  /** Opens what was exported (its commands outlive the notification). */
  opener: ReportOpener;
}

/** What a caller (a test, a script) may decide instead of the dialogs. */
export interface ExportOptions {
  folder?: vscode.Uri;
  /** Run the problems without an up-to-date run (true), or export without them (false). */
  runMissing?: boolean;
  /** Replace an existing report (true) or leave it and write nothing (false). */
  overwrite?: boolean;
}

export interface ExportResult {
  folder: string;
  /** Files written ([] when an existing report was kept). */
  written: string[];
  /** Problems run for this export, and those whose run this session was reused. */
  ran: string[];
  reused: string[];
}

const FILES = ['report.html', 'report.md'] as const;
/** Problems whose whole run takes minutes, named in the question before running. */
const LONG_RUNS = new Set(problemUis.filter((ui) => ui.longRuns).map((ui) => ui.problemId));

interface Planned {
  problem: ProblemInfo;
  document?: vscode.TextDocument;
  record?: RunRecord;
}

export async function exportReport(deps: ExportDeps, options: ExportOptions = {}): Promise<ExportResult | undefined> {
  if (!deps.trust.allowRun()) return undefined;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root || root.scheme !== 'file') {
    void vscode.window.showErrorMessage('HW6 Lab: open the homework folder to export its submission report.');
    return undefined;
  }

  const plan: Planned[] = [];
  for (const problem of problemCatalog) {
    const document = await studentDocument(problem);
    plan.push({
      problem,
      ...(document
        ? { document, record: deps.history.upToDate(problem.id, document.uri.fsPath, document.getText()) }
        : {}),
    });
  }
  const reused = plan.filter((p) => p.record).map((p) => p.problem.id);
  const missing = plan.filter((p) => p.document && !p.record);
  let runMissing = options.runMissing;
  if (missing.length > 0 && runMissing === undefined) {
    const names = missing.map((p) => p.problem.title).join(', ');
    const long = missing.filter((p) => LONG_RUNS.has(p.problem.id)).map((p) => p.problem.title);
    const choice = await vscode.window.showInformationMessage(
      `HW6 Lab: ${missing.length === 1 ? '1 problem has' : `${missing.length} problems have`} no up-to-date run this session (${names}). Run ${missing.length === 1 ? 'it' : 'them'} now for the report?`,
      {
        modal: true,
        detail: long.length
          ? `${long.join(', ')} trains its whole grid: that takes several minutes. You can cancel from the progress notification.`
          : 'You can cancel from the progress notification.',
      },
      'Run and Export',
      'Export Without Them',
    );
    if (!choice) return undefined;
    runMissing = choice === 'Run and Export';
  }
  const ran: string[] = [];
  if (runMissing && missing.length > 0) {
    const completed = await runAll(deps, missing, ran);
    if (!completed) {
      void vscode.window.showInformationMessage('HW6 Lab: export cancelled; nothing was written.');
      return undefined;
    }
  }

  const answers = await answersDocument(root);
  const input: ReportInput = {
    runs: plan.flatMap((p) => (p.record ? [p.record] : [])),
    meta: {
      solution: `workspace ${root.fsPath}`,
      config: deps.settings().quick ? { quick: true } : {},
      generatedAt: new Date(),
      producer: 'HW6 Lab in VS Code',
    },
    answers: { file: ANSWERS_FILE, text: answers?.getText() ?? '' },
    measured: deps.workTime.measured,
    notRun: plan
      .filter((p) => !p.record)
      .map((p) => ({
        problem: p.problem,
        reason: p.document
          ? `Not run for this report: export again and choose to run it.`
          : `${p.problem.studentFile} is not in the workspace.`,
      })),
  };

  const folder = options.folder ?? (await pickFolder(root));
  if (!folder) return undefined;
  const targets = FILES.map((f) => vscode.Uri.joinPath(folder, f));
  const existing = (await Promise.all(targets.map(async (t) => ((await exists(t)) ? t : undefined)))).filter(
    (t): t is vscode.Uri => t !== undefined,
  );
  const where = vscode.workspace.asRelativePath(folder);
  if (existing.length > 0) {
    const replace =
      options.overwrite ??
      (await vscode.window.showWarningMessage(
        `HW6 Lab: ${existing.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)).join(' and ')} already exist in ${where}. Replace them?`,
        { modal: true },
        'Replace',
      )) === 'Replace';
    if (!replace) return { folder: folder.fsPath, written: [], ran, reused };
  }

  const rendered = reportModule(deps.extensionUri).renderReport(input);
  await vscode.workspace.fs.createDirectory(folder);
  for (const [name, target] of FILES.map((f, i) => [f, targets[i]!] as const))
    await vscode.workspace.fs.writeFile(target, Buffer.from(rendered[name], 'utf8'));

  deps.opener.exported(folder);
  void offerToOpen(
    `HW6 Lab: wrote report.html and report.md in ${where}. Open report.html in a browser and print it to PDF to submit.`,
  );
  return { folder: folder.fsPath, written: targets.map((t) => t.fsPath), ran, reused };
}

/**
 * The notification after an export. Choosing one action closes a notification, so it comes back
 * until dismissed: "Open Markdown" is still there after "Open in Browser", and the other way round.
 * Both are commands too (HW6 Lab: Open Submission Report in Browser / as Markdown).
 */
async function offerToOpen(text: string): Promise<void> {
  const actions: Record<string, string> = {
    'Open in Browser': OPEN_REPORT_IN_BROWSER,
    'Open Markdown': OPEN_REPORT_MARKDOWN,
  };
  for (;;) {
    const choice = await vscode.window.showInformationMessage(text, ...Object.keys(actions));
    if (!choice) return;
    await vscode.commands.executeCommand(actions[choice]!);
  }
}

/** Runs each planned problem in turn under one cancellable notification; false when cancelled. */
async function runAll(deps: ExportDeps, missing: Planned[], ran: string[]): Promise<boolean> {
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'HW6 Lab: running for the submission report',
      cancellable: true,
    },
    async (progress, token) => {
      for (const [i, p] of missing.entries()) {
        if (token.isCancellationRequested) return false;
        progress.report({
          message: `${p.problem.title} (${i + 1} of ${missing.length})`,
          increment: i === 0 ? 0 : 100 / missing.length,
        });
        const stop = token.onCancellationRequested(() => deps.runs.cancel(p.problem.id));
        try {
          const outcome = await deps.runs.run(p.problem, p.document, { checksOnly: false });
          if (outcome.status === 'cancelled' || outcome.status === 'skipped') return false;
        } finally {
          stop.dispose();
        }
        ran.push(p.problem.id);
        p.record = deps.history.upToDate(p.problem.id, p.document!.uri.fsPath, p.document!.getText());
      }
      return !token.isCancellationRequested;
    },
  );
}

async function pickFolder(root: vscode.Uri): Promise<vscode.Uri | undefined> {
  const standard = vscode.Uri.joinPath(root, 'report');
  const pick = await vscode.window.showQuickPick(
    [
      {
        label: `$(folder) ${vscode.workspace.asRelativePath(standard)}`,
        description: 'in the homework folder',
        uri: standard as vscode.Uri | undefined,
      },
      { label: '$(folder-opened) Choose another folder…', uri: undefined },
    ],
    { title: 'HW6 Lab: where should the submission report go?' },
  );
  if (!pick) return undefined;
  if (pick.uri) return pick.uri;
  return (
    await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      defaultUri: root,
      openLabel: 'Export Report Here',
    })
  )?.[0];
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

let loaded: typeof ReportModule | undefined;

/** The report renderer, a bundle of its own (dist/report.js): figures and the answers checker are loaded only when a report is exported. */
function reportModule(extensionUri: vscode.Uri): typeof ReportModule {
  loaded ??= createRequire(__filename)(
    vscode.Uri.joinPath(extensionUri, 'dist', 'report.js').fsPath,
  ) as typeof ReportModule;
  return loaded;
}

/** The command `hw6.exportReport`; an argument object (tests, scripts) may preset the dialogs' answers. */
export function registerExportReport(deps: ExportDeps): vscode.Disposable {
  return vscode.commands.registerCommand('hw6.exportReport', (arg?: unknown) => exportReport(deps, exportOptions(arg)));
}

function exportOptions(arg: unknown): ExportOptions {
  if (arg === null || typeof arg !== 'object') return {};
  const a = arg as Record<string, unknown>;
  return {
    ...(a.folder instanceof vscode.Uri ? { folder: a.folder } : {}),
    ...(typeof a.runMissing === 'boolean' ? { runMissing: a.runMissing } : {}),
    ...(typeof a.overwrite === 'boolean' ? { overwrite: a.overwrite } : {}),
  };
}
