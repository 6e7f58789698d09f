// Is a value a problem 2 run its panel can draw? The webview checks every artifact it receives (and
// what it restores from setState) before touching it: a malformed one is ignored, not drawn.
import { isFiniteNumber, isNum, isNumbers, isObject, isPositive } from '../../viz/validateParts';
import type { ScalingRunArtifact } from './artifact';

export function isScalingRunArtifact(v: unknown): v is ScalingRunArtifact {
  if (!isObject(v) || v.kind !== 'attention-scaling' || typeof v.title !== 'string') return false;
  if (!isFiniteNumber(v.mu) || !isFiniteNumber(v.sigma) || !isPositive(v.samples)) return false;
  const momentsOk =
    Array.isArray(v.moments) &&
    v.moments.every(
      (m) =>
        isObject(m) &&
        isPositive(m.d) &&
        ['mean', 'variance', 'scaledMean', 'scaledVariance'].every((k) => isNum(m[k])),
    );
  const saturationOk =
    Array.isArray(v.saturation) &&
    v.saturation.every(
      (r) =>
        isObject(r) &&
        isPositive(r.d) &&
        isPositive(r.keys) &&
        ['unscaled', 'scaled'].every(
          (k) =>
            isObject(r[k]) &&
            isNum((r[k] as Record<string, unknown>).maxWeight) &&
            isNum((r[k] as Record<string, unknown>).gradNorm),
        ),
    );
  const h = v.histogram;
  const histogramOk = isObject(h) && isPositive(h.d) && isNumbers(h.raw) && isNumbers(h.scaled);
  const answersOk =
    Array.isArray(v.answers) &&
    v.answers.every(
      (a) =>
        isObject(a) &&
        ['2a', '2b', '2c'].includes(a.id as string) &&
        typeof a.text === 'string' &&
        Number.isInteger(a.line),
    );
  const revealedOk = v.answersRevealed === undefined || typeof v.answersRevealed === 'boolean';
  return momentsOk && saturationOk && histogramOk && answersOk && revealedOk;
}
