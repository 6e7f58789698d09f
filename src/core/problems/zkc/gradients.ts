// The gradient comparisons of Q1, on the judge's side. The student's layers are float32 (tfjs), so their
// gradients (asked of the child: engine/wire.ts data) are compared with the float64 ground truth
// (float64Gcn.ts) at a float32-calibrated tolerance: a correct backward agrees to ~1e-6, a missing
// (1 − H²) or 1/N is off by 1e-3 … 1 (test/unit/zkc/checks.test.ts proves a wrong backward fails).
// Beside it, the float64 central-difference check of the ground truth itself, which passes the
// homework's 1e-7.
import { z } from 'zod';
import type { ChildCalls } from '../../problem';
import { createRng } from '../../engine/rng';
import { wireTensor } from '../../engine/wire';
import { ChannelError } from '../../engine/judge';
import { describeSchemaError } from '../../engine/childProtocol';
import { zkcData } from './dataset';
import {
  gcnBackward,
  gcnForward,
  gradientCheck,
  initGcnParams,
  networkCost,
  networkGradients,
  paramArrays,
  type GcnGradients,
  type GcnParams,
} from './float64Gcn';
import { MARKERS } from './meta';
import type { ZkcGradCheckRow } from './artifact';
import { matMul, matMulTransB, matrix, type Matrix } from './matrix';
import { maxAbsDiff, relativeError } from './compare';
import { TASKS, type ForwardVjpInput } from './record';
import { asShapeError, expectWireTensor, valueOf, wireField, wireOf } from './wireValues';

/** Float32 gradients agree with float64 to ~1e-6; wrong formulas are off by ≥ 1e-3. */
export const FLOAT32_TOLERANCE = 1e-4;
/** The homework's float64 central-difference threshold. */
export const FLOAT64_TOLERANCE = 1e-7;
export const LAMBDA = 2.5e-2;
export const PARAMETERS = ['w1', 'w2', 'w3', 'b3'] as const;
export type ParameterName = (typeof PARAMETERS)[number];

export interface NetworkComparison {
  /** The solution's networkPass gradients vs the float64 backward, per parameter. */
  vsFloat64: Record<ParameterName, number>;
  /** The float64 backward vs float64 central differences (ε = 1e-4), per parameter. */
  centralDifferences: Readonly<Record<ParameterName, number>>;
  /** Largest |P − P₆₄| and |embedding − embedding₆₄|. */
  probsError: number;
  embeddingError: number;
}

/** The float64 data and seeded parameters every Q1 comparison uses (mask: all nodes). */
export function comparisonSetup(seed: number) {
  const data = zkcData({ weighted: true, maskMode: 'all-nodes' });
  const params = initGcnParams(createRng(seed));
  return { data, params, truth: networkGradients(params, data, LAMBDA) };
}

/** The float64 central-difference check depends only on the seed: computed once per seed. */
const centralCache = new Map<number, Readonly<Record<ParameterName, number>>>();

/** The float64 ground truth's own central-difference check. */
export function groundTruthGradCheck(seed: number): Readonly<Record<ParameterName, number>> {
  let errors = centralCache.get(seed);
  if (!errors) {
    const { data, params, truth } = comparisonSetup(seed);
    errors = gradientCheck(
      paramArrays(params),
      () => networkCost(params, data, LAMBDA),
      paramArrays64(truth.grads),
    ) as Record<ParameterName, number>;
    centralCache.set(seed, errors);
  }
  return errors;
}

const paramArrays64 = (g: GcnGradients): Record<string, Float64Array> => ({ w1: g.w1, w2: g.w2, w3: g.w3, b3: g.b3 });

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
export async function compareNetwork(child: ChildCalls, seed: number): Promise<NetworkComparison> {
  const setup = comparisonSetup(seed);
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
    centralDifferences: groundTruthGradCheck(seed),
    probsError: maxAbsDiff(measured.probs, truth.forward.p.data).value,
    embeddingError: maxAbsDiff(measured.embedding, truth.forward.l2.h.data).value,
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
 * Z = Â H_in Wᵀ have root-mean-square 1. At the seeded scale |Z| ~ 0.1, tanh is nearly the
 * identity there, and a wrong activation derivative (tanh applied twice, say) is off by only ~1e-4
 * relative, below what float32 can tell apart; at |Z| ~ 1 it is off by ~1e-1. The inputs stay a
 * real forward pass (H = tanh(Z)), so a correct backward written any way agrees.
 */
export function amplifiedParams({ data, params }: ReturnType<typeof comparisonSetup>): GcnParams {
  const rescale = (hIn: Matrix, w: Matrix): Matrix => {
    const z = matMulTransB(matMul(data.aHat, hIn), w);
    let squares = 0;
    for (const x of z.data) squares += x * x;
    const rms = Math.sqrt(squares / z.data.length);
    return matrix(
      w.rows,
      w.cols,
      w.data.map((x) => x / rms),
    );
  };
  const w1 = rescale(data.x, params.w1);
  const w2 = rescale(gcnForward(data.aHat, data.x, w1).h, params.w2);
  return { ...params, w1, w2 };
}

/**
 * Both GCN layers' backward at amplified parameters (amplifiedParams), each with its real upstream
 * gradient (what the layer above passes down in the float64 network); the larger error of the two
 * layers is reported. The student's gcnBackward runs once per layer (one batched call); tf.grads of
 * the student's own gcnForward is a child task per layer, so a failure is reported in the order the
 * layers are judged.
 */
export async function compareGcnBackward(child: ChildCalls, seed: number): Promise<LayerComparison> {
  const setup = comparisonSetup(seed);
  const { data } = setup;
  const params = amplifiedParams(setup);
  const truth = networkGradients(params, data, LAMBDA);
  const nodes = data.labels.length;
  const { l1, l2, p } = truth.forward;
  // Layer 2's upstream is what the softmax layer passes down, (P − Y)·W3 (all nodes in the mask).
  const dL = matrix(
    nodes,
    2,
    p.data.map((x, k) => x - data.y.data[k]!),
  );
  const upstream2 = matMul(dL, params.w3);
  const expected2 = gcnBackward(data.aHat, l2, params.w2, upstream2, nodes, LAMBDA);
  const expected1 = gcnBackward(data.aHat, l1, params.w1, expected2.gIn, nodes, LAMBDA);
  const layers = [
    { hIn: data.x, forward: l1, w: params.w1, g: expected2.gIn, expected: expected1 },
    { hIn: l1.h, forward: l2, w: params.w2, g: upstream2, expected: expected2 },
  ];
  const m = MARKERS.gcnBackward;
  const what = 'gcnBackward(aHat, hIn, h, w, g, n, lambda)';
  const aHat = wireOf(data.aHat);
  const outcomes = await child.call(
    m,
    'gcnBackward',
    layers.map((l) => [aHat, wireOf(l.hIn), wireOf(l.forward.h), wireOf(l.w), wireOf(l.g), nodes, LAMBDA]),
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
