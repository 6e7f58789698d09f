// The reference solutions by problem id, as the modules a reference run loads in place of a
// student's file: for the panel's runner (the extension sends it no code for them) and the unit
// tests. The bundler includes every problem folder's reference.ts for the template-literal require
// below, so only bundles that import this module hold them; dist/child.js never does (a unit test
// holds it to that: the process loads dist/reference/<id>.js instead).
import { problemCatalog } from './catalog';

/** The bundler's require: esbuild resolves the pattern at build time, so no module loader runs here. */
declare const require: (path: string) => unknown;

/** The exports of `problems/<id>/reference.ts`, or undefined for an id the catalog does not list. */
export function referenceModule(id: string): Record<string, unknown> | undefined {
  if (!problemCatalog.some((p) => p.id === id)) return undefined;
  return require(`./${id}/reference.ts`) as Record<string, unknown>;
}
