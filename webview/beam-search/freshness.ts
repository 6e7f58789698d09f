// Whether the tree the beam view shows is the student's code as it is now: which run drew it
// (the extension numbers runs and says which made each item) against the latest run's status. The
// run banner says how the latest run went; this says what the shown tree is, when it is not simply
// the latest run's drawing of the file as it stands.
import type { RunStatusView } from '../../src/core/protocol';

export interface TreeNote {
  kind: 'stale' | 'partial';
  text: string;
}

/**
 * `itemRun`: the run that made the shown tree (null: a reference tree, a "Run here" tree, or one
 * whose run is not known): no note for those.
 */
export function treeNote(status: RunStatusView | undefined, itemRun: number | null): TreeNote | undefined {
  if (itemRun === null || !status || status.run === undefined) return undefined;
  if (itemRun < status.run) {
    const latest =
      status.state === 'running'
        ? 'the latest run is still going'
        : status.state === 'error'
          ? 'the latest run failed before drawing it'
          : status.state === 'cancelled'
            ? 'the latest run was cancelled before drawing it'
            : 'the latest run did not draw it';
    return { kind: 'stale', text: `Stale: this tree is from an earlier run; ${latest}.` };
  }
  if (status.state === 'error' || status.state === 'cancelled')
    return {
      kind: 'partial',
      text: `This tree is what the latest run drew before it ${status.state === 'error' ? 'failed' : 'was cancelled'}.`,
    };
  if (status.stale)
    return { kind: 'stale', text: 'Stale: your file changed since this run. Run problem 5 again to redraw it.' };
  return undefined;
}
