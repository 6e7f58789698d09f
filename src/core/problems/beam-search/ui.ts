// Problem 5 in the editor: its runs' beam traces go to the beam tree view's picker.
import type { ProblemUi } from '../../problemUi';

export const beamSearchUi: ProblemUi = {
  problemId: 'beam-search',
  traceKinds: { 'beam-trace': (artifact) => artifact.trace },
  artifactSummaries: { 'beam-trace': (artifact) => `beam trace: ${artifact.trace.title}` },
};
