// A problem 2 run's Monte-Carlo moments (and its saturation rows) as CSV, for the panel's export.
// The closed-form columns are empty unless closedFormsShown allows them (they state 2a–2c).
import type { ScalingRunArtifact } from '../artifact';
import { closedFormsShown } from '../closedFormsShown';
import { closedMean, closedVariance } from '../stats';

export const SCALING_MOMENTS_CSV_HEADER = [
  'd',
  'mu',
  'sigma',
  'samples',
  'mean',
  'variance',
  'scaled_mean',
  'scaled_variance',
  'closed_mean',
  'closed_variance',
] as const;

/** Full precision (shortest round-trip form), `\n` line ends, a trailing newline. */
export function scalingMomentsCsv(
  run: Pick<ScalingRunArtifact, 'moments' | 'answers' | 'answersRevealed' | 'histogram' | 'mu' | 'sigma'>,
): string {
  const shown = closedFormsShown(run, { d: run.histogram.d, mu: run.mu, sigma: run.sigma });
  const rows: string[] = [SCALING_MOMENTS_CSV_HEADER.join(',')];
  for (const m of run.moments)
    rows.push(
      [
        m.d,
        m.mu,
        m.sigma,
        m.samples,
        m.mean,
        m.variance,
        m.scaledMean,
        m.scaledVariance,
        shown ? closedMean(m.d, m.mu) : '',
        shown ? closedVariance(m.d, m.mu, m.sigma) : '',
      ]
        .map(String)
        .join(','),
    );
  return rows.join('\n') + '\n';
}

export const SATURATION_CSV_HEADER = [
  'd',
  'keys',
  'unscaled_max_weight',
  'unscaled_grad_norm',
  'scaled_max_weight',
  'scaled_grad_norm',
] as const;

export function saturationCsv(run: Pick<ScalingRunArtifact, 'saturation'>): string {
  const rows: string[] = [SATURATION_CSV_HEADER.join(',')];
  for (const r of run.saturation)
    rows.push(
      [r.d, r.keys, r.unscaled.maxWeight, r.unscaled.gradNorm, r.scaled.maxWeight, r.scaled.gradNorm]
        .map(String)
        .join(','),
    );
  return rows.join('\n') + '\n';
}
