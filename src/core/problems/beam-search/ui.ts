// Problem 5 in the editor: its runs' beam traces go to the beam tree view's picker.
import type { ProblemUi } from '../../problemUi';
import type { BeamTraceArtifact } from './artifact';

export const beamSearchUi: ProblemUi = {
  problemId: 'beam-search',
  traceKinds: { 'beam-trace': (artifact: BeamTraceArtifact) => artifact.trace },
  artifactSummaries: { 'beam-trace': (artifact: BeamTraceArtifact) => `beam trace: ${artifact.trace.title}` },
};
