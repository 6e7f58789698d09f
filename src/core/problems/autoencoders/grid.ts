// The grid of problem 4: its cells (dataset × activation × variant × k × repeat, each repeat with its
// own seed), the order a pool runs them in, and the data a cell trains on, loaded once per process
// (every cell process keeps its own copy). PCA is computed once per run, in the run's process, and
// the linear cells receive the PCA subspace they are compared with (pcaBasis).
import { IDX_DIR_SETTING, IDX_FILE_NAMES, loadIdxDir } from './idx';
import { imageDim, subsetImages, type ImageSet } from '../../data/imageSet';
import { loadEmbeddedMnist } from '../../data/mnist';
import { shuffledSplit } from '../../data/splits';
import { syntheticDataset, syntheticEigenvalues, syntheticPcaResidual, syntheticSplits } from '../../data/synthetic';
import { createRng } from '../../engine/rng';
import { SettingsError } from '../../problem';
import type { RunFiles } from '../../engine/files';
import type { AeCellKey, AeDataset } from './artifact';
import { datasetConfig, imageDataset, repeatSeed, type AutoencodersConfig } from './config';
import { computePca, type Pca } from './pca';
import type { Activation } from './solution';

/** One cell of the grid, as it crosses to a worker (JSON). */
export interface AeCell extends AeCellKey {
  seed: number;
  /**
   * Linear cells with k < the input size: the top-m PCA components (m = pcaReferenceDim) the decoder's
   * subspace is compared with, component j at values[j·dim … (j+1)·dim). Without it the cell computes
   * PCA itself (once per thread).
   */
  pcaBasis?: { dim: number; m: number; values: number[] };
}

/** The top-m components of `pca` as a cell carries them. */
export function pcaBasisOf(pca: Pca, m: number): NonNullable<AeCell['pcaBasis']> {
  const rows = Math.min(m, pca.dim);
  return { dim: pca.dim, m: rows, values: Array.from(pca.components.subarray(0, rows * pca.dim)) };
}

/**
 * A cell's relative cost, for the pool's order: the multiply-adds of its training (rows × epochs ×
 * the autoencoder's weights, forward and backward) and of the per-epoch and final encodings of the
 * probe and test splits. Only the ratio between cells matters.
 */
export function cellCost(
  config: AutoencodersConfig,
  cell: AeCellKey,
  dims: { dim: number; train: number; evalRows: number },
): number {
  const widths = encoderWidths(config, cell.dataset, cell.activation, cell.k);
  let weights = 0;
  for (let i = 0, from = dims.dim; i < widths.length; i++) {
    weights += from * widths[i]!;
    from = widths[i]!;
  }
  weights *= 2; // the mirrored decoder
  const dc = datasetConfig(config, cell.dataset);
  // linear cells below the input size may train up to their budget (settle.ts): order by the most
  const epochs = cell.activation === 'linear' && cell.k < dims.dim ? dc.linearMaxEpochs : dc.epochs;
  return weights * epochs * (3 * dims.train + dims.evalRows);
}

/**
 * The order a pool of `size` threads takes the cells in: the longest first (so that no long cell
 * starts last and leaves the other threads idle), ties in grid order; the grid's order on one thread.
 */
export function dispatchOrder(costs: readonly number[], size: number): number[] {
  const order = costs.map((_, i) => i);
  return size <= 1 ? order : order.sort((a, b) => costs[b]! - costs[a]! || a - b);
}

/** The grid's cells in display order: dataset, activation, variant, k, then the repeats. */
export function buildGrid(config: AutoencodersConfig): AeCell[] {
  const cells: AeCell[] = [];
  for (const which of config.datasets) {
    const dataset: AeDataset = which === 'synthetic' ? 'synthetic' : imageDataset(config);
    const { repeats } = datasetConfig(config, dataset);
    for (const activation of config.activations) {
      for (const variant of config.variants) {
        for (const k of config.ks) {
          for (let repeat = 0; repeat < repeats; repeat++)
            cells.push({ dataset, activation, variant, k, repeat, seed: repeatSeed(config, repeat) });
        }
      }
    }
  }
  return cells;
}

/** Linear: hidden [k]; ReLU: [...reluHidden, k] (the homework: [256, k]). */
export function encoderWidths(
  config: AutoencodersConfig,
  dataset: AeDataset,
  activation: Activation,
  k: number,
): number[] {
  return activation === 'linear' ? [k] : [...datasetConfig(config, dataset).reluHidden, k];
}

export { cellLabel, datasetLabel } from './labels';

export interface Split {
  /** n × dim, row-major. */
  x: Float32Array;
  labels: Uint8Array;
  n: number;
}

export interface AeData {
  dataset: AeDataset;
  name: string;
  dim: number;
  classes: number;
  train: Split;
  val: Split;
  test: Split;
  /** Image datasets: the images' size (for digit strips). */
  image?: { width: number; height: number };
  /** The synthetic data's population spectrum (largest first) and exact residual Σ_{i>k} λ_i. */
  populationEigenvalues?: number[];
  exactResidual?: (k: number) => number;
}

const splitOf = (set: ImageSet): Split => ({ x: set.images, labels: set.labels, n: set.n });

/** What identifies the data a config produces (the memo's key). */
function dataKey(config: AutoencodersConfig, dataset: AeDataset): string {
  if (dataset === 'synthetic') return `synthetic:${config.seed}:${config.synthetic.n}`;
  if (dataset === 'mnist') return `mnist:${config.seed}:${config.images.split.join(',')}`;
  return `idx:${config.seed}:${config.idxDir}:${config.images.idxTrain}:${config.images.idxVal}:${config.images.idxTest}`;
}

const loaded = new Map<string, Promise<AeData>>();
const pcas = new Map<string, Pca>();

/** The dataset's train / validation / test splits, loaded once per thread. */
export function loadData(config: AutoencodersConfig, dataset: AeDataset, files: RunFiles | undefined): Promise<AeData> {
  const key = dataKey(config, dataset);
  let data = loaded.get(key);
  if (!data) {
    data = readData(config, dataset, files);
    loaded.set(key, data);
    data.catch(() => loaded.delete(key)); // a failed read (a missing file) is retried next run
  }
  return data;
}

/** PCA of the dataset's training split, once per thread. */
export function pcaOf(config: AutoencodersConfig, data: AeData): Pca {
  const key = dataKey(config, data.dataset);
  let pca = pcas.get(key);
  if (!pca) {
    pca = computePca(data.train.x, data.train.n, data.dim);
    pcas.set(key, pca);
  }
  return pca;
}

async function readData(config: AutoencodersConfig, dataset: AeDataset, files: RunFiles | undefined): Promise<AeData> {
  if (dataset === 'synthetic') {
    const opts = { n: config.synthetic.n };
    const set = syntheticDataset(config.seed, opts);
    const { train, val, test } = syntheticSplits(set);
    const part = (p: typeof train): Split => ({ x: p.x, labels: p.y, n: p.n });
    return {
      dataset,
      name: `synthetic (d = ${set.d}, n = ${set.n})`,
      dim: set.d,
      classes: 2,
      train: part(train),
      val: part(val),
      test: part(test),
      populationEigenvalues: syntheticEigenvalues(opts),
      exactResidual: (k) => syntheticPcaResidual(k, opts),
    };
  }
  if (!files) throw new Error('This host cannot read the image data (no files in the run context).');
  const rng = createRng((config.seed ^ 0x5eed) >>> 0);
  if (dataset === 'mnist') {
    const all = await loadEmbeddedMnist(files);
    const [nTrain, nVal, nTest] = config.images.split;
    const [train, val, test] = shuffledSplit(all.n, [nTrain, nVal, nTest], rng);
    return imageData(dataset, all.name, subsetImages(all, train!), subsetImages(all, val!), subsetImages(all, test!));
  }
  const { train: trainFile, test: testFile } = await loadIdxDir(files, config.idxDir);
  const { idxTrain, idxVal, idxTest } = config.images;
  requireImages(
    config.idxDir,
    IDX_FILE_NAMES.trainImages,
    trainFile.n,
    idxTrain > 0 ? idxTrain + idxVal : idxVal + 1,
    idxTrain > 0
      ? `the training and validation splits (${idxTrain} + ${idxVal})`
      : `the validation split (${idxVal}) and at least one training image`,
  );
  requireImages(config.idxDir, IDX_FILE_NAMES.testImages, testFile.n, idxTest, 'the test split');
  const nTrain = idxTrain > 0 ? idxTrain : trainFile.n - idxVal;
  const [train, val] = shuffledSplit(trainFile.n, [nTrain, idxVal], rng);
  const nTest = idxTest > 0 ? idxTest : testFile.n;
  const test = nTest === testFile.n ? testFile : subsetImages(testFile, shuffledSplit(testFile.n, [nTest], rng)[0]!);
  const name = trainFile.name.replace(/ train$/, '');
  return imageData(dataset, `${name} (IDX)`, subsetImages(trainFile, train!), subsetImages(trainFile, val!), test);
}

/**
 * An IDX file with fewer images than the config's splits take is a settings error about the folder
 * (a validation split cut short to nothing would make every validation loss NaN).
 */
function requireImages(dir: string, file: string, found: number, needed: number, splits: string): void {
  if (found >= needed) return;
  throw new SettingsError(
    IDX_DIR_SETTING,
    `IDX folder ${dir}: ${file} holds ${found} images, fewer than the ${needed} needed for ${splits}. ` +
      'Name a folder with the full data set (MNIST and Fashion-MNIST have 60 000 training and 10 000 test images), or set hw6.autoencoders.imageData to "embedded".',
  );
}

function imageData(dataset: AeDataset, name: string, train: ImageSet, val: ImageSet, test: ImageSet): AeData {
  return {
    dataset,
    name,
    dim: imageDim(train),
    classes: Math.max(train.classes, val.classes, test.classes),
    train: splitOf(train),
    val: splitOf(val),
    test: splitOf(test),
    image: { width: train.width, height: train.height },
  };
}
