// Problem 4's entry in `npm run bench` and its options: one training epoch of the 784-1000-k-1000-784
// ReLU autoencoder (./epochBench.ts), then the wall time of the whole grid (./gridBench.ts).
import { integerOption, type Bench, type BenchEntry } from '../../bench';
import * as tf from '@tensorflow/tfjs-core';
import { shutdownWasm } from '../../tfjsWasm/wasmThreads';
import { startHelperThread, stopHelperThread } from '../../tfjsWasm/helperThread';
import { relaxedSimdAvailable } from '../../tfjsWasm/simdGemm';
import { asWasmBackend, heapMemory } from '../../tfjsWasm/wasmHeap';
import { startNodeHelperThread } from '../../../runner/wasmHelperThread';
import { poolSizeFrom } from '../../../runner/poolSize';
import {
  AE_GEMMS,
  benchAutoencoders,
  DEFAULT_FASHION_DIR,
  defaultAeThreads,
  enableRelaxedSimd,
  initAeBackend,
  type AeGemm,
} from './epochBench';
import { aeGridOption, benchAeGrid } from './gridBench';

export const benches: Bench[] = [
  {
    name: 'ae',
    options: [
      {
        flags: '--ae-ks <list>',
        description: 'ae: bottleneck widths of the MNIST 10k epochs, comma-separated',
        defaultValue: '5,10,100,1000',
      },
      {
        flags: '--idx-dir <dir>',
        description: 'ae: folder of the Fashion-MNIST IDX files for the 60k epochs',
        defaultValue: DEFAULT_FASHION_DIR,
      },
      { flags: '--ae-random', description: 'ae: random pixels instead of the embedded digits (same shapes)' },
      {
        flags: '--ae-grid <config>',
        description:
          "ae: time problem 4's whole grid through ProcessRunner, its cells over child processes: quick (24 cells), full (the homework's 96; minutes) or off",
        defaultValue: 'quick',
      },
      {
        flags: '--ae-grid-pool <n>',
        description: "ae: processes the grid's cells are spread over (default: HW6_POOL_SIZE, else one per core)",
      },
      {
        flags: '--ae-repeats <n>',
        description: 'ae: epochs timed per k after the warm-up; the median is the entry, min and max beside it',
        defaultValue: '3',
      },
      {
        flags: '--ae-threads <n>',
        description:
          'ae: XNNPACK threads of the single-model epochs (one per core, at most 4; the threaded wasm binary when ≥ 2 and ae runs first; 1 = the stock single-threaded backend)',
        defaultValue: String(defaultAeThreads()),
      },
      {
        flags: '--ae-gemm <list>',
        description:
          "ae: GEMM paths each epoch is timed with, comma-separated: auto (the lab's kernel, on two threads with the helper, else XNNPACK), xnnpack, simd128, fma (the lab's kernel forced on)",
        defaultValue: 'auto',
      },
      {
        flags: '--ae-helper <on|off>',
        description:
          "ae: with ≥ 2 threads, start the lab's helper thread that splits its GEMM and Adam with the calling thread",
        defaultValue: 'on',
      },
    ],
    prepare: (values) => {
      const aeKs = String(values.aeKs);
      const ks = aeKs.split(',').map(Number);
      if (!ks.every((k) => Number.isInteger(k) && k > 0))
        throw new RangeError(`--ae-ks must list positive integers (got "${aeKs}").`);
      const gemms = String(values.aeGemm).split(',') as AeGemm[];
      if (!gemms.every((g) => (AE_GEMMS as readonly string[]).includes(g)))
        throw new RangeError(`--ae-gemm must list ${AE_GEMMS.join(', ')} (got "${String(values.aeGemm)}").`);
      const threads = integerOption(values.aeThreads, '--ae-threads');
      const repeats = integerOption(values.aeRepeats, '--ae-repeats');
      const helper = String(values.aeHelper);
      if (helper !== 'on' && helper !== 'off') throw new RangeError(`--ae-helper must be on or off (got "${helper}").`);
      const grid = aeGridOption(String(values.aeGrid));
      const poolSize =
        values.aeGridPool === undefined ? poolSizeFrom(undefined) : integerOption(values.aeGridPool, '--ae-grid-pool');
      return async ({ log, wasmDir, mediaDir, timeRun }) => {
        enableRelaxedSimd(); // before any kernel compiles: the FMA GEMM where this V8 has relaxed SIMD
        const init = await initAeBackend(threads, wasmDir);
        if (init.error) log(`ae: the threaded wasm backend did not load (${init.error}); single-threaded`);
        log(`ae: ${init.backend}, ${init.threads} thread(s)`);
        if (init.threads > 1 && helper === 'on') {
          const flavour = relaxedSimdAvailable() ? 'fma' : 'simd128';
          const memory = heapMemory(asWasmBackend(tf.backend())!);
          const started = startHelperThread(memory, flavour, startNodeHelperThread);
          log(`ae: the lab's helper thread (${flavour} GEMM, Adam) ${started ? 'started' : 'not available here'}`);
        }
        let entries: BenchEntry[];
        try {
          const options = {
            mediaDir: mediaDir(),
            ks,
            idxDir: String(values.idxDir),
            randomData: values.aeRandom === true,
            repeats,
            gemms,
          };
          entries = (await benchAutoencoders(log, options)).map((e) => ({
            ...e,
            backend: init.backend,
            threads: init.threads,
          }));
        } finally {
          stopHelperThread();
          if (init.threads > 1) shutdownWasm(); // its pthread workers would keep the process alive
        }
        // The grid's wall time: { name: 'ae-grid', config, cells, poolSize, ms, … } (its own child processes).
        if (grid !== 'off') entries.push(await benchAeGrid(log, { config: grid, poolSize, timeRun }));
        return entries;
      };
    },
  },
];
