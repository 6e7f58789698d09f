// Each problem's report blocks (problems/<id>/report.ts), in the catalog's order. The bundler
// includes every problem folder's report.ts for this template-literal require; no problem is named here.
import type { ProblemReport } from '../report/types';
import { problemCatalog } from './catalog';

/** The bundler's require: esbuild resolves the pattern at build time, so no module loader runs here. */
declare const require: (path: string) => unknown;

export const problemReports: readonly ProblemReport[] = problemCatalog.map(
  (p) => (require(`./${p.id}/report.ts`) as { report: ProblemReport }).report,
);
