// A problem's side view, as data (no vscode, no DOM): a webview view in the HW6 Lab sidebar whose
// page keeps a picker of items (one per run, plus reference items revealed on request). The problem's
// ui.ts declares it; the extension's generic SideViewHost serves it, and the artifact router sends it
// the artifact kinds it names, so neither names a problem.
import type { ByKind, SaveType } from './problemUi';

/** Items that give answers away: hidden until the user asks for them and confirms (unless hw6.revealAnswers). */
export interface SideViewReference<Item> {
  /** The reference items, computed once, when first shown. */
  items(): Item[];
  /** The modal question asked before they are shown. */
  question: string;
  /** The label of the question's confirming button. */
  confirm: string;
}

export interface SideViewUi<Item> {
  /** The webview view's id: package.json declares it under contributes.views, with `onView:<id>`. */
  viewId: string;
  /** The page's title, also what log lines and run errors call it ("<title> panel: …"). */
  title: string;
  /** The page's folder under webview/, the problem's id (its bundle is dist/webview/<bundle>.js). */
  bundle: string;
  /** The page runs tfjs-wasm (its CSP allows wasm). */
  wasm?: boolean;
  /** The save dialog's title per export type (a default otherwise). */
  saveTitles: Partial<Record<SaveType, string>>;
  /** What the "Saved … to" message names, if anything. */
  savedNoun?: string;
  /** The artifact kinds that become items, and how: every run's items join the picker. */
  itemKinds: ByKind<Item>;
  /** Items with the same key replace each other (a re-run updates its entry). */
  itemKey(item: Item): string;
  /** Run items kept besides the reference ones (oldest dropped first). */
  maxRunItems: number;
  reference?: SideViewReference<Item>;
  /** The page hosts the webview runner's child (setting hw6.runner = 'webview'): runs go through it. */
  runsCode?: boolean;
  /** A command (declared in package.json) that reveals the view. */
  openCommand?: string;
}
