// One status bar item: which runner, whether a run is going, and the last result. Click: the panel.
import * as vscode from 'vscode';

export type LastResult =
  | { kind: 'checks'; problemTitle: string; passed: number; total: number }
  | { kind: 'error'; problemTitle: string; text: string }
  | { kind: 'cancelled'; problemTitle: string };

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('hw6.status', vscode.StatusBarAlignment.Left, 50);
  private runner = 'worker';
  private backend: string | undefined;
  private running: string[] = [];
  private last: LastResult | undefined;
  private trusted = true;

  constructor() {
    this.item.name = 'HW6 Lab';
    this.item.command = 'hw6.openPanel';
    this.render();
    this.item.show();
  }

  setRunner(runner: string): void {
    this.runner = runner;
    this.render();
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.render();
  }

  setRunning(problemTitles: string[]): void {
    this.running = problemTitles;
    this.render();
  }

  finished(result: LastResult, backend?: string): void {
    this.last = result;
    if (backend) this.backend = backend;
    this.render();
  }

  private render(): void {
    const where = this.backend ? `${this.runner} · ${this.backend}` : this.runner;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown('**HW6 Lab**\n\n');
    tip.appendText(`Runner: ${where}\n`);
    this.item.backgroundColor = undefined;
    if (!this.trusted) {
      this.item.text = '$(shield) HW6: restricted';
      tip.appendText('The workspace is not trusted: nothing runs.\n');
    } else if (this.running.length > 0) {
      this.item.text = `$(sync~spin) HW6: ${this.running.join(', ')}`;
      tip.appendText(`Running: ${this.running.join(', ')}\n`);
    } else if (!this.last) {
      this.item.text = '$(beaker) HW6';
      tip.appendText('No run yet.\n');
    } else if (this.last.kind === 'checks') {
      const ok = this.last.passed === this.last.total;
      this.item.text = `${ok ? '$(pass)' : '$(error)'} HW6: ${this.last.passed}/${this.last.total}`;
      tip.appendText(`${this.last.problemTitle}: ${this.last.passed} of ${this.last.total} checks passed\n`);
      if (!ok) this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else if (this.last.kind === 'error') {
      this.item.text = '$(error) HW6: error';
      tip.appendText(`${this.last.problemTitle}: ${this.last.text}\n`);
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else {
      this.item.text = '$(circle-slash) HW6: cancelled';
      tip.appendText(`${this.last.problemTitle}: cancelled\n`);
    }
    tip.appendMarkdown('\n\nClick to open the HW6 Lab panel.');
    this.item.tooltip = tip;
  }

  dispose(): void {
    this.item.dispose();
  }
}
