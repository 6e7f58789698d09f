// Problem 3's entry in `npm run bench`: the reference's softmax attention and quadratic-kernel
// linear attention (compact φ) at D = M ∈ {16, 64}, N doubling from 256; median of 3 calls after a
// warm-up, with the peak tensor memory of the warm-up call (tf.profile).
import { initBenchBackend, integerOption, roundMs, type Bench, type BenchEntry } from '../../bench';
import * as kernelAttention from './reference';
import { measureAttention } from './sweep';

export const benches: Bench[] = [
  {
    name: 'attention',
    options: [
      {
        flags: '--attention-max-n <n>',
        description: 'largest sequence length of the attention benchmark',
        defaultValue: '8192',
      },
    ],
    prepare: (values) => {
      const maxN = integerOption(values.attentionMaxN, '--attention-max-n', 256);
      return async ({ log, wasmDir }) => {
        const backend = await initBenchBackend(wasmDir);
        const entries: BenchEntry[] = [];
        for (const D of [16, 64]) {
          for (let N = 256; N <= maxN; N *= 2) {
            for (const form of ['softmax', 'linear'] as const) {
              const { ms, bytes } = await measureAttention(kernelAttention, form, N, D, D, 3, N + D);
              entries.push({ name: `attention-${form}`, N, D, M: D, backend, bytes, ms: roundMs(ms) });
              log(
                `attention-${form} D=${D} N=${N}: ${roundMs(ms)} ms, ${(bytes / 2 ** 20).toFixed(1)} MiB peak tensors`,
              );
            }
          }
        }
        return entries;
      };
    },
  },
];
