// What the editor needs to know about problem 1 without loading its engine (tfjs, the trainer).
import type { ProblemInfo } from '../../problem';
import { answerQuestions } from './questions';
import { isZkcGradCheckArtifact, isZkcRunArtifact } from './artifactValidate';

export const MARKERS = {
  selfLoops: 'q1.self-loops',
  normalize: 'q1.normalize',
  features: 'q1.features',
  gcnForward: 'q1.gcn-forward',
  gcnBackward: 'q1.gcn-backward',
  network: 'q1.network',
  train: 'q1.train',
} as const;

export const zkcInfo: ProblemInfo = {
  id: 'zkc',
  title: "Zachary's karate club: a GCN",
  questions: ['1'],
  studentFile: 'q1_zkc.ts',
  markers: [
    { id: MARKERS.selfLoops, title: 'Self-loops: Ã = A + I', exports: ['addSelfLoops'], checks: [MARKERS.selfLoops] },
    {
      id: MARKERS.normalize,
      title: 'Symmetric normalisation: Â = D̃^-1/2 Ã D̃^-1/2',
      exports: ['normalizeAdjacency'],
      checks: [MARKERS.normalize],
    },
    { id: MARKERS.features, title: 'One-hot node features', exports: ['nodeFeatures'], checks: [MARKERS.features] },
    { id: MARKERS.gcnForward, title: 'GCN layer: forward', exports: ['gcnForward'], checks: [MARKERS.gcnForward] },
    {
      id: MARKERS.gcnBackward,
      title: 'GCN layer: backward',
      exports: ['gcnBackward'],
      checks: [MARKERS.gcnBackward],
      hiddenChecks: ['q1.hidden-backward-points'],
    },
    {
      id: MARKERS.network,
      title: 'The network: GCN 34→16, GCN 16→2, softmax 2→2',
      exports: ['networkPass'],
      checks: [MARKERS.network],
    },
    {
      id: MARKERS.train,
      title: 'Training: one epoch of gradient descent',
      exports: ['trainStep'],
      checks: [MARKERS.train],
    },
  ],
  answerIds: ['1-learned', '1-plots'],
  artifactValidators: { 'zkc-run': isZkcRunArtifact, 'zkc-gradcheck': isZkcGradCheckArtifact },
  answerQuestions,
};
