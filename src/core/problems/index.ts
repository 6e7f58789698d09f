// The registry of problems: each catalog entry's judge half (problems/<id>/index.ts). The bundler
// imports every problem folder's index.ts (scripts/problemFolders.mjs), so adding a problem is adding
// its folder and its entry in catalog.ts; no problem is named here.
import judgeModules from 'problem-folders:index.ts';
import type { Problem } from '../problem';
import { problemCatalog } from './catalog';

type AnyProblem = Problem<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The export of a problem folder's index.ts that is that problem's judge half. */
function judgeHalf(id: string): AnyProblem {
  const problem = Object.values(judgeModules[id] ?? {}).find(
    (v): v is AnyProblem =>
      typeof v === 'object' &&
      v !== null &&
      (v as AnyProblem).id === id &&
      typeof (v as AnyProblem).checks === 'function',
  );
  if (!problem) throw new Error(`problems/${id}/index.ts exports no problem with the id ${id}`);
  return problem;
}

export const problems: readonly AnyProblem[] = problemCatalog.map((p) => judgeHalf(p.id));

export function findProblem(id: string): AnyProblem | undefined {
  return problems.find((p) => p.id === id);
}

/** The problem whose student file is `fileName` (a base name, as the catalog's `studentFile`). */
export function problemForFile(fileName: string): AnyProblem | undefined {
  return problems.find((p) => p.studentFile === fileName);
}
