// The table `hw6-lab run` and `check` print at the end: a row per problem, then each failed check
// (✗) and each note (ℹ, which counts neither way) with its message.
import { isNote, tally } from '../core/verdict';
import type { JobResult } from './session';
import { formatTable } from './table';

/** The end-of-run table, then one line per failed check, note or run error. */
export function runSummary(results: readonly JobResult[]): string {
  const rows = results.map((r) => {
    const { passed, total } = tally(r.findings);
    const status = r.ok ? 'passed' : r.error ? `${r.error.reason}` : 'failed';
    return [
      r.job.problem.id,
      status,
      `${passed}/${total}`,
      `${((r.done?.durationMs ?? r.wallMs) / 1000).toFixed(2)} s`,
      r.done?.backend ?? '–',
    ];
  });
  const findingLines = results.flatMap((r) => [
    // a note (an info finding) is said, never marked as failed: it does not count against the run
    ...r.findings
      .filter((f) => !f.ok)
      .map((f) => `  ${isNote(f) ? 'ℹ' : '✗'} ${r.job.problem.id} ${f.checkId}: ${f.message}`),
    ...(r.error
      ? [
          `  ✗ ${r.job.problem.id} ${r.error.reason}${r.error.location && r.error.location.line > 0 ? ` at ${r.error.location.file}:${r.error.location.line}` : ''}: ${r.error.message}`,
        ]
      : []),
  ]);
  return (
    formatTable(['problem', 'status', 'checks', 'time', 'backend'], rows) +
    (findingLines.length ? '\n\n' + findingLines.join('\n') : '') +
    '\n'
  );
}
