// Each problem's entries in `npm run bench` (problems/<id>/benches.ts, optional), in the catalog's
// order. The bundler imports every problem folder's benches.ts (scripts/problemFolders.mjs); no
// problem is named here.
import benchModules from 'problem-folders:benches.ts';
import type { Bench } from '../bench';
import { problemCatalog } from './catalog';

export const problemBenches: readonly Bench[] = problemCatalog.flatMap((p) => {
  const module = benchModules[p.id];
  if (module && !Array.isArray(module.benches)) throw new Error(`problems/${p.id}/benches.ts exports no benches`);
  return (module?.benches as Bench[] | undefined) ?? [];
});
