// Values that cross the trust boundary: the judge's inputs to student functions and what those
// functions return, as plain data (structured-clone safe: objects, arrays, typed arrays). Tensors
// travel as WireTensor; a callback argument travels as a WireCallback that the child's problem
// module turns back into a function (problems/<id>/child.ts `callbacks`).
import * as tf from '@tensorflow/tfjs-core';
import { createRng, float32Normals } from './rng';

/** A tensor as data: row-major values and shape. */
export interface WireTensor {
  $tensor: true;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
  values: Float32Array | Int32Array | Uint8Array;
}

/** A function argument, rebuilt in the child from its problem's `callbacks[name](spec)`. */
export interface WireCallback {
  $callback: string;
  spec?: unknown;
}

/**
 * A float32 tensor of normal values N(mu, 1) that the child draws itself from `seed` (drawNormals),
 * where sending it would cost more than drawing it: megabytes of samples for a statistic. The
 * judge draws the same values to check what comes back against them.
 */
export interface WireNormals {
  $normals: true;
  seed: number;
  mu: number;
  shape: number[];
}

/** The values of a WireNormals: float32 normals of createRng(seed), in row-major order. */
export function drawNormals(seed: number, count: number, mu = 0): Float32Array {
  return float32Normals(count, mu, createRng(seed));
}

/** A judge-side argument the child draws: see WireNormals. */
export function wireNormals(seed: number, shape: number[], mu = 0): WireNormals {
  return { $normals: true, seed: seed >>> 0, mu, shape: [...shape] };
}

export function isWireNormals(value: unknown): value is WireNormals {
  return typeof value === 'object' && value !== null && (value as { $normals?: unknown }).$normals === true;
}

export function isWireTensor(value: unknown): value is WireTensor {
  return typeof value === 'object' && value !== null && (value as { $tensor?: unknown }).$tensor === true;
}

export function isWireCallback(value: unknown): value is WireCallback {
  return (
    typeof value === 'object' && value !== null && typeof (value as { $callback?: unknown }).$callback === 'string'
  );
}

/** A judge-side tensor argument. */
export function wireTensor(
  values: ArrayLike<number>,
  shape: number[],
  dtype: 'float32' | 'int32' = 'float32',
): WireTensor {
  // the constructors copy a typed array at memory speed (TypedArray.from walks an iterator)
  return {
    $tensor: true,
    shape: [...shape],
    dtype,
    values: dtype === 'int32' ? new Int32Array(values) : new Float32Array(values),
  };
}

/** The thing a student value failed to be turned into data for (a disposed tensor, a throwing getter, a cycle). */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

const MAX_DEPTH = 32;
const MAX_ITEMS = 5_000_000;

/**
 * Turns a student's return value into wire data. Tensors are read (a disposed one is a WireError);
 * functions, symbols and cycles are refused; getters run here, so a throwing getter throws here
 * (the caller blames the student's function).
 */
export function toWire(value: unknown): unknown {
  let items = 0;
  const seen = new Set<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (++items > MAX_ITEMS) throw new WireError('the return value is too large to check.');
    if (v === null || v === undefined || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
      return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'function') throw new WireError('the return value holds a function where data was expected.');
    if (typeof v !== 'object') throw new WireError(`the return value holds a ${typeof v} where data was expected.`);
    if (depth > MAX_DEPTH) throw new WireError('the return value is nested too deeply.');
    if (v instanceof tf.Tensor) {
      if (v.isDisposed) throw new WireError('the function returned a tensor that was already disposed.');
      const values = v.dataSync();
      return { $tensor: true, shape: [...v.shape], dtype: v.dtype, values: copyTyped(values) } satisfies WireTensor;
    }
    if (ArrayBuffer.isView(v)) return copyTyped(v as unknown as ArrayLike<number>);
    if (typeof (v as { then?: unknown }).then === 'function') {
      throw new WireError('the function returned a Promise: make it return its value (no `async`, no `await`).');
    }
    if (seen.has(v)) throw new WireError('the return value refers to itself (a cycle).');
    seen.add(v);
    try {
      if (Array.isArray(v)) return Array.from(v, (x) => walk(x, depth + 1));
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) out[key] = walk((v as Record<string, unknown>)[key], depth + 1);
      return out;
    } finally {
      seen.delete(v);
    }
  };
  return walk(value, 0);
}

function copyTyped(values: ArrayLike<number> | Uint8Array): Float32Array | Int32Array | Uint8Array {
  if (values instanceof Int32Array) return new Int32Array(values);
  if (values instanceof Uint8Array) return new Uint8Array(values);
  return new Float32Array(values as ArrayLike<number>);
}

/**
 * Turns judge-side wire data into the arguments a student function receives: WireTensors become
 * tf tensors (collected in `made`, so the caller can dispose of them), callbacks come from `callbacks`.
 */
export function fromWire(value: unknown, callbacks: (callback: WireCallback) => unknown, made: tf.Tensor[]): unknown {
  if (isWireTensor(value)) {
    const t = tf.tensor(value.values as Float32Array, value.shape, value.dtype as tf.DataType);
    made.push(t);
    return t;
  }
  if (isWireNormals(value)) {
    const t = tf.tensor(
      drawNormals(
        value.seed,
        value.shape.reduce((a, b) => a * b, 1),
        value.mu,
      ),
      value.shape,
      'float32',
    );
    made.push(t);
    return t;
  }
  if (isWireCallback(value)) return callbacks(value);
  if (ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map((x) => fromWire(x, callbacks, made));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(v, callbacks, made)]));
  }
  return value;
}
