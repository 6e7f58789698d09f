// The lab's helper thread for its wasm kernels (src/core/tfjsWasm/helperThread.ts) as a Node
// worker thread: the helper's source is evaluated there with the shared heap and control words.
// unref(): a helper waiting for jobs must not keep the process alive.
import { Worker } from 'node:worker_threads';
import type { StartThread } from '../core/tfjsWasm/helperThread';

export const startNodeHelperThread: StartThread = (source, data) => {
  const worker = new Worker(`(${source})(require('node:worker_threads').workerData)`, {
    eval: true,
    workerData: data,
  });
  worker.unref();
  // A helper that fails to start never reports ready: the kernels then run on the calling thread.
  worker.on('error', () => {});
  return worker;
};
