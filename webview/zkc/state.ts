// What the ZKC panel remembers across reloads (vscode.setState), read back safely: a stored state
// from an older version, or a damaged one, must never break the panel.
import type { MaskMode, ZkcRunArtifact } from '../../src/core/problems/zkc/artifact';
import { isZkcRunArtifact } from '../../src/core/problems/zkc/artifactValidate';

export const MASK_MODES: readonly MaskMode[] = ['all-nodes', 'train-only'];

export interface ZkcPanelState {
  run?: ZkcRunArtifact;
  mode: MaskMode;
  /** The embedding frame shown, per mask mode (undefined: the last frame). */
  frames: Partial<Record<MaskMode, number>>;
}

export function initialState(): ZkcPanelState {
  return { mode: 'all-nodes', frames: {} };
}

export function restoreState(stored: Partial<ZkcPanelState> | undefined): ZkcPanelState {
  const base = initialState();
  if (!stored) return base;
  const frames: Partial<Record<MaskMode, number>> = {};
  for (const mode of MASK_MODES) {
    const f = (stored.frames as Record<string, unknown> | undefined)?.[mode];
    if (Number.isInteger(f) && (f as number) >= 0) frames[mode] = f as number;
  }
  return {
    run: isZkcRunArtifact(stored.run) ? stored.run : undefined,
    mode: MASK_MODES.includes(stored.mode as MaskMode) ? (stored.mode as MaskMode) : base.mode,
    frames,
  };
}

/** Identifies a run cheaply (a reloaded panel gets its run again from the extension: keep its frames then). */
export function runKey(run: ZkcRunArtifact): string {
  return [
    run.title,
    ...run.series.map((s) => `${s.maskMode}:${s.epochs.length}:${s.trainLoss.at(-1)}:${s.testLoss.at(-1)}`),
  ].join('|');
}
