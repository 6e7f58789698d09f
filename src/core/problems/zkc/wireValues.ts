// The judge's reading of what Q1's student functions returned, as the child sent it (wire data:
// engine/wire.ts). It is untrusted: anything that is not a well-formed float32 tensor of the expected
// shape with finite entries is a ShapeError at the TODO of the function that returned it, in the
// words the checks have always used.
import { ShapeError, StudentFailureError, shapeMismatch, type StudentFailure } from '../../problem';
import { isWireTensor, wireTensor, type WireTensor } from '../../engine/wire';
import type { Matrix } from './matrix';

/** A float64 matrix as a judge-side tensor argument (float32, as the student's tfjs sees it). */
export const wireOf = (m: Matrix): WireTensor => wireTensor(m.data, [m.rows, m.cols]);

/** Describes a wire value the way the checks name what a student's function returned. */
export function describeWireValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (isWireTensor(value))
    return Array.isArray(value.shape) ? `a tensor of shape [${value.shape.join(', ')}]` : 'a tensor';
  if (Array.isArray(value)) return `an array of length ${value.length} (return a tensor)`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const isShape = (shape: unknown): shape is number[] =>
  Array.isArray(shape) && shape.length <= 8 && shape.every((d) => Number.isSafeInteger(d) && d >= 0);

const isValues = (values: unknown): values is Float32Array | Int32Array | Uint8Array =>
  values instanceof Float32Array || values instanceof Int32Array || values instanceof Uint8Array;

/** `[i, j]` of a flat index into `shape`. */
function indexIn(flat: number, shape: readonly number[]): string {
  const index: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    index.unshift(flat % shape[d]!);
    flat = Math.floor(flat / shape[d]!);
  }
  return `[${index.join(', ')}]`;
}

/** Describes why `value` is not a finite float32 tensor of `shape`; undefined when it is one. */
export function wireTensorProblem(value: unknown, shape: readonly number[]): string | undefined {
  if (!isWireTensor(value))
    return `should be a tensor of shape [${shape.join(', ')}], but it is ${describeWireValue(value)}`;
  if (
    !isShape(value.shape) ||
    !isValues(value.values) ||
    value.values.length !== value.shape.reduce((p, d) => p * d, 1)
  ) {
    return 'is not a readable tensor (its shape and values do not fit together)';
  }
  if (value.shape.length !== shape.length || value.shape.some((d, i) => d !== shape[i])) {
    return `should have shape [${shape.join(', ')}], but it has shape [${value.shape.join(', ')}]`;
  }
  if (value.dtype !== 'float32' || !(value.values instanceof Float32Array))
    return `should be a float32 tensor, but its dtype is ${String(value.dtype)}`;
  const bad = value.values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) return `has ${value.values[bad]} at ${indexIn(bad, shape)}: every entry should be a finite number`;
  return undefined;
}

/** The entries (as float64) of a finite float32 tensor of `shape`, or a ShapeError at `marker` naming `what`. */
export function expectWireTensor(value: unknown, shape: readonly number[], what: string, marker: string): Float64Array {
  const problem = wireTensorProblem(value, shape);
  if (problem)
    throw new ShapeError(
      `${what} ${problem}.`,
      marker,
      shapeMismatch(shape, isWireTensor(value) ? value.shape : undefined),
    );
  return Float64Array.from((value as WireTensor).values);
}

/** Reads a named field of a returned object (a ShapeError when it is not an object). */
export function wireField(value: unknown, name: string, what: string, marker: string): unknown {
  if (typeof value !== 'object' || value === null || isWireTensor(value) || ArrayBuffer.isView(value)) {
    throw new ShapeError(
      `${what} should return an object with \`${name}\`, but it returned ${describeWireValue(value)}.`,
      marker,
    );
  }
  return Object.prototype.hasOwnProperty.call(value, name) ? (value as Record<string, unknown>)[name] : undefined;
}

/** A call's value, or its failure thrown as a StudentFailureError (guarded() makes it the finding). */
export function valueOf(outcome: { ok: true; value: unknown } | { ok: false; failure: StudentFailure }): unknown {
  if (!outcome.ok) throw new StudentFailureError(outcome.failure);
  return outcome.value;
}

/**
 * A failure of the child's own validation (a ShapeError thrown while it trained with or differentiated
 * the student's functions) is the judge's ShapeError, in the child's words; others pass unchanged.
 */
export function asShapeError(err: unknown): unknown {
  if (!(err instanceof StudentFailureError) || err.failure.reason !== 'shape') return err;
  return new ShapeError(shapeMessage(err.failure), err.failure.marker);
}

/** A shape failure's message without the error's class name the child puts before it. */
export const shapeMessage = (failure: StudentFailure): string => failure.message.replace(/^ShapeError: /, '');
