// The Figure 2 beam trace as the panel draws it: a search's result with the independent greedy and
// exhaustive best paths overlaid. The problem's run, the panel's opening view and the tests share it.
import { FIGURE2, figure2Step } from './figure2';
import { beamSearch } from './reference';
import { exhaustiveSearch, greedyDecode } from './search';
import type { BeamResult, BeamTrace } from './trace';

export function figure2Trace(result: BeamResult, k: number, T: number, label = 'beam search'): BeamTrace {
  return {
    title: `Figure 2: ${label} with k = ${k}, T = ${T}`,
    source: 'Figure 2 of the homework (reconstructed log-probabilities)',
    vocab: FIGURE2.vocab.slice(),
    k,
    T,
    steps: result.trace,
    final: result.beams,
    greedy: greedyDecode(figure2Step, T),
    exhaustive: exhaustiveSearch(figure2Step, T)[0],
  };
}

/** The lab's own search on Figure 2 (reference code: fine to run in the extension host). */
export function figure2ReferenceTrace(k = 2, label = 'reference beam search'): BeamTrace {
  const T = FIGURE2.depth;
  return figure2Trace(beamSearch(figure2Step, k, T), k, T, label);
}
