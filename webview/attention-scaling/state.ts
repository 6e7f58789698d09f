// What the √d scaling panel remembers across reloads (vscode.setState), read back safely: a stored
// state from an older version, or a damaged one, must never break the panel.
import type { ScalingRunArtifact } from '../../src/core/problems/attention-scaling/artifact';
import { isScalingRunArtifact } from '../../src/core/problems/attention-scaling/artifactValidate';

/** The d slider's stops: roughly log-spaced, every power of two among them. */
export const D_STEPS: readonly number[] = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512];
export const SAMPLE_STEPS: readonly number[] = [100, 200, 500, 1000, 2000, 5000, 10000];
export const MU_RANGE = { min: -2, max: 2, step: 0.05 } as const;
export const SIGMA_RANGE = { min: 0.1, max: 3, step: 0.05 } as const;

export interface LiveParams {
  d: number;
  mu: number;
  sigma: number;
  samples: number;
}

export interface ScalingPanelState extends LiveParams {
  run?: ScalingRunArtifact;
}

export function initialState(): ScalingPanelState {
  return { d: 64, mu: 0, sigma: 1, samples: 2000 };
}

const inRange = (v: unknown, r: { min: number; max: number }): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= r.min && v <= r.max;

export function restoreState(stored: Partial<ScalingPanelState> | undefined): ScalingPanelState {
  const base = initialState();
  if (!stored) return base;
  return {
    run: isScalingRunArtifact(stored.run) ? stored.run : undefined,
    d: D_STEPS.includes(stored.d as number) ? (stored.d as number) : base.d,
    mu: inRange(stored.mu, MU_RANGE) ? stored.mu : base.mu,
    sigma: inRange(stored.sigma, SIGMA_RANGE) ? stored.sigma : base.sigma,
    samples: SAMPLE_STEPS.includes(stored.samples as number) ? (stored.samples as number) : base.samples,
  };
}

/** Identifies a run cheaply (a reloaded panel gets its run again from the extension). */
export function runKey(run: ScalingRunArtifact): string {
  return [
    run.title,
    run.mu,
    run.sigma,
    run.samples,
    run.moments.length,
    run.moments.at(-1)?.variance,
    run.answers.map((a) => a.text).join('|'),
  ].join('|');
}
