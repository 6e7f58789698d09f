// What the judge accepts from problem 4's child: a record and artifacts whose losses may be NaN or
// infinite (q4.finite-loss judges those), but whose kinds, sizes, indices, the lab's own counts and
// digit strips must be what the lab's code produces; anything else is refused.
import assert from 'node:assert/strict';
import {
  aeCellArtifactSchema,
  aeRecordSchema,
  aeRecordSchemaFor,
  autoencodersArtifactSchema,
} from '../../../src/core/problems/autoencoders/schemas';
import { base64 } from '../../../src/core/problems/autoencoders/digits';

const cell = (over: Record<string, unknown> = {}) => ({
  dataset: 'mnist',
  activation: 'linear',
  variant: 'vanilla',
  k: 5,
  repeat: 0,
  seed: 4017,
  trainLoss: [40.1, 30.2],
  valLoss: [39, 29.5],
  probeCurve: [0.5, 0.6],
  finalValLoss: 29.5,
  probeAccuracy: 0.61,
  fewLabelAccuracy: 0.4,
  anglesDeg: [1, 2, 3, 4, 5],
  ms: 1200,
  digits: {
    width: 2,
    height: 2,
    original: [base64(new Uint8Array(4))],
    corrupted: [base64(new Uint8Array(4))],
    reconstructed: [base64(new Uint8Array(4))],
    labels: [7],
  },
  ...over,
});
const record = (cells: unknown[]) => ({
  cells,
  pca: [{ dataset: 'mnist', k: 5, pcaResidual: 30, aeLoss: 29.5, meanDeg: 3, maxDeg: 5, pcaProbeAccuracy: 0.6 }],
});
const lab = { lab: { probeAccuracy: 0.61, fewLabelAccuracy: 0.4 } };

describe("Q4 schemas of the child's record and artifacts", () => {
  it('accept what the run produces, NaN and infinite losses included; drop keys they do not know', () => {
    const nan = cell({ trainLoss: [NaN, Infinity], valLoss: [NaN, NaN], finalValLoss: NaN, anglesDeg: [NaN] });
    const parsed = aeRecordSchema.parse(
      record([
        { ...cell(), ...lab },
        { ...nan, ...lab, extra: 'x' },
      ]),
    );
    assert.ok(Number.isNaN(parsed.cells[1]!.finalValLoss));
    assert.equal('extra' in parsed.cells[1]!, false);
    assert.ok(aeCellArtifactSchema.safeParse({ kind: 'ae-cell', index: 1, total: 2, cell: nan }).success);
    const run = {
      kind: 'autoencoders',
      title: 't',
      datasets: [
        {
          dataset: 'mnist',
          name: 'MNIST',
          inputDim: 4,
          train: 10,
          val: 5,
          test: 5,
          epochs: 2,
          batchSize: 100,
          learningRate: 1e-3,
          repeats: 1,
        },
      ],
      ks: [5],
      cells: [nan],
      pca: record([]).pca,
      spectra: [{ dataset: 'mnist', eigenvalues: [3, 2, 1, 0] }],
      wallMs: 10,
      workers: 2,
    };
    assert.ok(autoencodersArtifactSchema.safeParse(run).success);
  });

  it("accept the student build's record: no lab count, and accuracies that are the student's probeAccuracy's, whatever it returned", () => {
    const percent = cell({ probeCurve: [50, 61], probeAccuracy: 61 });
    const parsed = aeRecordSchemaFor('student').parse({
      ...record([percent]),
      pca: [{ ...record([]).pca[0], pcaProbeAccuracy: 60 }],
    });
    assert.equal('lab' in parsed.cells[0]!, false);
    assert.deepEqual(parsed.cells[0]!.probeCurve, [50, 61]);
    assert.ok(aeCellArtifactSchema.safeParse({ kind: 'ae-cell', index: 0, total: 1, cell: percent }).success);
  });

  it('refuse a loss that is not a number, a cell past the grid, a lab count outside 0…1, a malformed digit strip, an unknown dataset', () => {
    assert.equal(aeRecordSchema.safeParse(record([{ ...cell({ valLoss: ['1'] }), ...lab }])).success, false);
    assert.equal(aeRecordSchema.safeParse(record([{ ...cell(), lab: { probeAccuracy: 61 } }])).success, false);
    assert.equal(
      aeRecordSchema.safeParse(record([cell()])).success,
      false,
      "a staff record cell carries the lab's count",
    );
    assert.equal(aeCellArtifactSchema.safeParse({ kind: 'ae-cell', index: 2, total: 2, cell: cell() }).success, false);
    assert.equal(
      aeCellArtifactSchema.safeParse({
        kind: 'ae-cell',
        index: 0,
        total: 2,
        cell: cell({ digits: { ...cell().digits, original: ['AAAA'] } }),
      }).success,
      false,
    );
    assert.equal(
      aeCellArtifactSchema.safeParse({ kind: 'ae-cell', index: 0, total: 2, cell: cell({ dataset: 'cifar' }) }).success,
      false,
    );
    assert.equal(
      aeCellArtifactSchema.safeParse({ kind: 'ae-cell', index: 0, total: 2, cell: cell({ trainLoss: [] }) }).success,
      false,
    );
  });
});
