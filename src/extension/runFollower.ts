// A view that follows its problem's runs (a run panel or a side view): the RunController tells it
// when an experiment run starts, how far it got, and how it ended.
import type * as vscode from 'vscode';
import type { PanelRunEnd } from '../core/problemUi';

/** Identifies one run, so the judge's additions reach only the artifacts of the run they complete. */
export type RunToken = object;

export interface RunFollower {
  /** `document`: the student's file as the run read it (absent when the reference ran). */
  runStarted(run: RunToken, document: vscode.TextDocument | undefined): void;
  runProgress(fraction: number, detail: string | undefined): void;
  /** The run ended (and no newer run of the problem replaced it). */
  runEnded(end: PanelRunEnd): void;
}
