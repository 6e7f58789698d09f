// Inline results at the TODO markers after a run (error-lens style), and at the answer lines of
// answers.md (✓ / ✗): a short text in words and theme colours, the full text in the hover. At a
// marker the text goes before the comment (where it is on-screen however long the line), at an
// answer after the line; `hw6.decorations.maxLength` caps it. Once the file's text differs from what
// the run read, its results are stale (dimmed, "(stale)") rather than removed; re-rendering is
// debounced against flicker while typing.
import * as vscode from 'vscode';
import type { Finding } from '../core/engine/events';
import { baseName } from '../core/paths';
import { answerDecorationsFor } from './model/answersModel';
import { readSettings } from './config';
import { decorationsFor, type MarkerDecoration, type MarkerState } from './model/decorationModel';
import type { RunResult } from './model/runResult';

/** A run's results in its student file. */
interface FileResult {
  kind: 'code';
  result: RunResult;
  markerIds: readonly string[];
  fileName: string;
  /** The text the run read: results are stale whenever the document's text differs from it. */
  runText: string;
}

/** A run's results about answers.md (several problems' runs share that file). */
interface AnswersResult {
  kind: 'answers';
  findings: readonly Finding[];
  ids: readonly string[];
  fileName: string;
  runText: string;
}

const RENDER_DELAY_MS = 150;

type Kind = MarkerState | 'stale';
type At = NonNullable<MarkerDecoration['at']>;

const COLORS: Record<Kind, string> = {
  passed: 'testing.iconPassed',
  failed: 'editorError.foreground',
  error: 'editorError.foreground',
  info: 'descriptionForeground',
  stale: 'disabledForeground',
};

/** A kind's style, for text before the line's first non-blank character or after its end. */
function style(kind: Kind, at: At): vscode.DecorationRenderOptions {
  const text: vscode.ThemableDecorationAttachmentRenderOptions = {
    color: new vscode.ThemeColor(COLORS[kind]),
    fontStyle: 'italic',
    ...(kind === 'error' ? { fontWeight: 'bold' } : {}),
    margin: at === 'start' ? '0 2ch 0 0' : '0 0 0 3ch',
  };
  const ruler =
    kind === 'failed' || kind === 'error'
      ? {
          overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.errorForeground'),
          overviewRulerLane: vscode.OverviewRulerLane.Right,
        }
      : {};
  return {
    after: text,
    ...ruler,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  };
}

const KINDS: readonly Kind[] = ['passed', 'failed', 'error', 'info', 'stale'];
const PLACES: readonly At[] = ['start', 'end'];

export class Decorations implements vscode.Disposable {
  /** One decoration type per kind and place (`failed:start`, …). */
  private readonly types = new Map(
    KINDS.flatMap((kind) =>
      PLACES.map((at) => [`${kind}:${at}`, vscode.window.createTextEditorDecorationType(style(kind, at))] as const),
    ),
  );
  /** document uri → problem id → that problem's last results in the document. */
  private readonly files = new Map<string, Map<string, FileResult | AnswersResult>>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private maxLength = readSettings().decorationsMaxLength;

  constructor(private enabled: boolean) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('hw6.decorations.maxLength')) return;
        this.maxLength = readSettings().decorationsMaxLength;
        this.render();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.files.has(e.document.uri.toString())) this.scheduleRender();
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.render()),
    );
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.render();
  }

  /** Shows a finished run's results in `document` (replacing the previous run's); `runText` is what the run read. */
  show(document: vscode.TextDocument, markerIds: readonly string[], result: RunResult, runText: string): void {
    this.set(document.uri, result.problemId, {
      kind: 'code',
      result,
      markerIds,
      fileName: baseName(document.uri),
      runText,
    });
  }

  /** Shows a run's answer findings in answers.md (replacing that problem's previous ones there). */
  showAnswers(
    document: vscode.TextDocument,
    problemId: string,
    ids: readonly string[],
    findings: readonly Finding[],
    runText: string,
  ): void {
    this.set(document.uri, problemId, { kind: 'answers', findings, ids, fileName: baseName(document.uri), runText });
  }

  private set(uri: vscode.Uri, problemId: string, entry: FileResult | AnswersResult): void {
    const key = uri.toString();
    const perProblem = this.files.get(key) ?? new Map<string, FileResult | AnswersResult>();
    perProblem.set(problemId, entry);
    this.files.set(key, perProblem);
    this.render();
  }

  /** What is (or would be, when decorations are turned off) drawn in a document now. Tests read this. */
  decorationsFor(uri: vscode.Uri): MarkerDecoration[] {
    const perProblem = this.files.get(uri.toString());
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!perProblem || !document) return [];
    const text = document.getText();
    return [...perProblem.values()]
      .flatMap((file) =>
        file.kind === 'code'
          ? decorationsFor(
              file.result,
              { text, fileName: file.fileName, markerIds: file.markerIds },
              { stale: text !== file.runText, maxLength: this.maxLength },
            )
          : answerDecorationsFor(
              file.findings,
              { text, runText: file.runText, fileName: file.fileName, ids: file.ids },
              { maxLength: this.maxLength },
            ),
      )
      .sort((a, b) => a.line - b.line);
  }

  private scheduleRender(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.render(), RENDER_DELAY_MS);
  }

  private render(): void {
    clearTimeout(this.timer);
    for (const editor of vscode.window.visibleTextEditors) {
      const groups = new Map([...this.types.keys()].map((key) => [key, [] as vscode.DecorationOptions[]]));
      if (this.enabled) {
        for (const d of this.decorationsFor(editor.document.uri)) {
          const at = d.at ?? 'end';
          const line = editor.document.lineAt(d.line);
          const indent = line.firstNonWhitespaceCharacterIndex;
          groups.get(`${d.stale ? 'stale' : d.state}:${at}`)!.push({
            // `start`: after the indentation. An `after` text there, not a `before` text at the
            // comment: a `before` text would also push the marker's CodeLens (▶ Run | ✓ Check, drawn
            // at the line's first non-blank column) off to the right.
            range:
              at === 'start'
                ? new vscode.Range(d.line, 0, d.line, indent)
                : new vscode.Range(d.line, indent, d.line, line.range.end.character),
            hoverMessage: hover(d),
            renderOptions: { after: { contentText: d.text } },
          });
        }
      }
      for (const [key, options] of groups) editor.setDecorations(this.types.get(key)!, options);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    for (const t of this.types.values()) t.dispose();
  }
}

function hover(d: MarkerDecoration): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(
    `**HW6 Lab** — \`${d.markerId}\`${d.stale ? ' _(stale: the file changed since this run)_' : ''}\n\n`,
  );
  for (const line of d.details) {
    md.appendText(line);
    md.appendMarkdown('\n\n');
  }
  return md;
}
