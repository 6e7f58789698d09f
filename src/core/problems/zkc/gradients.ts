// The gradient comparisons of Q1, on the judge's side. The student's layers are float32 (tfjs), so their
// gradients (asked of the child: engine/wire.ts data) are compared with the float64 ground truth
// (expected.ts: live or recorded) at a float32-calibrated tolerance: a correct backward agrees to ~1e-6, a missing
// (1 − H²) or 1/N is off by 1e-3 … 1 (test/unit/zkc/checks.test.ts proves a wrong backward fails).
// Beside it, the float64 central-difference check of the ground truth itself, which passes the
// homework's 1e-7.
import { z } from 'zod';
import type { ChildCalls } from '../../problem';
import { wireTensor } from '../../engine/wire';
import { ChannelError } from '../../engine/judge';
import { describeSchemaError } from '../../engine/childProtocol';
import { checkInputs, LAMBDA, PARAMETERS, scaledBy, type ParameterName } from './checkSetup';
import { expectations as defaultExpectations, type ZkcExpectations } from './expected';
import type { GcnParams } from './float64Gcn';
import { MARKERS } from './meta';
import type { ZkcGradCheckRow } from './artifact';
import { maxAbsDiff, relativeError } from './compare';
import { TASKS, type ForwardVjpInput } from './record';
import { asShapeError, expectWireTensor, valueOf, wireField, wireOf } from './wireValues';

export { LAMBDA, PARAMETERS, type ParameterName } from './checkSetup';

/** Float32 gradients agree with float64 to ~1e-6; wrong formulas are off by ≥ 1e-3. */
export const FLOAT32_TOLERANCE = 1e-4;
/** The homework's float64 central-difference threshold. */
export const FLOAT64_TOLERANCE = 1e-7;

export interface NetworkComparison {
  /** The solution's networkPass gradients vs the float64 backward, per parameter. */
  vsFloat64: Record<ParameterName, number>;
  /** The float64 backward vs float64 central differences (ε = 1e-4), per parameter. */
  centralDifferences: Readonly<Record<ParameterName, number>>;
  /** Largest |P − P₆₄| and |embedding − embedding₆₄|. */
  probsError: number;
  embeddingError: number;
}

/** The float64 data, the seeded parameters and the float64 network there, which every Q1 comparison uses (mask: all nodes). */
export function comparisonSetup(seed: number, expect: ZkcExpectations = defaultExpectations) {
  return { ...checkInputs(expect.aHat(), seed), truth: expect.network(seed) };
}

/** The float64 ground truth's own central-difference check. */
export function groundTruthGradCheck(
  seed: number,
  expect: ZkcExpectations = defaultExpectations,
): Readonly<Record<ParameterName, number>> {
  return expect.centralDifferences(seed);
}

/** The seeded parameters and the float64 data as the student's networkPass receives them. */
function networkInputs({ data, params }: ReturnType<typeof comparisonSetup>): unknown[] {
  const nodes = data.labels.length;
  const tfParams = {
    w1: wireOf(params.w1),
    w2: wireOf(params.w2),
    w3: wireOf(params.w3),
    b3: wireTensor(params.b3, [params.b3.length]),
  };
  const tfData = {
    aHat: wireOf(data.aHat),
    x: wireOf(data.x),
    y: wireOf(data.y),
    mask: wireTensor(data.mask, [nodes]),
    n: nodes,
    lambda: LAMBDA,
  };
  return [tfParams, tfData];
}

/** Runs the student's networkPass at the seeded parameters (float64 Â, X, Y) and compares it with the ground truth. */
export async function compareNetwork(
  child: ChildCalls,
  seed: number,
  expect: ZkcExpectations = defaultExpectations,
): Promise<NetworkComparison> {
  const setup = comparisonSetup(seed, expect);
  const { data, params, truth } = setup;
  const nodes = data.labels.length;
  const what = 'networkPass(params, data)';
  const m = MARKERS.network;
  const pass = await child.callOne(m, 'networkPass', networkInputs(setup));
  const grads = wireField(pass, 'grads', what, m);
  const shapes: Record<ParameterName, number[]> = {
    w1: [params.w1.rows, params.w1.cols],
    w2: [params.w2.rows, params.w2.cols],
    w3: [params.w3.rows, params.w3.cols],
    b3: [params.b3.length],
  };
  const measured = {
    probs: expectWireTensor(wireField(pass, 'probs', what, m), [nodes, 2], `${what}.probs`, m),
    embedding: expectWireTensor(wireField(pass, 'embedding', what, m), [nodes, 2], `${what}.embedding`, m),
    grads: Object.fromEntries(
      PARAMETERS.map((k) => [
        k,
        expectWireTensor(wireField(grads, k, `${what}.grads`, m), shapes[k], `${what}.grads.${k}`, m),
      ]),
    ) as Record<ParameterName, Float64Array>,
  };
  return {
    vsFloat64: Object.fromEntries(
      PARAMETERS.map((k) => [k, relativeError(measured.grads[k], truth.grads[k])]),
    ) as Record<ParameterName, number>,
    centralDifferences: groundTruthGradCheck(seed, expect),
    probsError: maxAbsDiff(measured.probs, truth.p.data).value,
    embeddingError: maxAbsDiff(measured.embedding, truth.l2.data).value,
  };
}

export function gradCheckRows(c: NetworkComparison): ZkcGradCheckRow[] {
  return [
    ...PARAMETERS.map((k) => ({
      parameter: `${k}: your backward vs float64 (float32)`,
      relativeError: c.vsFloat64[k],
      tolerance: FLOAT32_TOLERANCE,
      ok: c.vsFloat64[k] < FLOAT32_TOLERANCE,
    })),
    ...PARAMETERS.map((k) => ({
      parameter: `${k}: float64 central differences`,
      relativeError: c.centralDifferences[k],
      tolerance: FLOAT64_TOLERANCE,
      ok: c.centralDifferences[k] < FLOAT64_TOLERANCE,
    })),
  ];
}

export interface LayerComparison {
  /** Student's dW and gIn vs float64 gcnBackward. */
  dWvsFloat64: number;
  gInVsFloat64: number;
  /** Student's dW and gIn vs tf.grad of the student's own gcnForward. */
  dWvsAutodiff: number;
  gInVsAutodiff: number;
}

/**
 * The seeded parameters with each GCN layer's weights rescaled so that its pre-activations
 * Z = Â H_in Wᵀ have root-mean-square 1 (the RMS comes with the expectations). At the seeded scale
 * |Z| ~ 0.1, tanh is nearly the identity there, and a wrong activation derivative (tanh applied
 * twice, say) is off by only ~1e-4 relative, below what float32 can tell apart; at |Z| ~ 1 it is off
 * by ~1e-1. The inputs stay a real forward pass (H = tanh(Z)), so a correct backward written any way agrees.
 */
export function amplifiedParams(params: GcnParams, rms: readonly [number, number]): GcnParams {
  return { ...params, w1: scaledBy(params.w1, rms[0]), w2: scaledBy(params.w2, rms[1]) };
}

/**
 * Both GCN layers' backward at amplified parameters (amplifiedParams), each with its real upstream
 * gradient (what the layer above passes down in the float64 network); the larger error of the two
 * layers is reported. The student's gcnBackward runs once per layer (one batched call); tf.grads of
 * the student's own gcnForward is a child task per layer, so a failure is reported in the order the
 * layers are judged.
 */
export async function compareGcnBackward(
  child: ChildCalls,
  seed: number,
  expect: ZkcExpectations = defaultExpectations,
): Promise<LayerComparison> {
  const { data, params: seeded } = checkInputs(expect.aHat(), seed);
  const truth = expect.amplifiedBackward(seed);
  const params = amplifiedParams(seeded, truth.rms);
  const nodes = data.labels.length;
  const layers = [
    { hIn: data.x, h: truth.l1, w: params.w1, g: truth.layer2.gIn, expected: truth.layer1 },
    { hIn: truth.l1, h: truth.l2, w: params.w2, g: truth.upstream2, expected: truth.layer2 },
  ];
  const m = MARKERS.gcnBackward;
  const what = 'gcnBackward(aHat, hIn, h, w, g, n, lambda)';
  const aHat = wireOf(data.aHat);
  const outcomes = await child.call(
    m,
    'gcnBackward',
    layers.map((l) => [aHat, wireOf(l.hIn), wireOf(l.h), wireOf(l.w), wireOf(l.g), nodes, LAMBDA]),
  );
  const worst: LayerComparison = { dWvsFloat64: 0, gInVsFloat64: 0, dWvsAutodiff: 0, gInVsAutodiff: 0 };
  for (const [i, layer] of layers.entries()) {
    const out = valueOf(outcomes[i]!);
    const dW = expectWireTensor(wireField(out, 'dW', what, m), [layer.w.rows, layer.w.cols], `${what}.dW`, m);
    const gIn = expectWireTensor(wireField(out, 'gIn', what, m), [nodes, layer.w.cols], `${what}.gIn`, m);
    // Autodiff of f(W, H_in) = Σ g ⊙ gcnForward(Â, H_in, W) + λ/2 ‖W‖²: ∂f/∂W = N·dW, ∂f/∂H_in = gIn.
    const auto = await forwardVjp(child, {
      aHat,
      hIn: wireOf(layer.hIn),
      w: wireOf(layer.w),
      g: wireOf(layer.g),
      lambda: LAMBDA,
    });
    const e = layer.expected;
    const errors: LayerComparison = {
      dWvsFloat64: relativeError(dW, e.dW.data),
      gInVsFloat64: relativeError(gIn, e.gIn.data),
      dWvsAutodiff: relativeError(
        dW,
        auto.dW.map((x) => x / nodes),
      ),
      gInVsAutodiff: relativeError(gIn, auto.gIn),
    };
    for (const k of Object.keys(worst) as (keyof LayerComparison)[]) worst[k] = Math.max(worst[k], errors[k]); // NaN propagates: it fails
  }
  return worst;
}

const vjpSchema = z.object({ dW: z.instanceof(Float32Array), gIn: z.instanceof(Float32Array) }).strict();

/** The child's tf.grads of the student's gcnForward, validated: sizes are the inputs'. */
async function forwardVjp(child: ChildCalls, input: ForwardVjpInput): Promise<{ dW: Float64Array; gIn: Float64Array }> {
  let output: unknown;
  try {
    output = await child.task(TASKS.forwardVjp, input);
  } catch (err) {
    throw asShapeError(err);
  }
  const parsed = vjpSchema.safeParse(output);
  if (!parsed.success) throw new ChannelError(`the gradients of gcnForward: ${describeSchemaError(parsed.error)}`);
  const { dW, gIn } = parsed.data;
  if (dW.length !== input.w.values.length || gIn.length !== input.hIn.values.length)
    throw new ChannelError('the gradients of gcnForward do not have the sizes of W and H_in');
  return { dW: Float64Array.from(dW), gIn: Float64Array.from(gIn) };
}
