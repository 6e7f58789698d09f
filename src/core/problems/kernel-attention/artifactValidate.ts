// Is a value a problem 3 run (or the judge's reference sweep) its panel can draw? The webview checks
// every artifact it receives before touching it: a malformed one is ignored, not drawn.
import { isFiniteNumber, isNum, isObject, isPositive } from '../../viz/validateParts';
import type { KernelAttentionArtifact, KernelReferenceSweepArtifact } from './artifact';

const isForm = (x: unknown): boolean => x === 'softmax' || x === 'linear';
const isImplementation = (x: unknown): boolean => x === 'student' || x === 'reference';
const isSweep = (v: unknown): boolean =>
  Array.isArray(v) &&
  v.every(
    (p) =>
      isObject(p) &&
      isImplementation(p.implementation) &&
      isForm(p.form) &&
      ['N', 'D', 'M'].every((k) => isPositive(p[k])) &&
      ['ms', 'bytes'].every((k) => isNum(p[k])),
  );
const isFits = (v: unknown): boolean =>
  Array.isArray(v) &&
  v.every(
    (x) =>
      isObject(x) &&
      isImplementation(x.implementation) &&
      isForm(x.form) &&
      (x.cost === 'ms' || x.cost === 'bytes') &&
      isPositive(x.D) &&
      isNum(x.exponent) &&
      isPositive(x.nFrom) &&
      isPositive(x.nTo) &&
      (x.unmeasurable === undefined || typeof x.unmeasurable === 'string'),
  );
const isCrossovers = (v: unknown): boolean =>
  Array.isArray(v) &&
  v.every(
    (c) =>
      isObject(c) && isImplementation(c.implementation) && isPositive(c.D) && isNum(c.measuredN) && isNum(c.flopModelN),
  );

export function isKernelAttentionArtifact(v: unknown): v is KernelAttentionArtifact {
  if (!isObject(v) || v.kind !== 'kernel-attention' || typeof v.title !== 'string') return false;
  const e = v.equivalence;
  const f = v.featureSize;
  return (
    isObject(e) &&
    ['N', 'D', 'M'].every((k) => isPositive(e[k])) &&
    ['maxAbsDiff', 'tolerance'].every((k) => isNum(e[k])) &&
    typeof e.ok === 'boolean' &&
    isObject(f) &&
    isPositive(f.D) &&
    isFiniteNumber(f.actual) &&
    Array.isArray(f.accepted) &&
    f.accepted.every(isFiniteNumber) &&
    isSweep(v.sweep) &&
    isFits(v.fits) &&
    isCrossovers(v.crossovers) &&
    Array.isArray(v.flopModel) &&
    v.flopModel.every((m) => isObject(m) && ['N', 'D', 'M', 'softmax', 'linear'].every((k) => isNum(m[k])))
  );
}

/** The judge's sweep of the lab's reference beside a problem 3 run (every entry the reference's). */
export function isKernelReferenceSweepArtifact(v: unknown): v is KernelReferenceSweepArtifact {
  if (!isObject(v) || v.kind !== 'kernel-reference-sweep' || typeof v.title !== 'string') return false;
  const reference = (xs: unknown): boolean =>
    Array.isArray(xs) && xs.every((x) => isObject(x) && x.implementation === 'reference');
  return (
    isSweep(v.sweep) &&
    isFits(v.fits) &&
    isCrossovers(v.crossovers) &&
    reference(v.sweep) &&
    reference(v.fits) &&
    reference(v.crossovers)
  );
}
