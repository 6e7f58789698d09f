// The reference solutions by problem id, as the modules a reference run loads in place of a
// student's file: for the panel's runner (the extension sends it no code for them) and the unit
// tests. The bundler imports every problem folder's reference.ts here (scripts/problemFolders.mjs),
// so only bundles that import this module hold them; dist/child.js never does (a unit test holds it
// to that: the process loads dist/reference/<id>.js instead).
import referenceModules from 'problem-folders:reference.ts';
import { problemCatalog } from './catalog';

/** The exports of `problems/<id>/reference.ts`, or undefined for an id the catalog does not list. */
export function referenceModule(id: string): Record<string, unknown> | undefined {
  if (!problemCatalog.some((p) => p.id === id)) return undefined;
  return referenceModules[id];
}
