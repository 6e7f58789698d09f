// The Q1 checks, on the judge's side. Every expectation comes from a closed form or from the float64
// ground truth (expected.ts: live on the staff side, recorded in the student build), never from the
// reference solution; the student's functions
// run in the child (ctx.child), and every malformed value they return becomes a finding at the TODO
// of the function that returned it (wireValues.ts).
import type { Finding } from '../../engine/events';
import type { ChildCalls, JudgeContext, StudentFailure } from '../../problem';
import { StudentFailureError } from '../../problem';
import { wireTensor } from '../../engine/wire';
import { ChannelError } from '../../engine/judge';
import { describeSchemaError } from '../../engine/childProtocol';
import { karateClub } from './karate';
import { adjacencyMatrix } from '../../graph/graph';
import { maxAbsDiff } from './compare';
import { trainConfig, validated, zkcTrainDefaults, type ZkcConfig, type ZkcTrainConfig } from './config';
import { expectations as defaultExpectations, type ZkcExpectations } from './expected';
import {
  comparisonSetup,
  compareGcnBackward,
  groundTruthGradCheck,
  compareNetwork,
  gradCheckRows,
  FLOAT32_TOLERANCE,
  FLOAT64_TOLERANCE,
  PARAMETERS,
  type NetworkComparison,
} from './gradients';
import { MARKERS } from './meta';
import { TASKS, type ZkcRecord, type ZkcTrainingHistory } from './record';
import { trainingHistorySchema } from './schemas';
import { COMPARED_EPOCHS, summarizeTraining, type TrainingSummary } from './trainingSummary';
import { expectWireTensor, shapeMessage, valueOf, wireOf } from './wireValues';
import { finding, guarded } from '../findings';

/** Float32 values of an exact float64 matrix agree to ~1e-7 relative; 1e-5 leaves room for summation order. */
const VALUE_TOLERANCE = 1e-5;

const sci = (x: number): string =>
  x === 0 ? '0' : Number.isFinite(x) ? x.toExponential(0).replace('e+0', '').replace(/e-0?/, 'e-') : String(x);
const at = (index: number, cols: number): string => `[${Math.floor(index / cols)}, ${index % cols}]`;
/** A matrix's first differing entry as the Testing view's diff: the lab's value with its tolerance, the student's. */
const entry = (name: string, where: string, want: number, got: number): { expected: string; actual: string } => ({
  expected: `${name}${where} = ${want.toPrecision(6)} (± ${sci(VALUE_TOLERANCE)})`,
  actual: `${name}${where} = ${got.toPrecision(6)}`,
});

/** The weighted karate graph's A and the closed form Ã = A + I. */
function withSelfLoops(): { a: Float64Array; aTilde: Float64Array; n: number } {
  const n = karateClub.nodeCount;
  const a = adjacencyMatrix(karateClub, { weighted: true });
  const aTilde = a.map((x, k) => (Math.floor(k / n) === k % n ? x + 1 : x));
  return { a, aTilde, n };
}

export function checkSelfLoops(child: ChildCalls): Promise<Finding> {
  const id = 'q1.self-loops',
    m = MARKERS.selfLoops;
  return guarded(id, m, async () => {
    const { a, aTilde, n } = withSelfLoops();
    const got = expectWireTensor(
      await child.callOne(m, 'addSelfLoops', [wireTensor(a, [n, n])]),
      [n, n],
      'addSelfLoops(A)',
      m,
    );
    const d = maxAbsDiff(got, aTilde);
    if (d.value > VALUE_TOLERANCE) {
      return {
        ...finding(
          id,
          m,
          false,
          `addSelfLoops(A) at ${at(d.index, n)} is ${got[d.index]}; Ã = A + I has ${aTilde[d.index]} there.`,
          'Ã ✗',
        ),
        ...entry('Ã', at(d.index, n), aTilde[d.index]!, got[d.index]!),
      };
    }
    return finding(id, m, true, `addSelfLoops(A) equals A + I on the weighted karate graph (34 × 34).`, 'Ã ✓');
  });
}

export function checkNormalize(child: ChildCalls, expect: ZkcExpectations = defaultExpectations): Promise<Finding> {
  const id = 'q1.normalize',
    m = MARKERS.normalize;
  return guarded(id, m, async () => {
    const { aTilde, n } = withSelfLoops();
    const aHat = expect.aHat();
    const got = expectWireTensor(
      await child.callOne(m, 'normalizeAdjacency', [wireTensor(aTilde, [n, n])]),
      [n, n],
      'normalizeAdjacency(Ã)',
      m,
    );
    const d = maxAbsDiff(got, aHat);
    if (d.value > VALUE_TOLERANCE) {
      const [i, j] = [Math.floor(d.index / n), d.index % n];
      return {
        ...finding(
          id,
          m,
          false,
          `normalizeAdjacency(Ã)[${i}, ${j}] is ${got[d.index]!.toPrecision(6)}; Ã[${i}, ${j}] / √(D̃[${i}]·D̃[${j}]) is ${aHat[d.index]!.toPrecision(6)} ` +
            `(D̃ = row sums of Ã; for example Â[0, 0] = 1/43 ≈ ${(1 / 43).toPrecision(6)}, Â[0, 1] = 4/√(43·30) ≈ ${(4 / Math.sqrt(43 * 30)).toPrecision(6)}).`,
          'Â ✗',
        ),
        ...entry('Â', at(d.index, n), aHat[d.index]!, got[d.index]!),
      };
    }
    return finding(
      id,
      m,
      true,
      `Every entry of normalizeAdjacency(Ã) matches Ã[i, j] / √(D̃[i]·D̃[j]) within ${sci(VALUE_TOLERANCE)} (Â[0, 0] = ${got[0]!.toPrecision(6)} ≈ 1/43).`,
      'Â ✓',
    );
  });
}

export function checkFeatures(child: ChildCalls): Promise<Finding> {
  const id = 'q1.features',
    m = MARKERS.features;
  return guarded(id, m, async () => {
    const n = karateClub.nodeCount;
    const got = expectWireTensor(await child.callOne(m, 'nodeFeatures', [n]), [n, n], `nodeFeatures(${n})`, m);
    const wrong = got.findIndex((v, k) => v !== (Math.floor(k / n) === k % n ? 1 : 0));
    if (wrong >= 0)
      return {
        ...finding(
          id,
          m,
          false,
          `nodeFeatures(${n}) at ${at(wrong, n)} is ${got[wrong]}: one-hot features are the ${n} × ${n} identity (row i has a single 1, in column i).`,
          'X ✗',
        ),
        expected: `X${at(wrong, n)} = ${Math.floor(wrong / n) === wrong % n ? 1 : 0}`,
        actual: `X${at(wrong, n)} = ${got[wrong]}`,
      };
    return finding(id, m, true, `nodeFeatures(${n}) is the ${n} × ${n} identity: one one-hot row per node.`, 'X = I ✓');
  });
}

export function checkGcnForward(
  child: ChildCalls,
  seed: number,
  expect: ZkcExpectations = defaultExpectations,
): Promise<Finding> {
  const id = 'q1.gcn-forward',
    m = MARKERS.gcnForward;
  return guarded(id, m, async () => {
    const { data, params, truth } = comparisonSetup(seed, expect);
    const n = data.labels.length;
    const layers = [
      { hIn: data.x, w: params.w1, want: truth.l1, name: 'layer 1 (34 → 16)' },
      { hIn: truth.l1, w: params.w2, want: truth.l2, name: 'layer 2 (16 → 2)' },
    ];
    const aHat = wireOf(data.aHat);
    const outcomes = await child.call(
      m,
      'gcnForward',
      layers.map((layer) => [aHat, wireOf(layer.hIn), wireOf(layer.w)]),
    );
    for (const [i, layer] of layers.entries()) {
      const got = expectWireTensor(valueOf(outcomes[i]!), [n, layer.w.rows], 'gcnForward(aHat, hIn, w)', m);
      const d = maxAbsDiff(got, layer.want.data);
      if (d.value > VALUE_TOLERANCE) {
        return {
          ...finding(
            id,
            m,
            false,
            `gcnForward, ${layer.name}: H${at(d.index, layer.w.rows)} is ${got[d.index]!.toPrecision(6)}; tanh(Â H_in Wᵀ) there is ${layer.want.data[d.index]!.toPrecision(6)}.`,
            'forward ✗',
          ),
          ...entry(`${layer.name}: H`, at(d.index, layer.w.rows), layer.want.data[d.index]!, got[d.index]!),
        };
      }
    }
    return finding(
      id,
      m,
      true,
      `gcnForward matches tanh(Â H_in Wᵀ) on both layers at the seeded weights (within ${sci(VALUE_TOLERANCE)}).`,
      'forward ✓',
    );
  });
}

export function checkGcnBackward(
  child: ChildCalls,
  seed: number,
  expect: ZkcExpectations = defaultExpectations,
): Promise<Finding> {
  const id = 'q1.gcn-backward',
    m = MARKERS.gcnBackward;
  return guarded(id, m, async () => {
    const c = await compareGcnBackward(child, seed, expect);
    const f64 = Math.max(...Object.values(groundTruthGradCheck(seed, expect)));
    const worst = Math.max(c.dWvsFloat64, c.gInVsFloat64, c.dWvsAutodiff, c.gInVsAutodiff);
    const numbers =
      `relative errors: dW ${sci(c.dWvsFloat64)} and gIn ${sci(c.gInVsFloat64)} against the float64 ground truth, ` +
      `dW ${sci(c.dWvsAutodiff)} and gIn ${sci(c.gInVsAutodiff)} against tf.grads of your gcnForward (pass below ${sci(FLOAT32_TOLERANCE)}: your layer runs in float32)`;
    if (!(worst < FLOAT32_TOLERANCE)) {
      const which = !(c.dWvsFloat64 < FLOAT32_TOLERANCE || c.dWvsAutodiff < FLOAT32_TOLERANCE) ? 'dW' : 'gIn';
      return {
        ...finding(id, m, false, `gcnBackward's ${which} is wrong; ${numbers}.`, `grad ✗ ${sci(worst)}`),
        expected: `relative error < ${sci(FLOAT32_TOLERANCE)} (dW and gIn, against float64 and tf.grads)`,
        actual: `dW ${sci(c.dWvsFloat64)} / ${sci(c.dWvsAutodiff)}, gIn ${sci(c.gInVsFloat64)} / ${sci(c.gInVsAutodiff)}`,
        hints: [
          'The float64 backward and autodiff of your own gcnForward agree with each other: yours differs from both. Go through the chain rule from the output H = tanh(Â H_in Wᵀ) back to W and to H_in, including tanh itself and the weight decay.',
          which === 'dW'
            ? 'Expected dW = δᵀ(Â H_in)/N + λW/N with δ = g ⊙ (1 − H²).'
            : 'Expected gIn = Â(δW) with δ = g ⊙ (1 − H²).',
        ],
      };
    }
    return finding(
      id,
      m,
      true,
      `gcnBackward agrees with the float64 backward and with autodiff; ${numbers}. The float64 network's central-difference check: ${sci(f64)} (< ${sci(FLOAT64_TOLERANCE)}).`,
      `grad ✓ ${sci(worst)} · f64 ${sci(f64)}`,
    );
  });
}

/** `onCompared` gets the comparison as soon as it is made (the gradient-check table and metrics), whatever the verdict. */
export function checkNetwork(
  child: ChildCalls,
  seed: number,
  backwardOk: boolean,
  onCompared?: (c: NetworkComparison) => void,
  expect: ZkcExpectations = defaultExpectations,
): Promise<Finding> {
  const id = 'q1.network',
    m = MARKERS.network;
  return guarded(id, m, async () => {
    const c = await compareNetwork(child, seed, expect);
    onCompared?.(c);
    if (!(c.probsError <= VALUE_TOLERANCE && c.embeddingError <= VALUE_TOLERANCE)) {
      const forward = finding(
        id,
        m,
        false,
        `networkPass's forward differs from GCN 34→16 → GCN 16→2 → softmax 2→2 at the seeded weights: largest difference ${sci(c.probsError)} in probs, ${sci(c.embeddingError)} in the embedding (the 2-D output of the second GCN layer); allowed ${sci(VALUE_TOLERANCE)}.`,
        'network ✗',
      );
      return {
        ...forward,
        expected: `largest difference ≤ ${sci(VALUE_TOLERANCE)} (probs and embedding)`,
        actual: `probs ${sci(c.probsError)}, embedding ${sci(c.embeddingError)}`,
      };
    }
    const errors = PARAMETERS.map((k) => `${k} ${sci(c.vsFloat64[k])}`).join(', ');
    const bad = PARAMETERS.filter((k) => !(c.vsFloat64[k] < FLOAT32_TOLERANCE));
    if (bad.length) {
      const cause = backwardOk
        ? 'check the order of the backward passes and what each layer passes down'
        : 'q1.gcn-backward fails too: fix it first';
      const failed = finding(
        id,
        m,
        false,
        `networkPass's gradients differ from the float64 ground truth for ${bad.join(', ')} (relative errors ${errors}; pass below ${sci(FLOAT32_TOLERANCE)}): ${cause}.`,
        `grads ✗ ${bad.join(' ')}`,
      );
      Object.assign(failed, {
        expected: `relative error < ${sci(FLOAT32_TOLERANCE)} for every parameter`,
        actual: bad.map((k) => `${k} ${sci(c.vsFloat64[k])}`).join(', '),
      });
      return backwardOk ? failed : { ...failed, causedBy: 'q1.gcn-backward' };
    }
    return finding(
      id,
      m,
      true,
      `networkPass matches the float64 network: forward within ${sci(Math.max(c.probsError, c.embeddingError))}, gradients' relative errors ${errors}.`,
      'network ✓',
    );
  });
}

/** A training with no float64 replay to compare with (the student build at other than the recorded settings). */
export interface UnreplayedTraining {
  unreplayed: true;
  maskMode: ZkcTrainingHistory['maskMode'];
  epochs: number;
  finalTrainLoss: number;
  finalTestLoss: number;
  finalTestAccuracy: number;
}

/** The training against the float64 replay of its settings, or unreplayed where the expectations have none. */
export function summarized(
  history: ZkcTrainingHistory,
  config: ZkcTrainConfig,
  expect: ZkcExpectations = defaultExpectations,
): TrainingSummary | UnreplayedTraining {
  const replay = expect.replay(config, history.epochs);
  if (replay) return summarizeTraining(history, config, replay);
  const { maskMode, epochs, finalTestLoss, finalTestAccuracy } = history;
  return {
    unreplayed: true,
    maskMode,
    epochs,
    finalTrainLoss: history.trainLoss[epochs - 1]!,
    finalTestLoss,
    finalTestAccuracy,
  };
}

/**
 * Judges the training, or says why there was none: the student's code failed while the child trained
 * with it (a wrong shape, a throw, the time limit), at the TODO that failed when it is another one; or
 * notes, without a verdict, a training the student build cannot replay.
 */
export function checkTraining(
  t: TrainingSummary | UnreplayedTraining | StudentFailure,
  failedBefore: readonly string[] = [],
): Finding {
  const id = 'q1.train',
    m = MARKERS.train;
  if ('reason' in t) {
    const elsewhere = !!t.marker && t.marker !== m;
    const where = elsewhere ? ` (see ${t.marker})` : '';
    const short =
      t.reason === 'shape' ? 'train ✗ wrong shape' : t.reason === 'time-limit' ? 'train ✗ too slow' : 'train ✗ threw';
    const message = t.reason === 'shape' ? shapeMessage(t) : t.message;
    return {
      ...finding(
        id,
        m,
        false,
        `${elsewhere ? 'Not checked: training could not start. ' : ''}${message}${where}`,
        short,
      ),
      ...(!elsewhere && t.location ? { location: t.location } : {}),
      // training stopped at another TODO: that TODO's check carries the failure
      ...(elsewhere ? { causedBy: t.marker } : {}),
    };
  }
  const short = `test acc ${Math.round(100 * t.finalTestAccuracy)} % · loss ${t.finalTrainLoss.toFixed(3)}`;
  if ('unreplayed' in t) {
    const d = zkcTrainDefaults;
    return {
      ...finding(
        id,
        m,
        false,
        `Training (${t.maskMode}) is not compared with float64 gradient descent: the curve comparison needs the default settings in the student build ` +
          `(seed ${d.seed}, learning rate ${d.learningRate}, λ ${d.lambda}, weighted interactions, at most ${d.maxEpochs} epochs); the staff build replays any settings. ` +
          `After ${t.epochs} epochs: train loss ${t.finalTrainLoss.toFixed(4)}, test loss ${t.finalTestLoss.toFixed(4)}, test accuracy ${Math.round(100 * t.finalTestAccuracy)} %.`,
        `train: not compared · ${short}`,
      ),
      severity: 'info',
    };
  }
  if (!(t.curveError <= t.curveTolerance)) {
    const drifts: Finding = finding(
      id,
      m,
      false,
      `Training (${t.maskMode}) drifts from the float64 ground truth: at epoch ${t.curveErrorEpoch} your train loss is ${t.trainLossAtWorst.toFixed(5)}, gradient descent with lr ${t.learningRate} gives ${t.expectedAtWorst.toFixed(5)} (allowed difference ${t.curveTolerance})` +
        (failedBefore.length
          ? `; ${failedBefore.join(', ')} ${failedBefore.length > 1 ? 'fail' : 'fails'} too: fix ${failedBefore.length > 1 ? 'them' : 'it'} first.`
          : '.'),
      `train ✗ ${short}`,
    );
    drifts.expected = `train loss at epoch ${t.curveErrorEpoch} = ${t.expectedAtWorst.toFixed(5)} (± ${t.curveTolerance})`;
    drifts.actual = `train loss at epoch ${t.curveErrorEpoch} = ${t.trainLossAtWorst.toFixed(5)}`;
    // a drift that a failing piece before it explains follows from that piece
    return failedBefore.length ? { ...drifts, causedBy: failedBefore[0] } : drifts;
  }
  // One test node of slack: float32 may flip a node on the decision boundary.
  if (t.finalTestAccuracy + 0.1 + 1e-6 < t.expectedTestAccuracy) {
    const accuracy = (a: number): string => `test accuracy ${Math.round(100 * a)} %`;
    return {
      expected: `${accuracy(t.expectedTestAccuracy)} (one test node of slack)`,
      actual: accuracy(t.finalTestAccuracy),
      ...finding(
        id,
        m,
        false,
        `After ${t.epochs} epochs (${t.maskMode}) test accuracy is ${Math.round(100 * t.finalTestAccuracy)} %; the float64 ground truth reaches ${Math.round(100 * t.expectedTestAccuracy)} % (one test node of difference is allowed).`,
        `train ✗ ${short}`,
      ),
    };
  }
  return finding(
    id,
    m,
    true,
    `Training (${t.maskMode}) follows the float64 ground truth over the first ${t.comparedEpochs} epochs (largest loss difference ${sci(t.curveError)}); after ${t.epochs} epochs: train loss ${t.finalTrainLoss.toFixed(4)}, test loss ${t.finalTestLoss.toFixed(4)}, test accuracy ${Math.round(100 * t.finalTestAccuracy)} %.`,
    short,
  );
}

/**
 * The training to judge: the run's (its record), or without a run a short all-nodes training in the
 * child; compared with its float64 replay (expected.ts). A failure of the student's code while
 * training is returned, for the q1.train finding; data that does not fit what was asked for is a
 * channel violation.
 */
export async function trainingToJudge(
  ctx: JudgeContext<ZkcConfig>,
  expect: ZkcExpectations = defaultExpectations,
): Promise<TrainingSummary | UnreplayedTraining | StudentFailure> {
  const config = validated(ctx.config);
  const recorded = (ctx.record as ZkcRecord | undefined)?.training;
  if (recorded) {
    if (!config.maskModes.includes(recorded.maskMode) || recorded.epochs > config.maxEpochs) {
      throw new ChannelError(
        `the run's record: a ${recorded.epochs}-epoch ${recorded.maskMode} training, which the run was not configured for`,
      );
    }
    return summarized(recorded, trainConfig(config, recorded.maskMode), expect);
  }
  const short = { ...trainConfig(config, 'all-nodes'), maxEpochs: Math.min(COMPARED_EPOCHS, config.maxEpochs) };
  let output: unknown;
  try {
    output = await ctx.child.task(TASKS.shortTraining, { maskMode: short.maskMode, maxEpochs: short.maxEpochs });
  } catch (err) {
    if (err instanceof StudentFailureError) return err.failure;
    throw err;
  }
  const parsed = trainingHistorySchema.safeParse(output);
  if (!parsed.success) throw new ChannelError(`the short training: ${describeSchemaError(parsed.error)}`);
  const history = parsed.data;
  if (history.maskMode !== short.maskMode || history.epochs > short.maxEpochs) {
    throw new ChannelError(
      `the short training: a ${history.epochs}-epoch ${history.maskMode} training, not the one asked for`,
    );
  }
  return summarized(history, short, expect);
}

/**
 * The network comparison as the run shows it: `gradCheck` (the student's backward vs float64) and
 * `gradCheckFloat64` (float64 central differences) per parameter in the run's metrics (the CLI's
 * --json), and the rows of the gradient-check table as a judge-made `zkc-gradcheck` artifact (the
 * karate-club panel and the report).
 */
export function reportGradCheck(ctx: JudgeContext<ZkcConfig>, c: NetworkComparison): void {
  ctx.metrics.gradCheck = Object.fromEntries(PARAMETERS.map((k) => [k, c.vsFloat64[k]]));
  ctx.metrics.gradCheckFloat64 = Object.fromEntries(PARAMETERS.map((k) => [k, c.centralDifferences[k]]));
  ctx.emit({ type: 'artifact', artifact: { kind: 'zkc-gradcheck', rows: gradCheckRows(c) } });
}

/** Every Q1 check, in the homework's order of the TODOs. */
export async function checkZkc(
  ctx: JudgeContext<ZkcConfig>,
  expect: ZkcExpectations = defaultExpectations,
): Promise<Finding[]> {
  const { child } = ctx;
  // the seeded weights of the comparisons: the run's seed, or the recorded one in the student build
  const seed = expect.dataSeed(ctx.config.seed);
  const pieces = [
    await checkSelfLoops(child),
    await checkNormalize(child, expect),
    await checkFeatures(child),
    await checkGcnForward(child, seed, expect),
  ];
  const backward = await checkGcnBackward(child, seed, expect);
  let compared: NetworkComparison | undefined;
  pieces.push(backward, await checkNetwork(child, seed, backward.ok, (c) => (compared = c), expect));
  // No comparison when networkPass failed (threw, or returned the wrong shape): its finding says why.
  if (compared) reportGradCheck(ctx, compared);
  const training = await trainingToJudge(ctx, expect);
  return [
    ...pieces,
    checkTraining(
      training,
      pieces.filter((f) => !f.ok).map((f) => f.checkId),
    ),
  ];
}
