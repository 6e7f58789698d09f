// Problem 4's child half: the experiment, run where the student's code runs. It builds and trains
// the homework's grid {synthetic, MNIST} × {linear, ReLU} × {vanilla, denoising, masked} × k (cells
// spread over ctx.pool: the judge dispatches them), probes every frozen encoder, and compares the
// linear autoencoders with PCA (eigendecomposition of the training covariance): principal angles
// between subspaces and the final loss beside the residual Σ_{i>k} λ_i. Every accuracy it shows is
// the student's probeAccuracy; the staff build also counts the final ones itself (labCount.ts: the
// cells' `lab`, for q4.probe-count), the student build does not. It returns what it measured (the
// record) and never judges it: the checks are the judge's (index.ts).
import * as tf from '@tensorflow/tfjs-core';
import { sequentialPool } from '../../engine/cells';
import type { ProblemChild, RunContext, RunOutput } from '../../problem';
import { anglesBetweenBases, matrixOf, meanOf, orthonormalBasis } from './angles';
import type { AeDataset, AutoencodersArtifact, PcaRow } from './artifact';
import { datasetConfig, imageDataset, validateConfig, type AutoencodersConfig } from './config';
import { digitStrip } from './digits';
import {
  buildGrid,
  cellCost,
  dispatchOrder,
  encoderWidths,
  loadData,
  pcaBasisOf,
  pcaOf,
  type AeCell,
  type AeData,
} from './grid';
import { decoderOf, observedCall, studentAccuracy, tagged } from './harness';
import { cellLabel, datasetLabel } from './labels';
import { buildAutoencoder } from './model';
import { OBSERVE_TASK, type ObserveInput } from './observe';
import { pcaFeatures, pcaReferenceDim, pcaResidual, topComponents } from './pca';
import { convergedProbe } from './convergedProbe';
import { labCount } from './labCount';
import { fewLabels, probeLogits, trainProbe, type Features, type LinearProbe } from './probe';
import { angleSummary, cellResult, linearVanilla, metricsOf, type AeCellOutcome, type AeRecord } from './results';
import type { AutoencoderSolution } from './solution';
import { autoencoderSolutionFrom } from './solutionFrom';
import { linearCellDone } from './settle';
import { encode, trainAutoencoder } from './train';

export const autoencodersChild: ProblemChild<AutoencoderSolution, AutoencodersConfig> = {
  id: 'autoencoders',
  solutionFrom: autoencoderSolutionFrom,
  run: runAutoencoders,
  runCell: (ctx, solution, cell) => runCell(ctx, solution, cell as AeCell),
  tasks: {
    /** One student call and the state of its tensor arguments afterwards (the judge's forward, noise and mask checks). */
    [OBSERVE_TASK]: (_ctx, solution, input) => observedCall(solution, input as ObserveInput),
  },
};

const featuresOf = (x: Float32Array, labels: ArrayLike<number>, dim: number): Features => ({
  x,
  labels,
  n: labels.length,
  dim,
});

/** A metric event, when its value can be drawn (a NaN loss is the record's to report, not the chart's). */
function emitMetric(ctx: RunContext<AutoencodersConfig>, name: string, step: number, value: number): void {
  if (Number.isFinite(value)) ctx.emit({ type: 'metric', name, step, value });
}

/** One grid cell: train, probe (per epoch and at the end), angles to PCA (linear), digits (images). */
async function runCell(
  ctx: RunContext<AutoencodersConfig>,
  solution: AutoencoderSolution,
  cell: AeCell,
): Promise<AeCellOutcome> {
  const config = validateConfig(ctx.config);
  const started = Date.now();
  const data = await loadData(config, cell.dataset, ctx.files);
  const dc = datasetConfig(config, cell.dataset);
  const sol = tagged(solution);
  const widths = encoderWidths(config, cell.dataset, cell.activation, cell.k);
  const model = buildAutoencoder(data.dim, widths, cell.activation, decoderOf(sol, data.dim, widths), cell.seed);
  const probeOptions = (epochs: number, salt: number) => ({
    classes: data.classes,
    epochs,
    batchSize: config.probeBatchSize,
    learningRate: config.probeLearningRate,
    seed: (cell.seed + salt) >>> 0,
  });
  try {
    // Linear cells below the input size: the decoder's angles to PCA after every epoch, and training
    // until they settle (settle.ts) within the dataset's budget.
    const anglesNow = cell.activation === 'linear' && cell.k < data.dim ? anglesToPca(config, data, cell) : undefined;
    const probeCurve: number[] = [];
    const angleCurve: number[] = [];
    let curveProbe: LinearProbe | undefined; // carried from epoch to epoch (see curveProbeEpochs)
    const metric = `q4.${cell.dataset}.${cell.activation}.${cell.variant}.k${cell.k}.r${cell.repeat}`;
    const curves = await trainAutoencoder(
      sol,
      model,
      { train: data.train.x, val: data.val.x, dim: data.dim },
      {
        variant: cell.variant,
        epochs: anglesNow ? dc.linearMaxEpochs : dc.epochs,
        batchSize: dc.batchSize,
        learningRate: dc.learningRate,
        seed: cell.seed,
        signal: ctx.signal,
        noiseStd: config.noiseStd,
        maskProb: config.maskProb,
        onEpoch(e) {
          const val = featuresOf(encode(sol, model, data.val.x, data.dim), data.val.labels, cell.k);
          const test = featuresOf(encode(sol, model, data.test.x, data.dim), data.test.labels, cell.k);
          curveProbe = trainProbe(val, {
            ...probeOptions(dc.curveProbeEpochs, e.epoch),
            ...(curveProbe ? { init: curveProbe } : {}),
          });
          const accuracy = studentAccuracy(sol, probeLogits(curveProbe, test), test.labels, data.classes);
          probeCurve.push(accuracy);
          emitMetric(ctx, `${metric}.valLoss`, e.epoch, e.valLoss);
          emitMetric(ctx, `${metric}.probeAccuracy`, e.epoch, accuracy);
          if (anglesNow) {
            angleCurve.push(meanOf(anglesNow(model.decoder[0]!.w)));
            emitMetric(ctx, `${metric}.meanAngleDeg`, e.epoch, angleCurve[angleCurve.length - 1]!);
          }
        },
        stopAfter: () =>
          anglesNow !== undefined &&
          linearCellDone(angleCurve, {
            minEpochs: dc.epochs,
            maxEpochs: dc.linearMaxEpochs,
            tolDeg: dc.angleSettleDeg,
          }),
      },
    );
    ctx.signal.throwIfCancelled();
    const val = featuresOf(encode(sol, model, data.val.x, data.dim), data.val.labels, cell.k);
    const test = featuresOf(encode(sol, model, data.test.x, data.dim), data.test.labels, cell.k);
    const full = probeLogits(trainProbe(val, probeOptions(dc.probeEpochs, 1000)), test);
    const lab: AeCellOutcome['lab'] = labCount && { probeAccuracy: labCount(full, test.labels, data.classes) };
    const result: AeCellOutcome = {
      dataset: cell.dataset,
      activation: cell.activation,
      variant: cell.variant,
      k: cell.k,
      repeat: cell.repeat,
      seed: cell.seed,
      trainLoss: curves.trainLoss,
      valLoss: curves.valLoss,
      probeCurve,
      finalValLoss: curves.valLoss[curves.valLoss.length - 1]!,
      probeAccuracy: studentAccuracy(sol, full, test.labels, data.classes),
      ms: 0,
      ...(lab ? { lab } : {}),
    };
    if (data.image && dc.fewLabels > 0) {
      ctx.signal.throwIfCancelled();
      const few = probeLogits(
        trainProbe(fewLabels(val, dc.fewLabels, cell.seed + 2000), probeOptions(dc.fewLabelEpochs, 3000)),
        test,
      );
      if (lab && labCount) lab.fewLabelAccuracy = labCount(few, test.labels, data.classes);
      result.fewLabelAccuracy = studentAccuracy(sol, few, test.labels, data.classes);
    }
    if (anglesNow) {
      result.anglesDeg = anglesNow(model.decoder[0]!.w);
      result.angleCurve = angleCurve;
    }
    if (data.image && config.digits > 0) {
      result.digits = digitStrip(sol, model, {
        x: data.test.x,
        labels: data.test.labels,
        ...data.image,
        count: config.digits,
        variant: cell.variant,
        noiseStd: config.noiseStd,
        maskProb: config.maskProb,
        seed: cell.seed,
      });
    }
    result.ms = Date.now() - started;
    return result;
  } finally {
    model.dispose();
  }
}

/**
 * The principal angles (degrees) between a decoder's column space (its weight wᵀ: dim × k) and PCA's
 * subspace (the cell's pcaBasis, else this process's PCA), whose orthonormal basis is made once.
 */
function anglesToPca(config: AutoencodersConfig, data: AeData, cell: AeCell): (w: tf.Tensor2D) => number[] {
  const m = pcaReferenceDim(cell.k, data.dim, data.populationEigenvalues);
  const basis = cell.pcaBasis;
  if (basis && (basis.dim !== data.dim || basis.m !== m || basis.values.length !== m * data.dim)) {
    throw new Error(
      `The cell's PCA basis is ${basis.m} × ${basis.dim} (${basis.values.length} values); its data needs ${m} × ${data.dim}.`,
    );
  }
  const reference = orthonormalBasis(
    basis ? matrixOf(basis.values, m, data.dim).transpose() : topComponents(pcaOf(config, data), m),
  );
  return (w) => {
    const values = w.dataSync(); // k × dim, row-major: its transpose's columns are the rows
    return anglesBetweenBases(orthonormalBasis(matrixOf(values, cell.k, data.dim).transpose()), reference);
  };
}

/**
 * The run: every cell of the grid through ctx.pool, one `ae-cell` artifact per finished cell; then
 * PCA per dataset beside the linear vanilla autoencoders and one `autoencoders` artifact. Returns
 * the record the judge checks (every cell's outcome, the PCA rows) and the metrics (the CLI's --json):
 * - grid: [{ dataset, activation, variant, k, finalValLoss, probeAccuracy, fewLabelAccuracy? }], means
 *   over the repeats (probe accuracies as fractions, from the student's probeAccuracy);
 * - pcaAngles: [{ dataset, k, meanDeg, maxDeg }], the linear vanilla AE's decoder subspace against PCA's;
 * - pcaResidual: [{ dataset, k, pcaResidual, aeLoss, exactResidual?, pcaProbeAccuracy }] (the PCA probe's
 *   accuracy from the student's probeAccuracy too).
 */
async function runAutoencoders(ctx: RunContext<AutoencodersConfig>, solution: AutoencoderSolution): Promise<RunOutput> {
  const config = validateConfig(ctx.config);
  const started = Date.now();
  const cells = buildGrid(config);
  const pool = ctx.pool ?? sequentialPool(autoencodersChild, ctx, solution);
  const sol = tagged(solution);
  // PCA once per run, here: the linear cells get the subspace they are compared with, so no cell
  // process computes it again (an eigendecomposition of 784 × 784 is seconds); the costs order the pool.
  ctx.emit({ type: 'progress', fraction: 0.015, message: 'Loading the data and its PCA' });
  const costs: number[] = [];
  for (const cell of cells) {
    const data = await loadData(config, cell.dataset, ctx.files);
    costs.push(cellCost(config, cell, { dim: data.dim, train: data.train.n, evalRows: 2 * data.val.n + data.test.n }));
    if (cell.activation === 'linear' && cell.k < data.dim) {
      ctx.signal.throwIfCancelled();
      cell.pcaBasis = pcaBasisOf(pcaOf(config, data), pcaReferenceDim(cell.k, data.dim, data.populationEigenvalues));
    }
  }
  const order = dispatchOrder(costs, pool.size);
  const totalCost = costs.reduce((a, b) => a + b, 0);
  let finished = 0,
    doneCost = 0;
  ctx.emit({
    type: 'progress',
    fraction: 0.02,
    message: `Training ${cells.length} autoencoders on ${pool.size} ${pool.size === 1 ? 'thread' : 'threads'}`,
  });
  const inOrder = await pool.run<AeCell, AeCellOutcome>(
    order.map((i) => cells[i]!),
    (j, outcome) => {
      const index = order[j]!;
      finished++;
      doneCost += costs[index]!;
      ctx.emit({
        type: 'artifact',
        artifact: { kind: 'ae-cell', index, total: cells.length, cell: cellResult(outcome) },
      });
      ctx.emit({
        type: 'progress',
        // by cost, not by count: the longest cells go first on a pool, and the ETA follows the fraction
        fraction: 0.02 + (0.83 * doneCost) / totalCost,
        message: `cell ${finished}/${cells.length}: ${cellLabel(outcome)}: val loss ${outcome.finalValLoss.toPrecision(4)}, probe ${(100 * outcome.probeAccuracy).toFixed(1)} %`,
      });
    },
  );
  const outcomes: AeCellOutcome[] = new Array(cells.length);
  inOrder.forEach((outcome, j) => (outcomes[order[j]!] = outcome));
  ctx.signal.throwIfCancelled();

  ctx.emit({ type: 'progress', fraction: 0.86, message: 'PCA of each dataset and its probe' });
  const pcaRows: PcaRow[] = [];
  const datasets: AutoencodersArtifact['datasets'] = [];
  const spectra: AutoencodersArtifact['spectra'] = [];
  for (const which of config.datasets) {
    const dataset: AeDataset = which === 'synthetic' ? 'synthetic' : imageDataset(config);
    const data = await loadData(config, dataset, ctx.files);
    const dc = datasetConfig(config, dataset);
    const pca = pcaOf(config, data);
    datasets.push({
      dataset,
      name: data.name,
      inputDim: data.dim,
      train: data.train.n,
      val: data.val.n,
      test: data.test.n,
      epochs: dc.epochs,
      ...(config.activations.includes('linear') && dc.linearMaxEpochs > dc.epochs
        ? { linearMaxEpochs: dc.linearMaxEpochs }
        : {}),
      batchSize: dc.batchSize,
      learningRate: dc.learningRate,
      repeats: dc.repeats,
    });
    spectra.push({ dataset, eigenvalues: Array.from(pca.eigenvalues, (v) => Number(v.toPrecision(6))) });
    for (const k of config.ks) {
      const linear = linearVanilla(outcomes, dataset, k);
      if (linear.length === 0) continue;
      ctx.signal.throwIfCancelled();
      const val = pcaFeatures(pca, data.val.x, data.val.n, k);
      const test = pcaFeatures(pca, data.test.x, data.test.n, k);
      const trained = trainProbe(featuresOf(val.features, data.val.labels, val.dim), {
        classes: data.classes,
        epochs: dc.probeEpochs,
        batchSize: config.probeBatchSize,
        learningRate: config.probeLearningRate,
        seed: config.seed + k,
      });
      const testFeatures = featuresOf(test.features, data.test.labels, test.dim);
      const pcaProbeAccuracy = studentAccuracy(sol, probeLogits(trained, testFeatures), data.test.labels, data.classes);
      ctx.signal.throwIfCancelled();
      const converged = convergedProbe(featuresOf(val.features, data.val.labels, val.dim), data.classes);
      pcaRows.push({
        dataset,
        k,
        pcaResidual: pcaResidual(pca, k),
        ...(data.exactResidual ? { exactResidual: data.exactResidual(k) } : {}),
        aeLoss: meanOf(linear.map((c) => c.finalValLoss)),
        ...angleSummary(linear),
        pcaProbeAccuracy,
        // a probe that stopped short of its gradient check is not "converged": left out
        ...(converged.converged
          ? {
              pcaProbeConverged: studentAccuracy(
                sol,
                probeLogits(converged, testFeatures),
                data.test.labels,
                data.classes,
              ),
            }
          : {}),
      });
    }
  }
  const cellResults = outcomes.map(cellResult);
  const artifact: AutoencodersArtifact = {
    kind: 'autoencoders',
    title: `Autoencoders, linear probes and PCA: ${datasets.map((d) => datasetLabel(d.dataset)).join(' and ')}, k ∈ {${config.ks.join(', ')}}${config.quick ? ' (quick)' : ''} (${ctx.backend})`,
    datasets,
    ks: [...config.ks],
    cells: cellResults,
    pca: pcaRows,
    spectra,
    wallMs: Date.now() - started,
    workers: pool.size,
  };
  ctx.emit({ type: 'artifact', artifact });
  for (const row of pcaRows) {
    ctx.emit({
      type: 'log',
      level: 'info',
      message: `${datasetLabel(row.dataset)}, k=${row.k}: linear AE loss ${row.aeLoss.toPrecision(4)} vs PCA residual ${row.pcaResidual.toPrecision(4)}${row.exactResidual !== undefined ? ` (exact ${row.exactResidual})` : ''}; angles mean ${row.meanDeg.toFixed(2)}°, max ${row.maxDeg.toFixed(2)}°; PCA probe ${(100 * row.pcaProbeAccuracy).toFixed(1)} %${row.pcaProbeConverged !== undefined ? ` (converged: ${(100 * row.pcaProbeConverged).toFixed(1)} %)` : ''}.`,
    });
  }
  // the digits are for the panel (the artifacts): the judge's checks need none of them
  const record: AeRecord = { cells: outcomes.map(({ digits: _digits, ...outcome }) => outcome), pca: pcaRows };
  return { metrics: metricsOf(cellResults, pcaRows), record };
}
