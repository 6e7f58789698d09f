// The Figure 2 trace the beam tree panel opens with, computed by the lab's own reference beam search
// (our code, so it may run in the extension host; student code never does).
import type { BeamTrace } from '../core/problems/beam-search/trace';
import { FIGURE2, figure2Step } from '../core/problems/beam-search/figure2';
import { beamSearch } from '../core/problems/beam-search/reference';
import { exhaustiveSearch, greedyDecode } from '../core/problems/beam-search/search';

export function figure2ReferenceTrace(k = 2): BeamTrace {
  const T = FIGURE2.depth;
  const result = beamSearch(figure2Step, k, T);
  return {
    title: `Figure 2: reference beam search with k = ${k}, T = ${T}`,
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
