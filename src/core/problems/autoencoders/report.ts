// Problem 4 in the report: the whole grid's figures and tables, or the cells of a run cut short.
import type { Artifact } from '../../engine/events';
import { textTable } from '../../report/format';
import type { Block, ProblemReport } from '../../report/types';
import type { AeCellArtifact, AutoencodersArtifact } from './artifact';
import { AE_TABLE_COLUMNS, aeReportParts, aeTableRows } from './figures/aeCharts';

export const report: ProblemReport = {
  kinds: ['autoencoders', 'ae-cell'],
  // A cell alone draws nothing: a run cut short has its cells drawn together (afterArtifacts).
  artifactBlocks: (artifact: Artifact, idPrefix: string) =>
    artifact.kind === 'autoencoders' ? autoencodersBlocks(artifact as AutoencodersArtifact, idPrefix) : [],
  // The streamed cells only when no final artifact has them all.
  arrange: (artifacts) =>
    artifacts.some((a) => a.kind === 'autoencoders') ? artifacts.filter((a) => a.kind !== 'ae-cell') : [...artifacts],
  afterArtifacts: (artifacts) => {
    const cells = artifacts.some((a) => a.kind === 'autoencoders')
      ? []
      : (artifacts.filter((a) => a.kind === 'ae-cell') as AeCellArtifact[]);
    return cells.length > 0 ? aeCellsBlocks(cells) : [];
  },
};

/** Which protocol each probe column follows. */
const PROBE_PROTOCOLS =
  'Probe accuracies follow the homework’s protocol: a linear probe trained with Adam (lr 1e-3, batch 100, ' +
  'a fixed number of epochs) on the validation split, tested on the test split. “Converged probe” is the same ' +
  'multinomial logistic regression on the same rows, trained to convergence (full batch, L-BFGS until the ' +
  'gradient vanishes, L2 1e-4): on MNIST the protocol stops several points short of it.';

/** A problem 4 run: what it trained, every figure, the PCA link and the whole grid as tables. */
function autoencodersBlocks(run: AutoencodersArtifact, idPrefix: string): Block[] {
  const parts = aeReportParts(run, { idPrefix });
  const figure = (f: (typeof parts.figures)[number]): Block => ({
    kind: 'figures',
    figures: [{ title: f.title, caption: f.caption, svg: f.svg }],
  });
  // The PCA link, digits and spectra first; the many per-epoch curves (two per dataset × activation × variant) in a fold.
  const curves = parts.figures.filter((f) => f.id.startsWith('curves-'));
  const others = parts.figures.filter((f) => !f.id.startsWith('curves-'));
  return [
    { kind: 'heading', level: 3, text: run.title },
    { kind: 'text', text: [parts.summary], muted: true },
    { kind: 'heading', level: 4, text: 'PCA and the linear autoencoder' },
    textTable(parts.pcaTable.columns, parts.pcaTable.rows),
    { kind: 'text', text: [PROBE_PROTOCOLS], muted: true },
    { kind: 'heading', level: 4, text: `The grid (${run.cells.length} cells)` },
    textTable(parts.table.columns, parts.table.rows),
    ...others.map(figure),
    {
      kind: 'fold',
      summary: [
        `Validation loss, probe accuracy and (linear cells) the angle to PCA per epoch (${curves.length} figures)`,
      ],
      blocks: curves.map(figure),
    },
  ];
}

/** Problem 4 cut short (an error, a time limit): the cells that finished, as a table. */
function aeCellsBlocks(cells: readonly AeCellArtifact[]): Block[] {
  return [
    { kind: 'heading', level: 3, text: `Autoencoders: ${cells.length} of ${cells[0]!.total} grid cells finished` },
    textTable([...AE_TABLE_COLUMNS], aeTableRows(cells.map((c) => c.cell))),
  ];
}
