// The Q1 checks. Every expectation comes from the float64 ground truth (adjacency.ts, float64Gcn.ts,
// train.ts), never from the reference solution; every malformed return value becomes a finding at
// the TODO of the function that returned it.
import * as tf from '@tensorflow/tfjs';
import type { Finding } from '../../engine/events';
import { ShapeError, callStudent } from '../../problem';
import { karateClub } from '../../data/karate';
import { gcnAdjacency } from './adjacency';
import { comparisonSetup, compareGcnBackward, groundTruthGradCheck, compareNetwork, FLOAT32_TOLERANCE, FLOAT64_TOLERANCE, PARAMETERS, type NetworkComparison } from './gradients';
import { MARKERS } from './meta';
import type { ZkcSolution } from './solution';
import { expectTensor, maxAbsDiff, scoped, tensorOf, valuesOf } from './tensors';
import type { TrainingSummary } from './trainingSummary';
import { finding, guarded } from '../findings';

/** Float32 values of an exact float64 matrix agree to ~1e-7 relative; 1e-5 leaves room for summation order. */
const VALUE_TOLERANCE = 1e-5;

export interface ZkcCheckInputs {
  seed: number;
  /** The training results to judge (from the run, or a short training for checks alone), or why training could not run. */
  training: TrainingSummary | ShapeError;
  /** The network comparison, when the run already made it. */
  network?: NetworkComparison;
}

const sci = (x: number): string => (x === 0 ? '0' : Number.isFinite(x) ? x.toExponential(0).replace('e+0', '').replace(/e-0?/, 'e-') : String(x));
const at = (index: number, cols: number): string => `[${Math.floor(index / cols)}, ${index % cols}]`;

export function checkSelfLoops(solution: ZkcSolution): Finding {
  const id = 'q1.self-loops', m = MARKERS.selfLoops;
  return guarded(id, m, () => {
    const { a, aTilde, n } = gcnAdjacency(karateClub, { weighted: true });
    const got = scoped(() => {
      const input = tf.tensor2d(Float32Array.from(a), [n, n]);
      return valuesOf(expectTensor(callStudent(m, () => solution.addSelfLoops(input)), [n, n], 'addSelfLoops(A)', m));
    });
    const d = maxAbsDiff(got, aTilde);
    if (d.value > VALUE_TOLERANCE) {
      return finding(id, m, false, `addSelfLoops(A) at ${at(d.index, n)} is ${got[d.index]}; Ã = A + I has ${aTilde[d.index]} there.`, 'Ã ✗');
    }
    return finding(id, m, true, `addSelfLoops(A) equals A + I on the weighted karate graph (34 × 34).`, 'Ã ✓');
  });
}

export function checkNormalize(solution: ZkcSolution): Finding {
  const id = 'q1.normalize', m = MARKERS.normalize;
  return guarded(id, m, () => {
    const { aTilde, aHat, n } = gcnAdjacency(karateClub, { weighted: true });
    const got = scoped(() => {
      const input = tf.tensor2d(Float32Array.from(aTilde), [n, n]);
      return valuesOf(expectTensor(callStudent(m, () => solution.normalizeAdjacency(input)), [n, n], 'normalizeAdjacency(Ã)', m));
    });
    const d = maxAbsDiff(got, aHat);
    if (d.value > VALUE_TOLERANCE) {
      const [i, j] = [Math.floor(d.index / n), d.index % n];
      return finding(
        id, m, false,
        `normalizeAdjacency(Ã)[${i}, ${j}] is ${got[d.index]!.toPrecision(6)}; Ã[${i}, ${j}] / √(D̃[${i}]·D̃[${j}]) is ${aHat[d.index]!.toPrecision(6)} ` +
          `(D̃ = row sums of Ã; for example Â[0, 0] = 1/43 ≈ ${(1 / 43).toPrecision(6)}, Â[0, 1] = 4/√(43·30) ≈ ${(4 / Math.sqrt(43 * 30)).toPrecision(6)}).`,
        'Â ✗',
      );
    }
    return finding(id, m, true, `Every entry of normalizeAdjacency(Ã) matches Ã[i, j] / √(D̃[i]·D̃[j]) within ${sci(VALUE_TOLERANCE)} (Â[0, 0] = ${got[0]!.toPrecision(6)} ≈ 1/43).`, 'Â ✓');
  });
}

export function checkFeatures(solution: ZkcSolution): Finding {
  const id = 'q1.features', m = MARKERS.features;
  return guarded(id, m, () => {
    const n = karateClub.nodeCount;
    const got = scoped(() => valuesOf(expectTensor(callStudent(m, () => solution.nodeFeatures(n)), [n, n], `nodeFeatures(${n})`, m)));
    const wrong = got.findIndex((v, k) => v !== (Math.floor(k / n) === k % n ? 1 : 0));
    if (wrong >= 0) return finding(id, m, false, `nodeFeatures(${n}) at ${at(wrong, n)} is ${got[wrong]}: one-hot features are the ${n} × ${n} identity (row i has a single 1, in column i).`, 'X ✗');
    return finding(id, m, true, `nodeFeatures(${n}) is the ${n} × ${n} identity: one one-hot row per node.`, 'X = I ✓');
  });
}

export function checkGcnForward(solution: ZkcSolution, seed: number): Finding {
  const id = 'q1.gcn-forward', m = MARKERS.gcnForward;
  return guarded(id, m, () => {
    const { data, params, truth } = comparisonSetup(seed);
    const n = data.labels.length;
    const layers = [
      { hIn: data.x, w: params.w1, want: truth.forward.l1.h, name: 'layer 1 (34 → 16)' },
      { hIn: truth.forward.l1.h, w: params.w2, want: truth.forward.l2.h, name: 'layer 2 (16 → 2)' },
    ];
    for (const layer of layers) {
      const got = scoped(() =>
        valuesOf(expectTensor(callStudent(m, () => solution.gcnForward(tensorOf(data.aHat), tensorOf(layer.hIn), tensorOf(layer.w))), [n, layer.w.rows], 'gcnForward(aHat, hIn, w)', m)),
      );
      const d = maxAbsDiff(got, layer.want.data);
      if (d.value > VALUE_TOLERANCE) {
        return finding(id, m, false, `gcnForward, ${layer.name}: H${at(d.index, layer.w.rows)} is ${got[d.index]!.toPrecision(6)}; tanh(Â H_in Wᵀ) there is ${layer.want.data[d.index]!.toPrecision(6)}.`, 'forward ✗');
      }
    }
    return finding(id, m, true, `gcnForward matches tanh(Â H_in Wᵀ) on both layers at the seeded weights (within ${sci(VALUE_TOLERANCE)}).`, 'forward ✓');
  });
}

export function checkGcnBackward(solution: ZkcSolution, seed: number): Finding {
  const id = 'q1.gcn-backward', m = MARKERS.gcnBackward;
  return guarded(id, m, () => {
    const c = compareGcnBackward(solution, seed);
    const f64 = Math.max(...Object.values(compareNetworkCentral(seed)));
    const worst = Math.max(c.dWvsFloat64, c.gInVsFloat64, c.dWvsAutodiff, c.gInVsAutodiff);
    const numbers =
      `relative errors: dW ${sci(c.dWvsFloat64)} and gIn ${sci(c.gInVsFloat64)} against the float64 ground truth, ` +
      `dW ${sci(c.dWvsAutodiff)} and gIn ${sci(c.gInVsAutodiff)} against tf.grads of your gcnForward (pass below ${sci(FLOAT32_TOLERANCE)}: your layer runs in float32)`;
    if (!(worst < FLOAT32_TOLERANCE)) {
      const which = !(c.dWvsFloat64 < FLOAT32_TOLERANCE || c.dWvsAutodiff < FLOAT32_TOLERANCE) ? 'dW' : 'gIn';
      const hint = which === 'dW' ? 'expected dW = δᵀ(Â H_in)/N + λW/N with δ = g ⊙ (1 − H²)' : 'expected gIn = Â(δW) with δ = g ⊙ (1 − H²)';
      return finding(id, m, false, `gcnBackward's ${which} is wrong (${hint}); ${numbers}.`, `grad ✗ ${sci(worst)}`);
    }
    return finding(id, m, true, `gcnBackward agrees with the float64 backward and with autodiff; ${numbers}. The float64 network's central-difference check: ${sci(f64)} (< ${sci(FLOAT64_TOLERANCE)}).`, `grad ✓ ${sci(worst)} · f64 ${sci(f64)}`);
  });
}

/** The float64 central-difference check depends only on the seed: computed once per seed. */
const centralCache = new Map<number, Record<string, number>>();
function compareNetworkCentral(seed: number): Record<string, number> {
  if (!centralCache.has(seed)) centralCache.set(seed, groundTruthGradCheck(seed));
  return centralCache.get(seed)!;
}

export function checkNetwork(solution: ZkcSolution, seed: number, backwardOk: boolean, known?: NetworkComparison): Finding {
  const id = 'q1.network', m = MARKERS.network;
  return guarded(id, m, () => {
    const c = known ?? compareNetwork(solution, seed);
    if (!(c.probsError <= VALUE_TOLERANCE && c.embeddingError <= VALUE_TOLERANCE)) {
      return finding(
        id, m, false,
        `networkPass's forward differs from GCN 34→16 → GCN 16→2 → softmax 2→2 at the seeded weights: largest difference ${sci(c.probsError)} in probs, ${sci(c.embeddingError)} in the embedding (the 2-D output of the second GCN layer); allowed ${sci(VALUE_TOLERANCE)}.`,
        'network ✗',
      );
    }
    const errors = PARAMETERS.map((k) => `${k} ${sci(c.vsFloat64[k])}`).join(', ');
    const bad = PARAMETERS.filter((k) => !(c.vsFloat64[k] < FLOAT32_TOLERANCE));
    if (bad.length) {
      const cause = backwardOk ? 'check the order of the backward passes and what each layer passes down' : 'q1.gcn-backward fails too: fix it first';
      return finding(id, m, false, `networkPass's gradients differ from the float64 ground truth for ${bad.join(', ')} (relative errors ${errors}; pass below ${sci(FLOAT32_TOLERANCE)}): ${cause}.`, `grads ✗ ${bad.join(' ')}`);
    }
    return finding(id, m, true, `networkPass matches the float64 network: forward within ${sci(Math.max(c.probsError, c.embeddingError))}, gradients' relative errors ${errors}.`, 'network ✓');
  });
}

export function checkTraining(t: TrainingSummary | ShapeError, failedBefore: readonly string[] = []): Finding {
  const id = 'q1.train', m = MARKERS.train;
  if (t instanceof ShapeError) {
    const where = t.marker && t.marker !== m ? ` (see ${t.marker})` : '';
    return finding(id, m, false, `${t.marker && t.marker !== m ? 'Not checked: training could not start. ' : ''}${t.message}${where}`, 'train ✗ wrong shape');
  }
  const short = `test acc ${Math.round(100 * t.finalTestAccuracy)} % · loss ${t.finalTrainLoss.toFixed(3)}`;
  if (!(t.curveError <= t.curveTolerance)) {
    return finding(
      id, m, false,
      `Training (${t.maskMode}) drifts from the float64 ground truth: at epoch ${t.curveErrorEpoch} your train loss is ${t.trainLossAtWorst.toFixed(5)}, gradient descent with lr ${t.learningRate} gives ${t.expectedAtWorst.toFixed(5)} (allowed difference ${t.curveTolerance})` +
        (failedBefore.length ? `; ${failedBefore.join(', ')} ${failedBefore.length > 1 ? 'fail' : 'fails'} too: fix ${failedBefore.length > 1 ? 'them' : 'it'} first.` : '.'),
      `train ✗ ${short}`,
    );
  }
  // One test node of slack: float32 may flip a node on the decision boundary.
  if (t.finalTestAccuracy + 0.1 + 1e-6 < t.expectedTestAccuracy) {
    return finding(id, m, false, `After ${t.epochs} epochs (${t.maskMode}) test accuracy is ${Math.round(100 * t.finalTestAccuracy)} %; the float64 ground truth reaches ${Math.round(100 * t.expectedTestAccuracy)} % (one test node of difference is allowed).`, `train ✗ ${short}`);
  }
  return finding(
    id, m, true,
    `Training (${t.maskMode}) follows the float64 ground truth over the first ${t.comparedEpochs} epochs (largest loss difference ${sci(t.curveError)}); after ${t.epochs} epochs: train loss ${t.finalTrainLoss.toFixed(4)}, test loss ${t.finalTestLoss.toFixed(4)}, test accuracy ${Math.round(100 * t.finalTestAccuracy)} %.`,
    short,
  );
}

export interface ZkcFindingsInput extends ZkcCheckInputs {
  solution: ZkcSolution;
}

/** Every Q1 check, in the homework's order of the TODOs. */
export function checkZkc({ solution, seed, training, network }: ZkcFindingsInput): Finding[] {
  const backward = checkGcnBackward(solution, seed);
  const pieces = [
    checkSelfLoops(solution),
    checkNormalize(solution),
    checkFeatures(solution),
    checkGcnForward(solution, seed),
    backward,
    checkNetwork(solution, seed, backward.ok, network),
  ];
  return [...pieces, checkTraining(training, pieces.filter((f) => !f.ok).map((f) => f.checkId))];
}
