// What a panel or side view is told of its problem's latest run, as pure steps (no vscode): the
// RunController's start, progress and end become one RunStatusView, kept for the view's snapshot
// and posted as `runStatus`. Progress is passed on only when it moves a whole percent or says
// something new, so a chatty run does not flood the webview.
import type { PanelRunEnd } from '../../core/problemUi';
import type { RunStatusView } from '../../core/protocol';

export function statusStarted(run: number): RunStatusView {
  return { state: 'running', run };
}

/** The status after a progress event, or undefined when the view would show nothing new. */
export function statusProgress(
  status: RunStatusView | undefined,
  fraction: number,
  detail: string | undefined,
): RunStatusView | undefined {
  if (status?.state !== 'running') return undefined;
  const f = Math.max(0, Math.min(1, fraction));
  const samePercent = status.fraction !== undefined && Math.floor(status.fraction * 100) === Math.floor(f * 100);
  if (samePercent && (detail === undefined || detail === status.detail)) return undefined;
  return { ...status, fraction: f, ...(detail !== undefined ? { detail } : {}) };
}

export function statusEnded(status: RunStatusView | undefined, end: PanelRunEnd): RunStatusView {
  const run = status?.run !== undefined ? { run: status.run } : {};
  const stale = status?.stale ? { stale: true } : {};
  if (end.state === 'done')
    return { state: 'done', ...run, ...stale, ...(end.failedChecks ? { failedChecks: end.failedChecks } : {}) };
  return { state: end.state, message: end.message, ...run, ...stale };
}

/** The status with the student's file marked as changed (or not) since the run read it; undefined when nothing changes. */
export function statusStale(status: RunStatusView | undefined, stale: boolean): RunStatusView | undefined {
  if (!status || (status.stale ?? false) === stale) return undefined;
  const next = { ...status };
  if (stale) next.stale = true;
  else delete next.stale;
  return next;
}
