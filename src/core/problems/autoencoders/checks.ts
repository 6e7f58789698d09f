// The Q4 checks of the student's code, on the judge's side: the student's functions run in the child
// (ctx.child), the inputs and the expectations are the judge's. Expected values on the check inputs
// come from `expectations` (expected.ts: float64 loops over the same float32 inputs in the
// repository's build, their recorded outputs in the student's; never reference.ts): the loss on a hand-sized example and on
// random batches, the forward pass of a linear and a ReLU autoencoder, the statistics of the noise
// and the mask, the probe accuracy against the lab's own count; and the leak guard: evaluation
// (forward, the loss) must be deterministic and clean, since noise and masking belong to training
// only. What comes back is untrusted data: a malformed return value becomes a failed finding at the
// TODO of the function that returned it, and so does an exception in student code (at its line).
import type { Finding } from '../../engine/events';
import { ChannelError } from '../../engine/judge';
import { describeSchemaError } from '../../engine/childProtocol';
import { createRng } from '../../engine/rng';
import { wireTensor, type WireTensor } from '../../engine/wire';
import { ShapeError, StudentFailureError, type CallOutcome, type ChildCalls } from '../../problem';
import { finding, guarded } from '../findings';
import { MARKERS } from './meta';
import { OBSERVE_TASK, type ObservedCall, type ObserveInput } from './observe';
import { accuracyCases, forwardInputs, FORWARD_ROWS, lossBatch } from './checkCases';
import { expectations as defaultExpectations, type AeExpectations } from './expected';
import type { Layer64, Params64 } from './params64';
import { observedCallSchema } from './schemas';
import type { Activation } from './solution';
import { describeWire, field, tensorValues, wireSize } from './wireValues';

/** Float32 results agree with float64 to ~1e-6 of their scale here; the mistakes checked for differ by ≥ 1e-1. */
export const RELATIVE_TOLERANCE = 1e-4;

/** The hand-sized example of docs/checks.md: (1/2)·(‖(0, 2, 0)‖² + ‖(2, 0, −3)‖²) = (4 + 13)/2 = 8.5. */
export const LOSS_EXAMPLE = {
  x: [
    [1, 2, 3],
    [4, 5, 6],
  ],
  reconstruction: [
    [1, 0, 3],
    [2, 5, 9],
  ],
  loss: 8.5,
} as const;

/** Wrong forms of the loss the message names, at the hand-sized example. */
const WRONG_LOSS_FORMS: [number, string][] = [
  [
    17 / 6,
    'the mean over every entry (features too): sum over the features of each row, then take the mean over the rows',
  ],
  [17, 'the sum over the batch: divide by the batch size B'],
  [17 / 3, 'the mean over the features and the sum over the batch: the other way round'],
  [(2 + Math.sqrt(13)) / 2, 'the mean of the norms ‖x_i − x̂_i‖: the loss uses the squared norm'],
  [Math.sqrt(8.5), 'the square root of the loss: the loss is the mean squared norm, no square root'],
  [Math.sqrt(17), 'the norm of the whole error: square it, and take the mean over the rows'],
  [4.25, 'half the loss: there is no factor 1/2'],
];

const sci = (x: number): string => (x === 0 ? '0' : Number.isFinite(x) ? x.toExponential(1) : String(x));
const fmt = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x));

/** The parameters as the student's forward receives them (wire data: the child makes the tensors). */
function paramsWire(p: Params64): {
  encoder: { w: WireTensor; b: WireTensor }[];
  decoder: { w: WireTensor; b: WireTensor }[];
  activation: Activation;
} {
  const layer = (l: Layer64) => ({ w: wireTensor(l.w, [l.in, l.out]), b: wireTensor(l.b, [l.out]) });
  return { encoder: p.encoder.map(layer), decoder: p.decoder.map(layer), activation: p.activation };
}

/** The value of a call's outcome; a failure (the student's code threw in the child) is thrown for guarded(). */
function valueOf(outcome: CallOutcome | undefined): unknown {
  if (!outcome) throw new ChannelError('a call without its result');
  if (!outcome.ok) throw new StudentFailureError(outcome.failure);
  return outcome.value;
}

/**
 * One student call through the child's `observe` task: its return value and what it left of its
 * tensor arguments (`inputs` of them expected). An async function is a ShapeError at its marker.
 */
async function observe(child: ChildCalls, input: ObserveInput, what: string, inputs: number): Promise<ObservedCall> {
  const parsed = observedCallSchema.safeParse(await child.task(OBSERVE_TASK, input));
  if (!parsed.success)
    throw new ChannelError(`the answer of ${input.name} (observed): ${describeSchemaError(parsed.error)}`);
  const out = parsed.data as ObservedCall;
  if (out.promise)
    throw new ShapeError(
      `${what} returned a Promise: it must return its result directly (do not make it async).`,
      input.marker,
    );
  if (out.inputs.length !== inputs)
    throw new ChannelError(
      `the answer of ${input.name} (observed) reports ${out.inputs.length} tensor arguments, not ${inputs}`,
    );
  return out;
}

function relativeDifference(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let d = 0,
    scale = 0;
  for (let i = 0; i < want.length; i++) {
    scale = Math.max(scale, Math.abs(want[i]!));
    const e = Math.abs(got[i]! - want[i]!);
    if (!(e <= d)) d = e; // NaN is the largest difference
  }
  return d / Math.max(scale, 1e-30);
}

/** A relative difference as the Testing view's diff: the tolerance against the measured difference. */
const relativeValues = (
  what: string,
  got: ArrayLike<number>,
  want: ArrayLike<number>,
): { expected: string; actual: string } => ({
  expected: `${what}: relative difference ≤ ${sci(RELATIVE_TOLERANCE)}`,
  actual: `${what}: relative difference ${sci(relativeDifference(got, want))}`,
});
const close = (got: ArrayLike<number>, want: ArrayLike<number>): boolean =>
  relativeDifference(got, want) <= RELATIVE_TOLERANCE;
const float32 = (values: number[][]): Float32Array => Float32Array.from(values.flat());

// ---- the checks -----------------------------------------------------------------------------------

const DECODER_CASES: [number, number[], number[]][] = [
  [784, [256, 5], [256, 784]],
  [100, [10], [100]],
  [7, [6, 4, 3], [4, 6, 7]],
];

export function checkDecoder(child: ChildCalls): Promise<Finding> {
  const id = MARKERS.decoder,
    m = MARKERS.decoder;
  return guarded(id, m, async () => {
    const outcomes = await child.call(
      m,
      'decoderWidths',
      DECODER_CASES.map(([inputDim, encoder]) => [inputDim, [...encoder]]),
    );
    for (const [i, [inputDim, encoder, want]] of DECODER_CASES.entries()) {
      const got = valueOf(outcomes[i]);
      const ok = Array.isArray(got) && got.length === want.length && got.every((v, j) => v === want[j]);
      if (!ok) {
        const shown = Array.isArray(got) ? `[${got.join(', ')}]` : describeWire(got);
        return {
          expected: `decoderWidths(${inputDim}, [${encoder.join(', ')}]) = [${want.join(', ')}]`,
          actual: `decoderWidths(${inputDim}, [${encoder.join(', ')}]) = ${shown}`,
          ...finding(
            id,
            m,
            false,
            `decoderWidths(${inputDim}, [${encoder.join(', ')}]) returned ${shown}; the decoder mirrors the encoder ${inputDim} → ${encoder.join(' → ')}: its layers output [${want.join(', ')}] (the hidden widths in reverse, then the input size).`,
            'decoder ✗',
          ),
        };
      }
    }
    return finding(
      id,
      m,
      true,
      `decoderWidths mirrors the encoder (e.g. 784 → 256 → 5 gives [256, 784]).`,
      'decoder ✓',
    );
  });
}

interface ForwardResult {
  finding: Finding;
  /** forward gave different outputs for the same x (noise or masking inside evaluation). */
  nondeterministic?: boolean;
}

/** The student's forward on a batch of `rows` (FORWARD_ROWS unless said) rows of x. */
export async function forwardOnce(
  child: ChildCalls,
  p: Params64,
  x: Float64Array,
  k: number,
  rows: number = FORWARD_ROWS,
): Promise<{ code: Float64Array; reconstruction: Float64Array }> {
  const m = MARKERS.forward;
  const inputs = p.encoder[0]!.in;
  const what = `forward(params (${p.activation}, ${[inputs, ...p.encoder.map((l) => l.out), ...p.decoder.map((l) => l.out)].join('-')}), x [${rows}, ${inputs}])`;
  const paramCount = 2 * (p.encoder.length + p.decoder.length);
  // the child reports on the tensor arguments in order: every layer's w and b, then x
  const out = await observe(
    child,
    { marker: m, name: 'forward', args: [paramsWire(p), wireTensor(x, [rows, inputs])] },
    what,
    paramCount + 1,
  );
  const code = tensorValues(field(out.value, 'code', what, m), [rows, k], `${what}.code`, m);
  const rec = tensorValues(field(out.value, 'reconstruction', what, m), [rows, inputs], `${what}.reconstruction`, m);
  // the parameters must survive the call (the lab trains them)
  if (out.inputs.slice(0, paramCount).some((t) => t.disposed))
    throw new ShapeError(`${what} disposed a parameter tensor: leave params alone (the lab owns and trains them).`, m);
  return { code: Float64Array.from(code), reconstruction: Float64Array.from(rec) };
}

export async function checkForward(
  child: ChildCalls,
  seed: number,
  expect: AeExpectations = defaultExpectations,
): Promise<ForwardResult> {
  const id = MARKERS.forward,
    m = MARKERS.forward;
  let nondeterministic = false;
  const result = await guarded(id, m, async () => {
    const { x, cases } = forwardInputs(seed);
    const expected = expect.forward(seed);
    for (const [n, { activation, widths, params: p }] of cases.entries()) {
      const k = 3;
      const variants = expected[n]!;
      const want = variants.want;
      const got = await forwardOnce(child, p, x, k);
      const again = await forwardOnce(child, p, x, k);
      if (!(close(again.code, got.code) && close(again.reconstruction, got.reconstruction))) {
        nondeterministic = true;
        return finding(
          id,
          m,
          false,
          `forward gave different outputs for the same x and parameters (${activation} autoencoder): noise or masking leaks into evaluation. forward must be deterministic: the lab corrupts the training input itself with your addNoise/maskInputs, and evaluates on the clean input.`,
          'forward ✗ not deterministic',
        );
      }
      const net = `${activation} ${widths.join('-')}`;
      if (!close(got.code, want.code)) {
        const hint =
          activation === 'relu' && close(got.code, variants.reluAtBottleneck.code)
            ? ' It matches with a ReLU after the bottleneck: the code is the last encoder layer without an activation.'
            : activation === 'relu' && close(got.code, variants.asLinear.code)
              ? " It matches without any ReLU: apply params.activation between the encoder's layers."
              : activation === 'linear' && close(got.code, variants.asRelu.code)
                ? ' It matches with a ReLU: params.activation is "linear" (the identity) here.'
                : ' (If forward adds noise or masks its input, that leaks into evaluation: the lab corrupts the training input itself, with your addNoise/maskInputs.)';
        return {
          ...relativeValues('code', got.code, want.code),
          ...finding(
            id,
            m,
            false,
            `forward(…).code differs from the encoder's output (${net}: dense layers y = x·w + b, ${activation === 'relu' ? 'ReLU between them' : 'no activation'}, none after the bottleneck), relative difference ${sci(relativeDifference(got.code, want.code))}.${hint}`,
            'forward ✗ code',
          ),
        };
      }
      if (!close(got.reconstruction, want.reconstruction)) {
        const hint =
          activation === 'relu' && close(got.reconstruction, variants.reluAtOutput.reconstruction)
            ? ' It matches with a ReLU after the last layer: the reconstruction is the last decoder layer without an activation.'
            : activation === 'relu' && close(got.reconstruction, variants.reluAtBottleneck.reconstruction)
              ? ' It matches with a ReLU applied to the code before the decoder: no activation after the bottleneck.'
              : '';
        return {
          ...relativeValues('reconstruction', got.reconstruction, want.reconstruction),
          ...finding(
            id,
            m,
            false,
            `forward(…).reconstruction differs from the decoder's output on your code (${net}), relative difference ${sci(relativeDifference(got.reconstruction, want.reconstruction))}.${hint}`,
            'forward ✗ reconstruction',
          ),
        };
      }
    }
    return finding(
      id,
      m,
      true,
      'forward matches a float64 dense pass for a linear and a ReLU autoencoder (code batch × k, reconstruction batch × in; no activation after the bottleneck or the last layer), and gives the same output twice.',
      'forward ✓',
    );
  });
  return { finding: result, nondeterministic };
}

/** The student's loss on each (x, x̂) pair, in one round trip; the first failure or malformed value (in order) is thrown. */
async function lossesOf(
  child: ChildCalls,
  pairs: [Float32Array, Float32Array][],
  rows: number,
  cols: number,
): Promise<number[]> {
  const what = `reconstructionLoss(x [${rows}, ${cols}], reconstruction [${rows}, ${cols}])`;
  const outcomes = await child.call(
    MARKERS.loss,
    'reconstructionLoss',
    pairs.map(([x, r]) => [wireTensor(x, [rows, cols]), wireTensor(r, [rows, cols])]),
  );
  return pairs.map((_, i) => {
    const value = valueOf(outcomes[i]);
    const shape = (value as { shape?: unknown } | null)?.shape;
    if (wireSize(value) === 1 && Array.isArray(shape) && shape.length !== 0) {
      throw new ShapeError(
        `${what} should return a scalar tensor (shape []), but it has shape [${shape.join(', ')}].`,
        MARKERS.loss,
      );
    }
    return tensorValues(value, [], what, MARKERS.loss)[0]!;
  });
}

export async function checkLoss(
  child: ChildCalls,
  seed: number,
  expect: AeExpectations = defaultExpectations,
): Promise<ForwardResult> {
  const id = MARKERS.loss,
    m = MARKERS.loss;
  let nondeterministic = false;
  const result = await guarded(id, m, async () => {
    const { x, reconstruction, loss } = LOSS_EXAMPLE;
    const [got] = (await lossesOf(
      child,
      [[float32(x as unknown as number[][]), float32(reconstruction as unknown as number[][])]],
      2,
      3,
    )) as [number];
    const example = 'x = [[1, 2, 3], [4, 5, 6]], x̂ = [[1, 0, 3], [2, 5, 9]]';
    if (Math.abs(got - loss) > 1e-4 * loss) {
      const wrong = WRONG_LOSS_FORMS.find(([v]) => Math.abs(got - v) <= 1e-4 * Math.max(1, v));
      return {
        expected: `reconstructionLoss(example) = ${loss} (± 1e-4 relative)`,
        actual: `reconstructionLoss(example) = ${fmt(got)}`,
        ...finding(
          id,
          m,
          false,
          `reconstructionLoss(${example}) is ${fmt(got)}; (1/B) Σ_i ‖x_i − x̂_i‖² is ${loss} here (rows: 0 + 4 + 0 = 4 and 4 + 0 + 9 = 13, mean (4 + 13)/2).${wrong ? ` ${fmt(got)} is ${wrong[1]}.` : ''}`,
          `loss ✗ ${fmt(got)} ≠ ${loss}`,
        ),
      };
    }
    // random batches, and the loss of a perfect reconstruction
    const { a, b, rows, cols } = lossBatch(seed);
    const want = expect.loss(seed);
    const [first, second, zero] = (await lossesOf(
      child,
      [
        [a, b],
        [a, b],
        [a, a],
      ],
      rows,
      cols,
    )) as [number, number, number];
    if (first !== second || zero !== 0) {
      nondeterministic = true;
      return finding(
        id,
        m,
        false,
        `reconstructionLoss is not a plain function of its inputs: ${first !== second ? `twice the same batch gave ${fmt(first)} and ${fmt(second)}` : `a perfect reconstruction (x̂ = x) gives ${fmt(zero)}, not 0`}. Noise or masking leaks into evaluation: the loss compares the reconstruction with the clean x as given.`,
        'loss ✗ not deterministic',
      );
    }
    if (Math.abs(first - want) > RELATIVE_TOLERANCE * want) {
      return {
        expected: `loss of a random ${rows} × ${cols} batch = ${fmt(want)} (± ${sci(RELATIVE_TOLERANCE)} relative)`,
        actual: `loss of a random ${rows} × ${cols} batch = ${fmt(first)}`,
        ...finding(
          id,
          m,
          false,
          `reconstructionLoss on a random ${rows} × ${cols} batch is ${fmt(first)}; (1/B) Σ_i ‖x_i − x̂_i‖² is ${fmt(want)} there.`,
          `loss ✗ ${fmt(first)}`,
        ),
      };
    }
    return finding(
      id,
      m,
      true,
      `reconstructionLoss(${example}) = ${loss} and it matches float64 on a random batch: squared errors summed over the features, mean over the batch.`,
      'loss ✓',
    );
  });
  return { finding: result, nondeterministic };
}

/** Noise and mask statistics: a 200 × 50 batch (10 000 entries). */
const STAT_ROWS = 200,
  STAT_COLS = 50;

async function corruption(
  child: ChildCalls,
  name: 'addNoise' | 'maskInputs',
  marker: string,
  x: Float32Array,
  param: number,
  seed: number,
): Promise<{ out: Float64Array; inputAfter: Float64Array }> {
  const what = `${name}(x [${STAT_ROWS}, ${STAT_COLS}], ${param}, ${seed})`;
  const observed = await observe(
    child,
    { marker, name, args: [wireTensor(x, [STAT_ROWS, STAT_COLS]), param, seed], readInputs: true },
    what,
    1,
  );
  const out = tensorValues(observed.value, [STAT_ROWS, STAT_COLS], what, marker);
  const input = observed.inputs[0]!;
  if (input.disposed)
    throw new ShapeError(`${what} disposed its input x: return a new tensor and leave x alone.`, marker);
  if (!input.values || input.values.length !== x.length)
    throw new ChannelError(`the answer of ${name} (observed) lacks its input's ${x.length} values`);
  return { out: Float64Array.from(out), inputAfter: Float64Array.from(input.values) };
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => v === b[i]);

export function checkNoise(child: ChildCalls, seed: number): Promise<Finding> {
  const id = MARKERS.denoise,
    m = MARKERS.denoise;
  return guarded(id, m, async () => {
    const rng = createRng(seed ^ 0x0015e);
    const x = new Float32Array(STAT_ROWS * STAT_COLS).map(() => rng.next());
    const N = x.length;
    for (const std of [0.5, 0.1]) {
      const s = 101 + Math.round(std * 10);
      const { out, inputAfter } = await corruption(child, 'addNoise', m, x, std, s);
      if (!same(inputAfter, x))
        return finding(
          id,
          m,
          false,
          `addNoise changed its input x: return a new tensor x + noise and leave x as it was (the clean x is the training target).`,
          'noise ✗ modifies x',
        );
      let mean = 0,
        sq = 0;
      for (let i = 0; i < N; i++) mean += out[i]! - x[i]!;
      mean /= N;
      for (let i = 0; i < N; i++) sq += (out[i]! - x[i]! - mean) ** 2;
      const sd = Math.sqrt(sq / (N - 1));
      // sampling error: the mean ±std/√N, the std ±std/√(2N); allow 5 standard errors
      if (Math.abs(mean) > (5 * std) / Math.sqrt(N))
        return finding(
          id,
          m,
          false,
          `addNoise(x, ${std}, ${s}) − x has mean ${fmt(mean)} over ${N} entries; the noise must have mean 0.`,
          'noise ✗ mean',
        );
      if (Math.abs(sd - std) > (5 * std) / Math.sqrt(2 * N)) {
        const hint =
          Math.abs(sd - std * std) < 0.02 * std
            ? ` (${fmt(std * std)} is std²: the argument is the standard deviation, not the variance)`
            : sd < 1e-12
              ? ' (no noise at all)'
              : '';
        return finding(
          id,
          m,
          false,
          `addNoise(x, ${std}, ${s}) − x has standard deviation ${fmt(sd)} over ${N} entries; it must be ${std}${hint}.`,
          `noise ✗ std ${fmt(sd)}`,
        );
      }
      const again = (await corruption(child, 'addNoise', m, x, std, s)).out;
      if (!same(again, out))
        return finding(
          id,
          m,
          false,
          `addNoise(x, ${std}, ${s}) gave different noise twice with the same seed: draw it with the seed argument (tf.randomNormal's seed), so that runs are reproducible.`,
          'noise ✗ seed',
        );
      const other = (await corruption(child, 'addNoise', m, x, std, s + 1)).out;
      if (same(other, out))
        return finding(
          id,
          m,
          false,
          `addNoise gave the same noise for seeds ${s} and ${s + 1}: use the seed argument (every training batch gets its own seed).`,
          'noise ✗ seed',
        );
    }
    return finding(
      id,
      m,
      true,
      `addNoise adds seeded noise of mean ≈ 0 and standard deviation ≈ std (0.5 and 0.1 over 10 000 entries) and leaves x unchanged.`,
      'noise ✓',
    );
  });
}

export function checkMask(child: ChildCalls, seed: number): Promise<Finding> {
  const id = MARKERS.mask,
    m = MARKERS.mask;
  return guarded(id, m, async () => {
    const rng = createRng(seed ^ 0x3a5c);
    const x = new Float32Array(STAT_ROWS * STAT_COLS).map(() => 1 + rng.next()); // never 0
    const N = x.length;
    for (const p of [0.25, 0.6]) {
      const s = 201 + Math.round(p * 100);
      const { out, inputAfter } = await corruption(child, 'maskInputs', m, x, p, s);
      if (!same(inputAfter, x))
        return finding(
          id,
          m,
          false,
          'maskInputs changed its input x: return a new tensor and leave x as it was (the clean x is the training target).',
          'mask ✗ modifies x',
        );
      let zeroed = 0,
        changed = 0,
        scale = 0;
      for (let i = 0; i < N; i++) {
        if (out[i] === 0) zeroed++;
        else if (out[i] !== x[i]) {
          changed++;
          scale = out[i]! / x[i]!;
        }
      }
      if (changed > 0) {
        const rescaled =
          Math.abs(scale - 1 / (1 - p)) < 1e-3
            ? ` (by ${fmt(scale)} = 1/(1 − p), as dropout does: here the kept entries stay as they are)`
            : '';
        return finding(
          id,
          m,
          false,
          `maskInputs(x, ${p}, ${s}) changed ${changed} entries it did not zero${rescaled}: each entry is either 0 or its own value.`,
          'mask ✗ rescaled',
        );
      }
      const fraction = zeroed / N;
      if (Math.abs(fraction - p) > 5 * Math.sqrt((p * (1 - p)) / N)) {
        const hint =
          Math.abs(fraction - (1 - p)) < 0.03
            ? ' (that is 1 − p: p is the probability of zeroing an entry, not of keeping it)'
            : '';
        return finding(
          id,
          m,
          false,
          `maskInputs(x, ${p}, ${s}) zeroed ${(100 * fraction).toFixed(1)} % of ${N} entries; each entry must be zeroed with probability p = ${p}${hint}.`,
          `mask ✗ ${(100 * fraction).toFixed(0)} % zeroed`,
        );
      }
      const again = (await corruption(child, 'maskInputs', m, x, p, s)).out;
      if (!same(again, out))
        return finding(
          id,
          m,
          false,
          `maskInputs(x, ${p}, ${s}) gave a different mask twice with the same seed: draw it with the seed argument (tf.randomUniform's seed).`,
          'mask ✗ seed',
        );
      const other = (await corruption(child, 'maskInputs', m, x, p, s + 1)).out;
      if (same(other, out))
        return finding(
          id,
          m,
          false,
          `maskInputs gave the same mask for seeds ${s} and ${s + 1}: use the seed argument (every training batch gets its own seed).`,
          'mask ✗ seed',
        );
    }
    return finding(
      id,
      m,
      true,
      'maskInputs zeroes a fraction ≈ p of the entries (p = 0.25 and 0.6 over 10 000 entries), keeps the others unchanged, is seeded, and leaves x unchanged.',
      'mask ✓',
    );
  });
}

export function checkProbeAccuracy(
  child: ChildCalls,
  seed: number,
  expect: AeExpectations = defaultExpectations,
): Promise<Finding> {
  const id = MARKERS.probe,
    m = MARKERS.probe;
  return guarded(id, m, async () => {
    const cases = accuracyCases(seed);
    const expected = expect.accuracies(seed);
    const outcomes = await child.call(
      m,
      'probeAccuracy',
      cases.map((c) => [
        wireTensor(c.logits.flat(), [c.logits.length, c.logits[0]!.length]),
        Int32Array.from(c.labels),
      ]),
    );
    for (const [i, c] of cases.entries()) {
      const want = expected[i]!;
      const got = valueOf(outcomes[i]);
      if (typeof got !== 'number' || !Number.isFinite(got)) {
        return finding(
          id,
          m,
          false,
          `probeAccuracy should return a number between 0 and 1, but it returned ${describeWire(got)} (${c.name}).`,
          'accuracy ✗',
        );
      }
      if (Math.abs(got - want) > 1e-9) {
        const hint =
          Math.abs(got - 100 * want) < 1e-6 && want !== 0 ? ' That is a percentage: return the fraction (0…1).' : '';
        const count = (a: number): string => `${fmt(a)} (${Math.round(a * c.labels.length)} of ${c.labels.length})`;
        return {
          expected: `probeAccuracy on ${c.name} = ${count(want)}`,
          actual: `probeAccuracy on ${c.name} = ${Number.isFinite(got * c.labels.length) && got >= 0 && got <= 1 ? count(got) : fmt(got)}`,
          ...finding(
            id,
            m,
            false,
            `probeAccuracy on ${c.name} is ${fmt(got)}; the fraction of rows whose largest logit is at the label is ${fmt(want)} (${Math.round(want * c.labels.length)} of ${c.labels.length}).${hint}`,
            `accuracy ✗ ${fmt(got)}`,
          ),
        };
      }
    }
    return finding(
      id,
      m,
      true,
      "probeAccuracy matches the lab's count (random logits, ties, all right, all wrong, one row).",
      'accuracy ✓',
    );
  });
}

export interface CodeCheckResult {
  findings: Finding[];
  /** Noise or masking seen in evaluation (forward or the loss not deterministic or not clean). */
  leak: boolean;
}

/** Every code check, in marker order, one after another (a student's function may keep state between calls). */
export async function checkAutoencoderCode(
  child: ChildCalls,
  seed: number,
  expect: AeExpectations = defaultExpectations,
): Promise<CodeCheckResult> {
  // the value checks' inputs: those of the recorded seed in the student build
  const valueSeed = expect.caseSeed(seed);
  const decoder = await checkDecoder(child);
  const forward = await checkForward(child, valueSeed, expect);
  const loss = await checkLoss(child, valueSeed, expect);
  const noise = await checkNoise(child, seed);
  const mask = await checkMask(child, seed);
  const probe = await checkProbeAccuracy(child, valueSeed, expect);
  return {
    findings: [decoder, forward.finding, loss.finding, noise, mask, probe],
    leak: Boolean(forward.nondeterministic || loss.nondeterministic),
  };
}
