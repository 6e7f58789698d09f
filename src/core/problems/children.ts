// The registry of the problems' child halves (problems/<id>/child.ts): what dist/child.js (and a
// panel that runs code) can run. The bundler includes every problem folder's child.ts, and only
// that, for the template-literal require below: never the reference solutions or the checks
// (problems/index.ts has the judge halves). No problem is named here; catalog.ts lists them.
import type { ProblemChild, ProblemConfig } from '../problem';
import { problemCatalog } from './catalog';

/** The bundler's require: esbuild resolves the pattern at build time, so no module loader runs here. */
declare const require: (path: string) => unknown;

type AnyChild = ProblemChild<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The export of a problem folder's child.ts that is that problem's child half. */
function childHalf(id: string): AnyChild {
  const module = require(`./${id}/child.ts`) as Record<string, unknown>;
  const child = Object.values(module).find(
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
