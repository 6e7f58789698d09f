// The extension's settings (package.json → contributes.configuration), read in one place.
import * as vscode from 'vscode';
import { DEFAULT_MAX_LENGTH, MAX_LENGTH_RANGE } from './model/decorationModel';

export interface Settings {
  codeLens: boolean;
  decorations: boolean;
  /** hw6.decorations.maxLength: the most characters an inline result takes (the hover has the rest). */
  decorationsMaxLength: number;
  runner: 'process' | 'webview';
  timeLimitMs: number;
  /** hw6.memoryLimitMB: the run's process may not grow past it. */
  memoryMb: number;
  quick: boolean;
  /** Diagnostics about answers.md may quote the expected answer. */
  revealAnswers: boolean;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('hw6');
  const seconds = c.get<number>('timeLimitSeconds', 120);
  return {
    codeLens: c.get<boolean>('codeLens.enabled', true),
    decorations: c.get<boolean>('decorations.enabled', true),
    decorationsMaxLength: Math.round(
      Math.min(
        MAX_LENGTH_RANGE.max,
        Math.max(MAX_LENGTH_RANGE.min, finiteOr(c.get<number>('decorations.maxLength'), DEFAULT_MAX_LENGTH)),
      ),
    ),
    runner: c.get<string>('runner') === 'webview' ? 'webview' : 'process',
    memoryMb: Math.round(Math.min(16384, Math.max(256, finiteOr(c.get<number>('memoryLimitMB', 2048), 2048)))),
    timeLimitMs: Math.round(Math.min(3600, Math.max(1, Number.isFinite(seconds) ? seconds : 120)) * 1000),
    quick: c.get<boolean>('quick', false),
    revealAnswers: c.get<boolean>('revealAnswers', false),
  };
}

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * A problem's own settings (`hw6.<problemId>.<key>`), passed to its run as
 * config overrides: the setting's key is the problem's config key.
 */
export function problemSettings(problemId: string): Record<string, unknown> {
  const section = vscode.workspace.getConfiguration(`hw6.${problemId}`);
  const overrides: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section)) {
    if (typeof value !== 'function' && section.inspect(key) !== undefined) overrides[key] = value;
  }
  return overrides;
}

/** Calls `listener` when any `hw6.*` setting changes. */
export function onSettingsChanged(listener: (settings: Settings) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('hw6')) listener(readSettings());
  });
}
