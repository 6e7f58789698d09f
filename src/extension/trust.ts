// Workspace trust: student code runs only in a trusted workspace. In restricted mode the run and
// check commands explain why they do nothing, and everything wakes up when trust is granted.
import * as vscode from 'vscode';

export class TrustGate implements vscode.Disposable {
  private readonly listener: vscode.Disposable;

  constructor(onGranted: () => void) {
    this.listener = vscode.workspace.onDidGrantWorkspaceTrust(onGranted);
  }

  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /** True when runs may start; otherwise tells the student why nothing happens and returns false. */
  allowRun(): boolean {
    if (vscode.workspace.isTrusted) return true;
    const manage = 'Manage Workspace Trust';
    void vscode.window
      .showWarningMessage(
        'HW6 Lab runs your homework code only in a trusted workspace. Trust this folder to run and check problems.',
        manage,
      )
      .then((choice) => {
        if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
      });
    return false;
  }

  dispose(): void {
    this.listener.dispose();
  }
}
