// Is a value a problem 2 or 3 run artifact a panel can draw? The webviews check every artifact they
// receive (and what they restore from setState) with these before touching it; the extension checks
// what it forwards. A malformed artifact is ignored, not drawn.
import type { ScalingRunArtifact } from '../problems/attention-scaling/artifact';
import type { KernelAttentionArtifact } from '../problems/kernel-attention/artifact';

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

export function isKernelAttentionArtifact(v: unknown): v is KernelAttentionArtifact {
  if (!isObject(v) || v.kind !== 'kernel-attention' || typeof v.title !== 'string') return false;
  const e = v.equivalence;
  const f = v.featureSize;
  const form = (x: unknown): boolean => x === 'softmax' || x === 'linear';
  const impl = (x: unknown): boolean => x === 'student' || x === 'reference';
  return (
    isObject(e) && ['N', 'D', 'M'].every((k) => isPositive(e[k])) && ['maxAbsDiff', 'tolerance'].every((k) => isNum(e[k])) && typeof e.ok === 'boolean' &&
    isObject(f) && isPositive(f.D) && isFiniteNumber(f.actual) && Array.isArray(f.accepted) && f.accepted.every(isFiniteNumber) &&
    Array.isArray(v.sweep) && v.sweep.every((p) => isObject(p) && impl(p.implementation) && form(p.form) && ['N', 'D', 'M'].every((k) => isPositive(p[k])) && ['ms', 'bytes'].every((k) => isNum(p[k]))) &&
    Array.isArray(v.fits) && v.fits.every((x) => isObject(x) && impl(x.implementation) && form(x.form) && (x.cost === 'ms' || x.cost === 'bytes') && isPositive(x.D) && isNum(x.exponent) && isPositive(x.nFrom) && isPositive(x.nTo)) &&
    Array.isArray(v.crossovers) && v.crossovers.every((c) => isObject(c) && impl(c.implementation) && isPositive(c.D) && isNum(c.measuredN) && isNum(c.flopModelN)) &&
    Array.isArray(v.flopModel) && v.flopModel.every((m) => isObject(m) && ['N', 'D', 'M', 'softmax', 'linear'].every((k) => isNum(m[k])))
  );
}

export type PanelArtifact = ScalingRunArtifact | KernelAttentionArtifact;

export function isPanelArtifact(v: unknown): v is PanelArtifact {
  return isScalingRunArtifact(v) || isKernelAttentionArtifact(v);
}
