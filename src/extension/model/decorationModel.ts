// The inline result shown at each TODO marker after a run (error-lens style): a short text in
// words, the full story in the hover, and a state that picks the theme colour. It is drawn at the
// start of the marker's comment, not after the line: TODO lines are long (60–150 characters) and an
// editor beside a sidebar shows ~55 columns at 1280 px, so an after-text would be off-screen. Pure,
// so the placement and the wording are unit-tested without an editor.
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
  /** The text drawn, at most `maxLength` characters (plus ` (stale)`). */
  text: string;
  /**
   * Where on the line the text is drawn: `start`, before the line's first non-blank character (a
   * TODO marker's comment, shifted right by the text); `end` (or unset), after the line's end.
   */
  at?: 'start' | 'end';
  /** Plain-text lines for the hover: one per finding or error, nothing truncated. */
  details: string[];
}

/**
 * The default of `hw6.decorations.maxLength`: at 1280 px with the default layout (explorer and
 * secondary side bar open, minimap on) the editor shows ~55 columns, and a marker is indented 2.
 */
export const DEFAULT_MAX_LENGTH = 50;
/** What `hw6.decorations.maxLength` may be (package.json says the same): at least room for "✗ x… · 99 more checks failed (stale)". */
export const MAX_LENGTH_RANGE = { min: 40, max: 500 } as const;

/** One line, at most `maxLength` characters (code points, so a symbol is never cut in half), `…` where cut. */
export function truncate(text: string, maxLength: number): string {
  const oneLine = [...text.replace(/\s+/g, ' ').trim()];
  return oneLine.length <= maxLength
    ? oneLine.join('')
    : oneLine
        .slice(0, Math.max(1, maxLength - 1))
        .join('')
        .trimEnd() + '…';
}

/**
 * A check's short text in words: the judge's shorts mark their verdict with ✗/✓ ("grad ✗ 4e-3",
 * "k = M^T ✗"), which after the decoration's own ✗ read as codes; "grad wrong: 4e-3" does not.
 */
export function inWords(short: string): string {
  return short
    .replace(/\s*✗\s*(?=\S)/gu, ' wrong: ')
    .replace(/\s*✗\s*$/u, ' wrong')
    .replace(/\s*✓\s*(?=\S)/gu, ' right: ')
    .replace(/\s*✓\s*$/u, ' right')
    .trim();
}

const STALE = ' (stale)';

/** `text` cut so that it and the stale mark together stay within `maxLength`. */
export function withStale(text: string, maxLength: number, stale: boolean): string {
  return stale ? truncate(text, maxLength - STALE.length) + STALE : truncate(text, maxLength);
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
  // What the text may take besides the stale mark.
  const budget = stale ? maxLength - STALE.length : maxLength;
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
      // The count is kept whole; the first failure's words are cut to fit beside it.
      const more =
        failed.length > 1 ? ` · ${failed.length - 1} more ${failed.length === 2 ? 'check' : 'checks'} failed` : '';
      short = `✗ ${truncate(inWords(first.short ?? first.message), budget - [...more].length - 2)}${more}`;
    } else if (findings.length > 0) {
      state = 'passed';
      // That they passed, in words, then what the run measured: its notes ("val loss 45.5 (k=10)")
      // and the checks' shorts that say more than ✓ ("random trees 60/60", "softmax ✓ 3e-7"), a note
      // replacing a short about the same quantity. The others ("figure 2 ✓") are in the hover.
      const noted = new Set(notes.map((n) => quantity(n.text)).filter((q) => q !== ''));
      const measured = findings
        .map((f) => f.short)
        .filter((s): s is string => !!s && !/✓\s*$/u.test(s) && !noted.has(quantity(s)))
        .map(inWords);
      const passed = findings.length === 1 ? 'passed' : `all ${findings.length} checks passed`;
      short = `✓ ${[passed, ...notes.map((n) => n.text), ...measured].join(' · ')}`;
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
    out.push({ markerId, line, state, stale, text: withStale(short, maxLength, stale), details, at: 'start' });
  }
  return out;
}
