// Problem 5's entry in `npm run bench`: beam decoding with the GRU decoder (./bench.ts), k = 2…16.
import { initBenchBackend, roundMs, type Bench, type BenchEntry } from '../../bench';
import { timeBeamDecoding } from './bench';

const BEAM_WIDTHS = [2, 4, 8, 16];

export const benches: Bench[] = [
  {
    name: 'beam-decode',
    prepare:
      () =>
      async ({ log, wasmDir }) => {
        const backend = await initBenchBackend(wasmDir);
        const entries: BenchEntry[] = [];
        for (const k of BEAM_WIDTHS) {
          const params = { k, T: 50, vocab: 1000, embed: 32, hidden: 64 };
          const { msPerSentence } = await timeBeamDecoding({
            k,
            T: params.T,
            vocabSize: params.vocab,
            embed: params.embed,
            hidden: params.hidden,
          });
          entries.push({ name: 'beam-decode', ...params, backend, ms: roundMs(msPerSentence) });
          log(`beam-decode k=${k}: ${roundMs(msPerSentence)} ms per sentence`);
        }
        return entries;
      },
  },
];
