// "▶ Run", "✓ Check" and "Debug" above each TODO marker of the homework's student files, and "✓ Check" above
// each question heading of answers.md. The lenses come only from marker and heading positions
// (never from run results), so they do not jump or flicker while typing.
import * as vscode from 'vscode';
import { findMarkers } from '../core/markers';
import { ANSWERS_FILE, findAnswerHeadings } from '../core/answers/document';
import { problemCatalog as problems, problemInfoForFile } from '../core/problems/catalog';
import { baseName } from '../core/paths';
import type { RunResults } from './model/runResults';
import { markerTally } from './model/testOutcomes';
import { flavour } from '../core/flavour';

/** A lens provider the setting hw6.codeLens.enabled switches on and off; `lensesOf` says which lenses a document gets. */
class SwitchableCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private enabled: boolean,
    private readonly lensesOf: (document: vscode.TextDocument) => vscode.CodeLens[],
  ) {}

  /** The lenses' titles changed (a run finished). */
  refresh(): void {
    this.changed.fire();
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return this.enabled ? this.lensesOf(document) : [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/**
 * "▶ Run", "✓ Check" and "Debug" above each TODO marker of the problem whose student file this is.
 * The Check lens says how the marker's checks did in the last run (the Testing view's result store),
 * only while the file still has the text that run read: never a stale result.
 */
function markerLenses(document: vscode.TextDocument, results?: RunResults): vscode.CodeLens[] {
  const problem = problemInfoForFile(baseName(document.uri));
  if (!problem) return [];
  const text = document.getText();
  const last = results?.currentFor(problem.id, document.uri.toString(), text);
  const checkTitle = (markerId: string): string => {
    const tally = last && markerTally(problem, last, markerId, text);
    return tally && tally.judged > 0 ? `✓ Check (${tally.passed}/${tally.judged} passed)` : '✓ Check';
  };
  const own = new Set(problem.markers.map((m) => m.id));
  return findMarkers(text)
    .filter((hit) => own.has(hit.id))
    .flatMap((hit) => {
      const range = new vscode.Range(hit.line, hit.start, hit.line, hit.end);
      return [
        new vscode.CodeLens(range, {
          title: '▶ Run',
          tooltip: `Run ${problem.title} with this file`,
          command: 'hw6.runMarker',
          arguments: [document.uri, hit.id],
        }),
        new vscode.CodeLens(range, {
          title: checkTitle(hit.id),
          tooltip: `Run only the checks of ${problem.title}`,
          command: 'hw6.checkMarker',
          arguments: [document.uri, hit.id],
        }),
        new vscode.CodeLens(range, {
          title: '$(debug-alt-small) Debug',
          tooltip: `Run ${problem.title} with the debugger: your breakpoints in this file stop it (no time limit while debugging)`,
          command: 'hw6.debugMarker',
          arguments: [document.uri, hit.id],
        }),
      ];
    });
}

/** "✓ Check" above each answers.md heading that names a question a problem judges. */
function answersLenses(document: vscode.TextDocument): vscode.CodeLens[] {
  const owner = new Map(problems.flatMap((p) => (p.answerIds ?? []).map((id) => [id, p] as const)));
  return findAnswerHeadings(document.getText(), [...owner.keys()]).map((h) => {
    const problem = owner.get(h.id)!;
    return new vscode.CodeLens(new vscode.Range(h.line, 0, h.line, 0), {
      title: '✓ Check',
      tooltip: `Check the answers of ${problem.title} (with your ${problem.studentFile} when it is beside answers.md, else with ${flavour === 'student' ? 'a recorded reference run' : 'the reference solution'})`,
      command: 'hw6.checkAnswers',
      arguments: [document.uri, problem.id],
    });
  });
}

/** The documents the lenses apply to: the student files of every problem. */
export function studentFileSelector(): vscode.DocumentFilter[] {
  return problems.map((p) => ({ scheme: 'file', pattern: `**/${p.studentFile}` }));
}

export function registerCodeLens(
  enabled: boolean,
  results?: RunResults,
): {
  setEnabled(enabled: boolean): void;
  disposables: vscode.Disposable[];
} {
  const provider = new SwitchableCodeLensProvider(enabled, (document) => markerLenses(document, results));
  // a finished run changes the Check lenses' summaries
  const recorded = results?.onDidRecord(() => provider.refresh());
  const answers = new SwitchableCodeLensProvider(enabled, answersLenses);
  return {
    setEnabled: (on) => {
      provider.setEnabled(on);
      answers.setEnabled(on);
    },
    disposables: [
      ...(recorded ? [recorded] : []),
      provider,
      answers,
      vscode.languages.registerCodeLensProvider(studentFileSelector(), provider),
      vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: `**/${ANSWERS_FILE}` }, answers),
    ],
  };
}
