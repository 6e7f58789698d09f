// Problem 3 in the report: the checks, time and memory against N, the crossovers, the fitted exponents.
import type { Artifact } from '../../engine/events';
import { formatValue, textTable } from '../../report/format';
import type { Block, ProblemReport } from '../../report/types';
import type { KernelAttentionArtifact, KernelReferenceSweepArtifact } from './artifact';
import { formatCost, renderKernelCostSvg, slopeText, sweepSeries } from './figures/kernelCharts';
import { withReferenceSweep } from './figures/kernelReference';

export const report: ProblemReport = {
  kinds: ['kernel-attention', 'kernel-reference-sweep'],
  artifactBlocks: (artifact: Artifact, idPrefix: string) =>
    artifact.kind === 'kernel-attention'
      ? kernelRunBlocks(artifact as KernelAttentionArtifact, idPrefix)
      : kernelReferenceBlocks(artifact as KernelReferenceSweepArtifact, idPrefix), // only without its run (arrange merges it into the run)
  arrange: withReference,
};

/**
 * The judge's sweep of the lab's reference (`kernel-reference-sweep`) inside the run it was swept
 * beside (`kernel-attention`, whose sweep is the student's alone), drawn dashed there.
 */
function withReference(artifacts: readonly Artifact[]): Artifact[] {
  const reference = artifacts.filter((a) => a.kind === 'kernel-reference-sweep').at(-1) as
    | KernelReferenceSweepArtifact
    | undefined;
  const kernelRun = artifacts.some((a) => a.kind === 'kernel-attention');
  return artifacts
    .filter((a) => !(kernelRun && a.kind === 'kernel-reference-sweep'))
    .map((a) =>
      a.kind === 'kernel-attention' && reference ? withReferenceSweep(a as KernelAttentionArtifact, reference) : a,
    );
}

/** A problem 3 run: the checks, time and memory against N (log-log, slopes, crossovers), the crossover and exponent tables, the sweep. */
function kernelRunBlocks(run: KernelAttentionArtifact, idPrefix: string): Block[] {
  const e = run.equivalence;
  const f = run.featureSize;
  const memory = sweepSeries(run, 'bytes');
  return [
    { kind: 'heading', level: 3, text: run.title },
    {
      kind: 'checks',
      items: [
        {
          ok: e.ok,
          text: `max |eq. 3 − eq. 5| = ${formatValue(e.maxAbsDiff)} (tolerance ${formatValue(e.tolerance)}) at N = ${e.N}, D = ${e.D}, M = ${e.M}`,
        },
        {
          ok: f.accepted.includes(f.actual),
          text: `φ has ${f.actual} entries for D = ${f.D} (accepted: ${f.accepted.join(' or ')})`,
        },
      ],
    },
    {
      kind: 'figures',
      figures: [
        { svg: renderKernelCostSvg(run, 'ms', { idPrefix }) },
        { svg: renderKernelCostSvg(run, 'bytes', { idPrefix }) },
      ],
    },
    { kind: 'heading', level: 4, text: 'Crossover' },
    textTable(
      ['D', 'implementation', 'measured N', 'FLOP model N'],
      run.crossovers.map((c) => [
        String(c.D),
        c.implementation,
        c.measuredN === null ? 'not within the sweep' : String(c.measuredN),
        String(Math.round(c.flopModelN)),
      ]),
    ),
    { kind: 'heading', level: 4, text: 'Fitted growth exponents' },
    textTable(
      ['implementation', 'form', 'D', 'time slope', 'memory slope', 'N range'],
      sweepSeries(run, 'ms').map((s) => {
        const m = memory.find((x) => x.implementation === s.implementation && x.form === s.form && x.D === s.D)?.fit;
        const range = s.fit ?? m;
        return [
          s.implementation,
          s.form,
          String(s.D),
          slopeText(s.fit),
          slopeText(m),
          range ? `${range.nFrom}–${range.nTo}` : '–',
        ];
      }),
    ),
    {
      kind: 'fold',
      summary: [`The sweep (${run.sweep.length} timed calls)`],
      blocks: [
        textTable(
          ['implementation', 'form', 'N', 'D', 'M', 'time', 'peak memory'],
          run.sweep.map((p) => [
            p.implementation,
            p.form,
            String(p.N),
            String(p.D),
            String(p.M),
            formatCost('ms', p.ms),
            formatCost('bytes', p.bytes),
          ]),
        ),
      ],
    },
  ];
}

/** The lab's reference swept beside a problem 3 run that the report does not have: its figures and fitted exponents alone. */
function kernelReferenceBlocks(reference: KernelReferenceSweepArtifact, idPrefix: string): Block[] {
  const memory = sweepSeries(reference, 'bytes');
  return [
    { kind: 'heading', level: 3, text: reference.title },
    {
      kind: 'figures',
      figures: [
        { svg: renderKernelCostSvg(reference, 'ms', { idPrefix }) },
        { svg: renderKernelCostSvg(reference, 'bytes', { idPrefix }) },
      ],
    },
    textTable(
      ['implementation', 'form', 'D', 'time slope', 'memory slope'],
      sweepSeries(reference, 'ms').map((s) => {
        const m = memory.find((x) => x.form === s.form && x.D === s.D)?.fit;
        return [s.implementation, s.form, String(s.D), slopeText(s.fit), slopeText(m)];
      }),
    ),
  ];
}
