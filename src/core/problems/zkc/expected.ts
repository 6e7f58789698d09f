// Where Q1's checks get their float64 expectations (the one place the two builds differ): the
// repository's build computes them live with the float64 GCN (expected.staff.ts: adjacency.ts,
// float64Gcn.ts and train.ts, which compute what the TODOs ask); the student build resolves
// './expected.staff' to './expected.student', which reads them from a recording made at the default
// seed and settings (media/recorded-expected/zkc.json).
import type { ParameterName } from './checkSetup';
import type { ZkcTrainConfig } from './config';
import type { MaskMode } from './artifact';
import type { Matrix } from './matrix';
import type { PackedRuns } from './runs';

export { expectations } from './expected.staff';

/** The float64 network at the seeded weights (checkSetup.ts's inputs): both GCN layers' H, P, the gradients. */
export interface SeededNetwork {
  l1: Matrix;
  /** The 2-D embedding. */
  l2: Matrix;
  p: Matrix;
  grads: Record<ParameterName, Float64Array>;
}

/** One GCN layer's float64 backward. */
export interface LayerBackward {
  dW: Matrix;
  gIn: Matrix;
}

/** The backward check's point: each layer's weights divided by the RMS of its pre-activations (gradients.ts). */
export interface AmplifiedBackward {
  /** RMS of Z = Â H_in Wᵀ of layer 1 at the seeded w1, and of layer 2 at the amplified layer 1's output. */
  rms: [number, number];
  /** Each layer's H at the amplified weights. */
  l1: Matrix;
  l2: Matrix;
  /** Layer 2's upstream gradient: what the softmax layer passes down, (P − Y)·W3. */
  upstream2: Matrix;
  /** Each layer's backward, with its real upstream gradient (layer 1's is layer2.gIn). */
  layer1: LayerBackward;
  layer2: LayerBackward;
}

/** What q1.train reads from the float64 gradient descent of a training's settings. */
export interface TrainingReplay {
  /** The train loss of the compared epochs (trainingSummary.ts COMPARED_EPOCHS, or fewer). */
  trainLoss: Float64Array;
  /** The test accuracy after the training's last epoch. */
  testAccuracy: number;
}

export interface ZkcExpectations {
  /** The seed of the check inputs, given the run's (a recording has one seed). */
  dataSeed(configSeed: number): number;
  /** Â = D̃^{-1/2} Ã D̃^{-1/2} of the weighted karate graph, row-major 34 × 34. */
  aHat(): Float64Array;
  network(seed: number): SeededNetwork;
  amplifiedBackward(seed: number): AmplifiedBackward;
  /** The float64 backward against central differences (ε = 1e-4), per parameter. */
  centralDifferences(seed: number): Readonly<Record<ParameterName, number>>;
  /** The float64 replay of `epochs` epochs of a training, or undefined where there is none (the student build at other settings). */
  replay(config: ZkcTrainConfig, epochs: number): TrainingReplay | undefined;
}

type PlainMatrix = { rows: number; cols: number; data: PackedRuns };

/** What the student build ships: every value above at one seed and the default settings. */
export interface ZkcRecording {
  seed: number;
  aHat: PackedRuns;
  network: { l1: PlainMatrix; l2: PlainMatrix; p: PlainMatrix; grads: Record<ParameterName, PackedRuns> };
  amplifiedBackward: {
    rms: [number, number];
    l1: PlainMatrix;
    l2: PlainMatrix;
    upstream2: PlainMatrix;
    layer1: { dW: PlainMatrix; gIn: PlainMatrix };
    layer2: { dW: PlainMatrix; gIn: PlainMatrix };
  };
  centralDifferences: Record<ParameterName, number>;
  /** The settings the replays are for (config.ts zkcTrainDefaults), and per mask mode the replay of its longest training. */
  training: {
    seed: number;
    weighted: boolean;
    learningRate: number;
    lambda: number;
    replays: Record<MaskMode, { trainLoss: PackedRuns; testAccuracy: PackedRuns }>;
  };
}
