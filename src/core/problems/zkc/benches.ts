// Problem 1's entry in `npm run bench`: the homework's full training (all-nodes never stops early:
// 20 000 epochs) with the reference solution's tfjs layers, and the float64 ground-truth trainer
// for comparison. Beside each time: its CPU time and the load (the machine may be shared), the
// GFLOP/s of the epoch's products and their fraction of the machine's fp32 peak (tiny: the loop is
// dispatch-bound), the GEMM calibration, and the ratio to PyTorch's time for the same training
// (one thread), recorded on this kind of machine and not run here (PyTorch is not installed).
import { availableParallelism, loadavg } from 'node:os';
import { neverCancelled } from '../../engine/cancel';
import { initBenchBackend, roundMs, type Bench, type BenchEntry } from '../../bench';
import { gemmCalibration, machinePeak } from '../autoencoders/epochBench';
import * as zkcReference from './reference';
import { trainWithSolution } from './tfTrainer';
import { trainZkc, zkcTrainDefaults } from './train';
import { zkcSizes } from './float64Gcn';

/**
 * PyTorch 1.13, one thread, the same network, loss and plain gradient descent, 20 000 epochs: two
 * runs on the 2-vCPU CI-like VM on 2026-12-07 (issue 17). The bench prints its ratio to both.
 */
export const PYTORCH_ZKC_MS: readonly number[] = [3950, 3580];
const PEER_EPOCHS = 20_000;

/** Multiply-adds of one epoch's matrix products as the reference solution computes them. */
export function zkcEpochMacs(nodes: number, sizes = zkcSizes): number {
  const [n, f, h, e, c] = [nodes, sizes.input, sizes.hidden, sizes.embedding, sizes.classes];
  const forward = n * n * f + n * f * h + n * n * h + n * h * e + n * e * c;
  const softmaxBack = 2 * n * e * c;
  const layer2Back = n * n * h + e * n * h + n * e * h + n * n * h;
  const layer1Back = n * n * f + h * n * f + n * h * f + n * n * f;
  return forward + softmaxBack + layer2Back + layer1Back;
}

const round = (x: number): number => Math.round(x * 100) / 100;

export const benches: Bench[] = [
  {
    name: 'zkc-train',
    prepare:
      () =>
      async ({ log, wasmDir }) => {
        const backend = await initBenchBackend(wasmDir);
        const config = { ...zkcTrainDefaults, maskMode: 'all-nodes' as const };
        const peak = machinePeak();
        const calibration = round(gemmCalibration());
        log(`zkc-train: GEMM calibration ${calibration} GFLOP/s ([128, 784]·[784, 1000], packed weights)`);
        const macs = zkcEpochMacs(34);
        const entries: BenchEntry[] = [];
        const time = async (trainer: string, train: () => Promise<{ epochs: number }>): Promise<void> => {
          const [load, cpu0, started] = [loadavg()[0], process.cpuUsage(), performance.now()];
          const { epochs } = await train();
          const ms = performance.now() - started;
          const cpu = process.cpuUsage(cpu0);
          const cpuMs = (cpu.user + cpu.system) / 1000;
          const gflops = (2 * macs * epochs) / ms / 1e6;
          const entry: BenchEntry = {
            name: 'zkc-train',
            trainer,
            epochs,
            epochsPerSecond: Math.round((epochs * 1000) / ms),
            cpuMs: roundMs(cpuMs),
            load1: round(load),
            gflops: Math.round(gflops * 1000) / 1000,
            gemmGflops: calibration,
            ms: roundMs(ms),
          };
          if (peak) entry.peakFraction = Number((gflops / (peak.coreGflops * peak.cores)).toPrecision(2));
          const ratios = PYTORCH_ZKC_MS.map((p) => (ms * PEER_EPOCHS) / epochs / p);
          if (epochs === PEER_EPOCHS) {
            entry.pytorchMs = PYTORCH_ZKC_MS.join('/');
            entry.pytorchRatio = ratios.map((r) => r.toFixed(2)).join('/');
          }
          entries.push(entry);
          const busy = load > availableParallelism() ? `, busy machine: not an idle figure` : '';
          log(
            `zkc-train ${trainer}: ${epochs} epochs in ${roundMs(ms / 1000)} s (${entry.epochsPerSecond} epochs/s, CPU ${roundMs(cpuMs / 1000)} s, load ${load.toFixed(2)}${busy}); ` +
              `${gflops.toFixed(2)} GFLOP/s${peak ? ` = ${(100 * (entry.peakFraction as number)).toPrecision(2)} % of the fp32 peak` : ''}; ` +
              `× ${ratios.map((r) => r.toFixed(2)).join(' / ')} PyTorch 1 thread (${PYTORCH_ZKC_MS.map((p) => p / 1000).join(' / ')} s, recorded 2026-12-07, not run here)`,
          );
        };
        await time(`tfjs-${backend}`, async () => ({
          epochs: (await trainWithSolution(zkcReference, config, { signal: neverCancelled })).epochs,
        }));
        await time('float64', async () => ({ epochs: trainZkc(config).history.epochs }));
        return entries;
      },
  },
];
