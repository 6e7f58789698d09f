// A problem 3 run's sweep as CSV (one row per timed call), for the panel's export.
import type { KernelAttentionArtifact } from '../artifact';

export const KERNEL_SWEEP_CSV_HEADER = ['implementation', 'form', 'N', 'D', 'M', 'ms', 'bytes'] as const;

/** Full precision (shortest round-trip form), `\n` line ends, a trailing newline. */
export function kernelSweepCsv(run: Pick<KernelAttentionArtifact, 'sweep'>): string {
  const rows: string[] = [KERNEL_SWEEP_CSV_HEADER.join(',')];
  for (const p of run.sweep) rows.push([p.implementation, p.form, p.N, p.D, p.M, p.ms, p.bytes].map(String).join(','));
  return rows.join('\n') + '\n';
}
