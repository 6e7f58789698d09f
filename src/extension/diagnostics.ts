// The 'HW6 Lab' DiagnosticCollection. Each run's diagnostics replace that problem's previous ones
// (in every file it touched); other problems' diagnostics in the same file are kept.
import * as vscode from 'vscode';
import type { DiagnosticEntry } from './model/diagnosticModel';

function severity(s: DiagnosticEntry['severity']): vscode.DiagnosticSeverity {
  return s === 'warning'
    ? vscode.DiagnosticSeverity.Warning
    : s === 'info'
      ? vscode.DiagnosticSeverity.Information
      : vscode.DiagnosticSeverity.Error;
}

export class Diagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('HW6 Lab');
  /** The hint ladder of each diagnostic that has one (hints.ts offers it as a code action). */
  private readonly hints = new WeakMap<vscode.Diagnostic, readonly string[]>();
  /** problem id → file uri → that problem's diagnostics in the file. */
  private readonly byProblem = new Map<string, Map<string, vscode.Diagnostic[]>>();

  /** `docsUri(code)`: where a diagnostic's code links to (docs/checks.md#<code>). */
  constructor(private readonly docsUri: (code: string) => vscode.Uri) {}

  /** Replaces `problemId`'s diagnostics with `entries` in `document` (none: clears them). */
  replace(problemId: string, document: vscode.TextDocument, entries: DiagnosticEntry[]): void {
    this.replaceAll(problemId, [{ document, entries }]);
  }

  /**
   * Replaces `problemId`'s diagnostics: `files` lists each document a run reported on (its student
   * file, answers.md) with its entries; the problem's diagnostics anywhere else are cleared, unless
   * `keepOthers` (a reference run says nothing about the student's code, so its file keeps them).
   */
  replaceAll(
    problemId: string,
    files: readonly { document: vscode.TextDocument; entries: DiagnosticEntry[] }[],
    options: { keepOthers?: boolean } = {},
  ): void {
    const previous = this.byProblem.get(problemId) ?? new Map<string, vscode.Diagnostic[]>();
    const touched = new Set(previous.keys());
    const mine = options.keepOthers ? new Map(previous) : new Map<string, vscode.Diagnostic[]>();
    for (const { document } of files) mine.delete(document.uri.toString());
    for (const { document, entries } of files) {
      const key = document.uri.toString();
      touched.add(key);
      if (entries.length > 0)
        mine.set(key, [...(mine.get(key) ?? []), ...entries.map((e) => this.toDiagnostic(document, e))]);
    }
    this.byProblem.set(problemId, mine);
    for (const uri of touched) this.refresh(vscode.Uri.parse(uri));
  }

  clear(problemId: string): void {
    const touched = [...(this.byProblem.get(problemId)?.keys() ?? [])];
    this.byProblem.delete(problemId);
    for (const uri of touched) this.refresh(vscode.Uri.parse(uri));
  }

  private refresh(uri: vscode.Uri): void {
    const key = uri.toString();
    const all = [...this.byProblem.values()].flatMap((files) => files.get(key) ?? []);
    this.collection.set(uri, all.length > 0 ? all : undefined);
  }

  private toDiagnostic(document: vscode.TextDocument, e: DiagnosticEntry): vscode.Diagnostic {
    const line = document.lineAt(Math.min(e.line, document.lineCount - 1));
    const end = line.range.end.character;
    // From the reported column (or the first non-blank) to the end of the line: a visible squiggle.
    let start = e.column !== undefined ? Math.min(e.column, end) : line.firstNonWhitespaceCharacterIndex;
    if (start >= end) start = 0;
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(line.lineNumber, start, line.lineNumber, end),
      e.message,
      severity(e.severity),
    );
    diagnostic.source = 'HW6 Lab';
    diagnostic.code = { value: e.code, target: this.docsUri(e.code) };
    // what follows from this failure, at the same place: one squiggle per root cause
    if (e.hints) this.hints.set(diagnostic, e.hints);
    if (e.related)
      diagnostic.relatedInformation = e.related.map(
        (r) =>
          new vscode.DiagnosticRelatedInformation(
            new vscode.Location(document.uri, diagnostic.range),
            `${r.code}: ${r.message}`,
          ),
      );
    return diagnostic;
  }

  /** The hint ladder of one of this collection's diagnostics, if it has one. */
  hintsOf(diagnostic: vscode.Diagnostic): readonly string[] | undefined {
    return this.hints.get(diagnostic);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
