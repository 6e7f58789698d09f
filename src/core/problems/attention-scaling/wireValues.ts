// The judge's reading of what the student's functions returned in the child: untrusted wire data.
// A value that is not a [n] tensor with n readable numbers is a ShapeError at the function's marker
// (guarded() makes it the check's failing finding), in the words the lab has always used.
import type { CallOutcome } from '../../problem';
import { ShapeError, StudentFailureError, shapeMismatch } from '../../problem';
import { isWireTensor } from '../../engine/wire';

/** A [n] tensor's values, in float64. */
export function readVector(
  value: unknown,
  name: 'dotProducts' | 'scaledAttention',
  marker: string,
  n: number,
): Float64Array {
  if (!isWireTensor(value)) {
    throw new ShapeError(`${name} must return a tfjs tensor of shape [${n}] (it returned ${describe(value)}).`, marker);
  }
  const shape: unknown = value.shape;
  if (
    !Array.isArray(shape) ||
    shape.length > 64 ||
    !shape.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0)
  ) {
    throw new ShapeError(
      `${name} must return a tfjs tensor of shape [${n}] (it returned a tensor whose shape cannot be read).`,
      marker,
    );
  }
  if (shape.length !== 1 || shape[0] !== n) {
    throw new ShapeError(
      `${name} must return a tensor of shape [${n}] (one value per ${name === 'dotProducts' ? 'row' : 'key'}); it returned shape [${shape.join(', ')}].`,
      marker,
      shapeMismatch([n], shape),
    );
  }
  const values: unknown = value.values;
  if (
    !(values instanceof Float32Array || values instanceof Int32Array || values instanceof Uint8Array) ||
    values.length !== n
  ) {
    throw new ShapeError(
      `${name} must return a tfjs tensor of shape [${n}] (it returned a tensor whose values cannot be read).`,
      marker,
    );
  }
  return Float64Array.from(values);
}

/** The value of one call's outcome; the student's failure (it threw, it looped) is thrown for guarded(). */
export function valueOf(outcome: CallOutcome | undefined): unknown {
  if (!outcome) throw new Error('The child answered fewer calls than were asked.');
  if (!outcome.ok) throw new StudentFailureError(outcome.failure);
  return outcome.value;
}

const describe = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object that is not a tensor'
        : typeof value;
