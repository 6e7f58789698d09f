// What a problem 4 run hands to its panel and the report (JSON across worker/webview boundaries).
// Streamed: one `ae-cell` artifact per finished grid cell, then one `autoencoders` artifact with
// everything (what the panel keeps, restores after a reload and overlays on the next run).
import type { Activation, Variant } from './solution';

/** 'mnist' is the embedded 10k digits; 'idx' the IDX files named by the setting (e.g. Fashion-MNIST). */
export type AeDataset = 'synthetic' | 'mnist' | 'idx';

/** A cell's identity in the grid; `repeat` counts from 0, each repeat with its own seed. */
export interface AeCellKey {
  dataset: AeDataset;
  activation: Activation;
  variant: Variant;
  k: number;
  repeat: number;
}

/** A few digits through one model: 28×28 images as base64 of uint8 pixels (0–255), row-major. */
export interface DigitStrip {
  width: number;
  height: number;
  original: string[];
  /** The training-time corruption of `original` (noise or mask); equal to it for vanilla. */
  corrupted: string[];
  reconstructed: string[];
  labels: number[];
}

export interface AeCellResult extends AeCellKey {
  seed: number;
  /** Per epoch, index 0 = epoch 1: mean training loss (on corrupted input) and validation loss (clean). */
  trainLoss: number[];
  valLoss: number[];
  /** Per epoch, linear-probe accuracy on the test split (the quick per-epoch probe). */
  probeCurve: number[];
  finalValLoss: number;
  /** The full probe protocol at the end of training, on the test split. */
  probeAccuracy: number;
  /** The few-label protocol (200 labels, 1000 epochs), MNIST only. */
  fewLabelAccuracy?: number;
  /** Linear activation only: principal angles (degrees) between the decoder's subspace and PCA's top-k. */
  anglesDeg?: number[];
  /** Linear, k < input size: the mean of those angles after each epoch (what decided when training stopped). */
  angleCurve?: number[];
  /** Image datasets only. */
  digits?: DigitStrip;
  ms: number;
}

export type AeCellArtifact = {
  kind: 'ae-cell';
  /** Position in the grid and its size, for the progress bar and its ETA. */
  index: number;
  total: number;
  cell: AeCellResult;
};

export interface PcaRow {
  dataset: AeDataset;
  k: number;
  /** Σ_{i>k} λ_i of the training split's covariance: the best linear reconstruction loss. */
  pcaResidual: number;
  /** The closed form where there is one (synthetic: 280 − 10k, 100 − k). */
  exactResidual?: number;
  /** The linear vanilla AE's final validation loss, mean over repeats. */
  aeLoss: number;
  /** Principal angles, mean over repeats of each repeat's mean and max. */
  meanDeg: number;
  maxDeg: number;
  /** Probe accuracy on the top-k PCA features (same protocol as the AE's probe). */
  pcaProbeAccuracy: number;
  /**
   * The same features and rows, multinomial logistic regression trained to convergence (full batch,
   * L-BFGS, L2 CONVERGED_PROBE_L2): what the protocol's fixed epochs leave on the table.
   */
  pcaProbeConverged?: number;
}

export type AutoencodersArtifact = {
  kind: 'autoencoders';
  title: string;
  /** The sizes and hyperparameters actually used, per dataset. */
  datasets: {
    dataset: AeDataset;
    name: string;
    inputDim: number;
    train: number;
    val: number;
    test: number;
    epochs: number;
    /** Linear cells (k < inputDim): the most epochs they train while their angle to PCA settles. */
    linearMaxEpochs?: number;
    batchSize: number;
    learningRate: number;
    repeats: number;
  }[];
  ks: number[];
  cells: AeCellResult[];
  pca: PcaRow[];
  /** Eigenvalues of the training covariance, largest first (for a scree plot), per dataset. */
  spectra: { dataset: AeDataset; eigenvalues: number[] }[];
  wallMs: number;
  workers: number;
};
