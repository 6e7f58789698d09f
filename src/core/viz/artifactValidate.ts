// Is a value a problem 2, 3 or 4 run artifact a panel can draw? The webviews check every artifact they
// receive (and what they restore from setState) with these before touching it; the extension checks
// what it forwards. A malformed artifact is ignored, not drawn.
import type { ScalingRunArtifact } from '../problems/attention-scaling/artifact';
import type { KernelAttentionArtifact, KernelReferenceSweepArtifact } from '../problems/kernel-attention/artifact';
import type { AeCellArtifact, AeCellResult, AutoencodersArtifact, DigitStrip } from '../problems/autoencoders/artifact';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): boolean => typeof v === 'number' || v === null; // NaN/Infinity arrive as null in JSON
const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNum);
/** Sizes, counts and axis positions must be real positive numbers: a null there cannot be drawn. */
const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function isScalingRunArtifact(v: unknown): v is ScalingRunArtifact {
  if (!isObject(v) || v.kind !== 'attention-scaling' || typeof v.title !== 'string') return false;
  if (!isFiniteNumber(v.mu) || !isFiniteNumber(v.sigma) || !isPositive(v.samples)) return false;
  const momentsOk = Array.isArray(v.moments) && v.moments.every((m) => isObject(m) && isPositive(m.d) && ['mean', 'variance', 'scaledMean', 'scaledVariance', 'closedMean', 'closedVariance'].every((k) => isNum(m[k])));
  const saturationOk =
    Array.isArray(v.saturation) &&
    v.saturation.every((r) => isObject(r) && isPositive(r.d) && isPositive(r.keys) && ['unscaled', 'scaled'].every((k) => isObject(r[k]) && isNum((r[k] as Record<string, unknown>).maxWeight) && isNum((r[k] as Record<string, unknown>).gradNorm)));
  const h = v.histogram;
  const histogramOk = isObject(h) && isPositive(h.d) && isNumbers(h.raw) && isNumbers(h.scaled);
  const answersOk = Array.isArray(v.answers) && v.answers.every((a) => isObject(a) && ['2a', '2b', '2c'].includes(a.id as string) && typeof a.text === 'string' && Number.isInteger(a.line));
  return momentsOk && saturationOk && histogramOk && answersOk;
}

const isForm = (x: unknown): boolean => x === 'softmax' || x === 'linear';
const isImplementation = (x: unknown): boolean => x === 'student' || x === 'reference';
const isSweep = (v: unknown): boolean => Array.isArray(v) && v.every((p) => isObject(p) && isImplementation(p.implementation) && isForm(p.form) && ['N', 'D', 'M'].every((k) => isPositive(p[k])) && ['ms', 'bytes'].every((k) => isNum(p[k])));
const isFits = (v: unknown): boolean => Array.isArray(v) && v.every((x) => isObject(x) && isImplementation(x.implementation) && isForm(x.form) && (x.cost === 'ms' || x.cost === 'bytes') && isPositive(x.D) && isNum(x.exponent) && isPositive(x.nFrom) && isPositive(x.nTo));
const isCrossovers = (v: unknown): boolean => Array.isArray(v) && v.every((c) => isObject(c) && isImplementation(c.implementation) && isPositive(c.D) && isNum(c.measuredN) && isNum(c.flopModelN));

export function isKernelAttentionArtifact(v: unknown): v is KernelAttentionArtifact {
  if (!isObject(v) || v.kind !== 'kernel-attention' || typeof v.title !== 'string') return false;
  const e = v.equivalence;
  const f = v.featureSize;
  return (
    isObject(e) && ['N', 'D', 'M'].every((k) => isPositive(e[k])) && ['maxAbsDiff', 'tolerance'].every((k) => isNum(e[k])) && typeof e.ok === 'boolean' &&
    isObject(f) && isPositive(f.D) && isFiniteNumber(f.actual) && Array.isArray(f.accepted) && f.accepted.every(isFiniteNumber) &&
    isSweep(v.sweep) && isFits(v.fits) && isCrossovers(v.crossovers) &&
    Array.isArray(v.flopModel) && v.flopModel.every((m) => isObject(m) && ['N', 'D', 'M', 'softmax', 'linear'].every((k) => isNum(m[k])))
  );
}

/** The judge's sweep of the lab's reference beside a problem 3 run (every entry the reference's). */
export function isKernelReferenceSweepArtifact(v: unknown): v is KernelReferenceSweepArtifact {
  if (!isObject(v) || v.kind !== 'kernel-reference-sweep' || typeof v.title !== 'string') return false;
  const reference = (xs: unknown): boolean => Array.isArray(xs) && xs.every((x) => isObject(x) && x.implementation === 'reference');
  return isSweep(v.sweep) && isFits(v.fits) && isCrossovers(v.crossovers) && reference(v.sweep) && reference(v.fits) && reference(v.crossovers);
}

// ---------------------------------------------------------------------------------------------
// Problem 4: one streamed grid cell (`ae-cell`) and the whole run (`autoencoders`).

const AE_DATASETS = new Set(['synthetic', 'mnist', 'idx']);
const AE_ACTIVATIONS = new Set(['linear', 'relu']);
const AE_VARIANTS = new Set(['vanilla', 'denoising', 'masked']);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isOptional = (v: unknown, check: (x: unknown) => boolean): boolean => v === undefined || check(v);
/** A DigitStrip image: base64 of exactly width·height bytes (padded). */
const isPixels = (bytes: number) => (v: unknown): boolean => typeof v === 'string' && v.length === Math.ceil(bytes / 3) * 4 && /^[A-Za-z0-9+/]*={0,2}$/.test(v);

export function isDigitStrip(v: unknown): v is DigitStrip {
  if (!isObject(v) || !isPositive(v.width) || !isPositive(v.height) || !Number.isInteger(v.width) || !Number.isInteger(v.height) || v.width * v.height > 65_536) return false;
  const pixels = isPixels(v.width * v.height);
  const n = Array.isArray(v.original) ? v.original.length : -1;
  return (
    n >= 0 && n <= 64 &&
    (['original', 'corrupted', 'reconstructed'] as const).every((k) => Array.isArray(v[k]) && (v[k] as unknown[]).length === n && (v[k] as unknown[]).every(pixels)) &&
    Array.isArray(v.labels) && v.labels.length === n && v.labels.every(isCount)
  );
}

export function isAeCellResult(v: unknown): v is AeCellResult {
  if (!isObject(v)) return false;
  return (
    AE_DATASETS.has(v.dataset as string) && AE_ACTIVATIONS.has(v.activation as string) && AE_VARIANTS.has(v.variant as string) &&
    isPositive(v.k) && Number.isInteger(v.k) && isCount(v.repeat) && isFiniteNumber(v.seed) &&
    isNumbers(v.trainLoss) && isNumbers(v.valLoss) && isNumbers(v.probeCurve) &&
    isNum(v.finalValLoss) && isNum(v.probeAccuracy) && isOptional(v.fewLabelAccuracy, isNum) &&
    isOptional(v.anglesDeg, isNumbers) && isOptional(v.digits, isDigitStrip) && isNum(v.ms)
  );
}

export function isAeCellArtifact(v: unknown): v is AeCellArtifact {
  return isObject(v) && v.kind === 'ae-cell' && isCount(v.index) && isPositive(v.total) && Number.isInteger(v.total) && (v.index as number) < (v.total as number) && isAeCellResult(v.cell);
}

export function isAutoencodersArtifact(v: unknown): v is AutoencodersArtifact {
  if (!isObject(v) || v.kind !== 'autoencoders' || typeof v.title !== 'string') return false;
  const dataset = (x: unknown): boolean => AE_DATASETS.has(x as string);
  return (
    Array.isArray(v.datasets) &&
    v.datasets.every((d) => isObject(d) && dataset(d.dataset) && typeof d.name === 'string' && ['inputDim', 'epochs', 'batchSize', 'repeats'].every((k) => isPositive(d[k])) && ['train', 'val', 'test'].every((k) => isCount(d[k])) && isNum(d.learningRate)) &&
    Array.isArray(v.ks) && v.ks.every((k) => isPositive(k) && Number.isInteger(k)) &&
    Array.isArray(v.cells) && v.cells.every(isAeCellResult) &&
    Array.isArray(v.pca) && v.pca.every((r) => isObject(r) && dataset(r.dataset) && isPositive(r.k) && ['pcaResidual', 'aeLoss', 'meanDeg', 'maxDeg', 'pcaProbeAccuracy'].every((k) => isNum(r[k])) && isOptional(r.exactResidual, isNum)) &&
    Array.isArray(v.spectra) && v.spectra.every((s) => isObject(s) && dataset(s.dataset) && isNumbers(s.eigenvalues)) &&
    isNum(v.wallMs) && isCount(v.workers)
  );
}

export type AeArtifact = AeCellArtifact | AutoencodersArtifact;

export function isAeArtifact(v: unknown): v is AeArtifact {
  return isAeCellArtifact(v) || isAutoencodersArtifact(v);
}

export type PanelArtifact = ScalingRunArtifact | KernelAttentionArtifact | AeArtifact;

export function isPanelArtifact(v: unknown): v is PanelArtifact {
  return isScalingRunArtifact(v) || isKernelAttentionArtifact(v) || isAeArtifact(v);
}
