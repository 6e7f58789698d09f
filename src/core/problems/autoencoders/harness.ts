// The child's side of problem 4's calls into student code: the lab's training harness calls the
// student's functions through `tagged` (an exception carries its TODO marker, a result of the wrong
// shape is a ShapeError at the function that returned it, not a tfjs error later in the lab's code),
// and the judge's code checks ask for `observedCall` when they need to see what a call did to its
// inputs (a disposed parameter, an input changed in place). Never a verdict: the judge decides.
import * as tf from '@tensorflow/tfjs-core';
import { callStudent, ShapeError, StudentCodeError } from '../../problem';
import { fromWire, toWire, WireError } from '../../engine/wire';
import { MARKERS } from './meta';
import type { ObservedCall, ObserveInput } from './observe';
import type { AutoencoderOutput, AutoencoderSolution } from './solution';

/** The student's functions as the harness calls them. */
export function tagged(solution: AutoencoderSolution): AutoencoderSolution {
  return {
    decoderWidths: (inputDim, widths) => callStudent(MARKERS.decoder, () => solution.decoderWidths(inputDim, widths)),
    forward(params, x): AutoencoderOutput {
      const out = callStudent(MARKERS.forward, () => solution.forward(params, x));
      const code = (out as Partial<AutoencoderOutput> | undefined)?.code,
        rec = (out as Partial<AutoencoderOutput> | undefined)?.reconstruction;
      if (
        !(code instanceof tf.Tensor) ||
        !(rec instanceof tf.Tensor) ||
        code.rank !== 2 ||
        code.shape[0] !== x.shape[0] ||
        rec.rank !== 2 ||
        rec.shape[0] !== x.shape[0] ||
        rec.shape[1] !== x.shape[1]
      ) {
        throw new ShapeError(
          `forward(params, x [${x.shape.join(', ')}]) must return { code: [${x.shape[0]}, k], reconstruction: [${x.shape.join(', ')}] } (got ${describeOutput(out)}).`,
          MARKERS.forward,
        );
      }
      return out;
    },
    reconstructionLoss(x, r) {
      const loss = callStudent(MARKERS.loss, () => solution.reconstructionLoss(x, r));
      if (!(loss instanceof tf.Tensor) || loss.rank !== 0)
        throw new ShapeError(
          `reconstructionLoss must return a scalar tensor (shape []), got ${loss instanceof tf.Tensor ? `shape [${loss.shape.join(', ')}]` : typeof loss}.`,
          MARKERS.loss,
        );
      return loss;
    },
    addNoise(x, std, seed) {
      const out = callStudent(MARKERS.denoise, () => solution.addNoise(x, std, seed));
      if (!(out instanceof tf.Tensor) || out.shape.join() !== x.shape.join())
        throw new ShapeError(
          `addNoise(x [${x.shape.join(', ')}], …) must return a tensor of x's shape.`,
          MARKERS.denoise,
        );
      return out;
    },
    maskInputs(x, p, seed) {
      const out = callStudent(MARKERS.mask, () => solution.maskInputs(x, p, seed));
      if (!(out instanceof tf.Tensor) || out.shape.join() !== x.shape.join())
        throw new ShapeError(
          `maskInputs(x [${x.shape.join(', ')}], …) must return a tensor of x's shape.`,
          MARKERS.mask,
        );
      return out;
    },
    probeAccuracy: (logits, labels) => callStudent(MARKERS.probe, () => solution.probeAccuracy(logits, labels)),
  };
}

function describeOutput(out: unknown): string {
  if (typeof out !== 'object' || out === null) return String(out);
  const o = out as Record<string, unknown>;
  const shape = (t: unknown): string => (t instanceof tf.Tensor ? `[${t.shape.join(', ')}]` : String(t));
  return `{ code: ${shape(o.code)}, reconstruction: ${shape(o.reconstruction)} }`;
}

/** The decoder the student's decoderWidths gives, validated before the lab builds it. */
export function decoderOf(solution: AutoencoderSolution, inputDim: number, widths: number[]): number[] {
  const decoder: unknown = solution.decoderWidths(inputDim, [...widths]);
  if (
    !Array.isArray(decoder) ||
    decoder.length === 0 ||
    !decoder.every((w) => Number.isInteger(w) && w > 0) ||
    decoder[decoder.length - 1] !== inputDim
  ) {
    throw new ShapeError(
      `decoderWidths(${inputDim}, [${widths.join(', ')}]) must return positive integer widths ending at the input size ${inputDim} (got ${JSON.stringify(decoder)}).`,
      MARKERS.decoder,
    );
  }
  return decoder as number[];
}

/** The student's probeAccuracy on the probe's test logits (n × classes). */
export function studentAccuracy(
  solution: AutoencoderSolution,
  logits: Float32Array,
  labels: ArrayLike<number>,
  classes: number,
): number {
  const t = tf.tensor2d(logits, [labels.length, classes]);
  try {
    const value: unknown = solution.probeAccuracy(t, Int32Array.from(labels));
    if (typeof value !== 'number')
      throw new ShapeError(`probeAccuracy must return a number (got ${typeof value}).`, MARKERS.probe);
    return value;
  } finally {
    t.dispose();
  }
}

/**
 * Calls one student function as the child engine's `call` does (wire arguments in, wire data out,
 * every tensor it made freed), and reports on its tensor arguments after the call.
 */
export function observedCall(solution: AutoencoderSolution, input: ObserveInput): ObservedCall {
  const fn = (solution as unknown as Record<string, unknown>)[input.name];
  if (typeof fn !== 'function') throw new Error(`The solution has no function ${String(input.name)}.`);
  const made: tf.Tensor[] = [];
  try {
    const args = fromWire(
      input.args,
      (cb) => {
        throw new Error(`Problem 4 has no callback "${cb.$callback}".`);
      },
      made,
    ) as unknown[];
    tf.engine().startScope();
    try {
      const value = callStudent(input.marker, () => (fn as (...a: unknown[]) => unknown)(...args));
      if (value instanceof Promise) {
        value.catch(() => undefined);
        return { value: undefined, promise: true, inputs: [] };
      }
      let wire: unknown;
      try {
        wire = toWire(value);
      } catch (err) {
        if (err instanceof WireError)
          throw new StudentCodeError(
            input.marker,
            new Error(`Your function's return value could not be read: ${err.message}`),
          );
        throw new StudentCodeError(input.marker, err);
      }
      const inputs = made.map((t) =>
        t.isDisposed
          ? { disposed: true }
          : { disposed: false, ...(input.readInputs ? { values: Float32Array.from(t.dataSync()) } : {}) },
      );
      return { value: wire, inputs };
    } finally {
      tf.engine().endScope();
    }
  } finally {
    for (const t of made) t.dispose();
  }
}
