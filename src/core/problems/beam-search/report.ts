// Problem 5 in the report: each beam trace as a tree, with the beam, greedy and exhaustive bests.
import type { Artifact } from '../../engine/events';
import type { Block, ProblemReport } from '../../report/types';
import type { BeamTraceArtifact } from './artifact';
import { renderBeamTreeSvg } from './figures/beamTree';
import { detokenize, type BeamTrace } from './trace';

export const report: ProblemReport = {
  kinds: ['beam-trace'],
  artifactBlocks: (artifact: Artifact, idPrefix: string) =>
    beamTraceBlocks((artifact as BeamTraceArtifact).trace, idPrefix),
};

function beamTraceBlocks(trace: BeamTrace, idPrefix: string): Block[] {
  const words = (tokens: readonly number[]): string => detokenize(tokens, trace.vocab);
  const overlays: { label: string; seq: { tokens: readonly number[]; score: number } | undefined }[] = [
    { label: 'beam best', seq: trace.final[0] },
    { label: 'greedy', seq: trace.greedy },
    { label: 'exhaustive best', seq: trace.exhaustive },
  ];
  const text = overlays
    .filter((o) => o.seq)
    .flatMap((o, i) => [
      ...(i > 0 ? [' · '] : []),
      `${o.label}: `,
      { quote: words(o.seq!.tokens) },
      ` (${o.seq!.score.toFixed(2)})`,
    ]);
  return [
    {
      kind: 'figures',
      figures: [
        {
          title: trace.title,
          caption: `${trace.source} · k = ${trace.k}, T = ${trace.T}, vocabulary ${trace.vocab.length}`,
          svg: renderBeamTreeSvg(trace, { idPrefix, width: 900 }),
        },
      ],
    },
    { kind: 'text', text, muted: true },
  ];
}
