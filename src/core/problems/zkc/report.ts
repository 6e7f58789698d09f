// Problem 1 in the report: the graph, the curves and final embedding per mask mode, the gradient check.
import type { Artifact } from '../../engine/events';
import { formatValue, textTable } from '../../report/format';
import type { Block, ProblemReport } from '../../report/types';
import type { ZkcGradCheckArtifact, ZkcGradCheckRow, ZkcRunArtifact } from './artifact';
import { renderZkcAccuracySvg, renderZkcLossSvg } from './figures/zkcCurves';
import { renderZkcEmbeddingSvg, renderZkcGraphSvg } from './figures/zkcGraph';

export const report: ProblemReport = {
  kinds: ['zkc-run', 'zkc-gradcheck'],
  artifactBlocks: (artifact: Artifact) =>
    artifact.kind === 'zkc-run'
      ? zkcRunBlocks(artifact as ZkcRunArtifact)
      : zkcGradCheckBlocks((artifact as ZkcGradCheckArtifact).rows),
  arrange: withGradCheck,
};

/**
 * The judge's gradient check (`zkc-gradcheck`) inside the run it checked (`zkc-run`'s gradCheck,
 * which the child leaves empty), or on its own when the run had none (checks only).
 */
function withGradCheck(artifacts: readonly Artifact[]): Artifact[] {
  const gradCheck = artifacts.filter((a) => a.kind === 'zkc-gradcheck').at(-1) as ZkcGradCheckArtifact | undefined;
  const zkcRun = artifacts.some((a) => a.kind === 'zkc-run');
  return artifacts
    .filter((a) => !(zkcRun && a.kind === 'zkc-gradcheck'))
    .map((a) => (a.kind === 'zkc-run' && gradCheck ? { ...a, gradCheck: gradCheck.rows } : a));
}

/** A ZKC run: the graph, per mask mode the curves and the final embedding; where training ended; the gradient check. */
function zkcRunBlocks(run: ZkcRunArtifact): Block[] {
  const last = <T>(xs: readonly T[]): T | undefined => xs[xs.length - 1];
  // Ids unique per run in the page (one ZKC run per report, but titles keep two apart).
  const prefix = `${run.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-`;
  const blocks: Block[] = [
    { kind: 'heading', level: 3, text: run.title },
    { kind: 'figures', figures: [{ svg: renderZkcGraphSvg(run.graph, { idPrefix: prefix }) }] },
  ];
  for (const s of run.series) {
    const id = `${prefix}${s.maskMode}-`;
    const i = s.embeddings.length - 1;
    const figures = [
      { svg: renderZkcLossSvg(s, { idPrefix: id }) },
      { svg: renderZkcAccuracySvg(s, { idPrefix: id }) },
    ];
    if (i >= 0)
      figures.push({
        svg: renderZkcEmbeddingSvg(run.graph, s.embeddings[i], {
          idPrefix: id,
          epoch: s.embeddingEpochs[i],
          predictions: s.predictions,
          title: `Final embedding (${s.maskMode})`,
        }),
      });
    blocks.push({ kind: 'heading', level: 4, text: `Mask mode ${s.maskMode}` }, { kind: 'figures', figures });
  }
  blocks.push(
    textTable(
      ['mask mode', 'epochs', 'stopped by', 'final train loss', 'final test loss', 'final test accuracy'],
      run.series.map((s) => [
        s.maskMode,
        String(last(s.epochs) ?? 0),
        s.stopReason,
        formatValue(last(s.trainLoss) ?? NaN),
        formatValue(last(s.testLoss) ?? NaN),
        formatValue(last(s.testAccuracy) ?? NaN),
      ]),
    ),
    ...zkcGradCheckBlocks(run.gradCheck),
  );
  return blocks;
}

/** The judge's gradient check (reportArtifacts puts its rows into the run); none when networkPass could not be compared. */
function zkcGradCheckBlocks(rows: readonly ZkcGradCheckRow[]): Block[] {
  return [
    { kind: 'heading', level: 3, text: 'Gradient check' },
    rows.length === 0
      ? {
          kind: 'text',
          text: [
            'No gradient check: networkPass could not be compared with the float64 ground truth (see ',
            { code: 'q1.network' },
            ').',
          ],
          muted: true,
        }
      : textTable(
          ['parameter', 'relative error', 'tolerance', 'result'],
          rows.map((g) => [
            g.parameter,
            g.relativeError.toExponential(2),
            g.tolerance.toExponential(0),
            g.ok ? 'pass' : 'FAIL',
          ]),
        ),
  ];
}
