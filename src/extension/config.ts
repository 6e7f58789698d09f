// The extension's settings (package.json → contributes.configuration), read in one place.
import * as vscode from 'vscode';

export interface Settings {
  codeLens: boolean;
  decorations: boolean;
  runner: 'worker' | 'webview';
  timeLimitMs: number;
  quick: boolean;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('hw6');
  const seconds = c.get<number>('timeLimitSeconds', 120);
  return {
    codeLens: c.get<boolean>('codeLens.enabled', true),
    decorations: c.get<boolean>('decorations.enabled', true),
    runner: c.get<string>('runner') === 'webview' ? 'webview' : 'worker',
    timeLimitMs: Math.round(Math.min(3600, Math.max(1, Number.isFinite(seconds) ? seconds : 120)) * 1000),
    quick: c.get<boolean>('quick', false),
  };
}

/** Calls `listener` when any `hw6.*` setting changes. */
export function onSettingsChanged(listener: (settings: Settings) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('hw6')) listener(readSettings());
  });
}
