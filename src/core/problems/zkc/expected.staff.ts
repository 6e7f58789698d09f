// Staff side of Q1's expectations: the float64 GCN (adjacency.ts, float64Gcn.ts, train.ts) computed
// live at any seed and settings. The repository's build, the CLI and `grade` use it; the student
// build swaps it for expected.student.ts.
import { gcnAdjacency } from './adjacency';
import { checkInputs, LAMBDA, PARAMETERS, scaledBy, type ParameterName } from './checkSetup';
import { MASK_MODES, zkcTrainDefaults, type ZkcTrainConfig } from './config';
import type { AmplifiedBackward, SeededNetwork, TrainingReplay, ZkcExpectations, ZkcRecording } from './expected';
import { gcnBackward, gcnForward, gradientCheck, networkCost, networkGradients, paramArrays } from './float64Gcn';
import { karateClub } from './karate';
import { matMul, matMulTransB, matrix, type Matrix } from './matrix';
import { packRuns, type PackedRuns } from './runs';
import { ZkcTrainer } from './train';
import { COMPARED_EPOCHS } from './trainingSummary';

/** The seed the student build's recording is made for (Q1's default). */
export const RECORDED_SEED = zkcTrainDefaults.seed;

const aHat = (): Float64Array => gcnAdjacency(karateClub, { weighted: true }).aHat;

function network(seed: number): SeededNetwork {
  const { data, params } = checkInputs(aHat(), seed);
  const { forward, grads } = networkGradients(params, data, LAMBDA);
  return { l1: forward.l1.h, l2: forward.l2.h, p: forward.p, grads: { ...grads } };
}

/** RMS of a layer's pre-activations Z = Â H_in Wᵀ. */
function preActivationRms(a: Matrix, hIn: Matrix, w: Matrix): number {
  const z = matMulTransB(matMul(a, hIn), w);
  let squares = 0;
  for (const x of z.data) squares += x * x;
  return Math.sqrt(squares / z.data.length);
}

function amplifiedBackward(seed: number): AmplifiedBackward {
  const { data, params } = checkInputs(aHat(), seed);
  const rms1 = preActivationRms(data.aHat, data.x, params.w1);
  const w1 = scaledBy(params.w1, rms1);
  const rms2 = preActivationRms(data.aHat, gcnForward(data.aHat, data.x, w1).h, params.w2);
  const amplified = { ...params, w1, w2: scaledBy(params.w2, rms2) };
  const { l1, l2, p } = networkGradients(amplified, data, LAMBDA).forward;
  const nodes = data.labels.length;
  // Layer 2's upstream is what the softmax layer passes down, (P − Y)·W3 (all nodes in the mask).
  const dL = matrix(
    nodes,
    2,
    p.data.map((x, k) => x - data.y.data[k]!),
  );
  const upstream2 = matMul(dL, amplified.w3);
  const layer2 = gcnBackward(data.aHat, l2, amplified.w2, upstream2, nodes, LAMBDA);
  const layer1 = gcnBackward(data.aHat, l1, amplified.w1, layer2.gIn, nodes, LAMBDA);
  return { rms: [rms1, rms2], l1: l1.h, l2: l2.h, upstream2, layer1, layer2 };
}

/** The float64 central-difference check depends only on the seed: computed once per seed. */
const centralCache = new Map<number, Readonly<Record<ParameterName, number>>>();

function centralDifferences(seed: number): Readonly<Record<ParameterName, number>> {
  let errors = centralCache.get(seed);
  if (!errors) {
    const { data, params } = checkInputs(aHat(), seed);
    const { grads } = networkGradients(params, data, LAMBDA);
    errors = gradientCheck(paramArrays(params), () => networkCost(params, data, LAMBDA), { ...grads }) as Record<
      ParameterName,
      number
    >;
    centralCache.set(seed, errors);
  }
  return errors;
}

/** The float64 trainer run for `epochs` epochs from the same seeded weights (no early stopping). */
function liveReplay(config: ZkcTrainConfig, epochs: number): { trainLoss: Float64Array; testAccuracy: Float64Array } {
  const truth = new ZkcTrainer({ ...config, maxEpochs: epochs, patience: Infinity });
  truth.run(epochs);
  const { trainLoss, testAccuracy } = truth.history();
  return { trainLoss, testAccuracy };
}

function replay(config: ZkcTrainConfig, epochs: number): TrainingReplay {
  const { trainLoss, testAccuracy } = liveReplay(config, epochs);
  return { trainLoss: trainLoss.slice(0, Math.min(COMPARED_EPOCHS, epochs)), testAccuracy: testAccuracy[epochs - 1]! };
}

export const expectations: ZkcExpectations = {
  dataSeed: (seed) => seed,
  aHat,
  network,
  amplifiedBackward,
  centralDifferences,
  replay,
};

const plain = (m: Matrix) => ({ rows: m.rows, cols: m.cols, data: packRuns(m.data) });

/** A fresh computation of what the student build's expectations answer, at RECORDED_SEED and the default settings. */
export function recordZkcExpectations(): ZkcRecording {
  const n = network(RECORDED_SEED);
  const b = amplifiedBackward(RECORDED_SEED);
  const { seed, weighted, learningRate, lambda, maxEpochs } = zkcTrainDefaults;
  const replays = Object.fromEntries(
    MASK_MODES.map((maskMode) => {
      const { trainLoss, testAccuracy } = liveReplay({ ...zkcTrainDefaults, maskMode }, maxEpochs);
      return [
        maskMode,
        { trainLoss: packRuns(trainLoss.subarray(0, COMPARED_EPOCHS)), testAccuracy: packRuns(testAccuracy) },
      ];
    }),
  ) as ZkcRecording['training']['replays'];
  return {
    seed: RECORDED_SEED,
    aHat: packRuns(aHat()),
    network: {
      l1: plain(n.l1),
      l2: plain(n.l2),
      p: plain(n.p),
      grads: Object.fromEntries(PARAMETERS.map((k) => [k, packRuns(n.grads[k])])) as Record<ParameterName, PackedRuns>,
    },
    amplifiedBackward: {
      rms: b.rms,
      l1: plain(b.l1),
      l2: plain(b.l2),
      upstream2: plain(b.upstream2),
      layer1: { dW: plain(b.layer1.dW), gIn: plain(b.layer1.gIn) },
      layer2: { dW: plain(b.layer2.dW), gIn: plain(b.layer2.gIn) },
    },
    centralDifferences: { ...centralDifferences(RECORDED_SEED) },
    training: { seed, weighted, learningRate, lambda, replays },
  };
}
