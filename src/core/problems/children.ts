// The registry of the problems' child halves (problems/<id>/child.ts): what dist/child.js (and a
// panel that runs code) can run. The bundler imports every problem folder's child.ts, and only that
// (scripts/problemFolders.mjs): never the reference solutions or the checks (problems/index.ts has
// the judge halves). No problem is named here; catalog.ts lists them.
import childModules from 'problem-folders:child.ts';
import type { ProblemChild, ProblemConfig } from '../problem';
import { problemCatalog } from './catalog';

type AnyChild = ProblemChild<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The export of a problem folder's child.ts that is that problem's child half. */
function childHalf(id: string): AnyChild {
  const child = Object.values(childModules[id] ?? {}).find(
    (v): v is AnyChild =>
      typeof v === 'object' && v !== null && (v as AnyChild).id === id && typeof (v as AnyChild).run === 'function',
  );
  if (!child) throw new Error(`problems/${id}/child.ts exports no child half with the id ${id}`);
  return child;
}

export const problemChildren: readonly AnyChild[] = problemCatalog.map((p) => childHalf(p.id));

export function findProblemChild(id: string): ProblemChild<unknown, ProblemConfig> | undefined {
  return problemChildren.find((c) => c.id === id);
}
