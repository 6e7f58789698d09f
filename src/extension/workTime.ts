// Q6's measurement in VS Code: active time with this workspace's window focused (editor activity
// keeps it active), and every run and check, per problem. Kept in workspaceState — per workspace,
// so the homework workspace's report shows only its own time — and saved at each tick (a crash
// loses at most one minute). Two windows on one workspace each keep their own copy (last save wins).
import * as vscode from 'vscode';
import { WorkTimeTracker } from '../core/report/workTime';
import type { MeasuredWork } from '../core/report/types';
import type { RunHistory } from './model/runRecord';

export const WORK_TIME_KEY = 'hw6.workTime';
const TICK_MS = 60_000;

export class WorkTime implements vscode.Disposable {
  private readonly tracker: WorkTimeTracker;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly memento: vscode.Memento,
    history: RunHistory,
  ) {
    this.tracker = new WorkTimeTracker(memento.get(WORK_TIME_KEY), { now: Date.now });
    this.tracker.setFocused(vscode.window.state.focused);
    const active = (): void => this.tracker.activity();
    this.disposables = [
      vscode.window.onDidChangeWindowState((s) => {
        this.tracker.setFocused(s.focused);
        this.save();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.scheme === 'file') active();
      }),
      vscode.window.onDidChangeTextEditorSelection(active),
      vscode.window.onDidChangeActiveTextEditor(active),
    ];
    history.onRecord((r) => {
      this.tracker.recordRun(r.problem.id, r.checksOnly);
      this.save();
    });
    this.timer = setInterval(() => {
      this.tracker.tick();
      this.save();
    }, TICK_MS);
  }

  /** The measurement up to now. */
  get measured(): MeasuredWork {
    this.tracker.tick();
    this.save();
    return this.tracker.state;
  }

  private save(): void {
    void this.memento.update(WORK_TIME_KEY, this.tracker.state);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.tracker.tick();
    this.save();
    for (const d of this.disposables) d.dispose();
  }
}
