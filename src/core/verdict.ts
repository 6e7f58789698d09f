// What a problem's findings add up to. A note (severity `info`: a prose answer still empty, a reason
// graded by hand) is shown beside the checks but is never a failure: it counts toward neither the
// passed nor the total, and it never fails a problem — in the status bar, the CLI's table and exit
// code, the run's `done` and the report alike.
import type { Finding } from './engine/events';

export interface Tally {
  /** Checks that passed. */
  passed: number;
  /** Checks that passed or failed (notes left out). */
  total: number;
  /** Notes: shown, not counted. */
  notes: number;
  /** Every check passed (notes aside). */
  ok: boolean;
}

/** A note: a finding that informs and never fails. */
export function isNote(finding: Finding): boolean {
  return !finding.ok && finding.severity === 'info';
}

export function tally(findings: readonly Finding[]): Tally {
  let passed = 0;
  let notes = 0;
  for (const f of findings) {
    if (f.ok) passed++;
    else if (isNote(f)) notes++;
  }
  const total = findings.length - notes;
  return { passed, total, notes, ok: passed === total };
}

/** The passed and total checks of a tally, as the status bar and the report show them. */
export function passedOf(findings: readonly Finding[]): { passed: number; total: number } {
  const { passed, total } = tally(findings);
  return { passed, total };
}
