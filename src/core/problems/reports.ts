// Each problem's report blocks (problems/<id>/report.ts), in the catalog's order. The bundler
// imports every problem folder's report.ts (scripts/problemFolders.mjs); no problem is named here.
import reportModules from 'problem-folders:report.ts';
import type { ProblemReport } from '../report/types';
import { problemCatalog } from './catalog';

export const problemReports: readonly ProblemReport[] = problemCatalog.map((p) => {
  const report = reportModules[p.id]?.report as ProblemReport | undefined;
  if (!report) throw new Error(`problems/${p.id}/report.ts exports no report`);
  return report;
});
