// The inline result shown at the end of each TODO marker line after a run (error-lens style):
// a short text, the full story in the hover, and a state that picks the theme colour. Pure, so the
// placement and the wording are unit-tested without an editor.
import type { Finding } from '../../core/engine/events';
import { errorText, type RunResult } from './runResult';
import { defaultMarker, markerLines, type FileContext } from './placement';

/** `info`: no check spoke about the marker, only a measured value (a note). */
export type MarkerState = 'passed' | 'failed' | 'error' | 'info';

export interface MarkerDecoration {
  markerId: string;
  /** 0-based line of the marker in the current text. */
  line: number;
  state: MarkerState;
  /** True once the file was edited after the run: the result may no longer hold. */
  stale: boolean;
  /** The after-text, at most `maxLength` characters (plus ` (stale)`). */
  text: string;
  /** Plain-text lines for the hover: one per finding or error, nothing truncated. */
  details: string[];
}

export const DEFAULT_MAX_LENGTH = 80;

export function truncate(text: string, maxLength: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= maxLength ? oneLine : oneLine.slice(0, Math.max(1, maxLength - 1)).trimEnd() + '…';
}

/** What a short text reports: its words before the first number ("val loss" in "val loss 45.5 (k=10)"). */
const quantity = (text: string): string => text.split(/\d/, 1)[0]!.trim();

const detail = (f: Finding): string => `${f.ok ? '✓' : '✗'} ${f.checkId}: ${f.message}`;

export function decorationsFor(
  result: RunResult,
  ctx: FileContext,
  options: { stale?: boolean; maxLength?: number } = {},
): MarkerDecoration[] {
  const stale = options.stale ?? false;
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const lines = markerLines(ctx.text);
  const fallback = defaultMarker(ctx, lines);
  if (fallback === undefined) return [];

  // Findings without a marker (and not about answers.md) are about the problem as a whole.
  const byMarker = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    if (finding.answerId !== undefined && finding.marker === undefined) continue;
    const id = finding.marker !== undefined && lines.has(finding.marker) ? finding.marker : fallback;
    byMarker.set(id, [...(byMarker.get(id) ?? []), finding]);
  }

  const error = result.error && result.error.reason !== 'cancelled' ? result.error : undefined;
  // An error without a marker (syntax, time limit) stopped every TODO of the problem.
  const errorMarkers = error
    ? new Set(
        error.marker !== undefined && lines.has(error.marker)
          ? [error.marker]
          : ctx.markerIds.filter((id) => lines.has(id)),
      )
    : new Set<string>();

  const out: MarkerDecoration[] = [];
  for (const markerId of ctx.markerIds) {
    const line = lines.get(markerId);
    if (line === undefined) continue;
    const findings = byMarker.get(markerId) ?? [];
    const notes = (result.notes ?? []).filter((n) => n.marker === markerId);
    const failed = findings.filter((f) => !f.ok);
    let state: MarkerState;
    let short: string;
    if (error && errorMarkers.has(markerId)) {
      state = 'error';
      short = `✗ ${errorText(error)}`;
    } else if (failed.length > 0) {
      state = 'failed';
      const first = failed[0]!;
      const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
      short = `✗ ${truncate(first.short ?? first.message, maxLength - more.length - 2)}${more}`;
    } else if (findings.length > 0) {
      state = 'passed';
      const shorts = findings.map((f) => f.short).filter((s): s is string => !!s);
      // A note replaces a check's short that reports the same quantity ("val loss 45.5 (…)" twice).
      const noted = new Set(notes.map((n) => quantity(n.text)).filter((q) => q !== ''));
      const kept = shorts.filter((s) => !noted.has(quantity(s)));
      const checks =
        shorts.length === findings.length
          ? kept.join(' · ')
          : `${findings.length} check${findings.length === 1 ? '' : 's'} passed`;
      // What the run measured comes first (the checks' shorts may be cut); after a failure only the hover has it.
      short = `✓ ${[...notes.map((n) => n.text), ...(checks ? [checks] : [])].join(' · ')}`;
    } else if (notes.length > 0) {
      state = 'info';
      short = notes.map((n) => n.text).join(' · ');
    } else {
      continue;
    }
    const details = [
      ...(error && errorMarkers.has(markerId) ? [`✗ ${errorText(error)}`] : []),
      ...findings.map(detail),
      ...notes.map((n) => n.detail),
    ];
    const text = truncate(short, maxLength) + (stale ? ' (stale)' : '');
    out.push({ markerId, line, state, stale, text, details });
  }
  return out;
}
