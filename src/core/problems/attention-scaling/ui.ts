// Problem 2 in the editor: the √d scaling lab. Its sliders sample on tfjs's CPU backend in the
// webview (no wasm, so no wasm CSP): it is useful before any run, and a command opens it.
import type { PanelUi, ProblemUi } from '../../problemUi';
import type { ScalingRunArtifact } from './artifact';

const panel: PanelUi<ScalingRunArtifact | undefined> = {
  viewType: 'hw6.scaling',
  title: '√d Scaling Lab',
  bundle: 'attention-scaling',
  saveTitles: { 'text/csv': 'Export the moments as CSV' },
  empty: undefined,
  snapshot: (run) => ({ artifacts: run ? [run] : [] }),
  artifacts: {
    'attention-scaling': {
      fold: (_, run: ScalingRunArtifact) => ({
        state: run,
        message: { type: 'artifact', artifact: run },
        reveal: true,
      }),
    },
  },
  openCommand: 'hw6.openScalingLab',
};

export const scalingUi: ProblemUi = { problemId: 'attention-scaling', panel };
