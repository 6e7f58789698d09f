// Problem 3 in the editor: the kernel attention panel. The child's `kernel-attention` run comes
// first, with the student's sweep alone (their child never holds the reference); the judge's sweep
// of the lab's reference follows once the checks ran (`kernel-reference-sweep`): it is merged into
// the run the next snapshot carries and sent as it came, so the panel adds the dashed reference
// series without resetting its view.
import type { PanelUi, ProblemUi } from '../../problemUi';
import type { KernelAttentionArtifact, KernelReferenceSweepArtifact } from './artifact';
import { withReferenceSweep } from './figures/kernelReference';

const panel: PanelUi<KernelAttentionArtifact | undefined> = {
  viewType: 'hw6.kernelAttention',
  title: 'Kernel Attention',
  bundle: 'kernel-attention',
  saveTitles: { 'text/csv': 'Export the sweep as CSV' },
  empty: undefined,
  snapshot: (run) => ({ artifacts: run ? [run] : [] }),
  artifacts: {
    'kernel-attention': {
      fold: (_, run: KernelAttentionArtifact) => ({
        state: run,
        message: { type: 'artifact', artifact: run },
        reveal: true,
      }),
    },
    'kernel-reference-sweep': {
      completes: true,
      fold: (run, reference: KernelReferenceSweepArtifact) =>
        run
          ? { state: withReferenceSweep(run, reference), message: { type: 'artifact', artifact: reference } }
          : { state: run },
    },
  },
};

export const kernelAttentionUi: ProblemUi = { problemId: 'kernel-attention', panel };
