// Validating the tensors a student's functions return while the lab computes with them, in the
// child: a wrong shape becomes a ShapeError at that function's TODO, not a crash later.
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, callStudent } from './problem';

/** Describes why `value` is not a float tensor of `shape`; undefined when it is one. */
export function tensorProblem(value: unknown, shape: readonly number[]): string | undefined {
  if (!(value instanceof tf.Tensor)) {
    if (value instanceof Promise) value.catch(() => undefined);
    return `should be a tensor of shape [${shape.join(', ')}], but it is ${describeValue(value)}`;
  }
  if (value.isDisposed) return 'is a tensor that was already disposed';
  if (value.shape.length !== shape.length || value.shape.some((d: number, i: number) => d !== shape[i])) {
    return `should have shape [${shape.join(', ')}], but it has shape [${value.shape.join(', ')}]`;
  }
  if (value.dtype !== 'float32') return `should be a float32 tensor, but its dtype is ${value.dtype}`;
  return undefined;
}

/** Throws a ShapeError at `marker` unless `value` is a float tensor of `shape`. */
export function expectTensor(value: unknown, shape: readonly number[], what: string, marker: string): tf.Tensor {
  const problem = tensorProblem(value, shape);
  if (problem) throw new ShapeError(`${what} ${problem}.`, marker);
  return value as tf.Tensor;
}

/** Reads a named field of a student's returned object (a ShapeError when it is not an object). */
export function field(value: unknown, name: string, what: string, marker: string): unknown {
  if (typeof value !== 'object' || value === null || value instanceof tf.Tensor) {
    if (value instanceof Promise) value.catch(() => undefined);
    throw new ShapeError(
      `${what} should return an object with \`${name}\`, but it returned ${describeValue(value)}.`,
      marker,
    );
  }
  return (value as Record<string, unknown>)[name];
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (value instanceof Promise) return 'a Promise (do not make it async)';
  if (value instanceof tf.Tensor) return `a tensor of shape [${value.shape.join(', ')}]`;
  if (Array.isArray(value)) return `an array of length ${value.length} (return a tensor)`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Runs `fn` and frees every tensor it made; for functions that return plain values (read back). */
export function scoped<T>(fn: () => T): T {
  let result: T | undefined;
  tf.tidy(() => {
    result = fn();
  });
  return result as T;
}

/**
 * Calls student code under `marker` inside tf.tidy (its intermediate tensors are freed, the tensors
 * it returns are kept). An async function's Promise is a ShapeError, not tidy's internal error.
 */
export function tidyStudent(marker: string, what: string, fn: () => unknown): unknown {
  return tf.tidy(() => {
    const value = callStudent(marker, fn);
    if (value instanceof Promise) {
      value.catch(() => undefined);
      throw new ShapeError(
        `${what} returned a Promise: it must return its result directly (do not make it async).`,
        marker,
      );
    }
    return value as tf.TensorContainer;
  });
}
