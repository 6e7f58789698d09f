// What the editor shows of each problem (problems/<id>/ui.ts, each exporting its ProblemUi), in the
// catalog's order. The bundler imports every folder's ui.ts here (scripts/problemFolders.mjs), and
// only the extension imports this registry: the judge, the child and the pages never load a ui.ts,
// whose side view may hold reference items made with the lab's reference search.
import uiModules from 'problem-folders:ui.ts';
import type { ProblemUi } from '../problemUi';
import { problemCatalog } from './catalog';

const isUiOf = (id: string, v: unknown): v is ProblemUi =>
  typeof v === 'object' && v !== null && (v as { problemId?: unknown }).problemId === id;

export const problemUis: readonly ProblemUi[] = problemCatalog.map((p) => {
  const ui = Object.values(uiModules[p.id] ?? {}).find((v) => isUiOf(p.id, v));
  if (!ui) throw new Error(`problems/${p.id}/ui.ts exports no ProblemUi for '${p.id}'`);
  return ui as ProblemUi;
});
