// What the lab shows for a problem, as plain JSON: the Testing view's item results (what the
// controller reported), the lab's diagnostics and its decorations in the given files. The window
// reload test compares it before and after the reload (test/host/reload.ts).
import * as vscode from 'vscode';
import type { Hw6Api, TestItemSnapshot } from '../../src/extension/extension';
import type { AppliedResult } from '../../src/extension/testing/testController';
import type { MarkerDecoration } from '../../src/extension/model/decorationModel';
import { codeOf, hw6Diagnostics } from './helpers';

export interface LabView {
  /** item id → what the controller last reported (null: nothing). */
  items: Record<string, AppliedResult | null>;
  /** file uri → the lab's diagnostics there. */
  diagnostics: Record<string, { line: number; code?: string; message: string; severity: number }[]>;
  /** file uri → the decorations drawn there. */
  decorations: Record<string, MarkerDecoration[]>;
}

function leaves(item: TestItemSnapshot): string[] {
  return item.children.length === 0 ? [item.id] : item.children.flatMap(leaves);
}

export function labView(api: Hw6Api, problemId: string, files: readonly vscode.Uri[]): LabView {
  const problem = api.testing.items().find((i) => i.id === problemId);
  const ids = problem ? leaves(problem).sort() : [];
  return JSON.parse(
    JSON.stringify({
      items: Object.fromEntries(ids.map((id) => [id, api.testing.resultOf(id) ?? null])),
      diagnostics: Object.fromEntries(
        files.map((uri) => [
          uri.toString(),
          hw6Diagnostics(uri)
            .map((d) => ({ line: d.range.start.line, code: codeOf(d), message: d.message, severity: d.severity }))
            .sort((a, b) => a.line - b.line || a.message.localeCompare(b.message)),
        ]),
      ),
      decorations: Object.fromEntries(files.map((uri) => [uri.toString(), api.decorationsFor(uri)])),
    }),
  ) as LabView;
}
