// Where a run's results are shown in a student's file: at its TODO markers, whose positions are
// recomputed from the current text so results follow a marker as lines are added above it.
import { findMarkers } from '../../core/markers';

export interface FileContext {
  /** The document's text now (unsaved edits included). */
  text: string;
  /** The document's base name, e.g. `q5_beam_search.ts`. */
  fileName: string;
  /** The problem's marker ids, in the problem's order. */
  markerIds: readonly string[];
}

/** The 0-based line of each marker present in the text (the first, if a marker is repeated). */
export function markerLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  for (const hit of findMarkers(text)) if (!lines.has(hit.id)) lines.set(hit.id, hit.line);
  return lines;
}

/** Where results without a (present) marker of their own go: the problem's first marker in the file. */
export function defaultMarker(ctx: FileContext, lines = markerLines(ctx.text)): string | undefined {
  return ctx.markerIds.find((id) => lines.has(id));
}
