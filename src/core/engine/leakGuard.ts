// Tensor-leak guard: runs a function and reports how many tensors it left behind.
import * as tf from '@tensorflow/tfjs';

export interface LeakReport<T> {
  result: T;
  leaked: number;
}

export async function measureLeaks<T>(fn: () => T | Promise<T>): Promise<LeakReport<T>> {
  const before = tf.memory().numTensors;
  const result = await fn();
  return { result, leaked: tf.memory().numTensors - before };
}

/** Throws when `fn` leaves tensors behind; used by tests on every experiment. */
export async function assertNoLeaks<T>(fn: () => T | Promise<T>, label = 'run'): Promise<T> {
  const { result, leaked } = await measureLeaks(fn);
  if (leaked !== 0) throw new Error(`${label} leaked ${leaked} tensor(s)`);
  return result;
}
