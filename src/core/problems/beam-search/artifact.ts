// Problem 5's artifact: one beam-search trace for the beam tree panel.
import type { BeamTrace } from './trace';

export type BeamTraceArtifact = {
  kind: 'beam-trace';
  trace: BeamTrace;
};
