// The series of a ZKC run as CSV (one row per mask mode and epoch), for the panel's export.
import type { ZkcRunArtifact } from '../artifact';

export const ZKC_CSV_HEADER = ['mask_mode', 'epoch', 'train_loss', 'test_loss', 'test_accuracy'] as const;

/** Full precision (shortest round-trip form), `\n` line ends, a trailing newline. */
export function zkcSeriesCsv(run: Pick<ZkcRunArtifact, 'series'>): string {
  const rows: string[] = [ZKC_CSV_HEADER.join(',')];
  for (const s of run.series)
    for (let i = 0; i < s.epochs.length; i++)
      rows.push([s.maskMode, s.epochs[i], s.trainLoss[i], s.testLoss[i], s.testAccuracy[i]].map(String).join(','));
  return rows.join('\n') + '\n';
}

/** The embedding frames of one series: epoch, node, x, y. */
export function zkcEmbeddingCsv(run: Pick<ZkcRunArtifact, 'series'>): string {
  const rows = ['mask_mode,epoch,node,x,y'];
  for (const s of run.series)
    s.embeddings.forEach((frame, f) => {
      for (let node = 0; 2 * node + 1 < frame.length; node++)
        rows.push(`${s.maskMode},${s.embeddingEpochs[f]},${node},${frame[2 * node]},${frame[2 * node + 1]}`);
    });
  return rows.join('\n') + '\n';
}
