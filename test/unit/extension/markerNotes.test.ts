import assert from 'node:assert/strict';
import type { Finding, RunEvent } from '../../../src/core/engine/events';
import { addFinding } from '../../../src/extension/model/runResult';
import { markerNotesFor } from '../../../src/extension/model/markerNotes';
import { cellLabel, formatLoss } from '../../../src/core/problems/autoencoders/ui';
import { decorationsFor } from '../../../src/extension/model/decorationModel';
import { diagnosticsFor } from '../../../src/extension/model/diagnosticModel';
import type { FileContext } from '../../../src/extension/model/placement';
import { fixtureAeRun, fixtureCell, fixtureCellArtifacts, fixtureCells } from '../../fixtures/ae-artifact';

const artifact = (a: Extract<RunEvent, { type: 'artifact' }>['artifact']): RunEvent => ({
  type: 'artifact',
  artifact: a,
});

// A q4 file's shape: the six markers, in the template's order.
const text = [
  'export function decoderWidths(encoder: number[]): number[] {', // 0
  '  // TODO(hw6:q4.decoder)',
  '}',
  'export function forward() {', // 3
  '  // TODO(hw6:q4.forward)',
  '}',
  'export function reconstructionLoss() {', // 6
  '  // TODO(hw6:q4.loss)',
  '}',
  'export function addNoise() {', // 9
  '  // TODO(hw6:q4.denoising)',
  '}',
  'export function maskInputs() {', // 12
  '  // TODO(hw6:q4.masking)',
  '}',
  'export function probeAccuracy() {', // 15
  '  // TODO(hw6:q4.probe-accuracy)',
  '}',
].join('\n');
const ctx: FileContext = {
  text,
  fileName: 'q4_autoencoders.ts',
  markerIds: ['q4.decoder', 'q4.forward', 'q4.loss', 'q4.denoising', 'q4.masking', 'q4.probe-accuracy'],
};

describe('problem 4 marker notes', () => {
  it("puts the last cell's validation loss at the loss TODO, the last denoising / masked cell's at theirs, the last probe accuracy at the probe's", () => {
    const notes = markerNotesFor('autoencoders');
    const cells = fixtureCellArtifacts(fixtureCells([5, 10]));
    for (const c of cells) notes.observe(artifact(c));
    const last = cells[cells.length - 1]!.cell; // mnist relu masked k=10
    const byMarker = new Map(notes.notes().map((n) => [n.marker, n.text]));
    assert.equal(byMarker.get('q4.loss'), `val loss ${formatLoss(last.finalValLoss)} (MNIST ReLU masked k=10)`);
    assert.equal(byMarker.get('q4.masking'), `val loss ${formatLoss(last.finalValLoss)} (MNIST ReLU masked k=10)`);
    const denoising = cells
      .map((c) => c.cell)
      .filter((c) => c.variant === 'denoising')
      .pop()!;
    assert.equal(
      byMarker.get('q4.denoising'),
      `val loss ${formatLoss(denoising.finalValLoss)} (MNIST ReLU denoising k=10)`,
    );
    assert.equal(
      byMarker.get('q4.probe-accuracy'),
      `probe ${(last.probeAccuracy * 100).toFixed(1)} % (MNIST ReLU masked k=10)`,
    );
    assert.equal(byMarker.get('q4.forward'), `${cells.length} cells trained`);
    assert.equal(byMarker.has('q4.decoder'), false);
  });

  it("takes the final artifact's cells (streamed order kept) and ignores cells streamed after it", () => {
    const notes = markerNotesFor('autoencoders');
    const a = fixtureCell({ variant: 'vanilla', k: 5, finalValLoss: 111 });
    const b = fixtureCell({ variant: 'vanilla', k: 10, finalValLoss: 222 });
    notes.observe(artifact({ kind: 'ae-cell', index: 1, total: 2, cell: b }));
    // The final run lists the cells in grid order; the last to finish is still b.
    notes.observe(artifact(fixtureAeRun([a, b])));
    notes.observe(artifact({ kind: 'ae-cell', index: 0, total: 2, cell: fixtureCell({ k: 100, finalValLoss: 999 }) }));
    const loss = notes.notes().find((n) => n.marker === 'q4.loss')!;
    assert.match(loss.text, /^val loss 222 \(synthetic linear vanilla k=10\)$/);
    assert.match(notes.notes().find((n) => n.marker === 'q4.forward')!.text, /^2 cells trained$/);
  });

  it('says nothing before a cell finished, nor for other problems', () => {
    const ae = markerNotesFor('autoencoders');
    ae.observe({ type: 'metric', name: 'valLoss', step: 1, value: 3 });
    assert.deepEqual(ae.notes(), []);
    const zkc = markerNotesFor('zkc');
    zkc.observe(artifact({ kind: 'ae-cell', index: 0, total: 1, cell: fixtureCell() }));
    assert.deepEqual(zkc.notes(), []);
  });

  it('labels cells and formats losses briefly', () => {
    assert.equal(
      cellLabel({ dataset: 'idx', activation: 'relu', variant: 'denoising', k: 1000, repeat: 2 }),
      'IDX ReLU denoising k=1000 #3',
    );
    assert.equal(formatLoss(236.41), '236');
    assert.equal(formatLoss(0.012345), '0.0123');
    assert.equal(formatLoss(2.5e-5), '2.50e-5');
  });

  it('decorations show the notes after passed checks, alone (info) where no check spoke, and only in the hover after a failure', () => {
    const notes = markerNotesFor('autoencoders');
    for (const c of fixtureCellArtifacts(fixtureCells([5]))) notes.observe(artifact(c));
    const result = {
      problemId: 'autoencoders',
      findings: [
        {
          checkId: 'q4.loss',
          ok: true,
          message: 'the loss matches a hand-computed example',
          short: 'loss ✓',
          marker: 'q4.loss',
        },
        {
          checkId: 'q4.masking',
          ok: false,
          message: 'masking leaks into evaluation',
          short: 'mask leaks into eval',
          marker: 'q4.masking',
        },
      ],
      notes: notes.notes(),
    };
    const decorations = new Map(decorationsFor(result, ctx, { maxLength: 80 }).map((d) => [d.markerId, d]));
    assert.equal(decorations.get('q4.loss')!.state, 'passed');
    assert.match(decorations.get('q4.loss')!.text, /^✓ passed · val loss \d+(\.\d+)? \(MNIST ReLU masked k=5\)$/);
    assert.equal(decorations.get('q4.masking')!.state, 'failed');
    assert.equal(decorations.get('q4.masking')!.text, '✗ mask leaks into eval');
    assert.ok(
      decorations.get('q4.masking')!.details.some((d) => d.includes('last masked cell')),
      'the value is in the hover',
    );
    assert.equal(decorations.get('q4.probe-accuracy')!.state, 'info');
    assert.match(decorations.get('q4.probe-accuracy')!.text, /^probe \d+\.\d % \(MNIST ReLU masked k=5\)$/);
    assert.equal(decorations.get('q4.probe-accuracy')!.line, 16);
    assert.equal(decorations.has('q4.decoder'), false);
    // A check's short reporting the same quantity as a note gives way to it; other measured shorts stay.
    const twice = decorationsFor(
      {
        ...result,
        findings: [
          ...result.findings,
          {
            checkId: 'q4.pca-residual',
            ok: true,
            message: 'near PCA',
            short: 'val loss 45.5 (k=5, MNIST)',
            marker: 'q4.loss',
          },
          { checkId: 'q4.x', ok: true, message: 'x', short: 'forms agree to 1e-7', marker: 'q4.forward' },
        ],
      },
      ctx,
      { maxLength: 80 },
    );
    assert.match(
      twice.find((d) => d.markerId === 'q4.loss')!.text,
      /^✓ all 2 checks passed · val loss [\d.]+ \(MNIST ReLU masked k=5\)$/,
    );
    assert.equal(
      twice.find((d) => d.markerId === 'q4.forward')!.text,
      '✓ passed · 12 cells trained · forms agree to 1e-7',
    );
    // Notes never become diagnostics: only the failed check does, at its TODO.
    assert.deepEqual(
      diagnosticsFor(result, ctx).map((d) => [d.code, d.line]),
      [['q4.masking', 13]],
    );
  });
});

describe('findings from many grid cells', () => {
  it('keep one of each identical result, and every different one', () => {
    const findings: Finding[] = [];
    const leak: Finding = {
      checkId: 'q4.leak',
      ok: false,
      message: 'noise reaches evaluation',
      marker: 'q4.denoising',
    };
    for (let i = 0; i < 24; i++) addFinding(findings, { ...leak });
    addFinding(findings, { ...leak, marker: 'q4.masking' });
    addFinding(findings, { ...leak, ok: true });
    addFinding(findings, { ...leak, location: { file: 'q4_autoencoders.ts', line: 40 } });
    assert.equal(findings.length, 4);
    assert.deepEqual(
      diagnosticsFor({ problemId: 'autoencoders', findings }, ctx).map((d) => [d.code, d.line]),
      [
        ['q4.leak', 10],
        ['q4.leak', 13],
        ['q4.leak', 17],
      ],
    );
  });
});
