// Problem 1's entry in `npm run bench`: the homework's full training (all-nodes never stops early:
// 20 000 epochs) with the reference solution's tfjs layers, and the float64 ground-truth trainer
// for comparison.
import { neverCancelled } from '../../engine/cancel';
import { initBenchBackend, roundMs, type Bench, type BenchEntry } from '../../bench';
import * as zkcReference from './reference';
import { trainWithSolution } from './tfTrainer';
import { trainZkc, zkcTrainDefaults } from './train';

export const benches: Bench[] = [
  {
    name: 'zkc-train',
    prepare:
      () =>
      async ({ log, wasmDir }) => {
        const backend = await initBenchBackend(wasmDir);
        const config = { ...zkcTrainDefaults, maskMode: 'all-nodes' as const };
        const entries: BenchEntry[] = [];
        const time = async (trainer: string, train: () => Promise<{ epochs: number }>): Promise<void> => {
          const started = performance.now();
          const { epochs } = await train();
          const ms = performance.now() - started;
          entries.push({
            name: 'zkc-train',
            trainer,
            epochs,
            epochsPerSecond: Math.round((epochs * 1000) / ms),
            ms: roundMs(ms),
          });
          log(
            `zkc-train ${trainer}: ${epochs} epochs in ${roundMs(ms / 1000)} s (${Math.round((epochs * 1000) / ms)} epochs/s)`,
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
