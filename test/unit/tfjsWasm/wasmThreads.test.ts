// The threaded tfjs-wasm backend for Node (src/core/tfjsWasm/wasmThreads.ts). Each case runs in a
// fresh worker thread (its own tfjs, since the backend is chosen once per realm): this bundled
// test file re-runs itself there as the probe.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import {
  initThreadedWasm,
  shutdownWasm,
  threadedWasmScripts,
  THREADED_WASM_FILE,
  wasmThreadCount,
} from '../../../src/core/tfjsWasm/wasmThreads';
import { useTfBackend } from '../support/tf';

interface ProbeRequest {
  threadsProbe: true;
  threads: number;
  scriptDir: string;
  /** Corrupt the .wasm bytes: the threaded module must fail and the stock backend take over. */
  brokenWasm?: boolean;
}

interface ProbeResult {
  backend: string;
  threads: number;
  error?: string;
  outputs: number[][];
}

const wasmDist = () => join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');

/** Products and a gradient on seeded data, read back as float32 bit patterns. */
function computeOutputs(): number[][] {
  const read = (f: () => tf.Tensor): number[] => {
    const t = tf.tidy(f);
    const bits = Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
    t.dispose();
    return bits;
  };
  const a = tf.randomUniform([128, 784], 0, 1, 'float32', 1);
  const w = tf.randomUniform([784, 1000], -0.05, 0.05, 'float32', 2);
  const outputs = [
    read(() => tf.matMul(a, w)),
    read(() => tf.matMul(a, w.transpose(), false, true)),
    read(() => tf.relu(tf.add(tf.matMul(tf.matMul(a, w), w, false, true), 0.1))),
    read(() => tf.grad((v: tf.Tensor) => tf.sum(tf.square(tf.matMul(a, v))))(w)),
  ];
  tf.dispose([a, w]);
  return outputs;
}

async function probe(request: ProbeRequest): Promise<ProbeResult> {
  let wasmBinary: Uint8Array = readFileSync(join(wasmDist(), THREADED_WASM_FILE));
  if (request.brokenWasm) wasmBinary = wasmBinary.subarray(0, 1000);
  const { backend, threads, error } = await initThreadedWasm(
    { threads: request.threads, scriptDir: request.scriptDir, wasmBinary },
    useTfBackend,
  );
  try {
    return { backend, threads, error, outputs: computeOutputs() };
  } finally {
    shutdownWasm();
  }
}

/** Runs the probe in a fresh thread; the thread must then exit on its own (no pthread worker left running). */
function runProbe(request: Omit<ProbeRequest, 'threadsProbe'>): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { ...request, threadsProbe: true } });
    let result: ProbeResult | undefined;
    let timer: NodeJS.Timeout | undefined;
    worker.once('message', (r: ProbeResult) => {
      result = r;
      timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error('the probe thread did not exit within 20 s of answering (pthread workers left running?)'));
      }, 20_000);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      clearTimeout(timer);
      if (result && code === 0) resolve(result);
      else reject(new Error(`probe exited with ${code}${result ? '' : ' before answering'}`));
    });
  });
}

if (!isMainThread && (workerData as Partial<ProbeRequest> | undefined)?.threadsProbe) {
  probe(workerData as ProbeRequest).then(
    (result) => parentPort!.postMessage(result),
    (e: unknown) =>
      parentPort!.postMessage({ backend: 'none', threads: 0, error: `probe failed: ${String(e)}`, outputs: [] }),
  );
} else {
  describe('threaded tfjs-wasm in Node', function () {
    this.timeout(120_000);
    let scriptDir: string;

    before(async () => {
      await useTfBackend();
      scriptDir = mkdtempSync(join(tmpdir(), 'hw6-wasm-threads-'));
      for (const [name, text] of Object.entries(threadedWasmScripts())) writeFileSync(join(scriptDir, name), text);
      scriptDir = join(scriptDir, '/');
    });

    after(() => rmSync(scriptDir, { recursive: true, force: true }));

    it('runs XNNPACK on 2 threads, bit-identical to the single-threaded backend, and lets the thread exit', async () => {
      const threaded = await runProbe({ threads: 2, scriptDir });
      assert.equal(threaded.error, undefined);
      assert.equal(threaded.backend, 'wasm');
      assert.equal(threaded.threads, 2);
      assert.equal(wasmThreadCount(), 1, 'this thread stays on the stock single-threaded backend');
      const single = computeOutputs();
      assert.equal(threaded.outputs.length, single.length);
      threaded.outputs.forEach((bits, i) => assert.deepEqual(bits, single[i], `output ${i}`));
    });

    it('falls back to the stock wasm backend when the threaded module cannot load', async () => {
      const result = await runProbe({ threads: 2, scriptDir, brokenWasm: true });
      assert.equal(result.backend, 'wasm');
      assert.equal(result.threads, 1);
      assert.match(result.error ?? '', /./);
      assert.equal(result.outputs.length, 4);
    });
  });
}
