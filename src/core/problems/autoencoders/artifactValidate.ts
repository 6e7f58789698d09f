// Is a value problem 4's streamed grid cell (`ae-cell`) or whole run (`autoencoders`) that its panel
// can draw? The webview checks every artifact it receives before touching it.
import { isCount, isFiniteNumber, isNum, isNumbers, isObject, isOptional, isPositive } from '../../viz/validateParts';
import type { AeCellArtifact, AeCellResult, AutoencodersArtifact, DigitStrip } from './artifact';

const AE_DATASETS = new Set(['synthetic', 'mnist', 'idx']);
const AE_ACTIVATIONS = new Set(['linear', 'relu']);
const AE_VARIANTS = new Set(['vanilla', 'denoising', 'masked']);
/** A DigitStrip image: base64 of exactly width·height bytes (padded). */
const isPixels =
  (bytes: number) =>
  (v: unknown): boolean =>
    typeof v === 'string' && v.length === Math.ceil(bytes / 3) * 4 && /^[A-Za-z0-9+/]*={0,2}$/.test(v);

export function isDigitStrip(v: unknown): v is DigitStrip {
  if (
    !isObject(v) ||
    !isPositive(v.width) ||
    !isPositive(v.height) ||
    !Number.isInteger(v.width) ||
    !Number.isInteger(v.height) ||
    v.width * v.height > 65_536
  )
    return false;
  const pixels = isPixels(v.width * v.height);
  const n = Array.isArray(v.original) ? v.original.length : -1;
  return (
    n >= 0 &&
    n <= 64 &&
    (['original', 'corrupted', 'reconstructed'] as const).every(
      (k) => Array.isArray(v[k]) && (v[k] as unknown[]).length === n && (v[k] as unknown[]).every(pixels),
    ) &&
    Array.isArray(v.labels) &&
    v.labels.length === n &&
    v.labels.every(isCount)
  );
}

export function isAeCellResult(v: unknown): v is AeCellResult {
  if (!isObject(v)) return false;
  return (
    AE_DATASETS.has(v.dataset as string) &&
    AE_ACTIVATIONS.has(v.activation as string) &&
    AE_VARIANTS.has(v.variant as string) &&
    isPositive(v.k) &&
    Number.isInteger(v.k) &&
    isCount(v.repeat) &&
    isFiniteNumber(v.seed) &&
    isNumbers(v.trainLoss) &&
    isNumbers(v.valLoss) &&
    isNumbers(v.probeCurve) &&
    isNum(v.finalValLoss) &&
    isNum(v.probeAccuracy) &&
    isOptional(v.fewLabelAccuracy, isNum) &&
    isOptional(v.anglesDeg, isNumbers) &&
    isOptional(v.angleCurve, isNumbers) &&
    isOptional(v.digits, isDigitStrip) &&
    isNum(v.ms)
  );
}

export function isAeCellArtifact(v: unknown): v is AeCellArtifact {
  return (
    isObject(v) &&
    v.kind === 'ae-cell' &&
    isCount(v.index) &&
    isPositive(v.total) &&
    Number.isInteger(v.total) &&
    (v.index as number) < (v.total as number) &&
    isAeCellResult(v.cell)
  );
}

export function isAutoencodersArtifact(v: unknown): v is AutoencodersArtifact {
  if (!isObject(v) || v.kind !== 'autoencoders' || typeof v.title !== 'string') return false;
  const dataset = (x: unknown): boolean => AE_DATASETS.has(x as string);
  return (
    Array.isArray(v.datasets) &&
    v.datasets.every(
      (d) =>
        isObject(d) &&
        dataset(d.dataset) &&
        typeof d.name === 'string' &&
        ['inputDim', 'epochs', 'batchSize', 'repeats'].every((k) => isPositive(d[k])) &&
        ['train', 'val', 'test'].every((k) => isCount(d[k])) &&
        isNum(d.learningRate) &&
        isOptional(d.linearMaxEpochs, isPositive),
    ) &&
    Array.isArray(v.ks) &&
    v.ks.every((k) => isPositive(k) && Number.isInteger(k)) &&
    Array.isArray(v.cells) &&
    v.cells.every(isAeCellResult) &&
    Array.isArray(v.pca) &&
    v.pca.every(
      (r) =>
        isObject(r) &&
        dataset(r.dataset) &&
        isPositive(r.k) &&
        ['pcaResidual', 'aeLoss', 'meanDeg', 'maxDeg', 'pcaProbeAccuracy'].every((k) => isNum(r[k])) &&
        isOptional(r.exactResidual, isNum) &&
        isOptional(r.pcaProbeConverged, isNum),
    ) &&
    Array.isArray(v.spectra) &&
    v.spectra.every((s) => isObject(s) && dataset(s.dataset) && isNumbers(s.eigenvalues)) &&
    isNum(v.wallMs) &&
    isCount(v.workers)
  );
}

export type AeArtifact = AeCellArtifact | AutoencodersArtifact;

export function isAeArtifact(v: unknown): v is AeArtifact {
  return isAeCellArtifact(v) || isAutoencodersArtifact(v);
}
