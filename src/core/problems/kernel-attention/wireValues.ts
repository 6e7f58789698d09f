// Reading what the student's functions returned, on the judge's side: the child sends their return
// values as wire data (engine/wire.ts), which is untrusted. A value that is not a well-formed float32
// WireTensor of the expected shape is a ShapeError at the TODO of the function that returned it
// (guarded() makes it that check's finding), in the words the checks used when they held the tensor.
import type { CallOutcome } from '../../problem';
import { ShapeError, StudentFailureError, shapeMismatch } from '../../problem';
import { isWireTensor, type WireTensor } from '../../engine/wire';

/** A call's value, or its failure thrown as a StudentFailureError (guarded() makes it the check's finding). */
export function valueOf(outcome: CallOutcome | undefined): unknown {
  if (!outcome) throw new Error("A call of the student's function has no outcome.");
  if (!outcome.ok) throw new StudentFailureError(outcome.failure);
  return outcome.value;
}

const MAX_RANK = 8;

/** The WireTensor's shape when it is well formed (integer dimensions, one typed value per entry); else undefined. */
function shapeOf(value: WireTensor): number[] | undefined {
  const { shape, values } = value as { shape: unknown; values: unknown };
  if (!Array.isArray(shape) || shape.length > MAX_RANK || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    return undefined;
  if (!(values instanceof Float32Array || values instanceof Int32Array || values instanceof Uint8Array))
    return undefined;
  return values.length === shape.reduce((p: number, d: number) => p * d, 1) ? (shape as number[]) : undefined;
}

export function describeWire(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (isWireTensor(value)) {
    const shape = shapeOf(value);
    return shape ? `a tensor of shape [${shape.join(', ')}]` : 'a malformed tensor';
  }
  if (Array.isArray(value)) return `an array of length ${value.length} (return a tensor)`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Describes why `value` is not a float32 tensor of `shape`; undefined when it is one. */
export function wireTensorProblem(value: unknown, shape: readonly number[]): string | undefined {
  if (!isWireTensor(value))
    return `should be a tensor of shape [${shape.join(', ')}], but it is ${describeWire(value)}`;
  const actual = shapeOf(value);
  if (!actual) return `should be a tensor of shape [${shape.join(', ')}], but it is a malformed tensor`;
  if (actual.length !== shape.length || actual.some((d, i) => d !== shape[i])) {
    return `should have shape [${shape.join(', ')}], but it has shape [${actual.join(', ')}]`;
  }
  if (value.dtype !== 'float32') return `should be a float32 tensor, but its dtype is ${String(value.dtype)}`;
  return undefined;
}

/** The values of a float32 tensor of `shape`, as float64; a ShapeError at `marker` otherwise. */
export function readTensor(value: unknown, shape: readonly number[], what: string, marker: string): Float64Array {
  const problem = wireTensorProblem(value, shape);
  if (problem)
    throw new ShapeError(
      `${what} ${problem}.`,
      marker,
      shapeMismatch(shape, isWireTensor(value) ? shapeOf(value) : undefined),
    );
  return Float64Array.from((value as WireTensor).values);
}

/** The second dimension of a well-formed rank-2 WireTensor, else -1 (the shape check then reports it). */
export function columnsOf(value: unknown): number {
  if (!isWireTensor(value)) return -1;
  const shape = shapeOf(value);
  return shape && shape.length === 2 ? shape[1]! : -1;
}
