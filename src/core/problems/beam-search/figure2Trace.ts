// The Figure 2 beam trace of the lab's own search, for the panel's opening view (the extension host)
// and the tests. The searches are recorded data (media/recorded/beam-search-figure2.json, written by
// `npm run record:reference`; a unit test holds them equal to the reference's), so no build holds
// the reference's code for them: the student build has none.
import { FIGURE2 } from './figure2';
import { figure2Trace } from './panelTrace';
import type { BeamResult, BeamTrace } from './trace';
import recorded from '../../../../media/recorded/beam-search-figure2.json';

export { figure2Trace } from './panelTrace';

/** The lab's own search on Figure 2, for k = 1…8 (recorded). */
export function figure2ReferenceTrace(k = 2, label = 'reference beam search'): BeamTrace {
  const result = (recorded.byK as Record<string, unknown>)[String(k)];
  if (!result) throw new RangeError(`the Figure 2 searches are recorded for k = 1…8 (got ${k})`);
  return figure2Trace(result as BeamResult, k, FIGURE2.depth, label);
}
