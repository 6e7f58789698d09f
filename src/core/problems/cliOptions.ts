// Each problem's own options of `hw6-lab run` (problems/<id>/cliOptions.ts, optional), in the
// catalog's order. The bundler imports every problem folder's cliOptions.ts
// (scripts/problemFolders.mjs); no problem is named here.
import cliOptionModules from 'problem-folders:cliOptions.ts';
import type { ProblemCliOption } from '../cliOption';
import { problemCatalog } from './catalog';

export interface DeclaredCliOption {
  problemId: string;
  option: ProblemCliOption;
}

export const problemCliOptions: readonly DeclaredCliOption[] = problemCatalog.flatMap((p) => {
  const module = cliOptionModules[p.id];
  if (module && !Array.isArray(module.cliOptions))
    throw new Error(`problems/${p.id}/cliOptions.ts exports no cliOptions`);
  return ((module?.cliOptions as ProblemCliOption[] | undefined) ?? []).map((option) => ({ problemId: p.id, option }));
});
