// Problem 4: autoencoders, linear probes and the PCA link. The student writes the decoder's widths,
// the forward pass, the loss, the two corruptions and the probe's accuracy; the lab builds and trains
// the homework's grid {synthetic, MNIST} × {linear, ReLU} × {vanilla, denoising, masked} × k (cells
// spread over ctx.pool), probes every frozen encoder, and compares the linear autoencoders with PCA
// (eigendecomposition of the training covariance): principal angles between subspaces and the
// final loss beside the residual Σ_{i>k} λ_i.
import * as tf from '@tensorflow/tfjs';
import { checkAnswers } from '../../answers';
import { sequentialPool } from '../../engine/cells';
import type { Finding } from '../../engine/events';
import { callStudent, ShapeError, type Problem, type RunContext } from '../../problem';
import { meanOf, matrixOf, principalAnglesDeg } from './angles';
import type { AeDataset, AutoencodersArtifact, PcaRow } from './artifact';
import { checkAutoencoderCode, type CodeCheckResult } from './checks';
import { datasetConfig, defaultConfig, imageDataset, validateConfig, type AutoencodersConfig } from './config';
import { digitStrip } from './digits';
import { buildGrid, cellCost, cellLabel, datasetLabel, dispatchOrder, encoderWidths, loadData, pcaBasisOf, pcaOf, type AeCell, type AeData } from './grid';
import { autoencodersInfo, MARKERS } from './meta';
import { buildAutoencoder } from './model';
import { pcaFeatures, pcaReferenceDim, pcaResidual, topComponents } from './pca';
import { countAccuracy, fewLabels, probeLogits, trainProbe, type Features, type LinearProbe } from './probe';
import * as reference from './reference';
import { angleSummary, cellResult, linearVanilla, metricsOf, pcaFindings, type AeCellOutcome } from './results';
import type { AutoencoderOutput, AutoencoderSolution } from './solution';
import { autoencoderSolutionFrom } from './solutionFrom';
import { encode, trainAutoencoder } from './train';

export type { AutoencoderSolution } from './solution';
export type { AutoencodersConfig } from './config';

interface RunRecord {
  code: CodeCheckResult;
  cells: AeCellOutcome[];
  pca: PcaRow[];
}

/** What run() measured, for the checks of the same run (runProblem passes them the same context). */
const runRecords = new WeakMap<object, RunRecord>();

export const autoencodersProblem: Problem<AutoencoderSolution, AutoencodersConfig> = {
  ...autoencodersInfo,
  defaultConfig,
  reference,
  solutionFrom: autoencoderSolutionFrom,
  run: runAutoencoders,
  runCell: (ctx, solution, cell) => runCell(ctx, solution, cell as AeCell),
  async checks(ctx, solution): Promise<Finding[]> {
    const record = runRecords.get(ctx);
    const code = record?.code ?? checkAutoencoderCode(solution, ctx.config.seed);
    // 4b-i and 4b-ii are derivations, graded by hand: the checker only notes an empty answer.
    const answers = checkAnswers(ctx.answers, autoencodersInfo.answerIds!, { revealAnswers: ctx.config.revealAnswers });
    if (!record) return [...code.findings, ...answers];
    return [...withRunNotes(code.findings, record), ...probeCountFindings(record.cells), ...pcaFindings(record.pca), ...answers];
  },
};

/**
 * The student's functions as the harness calls them: an exception is tagged with its TODO marker, and
 * a result of the wrong shape is a ShapeError at the function that returned it (not a tfjs error
 * later, in the lab's code).
 */
export function tagged(solution: AutoencoderSolution): AutoencoderSolution {
  return {
    decoderWidths: (inputDim, widths) => callStudent(MARKERS.decoder, () => solution.decoderWidths(inputDim, widths)),
    forward(params, x): AutoencoderOutput {
      const out = callStudent(MARKERS.forward, () => solution.forward(params, x));
      const code = (out as Partial<AutoencoderOutput> | undefined)?.code, rec = (out as Partial<AutoencoderOutput> | undefined)?.reconstruction;
      if (!(code instanceof tf.Tensor) || !(rec instanceof tf.Tensor) || code.rank !== 2 || code.shape[0] !== x.shape[0] || rec.rank !== 2 || rec.shape[0] !== x.shape[0] || rec.shape[1] !== x.shape[1]) {
        throw new ShapeError(`forward(params, x [${x.shape.join(', ')}]) must return { code: [${x.shape[0]}, k], reconstruction: [${x.shape.join(', ')}] } (got ${describeOutput(out)}).`, MARKERS.forward);
      }
      return out;
    },
    reconstructionLoss(x, r) {
      const loss = callStudent(MARKERS.loss, () => solution.reconstructionLoss(x, r));
      if (!(loss instanceof tf.Tensor) || loss.rank !== 0) throw new ShapeError(`reconstructionLoss must return a scalar tensor (shape []), got ${loss instanceof tf.Tensor ? `shape [${loss.shape.join(', ')}]` : typeof loss}.`, MARKERS.loss);
      return loss;
    },
    addNoise(x, std, seed) {
      const out = callStudent(MARKERS.denoise, () => solution.addNoise(x, std, seed));
      if (!(out instanceof tf.Tensor) || out.shape.join() !== x.shape.join()) throw new ShapeError(`addNoise(x [${x.shape.join(', ')}], …) must return a tensor of x's shape.`, MARKERS.denoise);
      return out;
    },
    maskInputs(x, p, seed) {
      const out = callStudent(MARKERS.mask, () => solution.maskInputs(x, p, seed));
      if (!(out instanceof tf.Tensor) || out.shape.join() !== x.shape.join()) throw new ShapeError(`maskInputs(x [${x.shape.join(', ')}], …) must return a tensor of x's shape.`, MARKERS.mask);
      return out;
    },
    probeAccuracy: (logits, labels) => callStudent(MARKERS.probe, () => solution.probeAccuracy(logits, labels)),
  };
}

function describeOutput(out: unknown): string {
  if (typeof out !== 'object' || out === null) return String(out);
  const o = out as Record<string, unknown>;
  const shape = (t: unknown): string => (t instanceof tf.Tensor ? `[${t.shape.join(', ')}]` : String(t));
  return `{ code: ${shape(o.code)}, reconstruction: ${shape(o.reconstruction)} }`;
}

/** The decoder the student's decoderWidths gives, validated before the lab builds it. */
function decoderOf(solution: AutoencoderSolution, inputDim: number, widths: number[]): number[] {
  const decoder: unknown = solution.decoderWidths(inputDim, [...widths]);
  if (!Array.isArray(decoder) || decoder.length === 0 || !decoder.every((w) => Number.isInteger(w) && w > 0) || decoder[decoder.length - 1] !== inputDim) {
    throw new ShapeError(`decoderWidths(${inputDim}, [${widths.join(', ')}]) must return positive integer widths ending at the input size ${inputDim} (got ${JSON.stringify(decoder)}).`, MARKERS.decoder);
  }
  return decoder as number[];
}

const featuresOf = (x: Float32Array, labels: ArrayLike<number>, dim: number): Features => ({ x, labels, n: labels.length, dim });

/** The student's probeAccuracy on the probe's test logits (n × classes). */
function studentAccuracy(solution: AutoencoderSolution, logits: Float32Array, labels: ArrayLike<number>, classes: number): number {
  const t = tf.tensor2d(logits, [labels.length, classes]);
  try {
    const value: unknown = solution.probeAccuracy(t, Int32Array.from(labels));
    if (typeof value !== 'number') throw new ShapeError(`probeAccuracy must return a number (got ${typeof value}).`, MARKERS.probe);
    return value;
  } finally {
    t.dispose();
  }
}

/** One grid cell: train, probe (per epoch and at the end), angles to PCA (linear), digits (images). */
async function runCell(ctx: RunContext<AutoencodersConfig>, solution: AutoencoderSolution, cell: AeCell): Promise<AeCellOutcome> {
  const config = validateConfig(ctx.config);
  const started = Date.now();
  const data = await loadData(config, cell.dataset, ctx.files);
  const dc = datasetConfig(config, cell.dataset);
  const sol = tagged(solution);
  const widths = encoderWidths(config, cell.dataset, cell.activation, cell.k);
  const model = buildAutoencoder(data.dim, widths, cell.activation, decoderOf(sol, data.dim, widths), cell.seed);
  const probeOptions = (epochs: number, salt: number) => ({ classes: data.classes, epochs, batchSize: config.probeBatchSize, learningRate: config.probeLearningRate, seed: (cell.seed + salt) >>> 0 });
  try {
    const probeCurve: number[] = [];
    let curveProbe: LinearProbe | undefined; // carried from epoch to epoch (see curveProbeEpochs)
    const metric = `q4.${cell.dataset}.${cell.activation}.${cell.variant}.k${cell.k}.r${cell.repeat}`;
    const curves = await trainAutoencoder(sol, model, { train: data.train.x, val: data.val.x, dim: data.dim }, {
      variant: cell.variant,
      epochs: dc.epochs,
      batchSize: dc.batchSize,
      learningRate: dc.learningRate,
      seed: cell.seed,
      signal: ctx.signal,
      noiseStd: config.noiseStd,
      maskProb: config.maskProb,
      onEpoch(e) {
        const val = featuresOf(encode(sol, model, data.val.x, data.dim), data.val.labels, cell.k);
        const test = featuresOf(encode(sol, model, data.test.x, data.dim), data.test.labels, cell.k);
        curveProbe = trainProbe(val, { ...probeOptions(dc.curveProbeEpochs, e.epoch), ...(curveProbe ? { init: curveProbe } : {}) });
        const accuracy = countAccuracy(probeLogits(curveProbe, test), test.labels, data.classes);
        probeCurve.push(accuracy);
        ctx.emit({ type: 'metric', name: `${metric}.valLoss`, step: e.epoch, value: e.valLoss });
        ctx.emit({ type: 'metric', name: `${metric}.probeAccuracy`, step: e.epoch, value: accuracy });
      },
    });
    ctx.signal.throwIfCancelled();
    const val = featuresOf(encode(sol, model, data.val.x, data.dim), data.val.labels, cell.k);
    const test = featuresOf(encode(sol, model, data.test.x, data.dim), data.test.labels, cell.k);
    const full = probeLogits(trainProbe(val, probeOptions(dc.probeEpochs, 1000)), test);
    const lab: AeCellOutcome['lab'] = { probeAccuracy: countAccuracy(full, test.labels, data.classes) };
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
      lab,
    };
    if (data.image && dc.fewLabels > 0) {
      ctx.signal.throwIfCancelled();
      const few = probeLogits(trainProbe(fewLabels(val, dc.fewLabels, cell.seed + 2000), probeOptions(dc.fewLabelEpochs, 3000)), test);
      lab.fewLabelAccuracy = countAccuracy(few, test.labels, data.classes);
      result.fewLabelAccuracy = studentAccuracy(sol, few, test.labels, data.classes);
    }
    if (cell.activation === 'linear' && cell.k < data.dim) result.anglesDeg = anglesToPca(config, data, model.decoder[0]!.w, cell);
    if (data.image && config.digits > 0) {
      result.digits = digitStrip(sol, model, { x: data.test.x, labels: data.test.labels, ...data.image, count: config.digits, variant: cell.variant, noiseStd: config.noiseStd, maskProb: config.maskProb, seed: cell.seed });
    }
    result.ms = Date.now() - started;
    return result;
  } finally {
    model.dispose();
  }
}

/** Principal angles (degrees) between the decoder's column space (wᵀ: dim × k) and PCA's subspace (the cell's pcaBasis, else this thread's PCA). */
function anglesToPca(config: AutoencodersConfig, data: AeData, w: tf.Tensor2D, cell: AeCell): number[] {
  const values = w.dataSync(); // k × dim, row-major: its transpose's columns are the rows
  const decoder = matrixOf(values, cell.k, data.dim).transpose();
  const m = pcaReferenceDim(cell.k, data.dim, data.populationEigenvalues);
  const basis = cell.pcaBasis;
  if (basis && (basis.dim !== data.dim || basis.m !== m || basis.values.length !== m * data.dim)) {
    throw new Error(`The cell's PCA basis is ${basis.m} × ${basis.dim} (${basis.values.length} values); its data needs ${m} × ${data.dim}.`);
  }
  const reference = basis ? matrixOf(basis.values, m, data.dim).transpose() : topComponents(pcaOf(config, data), m);
  return principalAnglesDeg(decoder, reference);
}

/**
 * The run: the code checks first (their findings come with the run's), then every cell of the grid
 * through ctx.pool, one `ae-cell` artifact per finished cell; then PCA per dataset beside the linear
 * vanilla autoencoders and one `autoencoders` artifact. Metrics (the CLI's --json):
 * - grid: [{ dataset, activation, variant, k, finalValLoss, probeAccuracy, fewLabelAccuracy? }], means
 *   over the repeats (probe accuracies as fractions, from the student's probeAccuracy);
 * - pcaAngles: [{ dataset, k, meanDeg, maxDeg }], the linear vanilla AE's decoder subspace against PCA's;
 * - pcaResidual: [{ dataset, k, pcaResidual, aeLoss, exactResidual?, pcaProbeAccuracy }].
 */
async function runAutoencoders(ctx: RunContext<AutoencodersConfig>, solution: AutoencoderSolution): Promise<Record<string, unknown>> {
  const config = validateConfig(ctx.config);
  const started = Date.now();
  ctx.emit({ type: 'progress', fraction: 0.01, message: 'Checking your functions on small examples' });
  const code = checkAutoencoderCode(solution, config.seed);
  const cells = buildGrid(config);
  const pool = ctx.pool ?? sequentialPool(autoencodersProblem, ctx, solution);
  // PCA once per run, here: the linear cells get the subspace they are compared with, so no cell
  // thread computes it again (an eigendecomposition of 784 × 784 is seconds); the costs order the pool.
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
  let finished = 0, doneCost = 0;
  ctx.emit({ type: 'progress', fraction: 0.02, message: `Training ${cells.length} autoencoders on ${pool.size} ${pool.size === 1 ? 'thread' : 'threads'}` });
  const inOrder = await pool.run<AeCell, AeCellOutcome>(order.map((i) => cells[i]!), (j, outcome) => {
    const index = order[j]!;
    finished++;
    doneCost += costs[index]!;
    ctx.emit({ type: 'artifact', artifact: { kind: 'ae-cell', index, total: cells.length, cell: cellResult(outcome) } });
    ctx.emit({
      type: 'progress',
      // by cost, not by count: the longest cells go first on a pool, and the ETA follows the fraction
      fraction: 0.02 + (0.83 * doneCost) / totalCost,
      message: `cell ${finished}/${cells.length}: ${cellLabel(outcome)}: val loss ${outcome.finalValLoss.toPrecision(4)}, probe ${(100 * outcome.probeAccuracy).toFixed(1)} %`,
    });
  });
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
    datasets.push({ dataset, name: data.name, inputDim: data.dim, train: data.train.n, val: data.val.n, test: data.test.n, epochs: dc.epochs, batchSize: dc.batchSize, learningRate: dc.learningRate, repeats: dc.repeats });
    spectra.push({ dataset, eigenvalues: Array.from(pca.eigenvalues, (v) => Number(v.toPrecision(6))) });
    for (const k of config.ks) {
      const linear = linearVanilla(outcomes, dataset, k);
      if (linear.length === 0) continue;
      ctx.signal.throwIfCancelled();
      const val = pcaFeatures(pca, data.val.x, data.val.n, k);
      const test = pcaFeatures(pca, data.test.x, data.test.n, k);
      const trained = trainProbe(featuresOf(val.features, data.val.labels, val.dim), { classes: data.classes, epochs: dc.probeEpochs, batchSize: config.probeBatchSize, learningRate: config.probeLearningRate, seed: config.seed + k });
      const pcaProbeAccuracy = countAccuracy(probeLogits(trained, featuresOf(test.features, data.test.labels, test.dim)), data.test.labels, data.classes);
      pcaRows.push({
        dataset,
        k,
        pcaResidual: pcaResidual(pca, k),
        ...(data.exactResidual ? { exactResidual: data.exactResidual(k) } : {}),
        aeLoss: meanOf(linear.map((c) => c.finalValLoss)),
        ...angleSummary(linear),
        pcaProbeAccuracy,
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
    ctx.emit({ type: 'log', level: 'info', message: `${datasetLabel(row.dataset)}, k=${row.k}: linear AE loss ${row.aeLoss.toPrecision(4)} vs PCA residual ${row.pcaResidual.toPrecision(4)}${row.exactResidual !== undefined ? ` (exact ${row.exactResidual})` : ''}; angles mean ${row.meanDeg.toFixed(2)}°, max ${row.maxDeg.toFixed(2)}°; PCA probe ${(100 * row.pcaProbeAccuracy).toFixed(1)} %.` });
  }
  runRecords.set(ctx, { code, cells: outcomes, pca: pcaRows });
  return metricsOf(cellResults, pcaRows);
}

/** The inline notes of a run: the last cell's validation loss at the loss and forward TODOs, its probe accuracy at the probe's. */
function withRunNotes(findings: Finding[], record: RunRecord): Finding[] {
  const last = record.cells[record.cells.length - 1];
  if (!last) return findings;
  const where = `k=${last.k}, ${datasetLabel(last.dataset)}`;
  const notes: Record<string, string> = {
    [MARKERS.loss]: `val loss ${last.finalValLoss.toPrecision(3)} (${where})`,
    [MARKERS.forward]: `val loss ${last.finalValLoss.toPrecision(3)} (${where})`,
    [MARKERS.probe]: `probe ${(100 * last.probeAccuracy).toFixed(1)} % (${where})`,
  };
  return findings.map((f) => (f.ok && f.marker && notes[f.marker] ? { ...f, short: notes[f.marker] } : f));
}

/** The run's probe accuracies, each from the student's probeAccuracy, against the lab's own count. */
function probeCountFindings(cells: readonly AeCellOutcome[]): Finding[] {
  const off = cells.filter((c) => Math.abs(c.probeAccuracy - c.lab.probeAccuracy) > 1e-9 || (c.fewLabelAccuracy !== undefined && Math.abs(c.fewLabelAccuracy - c.lab.fewLabelAccuracy!) > 1e-9));
  if (off.length === 0) return [];
  const c = off[0]!;
  return [{
    checkId: 'q4.probe-count',
    ok: false,
    severity: 'error',
    marker: MARKERS.probe,
    message: `In ${off.length} of ${cells.length} cells your probeAccuracy disagrees with the lab's count on the test logits, e.g. ${cellLabel(c)}: ${c.probeAccuracy} vs ${c.lab.probeAccuracy}.`,
    short: `accuracy ✗ ${c.probeAccuracy}`,
  }];
}
