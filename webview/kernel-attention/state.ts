// What the kernel attention panel remembers across reloads (vscode.setState), read back safely.
import type { KernelAttentionArtifact } from '../../src/core/problems/kernel-attention/artifact';
import { isKernelAttentionArtifact } from '../../src/core/problems/kernel-attention/artifactValidate';

export const SORT_KEYS = ['implementation', 'form', 'D', 'N', 'ms', 'bytes'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface KernelPanelState {
  run?: KernelAttentionArtifact;
  sort: { key: SortKey; descending: boolean };
}

export function initialState(): KernelPanelState {
  return { sort: { key: 'N', descending: false } };
}

export function restoreState(stored: Partial<KernelPanelState> | undefined): KernelPanelState {
  const base = initialState();
  if (!stored) return base;
  const sort = stored.sort as { key?: unknown; descending?: unknown } | undefined;
  return {
    run: isKernelAttentionArtifact(stored.run) ? stored.run : undefined,
    sort: SORT_KEYS.includes(sort?.key as SortKey)
      ? { key: sort!.key as SortKey, descending: sort!.descending === true }
      : base.sort,
  };
}

/** Identifies a run cheaply (a reloaded panel gets its run again from the extension: keep its sort then). */
export function runKey(run: KernelAttentionArtifact): string {
  return [run.title, run.equivalence.maxAbsDiff, run.sweep.length, run.sweep.at(-1)?.ms].join('|');
}
