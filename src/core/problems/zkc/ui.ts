// Problem 1 in the editor: the karate club panel. The child's `zkc-run` comes first, its gradient
// check empty (the child never compares with the float64 ground truth); the judge's rows follow once
// the checks ran (`zkc-gradcheck`): they are kept in the run the next snapshot carries and sent as
// they came, so the panel fills its table without resetting its view.
import type { PanelUi, ProblemUi } from '../../problemUi';
import type { ZkcGradCheckArtifact, ZkcRunArtifact } from './artifact';

const panel: PanelUi<ZkcRunArtifact | undefined> = {
  viewType: 'hw6.zkc',
  title: 'Karate Club GCN',
  bundle: 'zkc',
  saveTitles: { 'text/csv': 'Export the training series as CSV' },
  empty: undefined,
  snapshot: (run) => ({ artifacts: run ? [run] : [] }),
  artifacts: {
    'zkc-run': {
      fold: (_, run: ZkcRunArtifact) => ({ state: run, message: { type: 'artifact', artifact: run }, reveal: true }),
    },
    // Checks alone have no run to fill in: the findings say it.
    'zkc-gradcheck': {
      completes: true,
      fold: (run, check: ZkcGradCheckArtifact) =>
        run
          ? { state: { ...run, gradCheck: check.rows }, message: { type: 'artifact', artifact: check } }
          : { state: run },
    },
  },
};

export const zkcUi: ProblemUi = {
  problemId: 'zkc',
  panel,
  artifactSummaries: {
    'zkc-gradcheck': ({ rows }: ZkcGradCheckArtifact) => {
      const failed = rows.filter((r) => !r.ok).length;
      return `gradient check: ${rows.length} rows, ${failed === 0 ? 'all pass' : `${failed} fail`}`;
    },
  },
};
