// The Q4 run on the quick config (k = 5 only), judged in this thread (the child's experiment, then the
// judge's checks of its record): ae-cell artifacts streamed per cell with progress, one autoencoders
// artifact, the CLI's metrics; the linear autoencoder reaches PCA's subspace on the synthetic data;
// noise and masking only in training (a spy solution through the child's runCell); student errors at
// their markers; a wrong loss caught by the run's PCA check; a NaN loss caught by q4.finite-loss; no
// tensors left behind.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { autoencodersProblem } from '../../../src/core/problems/autoencoders';
import { autoencodersChild } from '../../../src/core/problems/autoencoders/child';
import type { AeCellArtifact, AutoencodersArtifact } from '../../../src/core/problems/autoencoders/artifact';
import type { AeCell } from '../../../src/core/problems/autoencoders/grid';
import type { AutoencoderSolution } from '../../../src/core/problems/autoencoders/solution';
import { isArtifactKind, type RunEvent } from '../../../src/core/engine/events';
import { ShapeError, StudentCodeError } from '../../../src/core/problem';
import { contextOf, findingsIn as findingsOf, judgeQ4, quickConfig } from './support';
import { reference, WRONG } from './wrongSolutions';

type Done = Extract<RunEvent, { type: 'done' }>;
const cellsOf = (events: RunEvent[]): AeCellArtifact[] =>
  events.flatMap((e) =>
    e.type === 'artifact' && isArtifactKind<AeCellArtifact>(e.artifact, 'ae-cell') ? [e.artifact] : [],
  );
const runsOf = (events: RunEvent[]): AutoencodersArtifact[] =>
  events.flatMap((e) =>
    e.type === 'artifact' && isArtifactKind<AutoencodersArtifact>(e.artifact, 'autoencoders') ? [e.artifact] : [],
  );
const bytesOf = (b64: string): number => Buffer.from(b64, 'base64').length;

describe('Q4 run (quick config, k = 5)', function () {
  this.timeout(180_000);
  let events: RunEvent[];
  let leaked: number;
  before(async () => {
    await useTfBackend();
    const before = tf.memory().numTensors;
    events = await judgeQ4(reference, quickConfig({ ks: [5] }));
    leaked = tf.memory().numTensors - before;
  });

  it('the quick and full configs: the homework grid, its hyperparameters, a small quick one', () => {
    const full = autoencodersProblem.defaultConfig(false),
      quick = autoencodersProblem.defaultConfig(true);
    assert.deepEqual(full.ks, [5, 10, 100, 1000]);
    assert.deepEqual(
      [full.datasets, full.activations, full.variants],
      [
        ['synthetic', 'images'],
        ['linear', 'relu'],
        ['vanilla', 'denoising', 'masked'],
      ],
    );
    assert.deepEqual(
      [
        full.synthetic.batchSize,
        full.synthetic.epochs,
        full.synthetic.learningRate,
        full.synthetic.repeats,
        full.synthetic.n,
      ],
      [100, 10, 5e-4, 3, 20_000],
    );
    assert.deepEqual(
      [
        full.images.batchSize,
        full.images.epochs,
        full.images.learningRate,
        full.images.repeats,
        full.images.reluHidden,
      ],
      [100, 5, 1e-3, 1, [256]],
    );
    assert.deepEqual(
      [full.images.fewLabels, full.images.fewLabelEpochs, full.synthetic.probeEpochs, full.imageData],
      [200, 1000, 50, 'embedded'],
    );
    // linear cells: past the homework's 5 MNIST epochs until the angle to PCA settles, ≤ 40 (settle.ts)
    assert.deepEqual(
      [full.images.linearMaxEpochs, full.synthetic.linearMaxEpochs, full.images.angleSettleDeg],
      [40, 30, 0.25],
    );
    assert.deepEqual(quick.ks, [5, 10]);
    assert.ok(quick.synthetic.n <= 5000 && quick.images.split.reduce((a, b) => a + b) <= 2500);
  });

  it("ends done with every check passed (code checks and the run's PCA checks), no tensors left behind", () => {
    const done = events[events.length - 1] as Done;
    assert.equal(done.type, 'done', JSON.stringify(done));
    assert.equal(done.ok, true, JSON.stringify(findingsOf(events).filter((f) => !f.ok)));
    assert.deepEqual(
      findingsOf(events).map((f) => f.checkId),
      [
        'q4.decoder',
        'q4.forward',
        'q4.loss',
        'q4.denoising',
        'q4.masking',
        'q4.probe-accuracy',
        'q4.pca-subspace',
        'q4.pca-residual',
        'q4.pca-subspace',
        'q4.pca-residual',
      ],
    );
    assert.match(findingsOf(events).find((f) => f.checkId === 'q4.loss')!.short!, /^val loss [\d.]+ \(k=5, MNIST\)$/);
    assert.match(
      findingsOf(events).find((f) => f.checkId === 'q4.probe-accuracy')!.short!,
      /^probe [\d.]+ % \(k=5, MNIST\)$/,
    );
    assert.equal(leaked, 0);
  });

  it('streams one ae-cell artifact per cell with progress "cell i/N: …"', () => {
    const cells = cellsOf(events);
    assert.equal(cells.length, 12);
    assert.deepEqual(
      cells.map((c) => c.total),
      new Array(12).fill(12),
    );
    assert.deepEqual(
      cells.map((c) => c.index).sort((a, b) => a - b),
      [...Array(12).keys()],
    );
    const progress = events.flatMap((e) => (e.type === 'progress' && e.message?.startsWith('cell ') ? [e] : []));
    assert.equal(progress.length, 12);
    progress.forEach((p, i) =>
      assert.match(
        p.message!,
        new RegExp(`^cell ${i + 1}/12: (synthetic|MNIST), (linear|ReLU), (vanilla|denoising|masked), k=5: val loss`),
      ),
    );
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i]!.fraction > progress[i - 1]!.fraction);
    for (const { cell } of cells) {
      const config = quickConfig();
      const epochs = cell.dataset === 'synthetic' ? config.synthetic.epochs : config.images.epochs;
      assert.equal(cell.trainLoss.length, epochs);
      assert.equal(cell.valLoss.length, epochs);
      assert.equal(cell.probeCurve.length, epochs);
      assert.equal(cell.finalValLoss, cell.valLoss[epochs - 1]);
      assert.ok(cell.probeAccuracy > 0 && cell.probeAccuracy <= 1);
      assert.equal(cell.anglesDeg !== undefined, cell.activation === 'linear', JSON.stringify(cell.anglesDeg));
      assert.equal(cell.anglesDeg?.length ?? 5, 5);
      assert.equal(cell.fewLabelAccuracy !== undefined, cell.dataset === 'mnist');
      assert.equal(cell.digits !== undefined, cell.dataset === 'mnist');
      if (cell.digits) {
        const d = cell.digits;
        assert.equal(d.original.length, 8);
        for (const img of [...d.original, ...d.corrupted, ...d.reconstructed]) assert.equal(bytesOf(img), 28 * 28);
        assert.equal(
          d.corrupted.every((c, i) => c === d.original[i]),
          cell.variant === 'vanilla',
        );
      }
      assert.ok('lab' in cell === false, 'the artifact carries no lab bookkeeping');
    }
  });

  it("the linear vanilla autoencoder reaches PCA's subspace on the synthetic data: mean angle < 5° at k = 5", () => {
    const cell = cellsOf(events).find(
      (c) => c.cell.dataset === 'synthetic' && c.cell.activation === 'linear' && c.cell.variant === 'vanilla',
    )!.cell;
    const mean = cell.anglesDeg!.reduce((a, b) => a + b, 0) / cell.anglesDeg!.length;
    assert.ok(mean < 5, `mean angle ${mean}°`);
  });

  it('one autoencoders artifact and the metrics the CLI reports (grid, pcaAngles, pcaResidual)', () => {
    const [run, ...more] = runsOf(events);
    assert.equal(more.length, 0);
    assert.equal(run!.cells.length, 12);
    assert.deepEqual(run!.ks, [5]);
    assert.deepEqual(
      run!.datasets.map((d) => [d.dataset, d.inputDim, d.train, d.val, d.test]),
      [
        ['synthetic', 100, 3500, 1000, 500],
        ['mnist', 784, 1500, 500, 500],
      ],
    );
    assert.deepEqual(
      run!.spectra.map((s) => [s.dataset, s.eigenvalues.length]),
      [
        ['synthetic', 100],
        ['mnist', 784],
      ],
    );
    assert.deepEqual(
      run!.pca.map((r) => [r.dataset, r.k, r.exactResidual]),
      [
        ['synthetic', 5, 230],
        ['mnist', 5, undefined],
      ],
    );
    const m = (events[events.length - 1] as Done).metrics as {
      grid: Record<string, unknown>[];
      pcaAngles: Record<string, unknown>[];
      pcaResidual: Record<string, unknown>[];
    };
    assert.deepEqual(Object.keys(m).sort(), ['grid', 'pcaAngles', 'pcaResidual']);
    assert.equal(m.grid.length, 12);
    for (const row of m.grid) {
      const keys = [
        'activation',
        'dataset',
        'finalValLoss',
        'k',
        'probeAccuracy',
        'variant',
        ...(row.dataset === 'mnist' ? ['fewLabelAccuracy'] : []),
      ].sort();
      assert.deepEqual(Object.keys(row).sort(), keys);
    }
    assert.deepEqual(
      m.pcaAngles.map((r) => Object.keys(r).sort()),
      [
        ['dataset', 'k', 'maxDeg', 'meanDeg'],
        ['dataset', 'k', 'maxDeg', 'meanDeg'],
      ],
    );
    assert.deepEqual(Object.keys(m.pcaResidual[0]!).sort(), [
      'aeLoss',
      'dataset',
      'exactResidual',
      'k',
      'pcaProbeAccuracy',
      'pcaProbeConverged',
      'pcaResidual',
    ]);
    // the converged probe fits the very rows the protocol's probe does: it is never far below it
    for (const row of m.pcaResidual as { pcaProbeAccuracy: number; pcaProbeConverged: number }[])
      assert.ok(row.pcaProbeConverged >= row.pcaProbeAccuracy - 0.03, JSON.stringify(row));
    const synthetic = m.pcaResidual[0] as { aeLoss: number; pcaResidual: number; exactResidual: number };
    assert.ok(Math.abs(synthetic.aeLoss / synthetic.pcaResidual - 1) < 0.1, JSON.stringify(synthetic));
  });
});

describe('Q4 cells: noise and masking only in training; student errors at their markers', function () {
  this.timeout(120_000);
  const tiny = () => quickConfig({ synthetic: { ...quickConfig().synthetic, n: 1000, epochs: 2, linearMaxEpochs: 2 } });
  const cell = (variant: AeCell['variant']): AeCell => ({
    dataset: 'synthetic',
    activation: 'linear',
    variant,
    k: 5,
    repeat: 0,
    seed: 7,
  });
  before(async () => {
    await useTfBackend();
  });

  /** The reference, recording each corrupted tensor and where it goes. */
  function spy() {
    const corrupted = new Set<tf.Tensor>();
    const counts = { addNoise: 0, maskInputs: 0, forwardOnCorrupted: 0, lossOnCorrupted: 0 };
    const solution: AutoencoderSolution = {
      ...reference,
      addNoise(x, std, seed) {
        counts.addNoise++;
        const out = reference.addNoise(x, std, seed);
        corrupted.add(out);
        return out;
      },
      maskInputs(x, p, seed) {
        counts.maskInputs++;
        const out = reference.maskInputs(x, p, seed);
        corrupted.add(out);
        return out;
      },
      forward(params, x) {
        if (corrupted.has(x)) counts.forwardOnCorrupted++;
        return reference.forward(params, x);
      },
      reconstructionLoss(x, r) {
        if (corrupted.has(x)) counts.lossOnCorrupted++;
        return reference.reconstructionLoss(x, r);
      },
    };
    return { solution, counts };
  }

  for (const variant of ['vanilla', 'denoising', 'masked'] as const) {
    it(`${variant}: corruption once per training batch, into forward only, never into the loss or evaluation`, async () => {
      const config = tiny();
      const { solution, counts } = spy();
      const before = tf.memory().numTensors;
      await autoencodersChild.runCell!(contextOf(config), solution, cell(variant));
      const batches = config.synthetic.epochs * Math.ceil((0.7 * config.synthetic.n) / config.synthetic.batchSize);
      assert.deepEqual(counts, {
        addNoise: variant === 'denoising' ? batches : 0,
        maskInputs: variant === 'masked' ? batches : 0,
        forwardOnCorrupted: variant === 'vanilla' ? 0 : batches,
        lossOnCorrupted: 0,
      });
      assert.equal(tf.memory().numTensors, before);
    });
  }

  it('an exception in forward during training is a StudentCodeError at q4.forward; a wrong shape a ShapeError there', async () => {
    const throwing: AutoencoderSolution = {
      ...reference,
      forward: (p, x) => {
        if (x.shape[0] > 10) throw new Error('boom');
        return reference.forward(p, x);
      },
    };
    await assert.rejects(
      autoencodersChild.runCell!(contextOf(tiny()), throwing, cell('vanilla')),
      (e: unknown) => e instanceof StudentCodeError && e.marker === 'q4.forward' && /boom/.test(e.message),
    );
    const transposed: AutoencoderSolution = {
      ...reference,
      forward: (p, x) => {
        const o = reference.forward(p, x);
        const r = tf.transpose(o.reconstruction) as tf.Tensor2D;
        o.reconstruction.dispose();
        return { code: o.code, reconstruction: r };
      },
    };
    await assert.rejects(
      autoencodersChild.runCell!(contextOf(tiny()), transposed, cell('vanilla')),
      (e: unknown) => e instanceof ShapeError && e.marker === 'q4.forward',
    );
    const badDecoder: AutoencoderSolution = { ...reference, decoderWidths: (inputDim) => [inputDim + 1] };
    await assert.rejects(
      autoencodersChild.runCell!(contextOf(tiny()), badDecoder, cell('vanilla')),
      (e: unknown) => e instanceof ShapeError && e.marker === 'q4.decoder',
    );
  });

  it('in a judged run, an exception or a wrong shape in training ends the run with an error at the TODO it came from', async () => {
    const config = quickConfig({
      datasets: ['synthetic'],
      activations: ['linear'],
      variants: ['vanilla'],
      ks: [5],
      synthetic: { ...quickConfig().synthetic, n: 1000, epochs: 2 },
    });
    const throwing: AutoencoderSolution = {
      ...reference,
      forward: (p, x) => {
        if (x.shape[0] > 10) throw new Error('boom');
        return reference.forward(p, x);
      },
    };
    const thrown = (await judgeQ4(throwing, config)).at(-1)!;
    assert.ok(
      thrown.type === 'error' &&
        thrown.reason === 'student-code' &&
        thrown.marker === 'q4.forward' &&
        /boom/.test(thrown.message),
      JSON.stringify(thrown),
    );
    const badDecoder: AutoencoderSolution = { ...reference, decoderWidths: (inputDim) => [inputDim + 1] };
    const shape = (await judgeQ4(badDecoder, config)).at(-1)!;
    assert.ok(
      shape.type === 'error' &&
        shape.reason === 'shape' &&
        shape.marker === 'q4.decoder' &&
        /must return positive integer widths ending at the input size 100/.test(shape.message),
      JSON.stringify(shape),
    );
  });

  it("a loss averaged over every entry is caught by the run too: far below PCA's residual", async () => {
    const config = quickConfig({ datasets: ['synthetic'], activations: ['linear'], variants: ['vanilla'], ks: [5] });
    const events = await judgeQ4(WRONG['loss: mean over everything']!.solution, config);
    const residual = findingsOf(events).find((f) => f.checkId === 'q4.pca-residual')!;
    assert.equal(residual.ok, false);
    assert.equal(residual.marker, 'q4.loss');
    assert.match(residual.message, /far below PCA's residual/);
  });

  describe('a NaN loss anywhere in the run fails q4.finite-loss', () => {
    const config = () =>
      quickConfig({
        datasets: ['synthetic'],
        activations: ['linear', 'relu'],
        variants: ['vanilla'],
        ks: [5],
        synthetic: { ...quickConfig().synthetic, n: 1000, epochs: 2 },
      });
    const nanLoss = (x: tf.Tensor2D, r: tf.Tensor2D): tf.Scalar =>
      tf.tidy(() => tf.mul(reference.reconstructionLoss(x, r), NaN) as tf.Scalar);

    it("a loss that is NaN on training batches (right on the checks' small ones): the code checks pass, the run fails q4.finite-loss at q4.loss", async () => {
      const solution: AutoencoderSolution = {
        ...reference,
        reconstructionLoss: (x, r) => (x.shape[0] >= 50 ? nanLoss(x, r) : reference.reconstructionLoss(x, r)),
      };
      const before = tf.memory().numTensors;
      const events = await judgeQ4(solution, config());
      const done = events[events.length - 1] as Done;
      assert.equal(done.type, 'done', JSON.stringify(done));
      assert.equal(done.ok, false);
      const findings = findingsOf(events);
      assert.equal(
        findings.find((f) => f.checkId === 'q4.loss')!.ok,
        true,
        'the code check sees a right loss on its small batches',
      );
      const finite = findings.filter((f) => f.checkId === 'q4.finite-loss');
      assert.equal(finite.length, 1, JSON.stringify(findings.map((f) => f.checkId)));
      assert.equal(finite[0]!.ok, false);
      assert.equal(finite[0]!.severity, 'error');
      assert.equal(finite[0]!.marker, 'q4.loss');
      assert.match(
        finite[0]!.message,
        /^In 2 of 2 cells a training or validation loss is not a finite number, e\.g\. synthetic, linear, vanilla, k=5: the training loss of epoch 1 is NaN\./,
      );
      assert.equal(finite[0]!.short, 'loss ✗ NaN in 2/2 cells');
      assert.equal(tf.memory().numTensors, before);
    });

    it('a loss that is always NaN fails q4.loss and q4.finite-loss; a right one has no q4.finite-loss finding', async () => {
      const events = await judgeQ4({ ...reference, reconstructionLoss: nanLoss }, config());
      const failed = findingsOf(events)
        .filter((f) => !f.ok)
        .map((f) => f.checkId);
      assert.ok(failed.includes('q4.loss') && failed.includes('q4.finite-loss'), failed.join());
      const right = await judgeQ4(reference, config());
      assert.equal(right[right.length - 1]!.type, 'done');
      assert.ok(!findingsOf(right).some((f) => f.checkId === 'q4.finite-loss'));
    });
  });
});
