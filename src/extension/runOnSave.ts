// Run on save (hw6.runOnSave: off | check | run) and the Testing view's continuous run: a save of a
// student file (or of answers.md) re-runs its problem after a short quiet spell, through the same
// commands as the CodeLens; a new save cancels a run still going for that file (model/saveRuns.ts).
// Nothing runs in an untrusted workspace, and a save there says nothing: the student did not ask.
import * as vscode from 'vscode';
import type { ProblemInfo } from '../core/problem';
import { problemCatalog } from '../core/problems/catalog';
import { ANSWERS_FILE, answersQuestionsOf } from '../core/answers/document';
import { baseName } from '../core/paths';
import { SaveRuns, type StartedSaveRun } from './model/saveRuns';
import { problemForDocument } from './studentFiles';
import type { Hw6TestController } from './testing/testController';

export type RunOnSave = 'off' | 'check' | 'run';

export function readRunOnSave(): { mode: RunOnSave; delayMs: number } {
  const c = vscode.workspace.getConfiguration('hw6');
  const mode = c.get<string>('runOnSave', 'check');
  const delay = c.get<number>('runOnSaveDelayMs', 400);
  return {
    mode: mode === 'off' || mode === 'run' ? mode : 'check',
    delayMs: Math.min(10_000, Math.max(0, typeof delay === 'number' && Number.isFinite(delay) ? delay : 400)),
  };
}

/** What a save asks for: one problem, from its student file or from answers.md. */
interface SavedTarget {
  problem: ProblemInfo;
  uri: vscode.Uri;
  /** answers.md was saved, not the student's file: its questions are checked. */
  answers: boolean;
}

function targetsOf(document: vscode.TextDocument): SavedTarget[] {
  const problem = problemForDocument(document);
  if (problem) return [{ problem, uri: document.uri, answers: false }];
  if (document.uri.scheme !== 'file' || baseName(document.uri) !== ANSWERS_FILE) return [];
  const text = document.getText();
  return problemCatalog
    .filter((p) => answersQuestionsOf(p, text))
    .map((p) => ({ problem: p, uri: document.uri, answers: true }));
}

export function registerRunOnSave(deps: {
  testing: Hw6TestController;
  /** Cancels a problem's run (the RunController's). */
  cancelRun(problemId: string): boolean;
}): vscode.Disposable {
  const start = (target: SavedTarget): StartedSaveRun | undefined => {
    if (!vscode.workspace.isTrusted) return undefined;
    const { mode } = readRunOnSave();
    const full = mode === 'run' && !target.answers;
    if (deps.testing.watches(target.problem.id))
      return deps.testing.runContinuous(target.problem.id, full ? 'run' : 'check');
    if (mode === 'off') return undefined;
    const done = Promise.resolve(
      target.answers
        ? vscode.commands.executeCommand('hw6.checkAnswers', target.uri, target.problem.id)
        : vscode.commands.executeCommand(full ? 'hw6.runMarker' : 'hw6.checkMarker', target.uri),
    );
    return { cancel: () => deps.cancelRun(target.problem.id), done };
  };
  const saves = new SaveRuns<SavedTarget>(() => readRunOnSave().delayMs, { setTimeout, clearTimeout }, start);
  const listening = vscode.workspace.onDidSaveTextDocument((document) => {
    if (!vscode.workspace.isTrusted) return;
    const off = readRunOnSave().mode === 'off';
    for (const target of targetsOf(document)) {
      if (off && !deps.testing.watches(target.problem.id)) continue;
      saves.saved(`${document.uri.toString()}#${target.problem.id}`, target);
    }
  });
  return vscode.Disposable.from(listening, { dispose: () => saves.dispose() });
}
