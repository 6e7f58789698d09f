// The Figure 2 beam trace of the lab's own search, for the panel's opening view (the extension host)
// and the tests. Reference code: never imported by the child (child.ts builds its traces with
// panelTrace.ts).
import { FIGURE2, figure2Step } from './figure2';
import { beamSearch } from './reference';
import { figure2Trace } from './panelTrace';
import type { BeamTrace } from './trace';

export { figure2Trace } from './panelTrace';

/** The lab's own search on Figure 2 (reference code: fine to run in the extension host). */
export function figure2ReferenceTrace(k = 2, label = 'reference beam search'): BeamTrace {
  const T = FIGURE2.depth;
  return figure2Trace(beamSearch(figure2Step, k, T), k, T, label);
}
