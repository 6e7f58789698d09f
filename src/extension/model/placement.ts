// Where a finding or a run error belongs in a student's file: its own line when it came from a line
// of student code, else its TODO marker's line, else the problem's first marker. Lines are 0-based
// (editor APIs); positions are recomputed from the current text so they follow the marker as it moves.
import type { Finding, SourceLocation } from '../../core/engine/events';
import { findMarkers } from '../../core/markers';
import type { RunErrorEvent } from './runResult';

export interface FileContext {
  /** The document's text now (unsaved edits included). */
  text: string;
  /** The document's base name, e.g. `q5_beam_search.ts`: locations in other files are not placed here. */
  fileName: string;
  /** The problem's marker ids, in the problem's order. */
  markerIds: readonly string[];
}

/** The 0-based line of each marker present in the text. */
export function markerLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  for (const hit of findMarkers(text)) if (!lines.has(hit.id)) lines.set(hit.id, hit.line);
  return lines;
}

/** The marker a finding or an error without a marker of its own is shown at: the problem's first one present. */
export function defaultMarker(ctx: FileContext, lines = markerLines(ctx.text)): string | undefined {
  return ctx.markerIds.find((id) => lines.has(id));
}

function locationLine(location: SourceLocation | undefined, ctx: FileContext): number | undefined {
  if (!location || !(location.line > 0)) return undefined;
  const base = location.file.split(/[\\/]/).pop();
  if (base !== ctx.fileName) return undefined;
  const lineCount = ctx.text.split(/\r?\n/).length;
  return Math.min(location.line, lineCount) - 1;
}

function markerOrDefaultLine(marker: string | undefined, ctx: FileContext): number {
  const lines = markerLines(ctx.text);
  const own = marker !== undefined ? lines.get(marker) : undefined;
  if (own !== undefined) return own;
  const fallback = defaultMarker(ctx, lines);
  return fallback !== undefined ? lines.get(fallback)! : 0;
}

export function findingLine(finding: Finding, ctx: FileContext): number {
  return locationLine(finding.location, ctx) ?? markerOrDefaultLine(finding.marker, ctx);
}

export function errorLine(error: RunErrorEvent, ctx: FileContext): number {
  return locationLine(error.location, ctx) ?? markerOrDefaultLine(error.marker, ctx);
}
