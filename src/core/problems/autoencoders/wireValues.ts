// The judge's reading of what problem 4's student functions returned across the boundary (wire data,
// untrusted): a value that is not what the function's comment promises becomes a ShapeError at the
// function's TODO, in the same words the checks used when they read tensors themselves.
import { isWireTensor } from '../../engine/wire';
import { ShapeError } from '../../problem';

const shapeText = (shape: unknown): string => (Array.isArray(shape) ? shape.join(', ') : String(shape));

/** A returned value in words, for a message. */
export function describeWire(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (isWireTensor(value)) return `a tensor of shape [${shapeText(value.shape)}]`;
  if (Array.isArray(value)) return `an array of length ${value.length} (return a tensor)`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The values of a returned float32 tensor of `shape`, or a ShapeError at `marker` naming what came back. */
export function tensorValues(value: unknown, shape: readonly number[], what: string, marker: string): Float32Array {
  if (!isWireTensor(value))
    throw new ShapeError(
      `${what} should be a tensor of shape [${shape.join(', ')}], but it is ${describeWire(value)}.`,
      marker,
    );
  const got = value.shape as unknown;
  if (!Array.isArray(got) || got.length !== shape.length || got.some((d, i) => d !== shape[i])) {
    throw new ShapeError(
      `${what} should have shape [${shape.join(', ')}], but it has shape [${shapeText(got)}].`,
      marker,
    );
  }
  if (value.dtype !== 'float32')
    throw new ShapeError(`${what} should be a float32 tensor, but its dtype is ${String(value.dtype)}.`, marker);
  const size = shape.reduce((p, d) => p * d, 1);
  const values = value.values as unknown;
  if (!(values instanceof Float32Array) || values.length !== size) {
    throw new ShapeError(
      `${what} should be a tensor of shape [${shape.join(', ')}], but its values do not fit that shape.`,
      marker,
    );
  }
  return values;
}

/** The number of elements of a returned tensor's shape (NaN when the shape is not a list of sizes). */
export function wireSize(value: unknown): number {
  if (!isWireTensor(value) || !Array.isArray(value.shape)) return NaN;
  return (value.shape as unknown[]).reduce<number>((p, d) => p * (typeof d === 'number' ? d : NaN), 1);
}

/** A named field of a returned object (a ShapeError when it is not an object). */
export function field(value: unknown, name: string, what: string, marker: string): unknown {
  if (typeof value !== 'object' || value === null || isWireTensor(value)) {
    throw new ShapeError(
      `${what} should return an object with \`${name}\`, but it returned ${describeWire(value)}.`,
      marker,
    );
  }
  return (value as Record<string, unknown>)[name];
}
