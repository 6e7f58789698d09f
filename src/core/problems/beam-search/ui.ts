// Problem 5 in the editor: its runs' beam traces go to the picker of its side view, the beam tree;
// the lab's own Figure 2 trace is there too, once the student asks for it (it shows answers 5a–5c).
import type { ProblemUi } from '../../problemUi';
import type { SideViewUi } from '../../sideViewUi';
import type { BeamTraceArtifact } from './artifact';
import { figure2ReferenceTrace } from './figure2Trace';
import { traceKey, type BeamTrace } from './trace';

/** The beam tree view (package.json: contributes.views, `hw6.beamTree`). */
export const beamTreeView: SideViewUi<BeamTrace> = {
  viewId: 'hw6.beamTree',
  title: 'Beam Tree',
  bundle: 'beam-search',
  wasm: true,
  saveTitles: { 'image/svg+xml': 'Export the beam tree as SVG' },
  savedNoun: 'the beam tree',
  itemKinds: { 'beam-trace': (artifact: BeamTraceArtifact) => artifact.trace },
  itemKey: traceKey,
  maxRunItems: 8,
  reference: {
    items: () => [figure2ReferenceTrace()],
    question: 'The reference tree shows the beams of Figure 2: the answers to 5a–5c. Show it?',
    confirm: 'Show the reference tree',
  },
  // its page's "Run here" already runs the engine: it is the webview runner's child too
  runsCode: true,
  openCommand: 'hw6.openPanel',
};

export const beamSearchUi: ProblemUi = {
  problemId: 'beam-search',
  sideView: beamTreeView,
  artifactSummaries: { 'beam-trace': (artifact: BeamTraceArtifact) => `beam trace: ${artifact.trace.title}` },
};
