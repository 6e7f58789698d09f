// `npm run bench -- --only ae` (./benches.ts): one training epoch of problem 4's autoencoder
// 784-1000(ReLU)-k-1000(ReLU)-784, batch 128, Adam 1e-3, MSE (sum over pixels, mean over the
// batch), with the lab's harness (train.ts) and the reference solution, over the embedded MNIST
// 10k (k ∈ {5, 10, 100, 1000}) and, when the IDX files are there, the 60k Fashion-MNIST training
// images (k ∈ {10, 1000}). Each entry says the GFLOP/s of the epoch's matrix products (flops.ts)
// and their fraction of the machine's fp32 peak, estimated from /proc/cpuinfo (clock × vector
// width × 2 FMA pipes, × cores), PyTorch's figure for the same epoch as recorded on the reference
// machine (it is not installed here), and with 2+ threads how much the second thread helped.
// `--ae-gemm` times each epoch once per GEMM path (XNNPACK, the lab's SIMD128 or FMA kernel).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeMnistBinary, MNIST_ASSET } from '../../data/mnist';
import { activeBackend, initBackend } from '../../engine/backend';
import { neverCancelled } from '../../engine/cancel';
import { initThreadedWasm, threadedWasmScripts, THREADED_WASM_FILE, wasmThreadCount } from '../../tfjsWasm/wasmThreads';
import { ownGemmCounts, setOwnGemm } from '../../tfjsWasm/gemmFix';
import { relaxedSimdAvailable } from '../../tfjsWasm/simdGemm';
import { helperChunks } from '../../tfjsWasm/helperThread';
import { relaxedSimdFlags } from '../../../runner/childArgs';
import { epochFlops, corePeakGflops } from './flops';
import { buildAutoencoder } from './model';
import * as reference from './reference';
import type { AutoencoderSolution } from './solution';
import { trainAutoencoder } from './train';
import { version_wasm as tfjsWasmVersion } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import type { BenchEntry } from '../../bench';

export interface AeBenchOptions {
  /** The package's media/ folder (the embedded MNIST digits). */
  mediaDir: string;
  /** Bottleneck widths of the MNIST-10k entries. */
  ks?: number[];
  /** Bottleneck widths of the Fashion-MNIST 60k entries ([] to skip). */
  fashionKs?: number[];
  /** Folder of the Fashion-MNIST (or MNIST) IDX files. */
  idxDir?: string;
  /** Random pixels in [0, 1] instead of the digits (same shapes and cost). */
  randomData?: boolean;
  /** Epochs timed per k (the median is the entry, min and max beside it); a warm-up epoch on 1 024 rows comes first. */
  repeats?: number;
  /** GEMM paths each epoch is timed with, in order (default ['auto']). */
  gemms?: AeGemm[];
}

/**
 * Which GEMM the epoch's plain products run on: 'auto' (the lab's kernel on a single-threaded
 * backend, else XNNPACK: gemmFix.ts), 'xnnpack', or the lab's kernel forced on in a build.
 */
export const AE_GEMMS = ['auto', 'xnnpack', 'simd128', 'fma'] as const;
export type AeGemm = (typeof AE_GEMMS)[number];

function useGemm(gemm: AeGemm): void {
  if (gemm === 'auto') setOwnGemm('auto');
  else if (gemm === 'xnnpack') setOwnGemm('off');
  else setOwnGemm('on', gemm);
}

/**
 * PyTorch 1.13 on one thread, the same epoch (MNIST 10k, 784-1000-k-1000-784, batch 128, Adam), in
 * seconds: two runs on the 2-vCPU reference machine, recorded elsewhere (PyTorch is not installed
 * here). Two threads were slower there (2.66 / 2.07 / 2.51 / 5.16 s).
 */
export const PYTORCH_RECORDED: Record<number, { first: number; second: number }> = {
  5: { first: 1.43, second: 1.12 },
  10: { first: 1.33, second: 1.05 },
  100: { first: 1.45, second: 1.32 },
  1000: { first: 3.66, second: 3.18 },
};

/**
 * Relaxed SIMD for the lab's FMA GEMM in this process: Node 20's V8 has it behind a flag (which a
 * running V8 still accepts before the first module using it compiles). True when it compiles now.
 */
export function enableRelaxedSimd(): boolean {
  if (relaxedSimdAvailable(true)) return true;
  for (const flag of relaxedSimdFlags(process.versions.v8)) setFlagsFromString(flag);
  return relaxedSimdAvailable(true);
}

export const DEFAULT_FASHION_DIR = '/usr/share/datasets/fashion-mnist';
const HIDDEN = 1000;
const BATCH = 128;
const LR = 1e-3;
const DIM = 784;

const solution: AutoencoderSolution = reference;

/**
 * XNNPACK threads for the single-model epochs: one per core, at most 4. On the 2-vCPU machine two
 * threads made an epoch ~1.4× faster when it was otherwise idle (and slower when other processes
 * kept both cores busy); more than 4 is unmeasured, and a GEMM of 128 rows has few tiles to share.
 */
export function defaultAeThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

/**
 * tfjs on wasm with `threads` XNNPACK threads (the threaded binary, its pthread scripts written to
 * a temp folder) or the stock single-threaded backend for threads ≤ 1, or when tfjs is already up.
 */
export async function initAeBackend(
  threads: number,
  wasmDir: string,
): Promise<{ backend: string; threads: number; error?: string }> {
  const init = () => initBackend({ wasmPath: join(wasmDir, '/'), usePlatformFetch: false });
  if (threads <= 1 || activeBackend() !== 'none') return { backend: await init(), threads: wasmThreadCount() };
  const scriptDir = join(tmpdir(), `hw6-lab-wasm-threads-${tfjsWasmVersion}`);
  mkdirSync(scriptDir, { recursive: true });
  for (const [name, text] of Object.entries(threadedWasmScripts())) {
    const file = join(scriptDir, name);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
  }
  return initThreadedWasm(
    { threads, scriptDir: join(scriptDir, '/'), wasmBinary: readFileSync(join(wasmDir, THREADED_WASM_FILE)) },
    init,
  );
}

/** The machine's fp32 peak from /proc/cpuinfo (Linux); undefined elsewhere. */
export function machinePeak(): { coreGflops: number; cores: number; how: string } | undefined {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const mhz = Number(/^cpu MHz\s*:\s*([\d.]+)/m.exec(info)?.[1]);
    const flags = /^flags\s*:\s*(.*)$/m.exec(info)?.[1].split(/\s+/) ?? [];
    if (!(mhz > 0)) return undefined;
    const peak = corePeakGflops(mhz, flags);
    const cores = cpus().length;
    return {
      coreGflops: peak.gflops,
      cores,
      how: `${cores} × ${mhz.toFixed(0)} MHz × ${peak.flopsPerCycle} fp32 flops/cycle (${peak.isa}, 2 FMA pipes)`,
    };
  } catch {
    return undefined;
  }
}

/** Images of an IDX file (gzipped or not) as floats in [0, 1]. */
function readIdxImages(path: string): Float32Array {
  let bytes: Uint8Array = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== 0x803) throw new Error(`${path}: not an IDX images file`);
  const [n, rows, cols] = [view.getUint32(4), view.getUint32(8), view.getUint32(12)];
  if (rows * cols !== DIM || bytes.length !== 16 + n * DIM) throw new Error(`${path}: expected ${n} images of 28×28`);
  const out = new Float32Array(n * DIM);
  for (let i = 0; i < out.length; i++) out[i] = bytes[16 + i] / 255;
  return out;
}

function idxImagesPath(dir: string): string | undefined {
  return ['train-images-idx3-ubyte', 'train-images-idx3-ubyte.gz'].map((f) => join(dir, f)).find((p) => existsSync(p));
}

function randomImages(n: number, seed: number): Float32Array {
  const out = new Float32Array(n * DIM);
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 4294967296;
  }
  return out;
}

export interface EpochTiming {
  /** Median wall time of the timed epochs. */
  ms: number;
  /** Process CPU time (all threads) of that epoch. */
  cpuMs: number;
  minMs: number;
  maxMs: number;
}

/**
 * Timed epochs (the median over `repeats`, with min and max) of the 784-1000-k-1000-784 ReLU
 * autoencoder on x, after a warm-up epoch on 1 024 rows (kernels set up, heap grown, wasm tiered up).
 */
export async function timeEpoch(x: Float32Array, k: number, repeats = 1): Promise<EpochTiming> {
  const encoderWidths = [HIDDEN, k];
  const model = buildAutoencoder(DIM, encoderWidths, 'relu', solution.decoderWidths(DIM, encoderWidths), 1);
  const train = (rows: Float32Array, seed: number) =>
    trainAutoencoder(
      solution,
      model,
      { train: rows, val: new Float32Array(0), dim: DIM },
      { variant: 'vanilla', epochs: 1, batchSize: BATCH, learningRate: LR, seed, signal: neverCancelled },
    );
  try {
    await train(x.subarray(0, 1024 * DIM), 0);
    const times: { ms: number; cpuMs: number }[] = [];
    for (let r = 0; r < repeats; r++) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      await train(x, r + 1);
      const used = process.cpuUsage(cpu);
      times.push({ ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 });
    }
    times.sort((a, b) => a.ms - b.ms);
    // The median: the middle epoch, or the mean of the middle two for an even count.
    const [lo, hi] = [times[Math.floor((times.length - 1) / 2)], times[Math.ceil((times.length - 1) / 2)]];
    return {
      ms: (lo.ms + hi.ms) / 2,
      cpuMs: (lo.cpuMs + hi.cpuMs) / 2,
      minMs: times[0].ms,
      maxMs: times[times.length - 1].ms,
    };
  } finally {
    model.dispose();
  }
}

/**
 * The backend's GEMM rate now (GFLOP/s): the median of 30 products [128, 784]·[784, 1000] with the
 * right operand already packed. The machine's speed drifts (here one core's SSE rate was seen at 37
 * and at 49 GFLOP/s an hour apart), so epochs are reported beside it.
 */
export function gemmCalibration(): number {
  const [a, b] = [tf.randomUniform([128, 784], 0, 1, 'float32', 1), tf.randomUniform([784, 1000], 0, 1, 'float32', 2)];
  setOwnGemm('off'); // XNNPACK's rate, comparable across runs whichever GEMM the epochs use
  try {
    tf.matMul(a, b).dispose();
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      tf.matMul(a, b).dispose();
      times.push(performance.now() - started);
    }
    times.sort((x, y) => x - y);
    return (2 * 128 * 784 * 1000) / times[15] / 1e6;
  } finally {
    setOwnGemm('auto');
    tf.dispose([a, b]);
  }
}

export async function benchAutoencoders(log: (line: string) => void, options: AeBenchOptions): Promise<BenchEntry[]> {
  const peak = machinePeak();
  if (peak) log(`ae: machine fp32 peak ≈ ${(peak.coreGflops * peak.cores).toFixed(0)} GFLOP/s = ${peak.how}`);
  const calibration = round(gemmCalibration());
  log(`ae: GEMM calibration ${calibration} GFLOP/s ([128, 784]·[784, 1000], packed weights)`);
  const entries: BenchEntry[] = [];
  const gemms = options.gemms ?? ['auto'];
  log(
    `ae: relaxed SIMD ${relaxedSimdAvailable() ? 'on (FMA GEMM available)' : 'off (SIMD128 GEMM only)'}; GEMM paths timed: ${gemms.join(', ')}`,
  );
  const run = async (name: string, x: Float32Array, k: number, dataset: string): Promise<void> => {
    for (const gemm of gemms) {
      useGemm(gemm);
      try {
        await runOne(name, x, k, dataset, gemm);
      } finally {
        setOwnGemm('auto');
      }
    }
  };
  const runOne = async (name: string, x: Float32Array, k: number, dataset: string, gemm: AeGemm): Promise<void> => {
    const n = x.length / DIM;
    // cpuMs: CPU time of the whole process (all threads) during the epoch; beside ms it shows how
    // much of the wall time other load took (on an idle machine ms ≈ cpuMs / threads).
    const repeats = options.repeats ?? 1;
    const before = ownGemmCounts();
    const helperBefore = helperChunks();
    const { ms, cpuMs, minMs, maxMs } = await timeEpoch(x, k, repeats);
    const after = ownGemmCounts();
    const gflops = epochFlops([DIM, HIDDEN, k, HIDDEN, DIM], n) / ms / 1e6;
    const load = loadavg()[0];
    const threads = wasmThreadCount();
    const entry: BenchEntry = {
      name,
      k,
      n,
      batch: BATCH,
      dataset,
      gemm,
      // products on the lab's kernels over the warm-up and timed epochs (the rest ran on XNNPACK)
      labFma: after.fma - before.fma,
      labSimd128: after.simd128 - before.simd128,
      // chunks of the lab's GEMM and Adam that its helper thread ran (helperThread.ts)
      helperChunks: helperChunks() - helperBefore,
      gflops: round(gflops),
      cpuMs: round(cpuMs),
      ms: round(ms),
      load1: round(load),
      repeats,
      minMs: round(minMs),
      maxMs: round(maxMs),
      gemmGflops: calibration,
    };
    // Cores the epoch kept busy on average (CPU time / wall time). With 2+ threads, anything above 1
    // is the share of the epoch a second core ran beside the first: how much the second thread
    // actually helped. At or below 1 the process did not get even one whole core (other load).
    entry.coresUsed = round4(cpuMs / ms);
    if (threads > 1) entry.secondThreadShare = round4(Math.max(0, cpuMs / ms - 1));
    if (peak) {
      entry.peakFraction = round4(gflops / (peak.coreGflops * peak.cores));
      entry.corePeakFraction = round4(gflops / peak.coreGflops);
    }
    const peer = dataset === 'mnist10k' ? PYTORCH_RECORDED[k] : undefined;
    if (peer) {
      entry.pytorchRecordedS = peer.second;
      entry.ratioToPytorch = round(ms / 1000 / peer.second);
    }
    entries.push(entry);
    // Load above the core count means other processes shared the cores: the wall time is not an idle machine's.
    const busy =
      load > availableParallelism()
        ? `; busy machine: load ${load.toFixed(1)} on ${availableParallelism()} cores, not an idle figure`
        : '';
    const spread =
      repeats > 1 ? ` median of ${repeats} (${(minMs / 1000).toFixed(2)}–${(maxMs / 1000).toFixed(2)} s)` : '';
    const coresUsed = cpuMs / ms;
    const share =
      threads <= 1
        ? ''
        : coresUsed > 1
          ? `, a second core busy ${(100 * (coresUsed - 1)).toFixed(0)} % of the epoch`
          : `, the second thread did not help: ${coresUsed.toFixed(2)} cores used on average`;
    const fraction = peak ? `, ${(100 * Number(entry.peakFraction)).toFixed(1)} % of peak` : '';
    const pytorch = peer
      ? `; PyTorch 1 thread as recorded elsewhere (not run here): ${peer.first.toFixed(2)} / ${peer.second.toFixed(2)} s, ratio ${(ms / 1000 / peer.second).toFixed(2)} to the faster`
      : '';
    log(
      `${name} k=${k} [${gemm}]: ${(ms / 1000).toFixed(2)} s${spread} (CPU ${(cpuMs / 1000).toFixed(2)} s${share}), ${gflops.toFixed(1)} GFLOP/s${fraction}, GEMM calibration ${calibration} GFLOP/s (load ${load.toFixed(2)}${busy})${pytorch}`,
    );
  };

  let mnist: Float32Array;
  let dataset = 'mnist10k';
  if (options.randomData) {
    mnist = randomImages(10_000, 1);
    dataset = 'random';
  } else {
    mnist = decodeMnistBinary(readFileSync(join(options.mediaDir, MNIST_ASSET))).images;
  }
  for (const k of options.ks ?? [5, 10, 100, 1000]) await run('ae-epoch-mnist10k', mnist, k, dataset);

  const fashionKs = options.fashionKs ?? [10, 1000];
  const fashionPath = fashionKs.length > 0 ? idxImagesPath(options.idxDir ?? DEFAULT_FASHION_DIR) : undefined;
  if (fashionKs.length > 0 && !fashionPath)
    log(`ae-epoch-fashion60k skipped: no train-images-idx3-ubyte[.gz] in ${options.idxDir ?? DEFAULT_FASHION_DIR}`);
  if (fashionPath) {
    const fashion = readIdxImages(fashionPath);
    for (const k of fashionKs) await run('ae-epoch-fashion60k', fashion, k, 'fashion-mnist');
  }
  // The grid's wall time ('ae-grid') is measured after these entries: ./gridBench.ts.
  return entries;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
