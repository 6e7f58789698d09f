// The hint ladder of failed checks: each "Show hint" on a diagnostic gives the next level of its
// finding's hints (Finding.hints), the first saying least; after the last it starts over. Kept per
// file and check, so a new run with the same failure goes on where the student stopped.

export interface HintStep {
  /** 1-based level shown now, of `of`. */
  level: number;
  of: number;
  text: string;
  /** A further level exists. */
  more: boolean;
}

export class HintLadder {
  private readonly shown = new Map<string, number>();

  /** The next level of `hints` for the diagnostic `key` (file and check code). */
  next(key: string, hints: readonly string[]): HintStep | undefined {
    if (hints.length === 0) return undefined;
    const index = (this.shown.get(key) ?? 0) % hints.length;
    this.shown.set(key, index + 1);
    return { level: index + 1, of: hints.length, text: hints[index]!, more: index + 1 < hints.length };
  }
}
