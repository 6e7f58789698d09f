// The Testing view's items: problems → TODO markers → checks, and each problem's answers.md
// questions under it. Built from the catalog (no judge, no tfjs) and the files in the workspace;
// items keep their ids across refreshes (VS Code keeps results by id, also across a reload), and
// only their ranges follow the text.
import * as vscode from 'vscode';
import type { ProblemInfo } from '../../core/problem';
import { problemCatalog } from '../../core/problems/catalog';
import { findAnswerHeadings, judgesAnswers } from '../../core/answers/document';
import { markerOrDeclarationLine } from '../../core/locate';
import { checksOf } from '../model/testOutcomes';
import { answersDocument, folderOf } from '../answersFile';
import { flavour } from '../../core/flavour';

export type Leaf =
  | { kind: 'check'; item: vscode.TestItem; checkId: string; markerId: string }
  | { kind: 'answer'; item: vscode.TestItem; answerId: string };

/** One problem in the tree: its item, the files it was built from, its leaves by item id. */
export interface ProblemNode {
  problem: ProblemInfo;
  item: vscode.TestItem;
  studentUri: vscode.Uri | undefined;
  answersUri: vscode.Uri | undefined;
  leaves: Map<string, Leaf>;
}

export const itemIds = {
  problem: (problemId: string) => problemId,
  marker: (problemId: string, markerId: string) => `${problemId}/${markerId}`,
  check: (problemId: string, markerId: string, checkId: string) => `${problemId}/${markerId}/${checkId}`,
  answer: (problemId: string, answerId: string) => `${problemId}/answers.md/${answerId}`,
};

/** The problem id an item id belongs to. */
export function problemIdOf(itemId: string): string {
  return itemId.split('/')[0]!;
}

/** Gets `id` in `collection`, creating it with `make` when absent; the rest is updated in place. */
function child(collection: vscode.TestItemCollection, id: string, make: () => vscode.TestItem): vscode.TestItem {
  const existing = collection.get(id);
  if (existing) return existing;
  const item = make();
  collection.add(item);
  return item;
}

/**
 * The problem's student file for the tree: the shallowest in the workspace, so the tree does not move
 * with the active editor (a lens still runs the very file it sits in).
 */
async function studentFileOf(problem: ProblemInfo): Promise<vscode.TextDocument | undefined> {
  const found = await vscode.workspace.findFiles(`**/${problem.studentFile}`, '**/{node_modules,.git,dist,out}/**', 50);
  const shallowest = found.sort(
    (a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path),
  )[0];
  return shallowest ? vscode.workspace.openTextDocument(shallowest) : undefined;
}

function lineRange(line: number | undefined): vscode.Range | undefined {
  return line === undefined ? undefined : new vscode.Range(line, 0, line, 0);
}

export class TestTree {
  private readonly nodes = new Map<string, ProblemNode>();

  constructor(private readonly controller: vscode.TestController) {}

  node(problemId: string): ProblemNode | undefined {
    return this.nodes.get(problemId);
  }

  all(): ProblemNode[] {
    return [...this.nodes.values()];
  }

  /** Rebuilds the tree from the workspace's files (open documents, unsaved edits, included). */
  async refresh(): Promise<void> {
    const seen = new Set<string>();
    for (const problem of problemCatalog) {
      const student = await studentFileOf(problem);
      const answers = judgesAnswers(problem)
        ? await answersDocument(student ? folderOf(student.uri) : undefined)
        : undefined;
      const headings = answers ? findAnswerHeadings(answers.getText(), problem.answerIds ?? []) : [];
      if (!student && headings.length === 0) continue;
      seen.add(problem.id);
      this.build(problem, student, answers, headings);
    }
    for (const id of [...this.nodes.keys()]) {
      if (seen.has(id)) continue;
      this.controller.items.delete(id);
      this.nodes.delete(id);
    }
  }

  private build(
    problem: ProblemInfo,
    student: vscode.TextDocument | undefined,
    answers: vscode.TextDocument | undefined,
    headings: { id: string; line: number }[],
  ): void {
    const { controller } = this;
    const item = child(controller.items, itemIds.problem(problem.id), () =>
      controller.createTestItem(itemIds.problem(problem.id), problem.title, student?.uri),
    );
    item.description = student
      ? problem.studentFile
      : `answers.md (with ${flavour === 'student' ? 'a recorded reference run' : 'the reference solution'})`;
    item.sortText = String(problemCatalog.indexOf(problem)).padStart(2, '0');
    const leaves = new Map<string, Leaf>();
    const keep = new Set<string>();
    if (student) {
      const text = student.getText();
      problem.markers.forEach((marker, i) => {
        const id = itemIds.marker(problem.id, marker.id);
        keep.add(id);
        const markerItem = child(item.children, id, () => controller.createTestItem(id, marker.title, student.uri));
        markerItem.description = marker.id;
        markerItem.sortText = String(i).padStart(2, '0');
        markerItem.range = lineRange(markerOrDeclarationLine(text, marker.id));
        const checkIds = new Set<string>();
        checksOf(problem)
          .filter((c) => c.markerId === marker.id)
          .forEach(({ checkId }, j) => {
            const checkItemId = itemIds.check(problem.id, marker.id, checkId);
            checkIds.add(checkItemId);
            const checkItem = child(markerItem.children, checkItemId, () =>
              controller.createTestItem(checkItemId, checkId, student.uri),
            );
            checkItem.sortText = String(j).padStart(2, '0');
            // the check's gutter icon sits at its marker, where its diagnostics go
            checkItem.range = markerItem.range;
            leaves.set(checkItemId, { kind: 'check', item: checkItem, checkId, markerId: marker.id });
          });
        markerItem.children.forEach((c) => {
          if (!checkIds.has(c.id)) markerItem.children.delete(c.id);
        });
      });
    }
    if (answers) {
      for (const heading of headings) {
        const id = itemIds.answer(problem.id, heading.id);
        keep.add(id);
        const answerItem = child(item.children, id, () =>
          controller.createTestItem(id, `Question ${heading.id}`, answers.uri),
        );
        answerItem.description = 'answers.md';
        answerItem.sortText = `zz${heading.id}`;
        answerItem.range = lineRange(heading.line);
        leaves.set(id, { kind: 'answer', item: answerItem, answerId: heading.id });
      }
    }
    item.children.forEach((c) => {
      if (!keep.has(c.id)) item.children.delete(c.id);
    });
    this.nodes.set(problem.id, {
      problem,
      item,
      studentUri: student?.uri,
      answersUri: answers?.uri,
      leaves,
    });
  }
}
