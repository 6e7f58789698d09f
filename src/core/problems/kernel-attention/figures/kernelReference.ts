// Problem 3's reference beside a student's run: the judge sweeps the lab's reference in a child of
// its own and emits it as a `kernel-reference-sweep` artifact after the run's `kernel-attention`
// (which holds only the student's sweep: their child never holds the reference). The panel, the
// extension's snapshot and the report merge the two here, and draw the reference's series dashed
// (kernelCharts.ts) beside the student's.
import type { Implementation, KernelAttentionArtifact, KernelReferenceSweepArtifact } from '../artifact';

/** `run` with `reference`'s sweep, fits and crossovers as its reference series (replacing any it had). */
export function withReferenceSweep(
  run: KernelAttentionArtifact,
  reference: Pick<KernelReferenceSweepArtifact, 'sweep' | 'fits' | 'crossovers'>,
): KernelAttentionArtifact {
  const own = <T extends { implementation: Implementation }>(xs: readonly T[]): T[] =>
    xs.filter((x) => x.implementation !== 'reference');
  return {
    ...run,
    sweep: [...own(run.sweep), ...reference.sweep],
    fits: [...own(run.fits), ...reference.fits],
    crossovers: [...own(run.crossovers), ...reference.crossovers],
  };
}
