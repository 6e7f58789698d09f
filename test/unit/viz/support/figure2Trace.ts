// The Figure 2 beam trace built from the reference search and independent greedy/exhaustive search,
// exactly as the beam-search problem hands it to the panel.
import { beamSearch } from '../../../../src/core/problems/beam-search/reference';
import { figure2Step, FIGURE2 } from '../../../../src/core/problems/beam-search/figure2';
import { exhaustiveSearch, greedyDecode } from '../../../../src/core/problems/beam-search/search';
import type { BeamTrace } from '../../../../src/core/problems/beam-search/trace';

export function figure2Trace(k = 2): BeamTrace {
  const T = FIGURE2.depth;
  const result = beamSearch(figure2Step, k, T);
  return {
    // Named as the beam-search problem names its Figure 2 trace.
    title: `Figure 2: beam search with k = ${k}, T = ${T}`,
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
