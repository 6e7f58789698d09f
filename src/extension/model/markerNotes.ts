// Numbers a run measured, shown at the TODO markers beside the checks' results, collected from the
// run's events as they stream by the collector the problem's ui descriptor names.
// Imports only the catalog, so the extension host never loads an engine to compute them.
import type { MarkerNoteCollector } from '../../core/problemUi';
import { problemUis } from '../../core/problems/uis';

export type { MarkerNote, MarkerNoteCollector } from '../../core/problemUi';

const NONE: MarkerNoteCollector = { observe: () => undefined, notes: () => [] };

/** The collector for a problem's run (problems without notes get one that collects nothing). */
export function markerNotesFor(problemId: string): MarkerNoteCollector {
  return problemUis.find((ui) => ui.problemId === problemId)?.markerNotes?.() ?? NONE;
}
